import { describe, expect, it, vi } from "vitest";
import { readStackFile } from "../stacks/stack-file.js";
import { runUnderMocks } from "../plan/mock-run.js";

/** Runs stacks/index.ts (Pulumi.yaml's main) as Pulumi would, with `config`. */
async function runProgram(config: Record<string, string>) {
  vi.resetModules();
  return runUnderMocks(async () => (await import("../stacks/index.js")).tenants, config, "program");
}

describe("the Pulumi program (Pulumi.yaml main) under mocks", () => {
  it("builds the aws-demo stack from its stack file and exports each tenant's outputs", async () => {
    const run = await runProgram(await readStackFile("aws-demo"));
    expect(Object.keys(run.outputs as object)).toEqual(["acme", "globex", "initech"]);
    expect(run.resources.filter((r) => r.type === "aws:ec2/instance:Instance")).toHaveLength(6);
  });

  it("builds the alicloud-demo stack from its stack file", async () => {
    const run = await runProgram(await readStackFile("alicloud-demo"));
    expect(Object.keys(run.outputs as object)).toEqual(["acme", "globex", "initech"]);
    expect(run.resources.filter((r) => r.type === "alicloud:ecs/instance:Instance")).toHaveLength(6);
  });

  it("builds the kubernetes-demo stack from its stack file, a namespace per tenant", async () => {
    const run = await runProgram(await readStackFile("kubernetes-demo"));
    expect(Object.keys(run.outputs as object)).toEqual(["acme", "globex", "initech"]);
    expect(run.resources.filter((r) => r.type === "kubernetes:core/v1:Namespace").map((r) => (r.inputs.metadata as { name: string }).name)).toEqual([
      "tenant-acme",
      "tenant-globex",
      "tenant-initech",
    ]);
  });

  it("builds the huaweicloud-demo stack from its stack file", async () => {
    const run = await runProgram(await readStackFile("huaweicloud-demo"));
    expect(Object.keys(run.outputs as object)).toEqual(["acme", "globex", "initech"]);
    expect(run.resources.filter((r) => r.type === "huaweicloud:Ecs/instance:Instance")).toHaveLength(6);
  });

  it("names the provider's region when the huaweicloud stack lacks it", async () => {
    const file = await readStackFile("huaweicloud-demo");
    delete file["huaweicloud:region"];
    await expect(runProgram(file)).rejects.toThrow("invalid stack configuration:\nhuaweicloud:region: is required: the region the provider works in (e.g. cn-north-4)");
  });

  it("fails on bad tenants with every problem, before registering anything", async () => {
    const run = runProgram({ "tenantry:cloud": "aws", "tenantry:tenants": "test/fixtures/fleets/overlap" });
    await expect(run).rejects.toThrow(
      "invalid tenant manifests in test/fixtures/fleets/overlap:\n" +
        "test/fixtures/fleets/overlap/beta.yaml: network.cidr: overlaps 10.30.0.0/20 of test/fixtures/fleets/overlap/alpha.yaml",
    );
  });

  it("fails on bad stack configuration, naming every key", async () => {
    await expect(runProgram({ "tenantry:cloud": "gcp" })).rejects.toThrow('tenantry:cloud: must be one of aws, alicloud, huaweicloud, kubernetes (got "gcp")');
    const aws = { images: { "anyshare-cloud": "ubuntu" }, adminCidrs: ["0.0.0.0/0"] };
    const run = runProgram({ "tenantry:cloud": "aws", "tenantry:aws": JSON.stringify(aws) });
    await expect(run).rejects.toThrow(
      [
        "invalid stack configuration:",
        'tenantry:aws.images.anyshare-cloud: must be an AMI id (ami-...) or ssm:/<parameter path> (got "ubuntu")',
        'tenantry:aws.adminCidrs[0]: must not open SSH to the whole internet: name the networks that need it (got "0.0.0.0/0")',
      ].join("\n"),
    );
  });

  it("says what the fleet needs that the configuration lacks", async () => {
    const run = runProgram({ "tenantry:cloud": "aws", "tenantry:aws": JSON.stringify({ images: {} }) });
    await expect(run).rejects.toThrow(
      [
        "invalid stack configuration:",
        "tenantry:aws.images.anyshare-cloud: is required: a tenant runs this product (an AMI id or ssm:/<parameter>)",
        "tenantry:aws.images.anybackup-cloud: is required: a tenant runs this product (an AMI id or ssm:/<parameter>)",
        "tenantry:aws.images.ops-server: is required: a tenant runs this product (an AMI id or ssm:/<parameter>)",
        "tenantry:aws.mysqlEngineVersion: is required: a tenant runs AnyShare (e.g. 8.0; the documented MySQL 5.6 is no longer sold)",
        "tenantry:aws.noncurrentVersionExpirationDays: is required: a tenant runs AnyBackup (days to keep replaced backup object versions)",
      ].join("\n"),
    );
  });

  it("validates the cloud's configuration against blueprints that carry its service parameters (dnsDomain names the Kubernetes hosts)", async () => {
    const file = await readStackFile("kubernetes-demo");
    const k8s = JSON.parse(file["tenantry:kubernetes"]!) as { ingress: Record<string, unknown>; dnsDomain?: string };
    // dnsDomain gives every entry point its DNS name, so the ingress needs no host template.
    expect(k8s.dnsDomain).toBe("tenants.example.com");
    expect(k8s.ingress.hostTemplate).toBeUndefined();
    const run = await runProgram(file);
    const hosts = run.resources.filter((r) => r.type === "kubernetes:networking.k8s.io/v1:Ingress").flatMap((r) => (r.inputs.spec as { rules: { host: string }[] }).rules.map((rule) => rule.host));
    expect(hosts).toContain("share-acme.tenants.example.com");
    // Without it, the template is required, and the check that says so sees the same blueprints.
    delete k8s.dnsDomain;
    await expect(runProgram({ ...file, "tenantry:kubernetes": JSON.stringify(k8s) })).rejects.toThrow(
      "tenantry:kubernetes.ingress.hostTemplate: is required without dnsDomain: the host name of each tenant's product, e.g. {product}.{tenant}.apps.example.com",
    );
    k8s.ingress.hostTemplate = "{product}.{tenant}.apps.example.com";
    const templated = await runProgram({ ...file, "tenantry:kubernetes": JSON.stringify(k8s) });
    expect(templated.resources.filter((r) => r.type === "kubernetes:networking.k8s.io/v1:Ingress").flatMap((r) => (r.inputs.spec as { rules: { host: string }[] }).rules.map((rule) => rule.host))).toContain(
      "anyshare-cloud.acme.apps.example.com",
    );
  });
});
