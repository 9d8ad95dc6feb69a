/**
 * The `tenantry-deployments` Pulumi project: Pulumi Cloud Deployments for every stack of a fleet
 * (fleet/deployments.ts). Run it with the pulumiservice provider and a Pulumi Cloud token:
 * `cd deployments && pulumi up`. `tenantry fleet deployments` shows the same resources offline.
 */
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import * as pulumi from "@pulumi/pulumi";
import { fleetDeployments } from "../fleet/deployments.js";
import { planUnits } from "../fleet/load-units.js";
import { DEFAULT_TENANTS_DIR } from "../stacks/config.js";
import { readStackFile, STACK_CONFIG_DIR } from "../stacks/stack-file.js";

const root = fileURLToPath(new URL("..", import.meta.url));
const config = new pulumi.Config();
const base = config.require("stack");
const org = config.require("org");
const github = config.get("githubRepository");
const awsRoleArn = config.get("awsRoleArn");
const units = await planUnits({ stack: base, org }, root);
const settings = fleetDeployments(units, {
  org,
  repo: config.require("repo"),
  branch: config.get("branch") ?? "main",
  createStacks: config.getBoolean("createStacks") ?? true,
  tenantsDir: (await readStackFile(base, join(root, STACK_CONFIG_DIR)))["tenantry:tenants"] ?? DEFAULT_TENANTS_DIR,
  ...(github ? { github: { repository: github } } : {}),
  ...(awsRoleArn ? { awsRoleArn } : {}),
});

/** The stacks that deploy from the repository. */
export const stacks = Object.keys(settings);
