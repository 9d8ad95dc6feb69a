/**
 * Pulumi Cloud Deployments for a fleet (`@pulumi/pulumiservice`): per stack of fleet/units.ts, the
 * stack itself (optional) and its DeploymentSettings, so that a push to the branch runs `pulumi up`
 * remotely, only for the stacks whose files changed (a tenant's manifest and stack file, or the
 * program), and pull requests get previews. Each stack's configuration is its stack file in the
 * repository (fleet/stack-files.ts). Options are validated before anything is registered.
 */
import * as pulumi from "@pulumi/pulumi";
import * as pulumiservice from "@pulumi/pulumiservice";
import { z } from "zod";
import { validated } from "../components/core/index.js";
import { STACK_CONFIG_DIR } from "../stacks/stack-file.js";
import { shortName, type FleetUnit } from "./units.js";

export const deploymentOptionsSchema = z.strictObject({
  org: z.string().regex(/^[A-Za-z0-9_.-]+$/, { error: "must be a Pulumi Cloud organization name" }),
  /** The git repository holding this project. */
  repo: z.url({ error: "must be a git URL (https://...)" }),
  branch: z.string().min(1).default("main"),
  repoDir: z.string().optional(),
  /** With Pulumi's GitHub app: deploy on push and preview pull requests, filtered by each stack's paths. */
  github: z.strictObject({ repository: z.string().regex(/^[\w.-]+\/[\w.-]+$/, { error: "must be owner/name" }), previewPullRequests: z.boolean().default(true) }).optional(),
  /** AWS credentials by OIDC: the role Pulumi Deployments assumes. */
  awsRoleArn: z.string().regex(/^arn:aws[\w-]*:iam::\d{12}:role\/.+$/, { error: "must be an IAM role ARN" }).optional(),
  /** Create each stack in Pulumi Cloud (off when `tenantry fleet up` or `pulumi stack init` already did). */
  createStacks: z.boolean().default(true),
  /** The directory of tenant manifests (for each tenant stack's paths). */
  tenantsDir: z.string().min(1),
});

export type DeploymentOptions = z.input<typeof deploymentOptionsSchema>;

/** Files whose change affects every stack: the program, its dependencies, the project. */
export const PROGRAM_PATHS = ["Pulumi.yaml", "package.json", "package-lock.json", "components/**", "stacks/*.ts", "policies/**"];

/** The paths whose change deploys `unit`: the program, its stack file, its tenants' manifests. */
export function deploymentPaths(unit: FleetUnit, tenantsDir: string): string[] {
  return [...PROGRAM_PATHS, `${STACK_CONFIG_DIR}/Pulumi.${shortName(unit.stack)}.yaml`, ...unit.tenants.flatMap((id) => [`${tenantsDir}/${id}.yaml`, `${tenantsDir}/${id}.yml`])];
}

/** Registers each stack's deployment settings; returns them by stack name. */
export function fleetDeployments(units: readonly FleetUnit[], options: DeploymentOptions): Record<string, pulumiservice.DeploymentSettings> {
  const o = validated(deploymentOptionsSchema, options, "deployment options", "");
  return Object.fromEntries(
    units.map((u) => {
      const name = shortName(u.stack);
      const stack = o.createStacks ? new pulumiservice.Stack(`${name}-stack`, { organizationName: o.org, projectName: "tenantry", stackName: name }) : undefined;
      const settings = new pulumiservice.DeploymentSettings(
        `${name}-deployments`,
        {
          organization: o.org,
          project: "tenantry",
          stack: stack ? stack.stackName : name,
          sourceContext: { git: { repoUrl: o.repo, branch: o.branch.startsWith("refs/") ? o.branch : `refs/heads/${o.branch}`, ...(o.repoDir ? { repoDir: o.repoDir } : {}) } },
          ...(o.github
            ? { github: { repository: o.github.repository, deployCommits: true, previewPullRequests: o.github.previewPullRequests, paths: deploymentPaths(u, o.tenantsDir) } }
            : {}),
          operationContext: {
            ...(o.awsRoleArn ? { oidc: { aws: { roleARN: o.awsRoleArn, sessionName: `tenantry-${name}`.slice(0, 64) } } } : {}),
            options: { skipIntermediateDeployments: true },
          },
        },
        stack ? { dependsOn: [stack] as pulumi.Resource[] } : {},
      );
      return [name, settings];
    }),
  );
}
