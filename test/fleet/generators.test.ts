/**
 * What runs a fleet elsewhere, generated for the demo fleet: the Pulumi Kubernetes Operator's Stack
 * resources (checked against the operator's CRD schema), Pulumi Cloud Deployment settings (planned
 * with the pulumiservice SDK under mocks) and the stack files they read.
 */
import { describe, expect, it } from "vitest";
import { parse, parseAllDocuments } from "yaml";
import { fleetDeployments } from "../../fleet/deployments.js";
import { planUnits } from "../../fleet/load-units.js";
import { operatorSchemaProblems, operatorStacks, operatorYaml, type OperatorStack } from "../../fleet/operator.js";
import { stackFiles } from "../../fleet/stack-files.js";
import { runUnderMocks } from "../../plan/mock-run.js";
import { plainValue } from "../../policies/harness.js";

const units = await planUnits({ stack: "aws-demo", org: "my-org" });
const repo = "https://github.com/example/fleet.git";

describe("Pulumi Kubernetes Operator Stack resources", () => {
  const stacks = operatorStacks(units, {
    org: "my-org",
    repo,
    env: { AWS_ACCESS_KEY_ID: { name: "aws-creds", key: "id" } },
    secrets: { "tenantry:webhookToken": { name: "tenantry-secrets", key: "webhook" } },
  });

  it("makes one per stack, each valid against the operator's schema", () => {
    expect(stacks.map((s) => s.metadata.name)).toEqual(["aws-demo-fleet", "aws-demo-acme", "aws-demo-globex", "aws-demo-initech"]);
    for (const s of stacks) expect(operatorSchemaProblems(s), s.metadata.name).toEqual([]);
    // What `kubectl apply` reads back is the same.
    expect(parseAllDocuments(operatorYaml(stacks)).map((d) => d.toJS())).toEqual(JSON.parse(JSON.stringify(stacks)));
  });

  it("gives a tenant stack its Pulumi stack, git source, config, secret references and the fleet stack as prerequisite", () => {
    const acme = stacks[1]!;
    expect(acme.metadata.labels).toEqual({ "app.kubernetes.io/managed-by": "tenantry", "tenantry.io/role": "tenants", "tenantry.io/tenant": "acme" });
    expect(acme.spec).toMatchObject({
      stack: "my-org/tenantry/aws-demo-acme",
      projectRepo: repo,
      branch: "main",
      refresh: true,
      destroyOnFinalize: false,
      prerequisites: [{ name: "aws-demo-fleet" }],
      envRefs: {
        PULUMI_ACCESS_TOKEN: { type: "Secret", secret: { name: "pulumi-api-secret", key: "accessToken" } },
        AWS_ACCESS_KEY_ID: { type: "Secret", secret: { name: "aws-creds", key: "id" } },
      },
      secretsRef: { "tenantry:webhookToken": { type: "Secret", secret: { name: "tenantry-secrets", key: "webhook" } } },
    });
    const config = acme.spec.config as Record<string, unknown>;
    expect(config).toMatchObject({ "tenantry:role": "tenants", "tenantry:select": "acme", "tenantry:fleetStack": "my-org/tenantry/aws-demo-fleet", "tenantry:scope": "aws-demo" });
    // Structured values stay structured, as in the stack file.
    expect((config["tenantry:aws"] as { adminCidrs: string[] }).adminCidrs).toEqual(["198.51.100.0/24"]);
    expect(stacks[0]!.spec.prerequisites).toBeUndefined();
  });

  it("the schema refuses what the operator would not take (or would silently drop)", () => {
    const acme = stacks[1]!;
    const broken = { ...acme, spec: { ...acme.spec, projectrepo: repo, refresh: "yes", envRefs: { X: { secret: { name: "s", key: "k" } } } } } as OperatorStack;
    expect(operatorSchemaProblems(broken)).toEqual([
      "/spec: must NOT have additional properties (projectrepo)",
      "/spec/envRefs/X: must have required property 'type'",
      "/spec/refresh: must be boolean",
    ]);
    expect(() => operatorStacks(units, { org: "my org", repo: "github.com/x" })).toThrow(
      ['invalid operator options:', 'org: must be an organization name (got "my org")', 'repo: must be a git URL (https://...) (got "github.com/x")'].join("\n"),
    );
  });
});

describe("Pulumi Cloud Deployment settings", () => {
  it("plans a stack and its deployment settings per stack with the pulumiservice SDK", async () => {
    const run = await runUnderMocks(
      () => fleetDeployments(units, { org: "my-org", repo, tenantsDir: "stacks/tenants", github: { repository: "example/fleet" }, awsRoleArn: "arn:aws:iam::123456789012:role/deploy" }),
      {},
      "deployments",
    );
    expect(run.resources.map((r) => `${r.type} ${r.name}`)).toEqual(
      ["fleet", "acme", "globex", "initech"].flatMap((s) => [`pulumiservice:index:Stack aws-demo-${s}-stack`, `pulumiservice:index:DeploymentSettings aws-demo-${s}-deployments`]),
    );
    const acme = run.resources.find((r) => r.name === "aws-demo-acme-deployments")!;
    expect(plainValue(acme.inputs)).toMatchObject({
      organization: "my-org",
      project: "tenantry",
      stack: "aws-demo-acme",
      sourceContext: { git: { repoUrl: repo, branch: "refs/heads/main" } },
      github: { repository: "example/fleet", deployCommits: true, previewPullRequests: true },
      operationContext: { oidc: { aws: { roleARN: "arn:aws:iam::123456789012:role/deploy", sessionName: "tenantry-aws-demo-acme" } } },
    });
    // A push deploys only the stacks whose files changed: acme's manifest deploys acme alone.
    const paths = (acme.inputs.github as { paths: string[] }).paths;
    expect(paths).toContain("stacks/tenants/acme.yaml");
    expect(paths).toContain("stacks/Pulumi.aws-demo-acme.yaml");
    expect(paths.some((p) => p.includes("globex"))).toBe(false);
    expect(acme.dependencies).toContain(run.resources.find((r) => r.name === "aws-demo-acme-stack")!.urn);
  });

  it("refuses bad options before registering anything", async () => {
    const run = runUnderMocks(() => fleetDeployments(units, { org: "my-org", repo, tenantsDir: "stacks/tenants", awsRoleArn: "deploy-role" }), {}, "deployments");
    await expect(run).rejects.toThrow('invalid deployment options:\nawsRoleArn: must be an IAM role ARN (got "deploy-role")');
  });
});

describe("stack files", () => {
  it("writes each stack's configuration as Pulumi reads it from the repository", () => {
    const files = stackFiles(units, "aws-demo");
    expect(Object.keys(files)).toEqual(["fleet", "acme", "globex", "initech"].map((s) => `stacks/Pulumi.aws-demo-${s}.yaml`));
    const globex = parse(files["stacks/Pulumi.aws-demo-globex.yaml"]!) as { config: Record<string, unknown> };
    expect(globex.config).toMatchObject({ "tenantry:cloud": "aws", "tenantry:role": "tenants", "tenantry:select": "globex", "aws:region": "ap-southeast-1" });
    expect((globex.config["tenantry:aws"] as { natStrategy: string }).natStrategy).toBe("single");
  });
});
