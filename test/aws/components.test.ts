/** Each AWS component on its own, as a library user would use it. */
import { describe, expect, it } from "vitest";
import { AlarmTopic, BackupStorage, Database, Host, rdsIdentifier, TenantNetwork } from "../../components/aws/index.js";
import { OPS_SERVER, planSubnets, sizeForAnyShare } from "../../components/core/index.js";
import { named, ofType } from "../helpers/stacks.js";
import { runUnderMocks } from "../../plan/mock-run.js";

const tags = { "managed-by": "tenantry", "tenantry:tenant": "solo" };
const network = { cidr: "10.50.0.0/20", zones: 2, subnets: planSubnets("10.50.0.0/20", 2) };

describe("TenantNetwork", () => {
  it.each([
    ["none", 0, 0],
    ["single", 1, 2],
    ["perZone", 2, 2],
  ] as const)("NAT strategy %s: %i NAT gateways, %i private default routes", async (natStrategy, nats, routes) => {
    const { resources } = await runUnderMocks(() => new TenantNetwork("n", { network, tags, natStrategy }));
    expect(ofType(resources, "aws:ec2/natGateway:NatGateway")).toHaveLength(nats);
    expect(ofType(resources, "aws:ec2/route:Route").filter((r) => r.name.startsWith("n-private-default"))).toHaveLength(routes);
    if (natStrategy === "single") {
      expect(named(resources, "aws:ec2/route:Route", "n-private-default-1").inputs.natGatewayId).toBe("n-nat-0-id");
    }
  });

  it("routes public and management subnets to the internet gateway, app through NAT, data nowhere", async () => {
    const { resources } = await runUnderMocks(() => new TenantNetwork("n", { network, tags }));
    const table = (subnet: string) => named(resources, "aws:ec2/routeTableAssociation:RouteTableAssociation", `n-${subnet}-rt`).inputs.routeTableId;
    expect([table("public-0"), table("management-1"), table("app-0"), table("app-1"), table("data-0")]).toEqual([
      "n-public-rt-id",
      "n-public-rt-id",
      "n-private-rt-0-id",
      "n-private-rt-1-id",
      "n-isolated-rt-id",
    ]);
    expect(ofType(resources, "aws:ec2/subnet:Subnet").map((s) => s.inputs.cidrBlock)).toEqual(network.subnets.map((s) => s.cidr));
    expect(ofType(resources, "aws:ec2/route:Route").filter((r) => r.inputs.routeTableId === "n-isolated-rt-id")).toEqual([]);
  });

  it("names rules after their sources, so reordering a list replaces nothing", async () => {
    const one = await runUnderMocks(() => new TenantNetwork("n", { network, tags, adminCidrs: ["192.0.2.0/24", "198.51.100.0/24"] }));
    const two = await runUnderMocks(() => new TenantNetwork("n", { network, tags, adminCidrs: ["198.51.100.0/24", "192.0.2.0/24"] }));
    const names = (r: typeof one) => ofType(r.resources, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule").map((x) => x.name).sort();
    expect(names(one)).toEqual(names(two));
  });

  it("rejects bad arguments before creating anything, naming each", async () => {
    const run = runUnderMocks(
      () =>
        new TenantNetwork("n", {
          network,
          tags,
          natStrategy: "two" as never,
          adminCidrs: ["0.0.0.0/0"],
          webCidrs: ["10.0.0.1/8"],
        }),
    );
    await expect(run).rejects.toThrow(
      [
        "invalid arguments of TenantNetwork n:",
        'args.natStrategy: must be one of none, single, perZone (got "two")',
        'args.webCidrs[0]: must start at its network address: 10.0.0.0/8 (host bits set) (got "10.0.0.1/8")',
        'args.adminCidrs[0]: must not open SSH to the whole internet: name the networks that need it (got "0.0.0.0/0")',
      ].join("\n"),
    );
  });
});

describe("Host", () => {
  it("adds a retained, encrypted cache disk where documented, and an Elastic IP only when asked", async () => {
    const tier = sizeForAnyShare(1000);
    const { resources } = await runUnderMocks(
      () => new Host("h", { size: tier.host, source: tier.source, subnetId: "s", securityGroupIds: ["g"], imageId: "ami-1", tags, publicIp: true }),
    );
    expect(named(resources, "aws:ec2/instance:Instance", "h-instance").inputs.instanceType).toBe("c6i.2xlarge");
    expect(named(resources, "aws:ebs/volume:Volume", "h-cache")).toMatchObject({ retainOnDelete: true, inputs: { size: 100, encrypted: true } });
    expect(named(resources, "aws:ec2/volumeAttachment:VolumeAttachment", "h-cache-attachment").inputs.deviceName).toBe("/dev/sdf");
    expect(ofType(resources, "aws:ec2/eip:Eip")).toHaveLength(1);
  });

  it("uses a given instance profile instead of creating a role", async () => {
    const { resources } = await runUnderMocks(
      () => new Host("h", { size: OPS_SERVER.host, source: OPS_SERVER.source, subnetId: "s", securityGroupIds: [], imageId: "ami-1", tags, instanceProfileName: "given" }),
    );
    expect(ofType(resources, "aws:iam/role:Role")).toEqual([]);
    expect(named(resources, "aws:ec2/instance:Instance", "h-instance").inputs.iamInstanceProfile).toBe("given");
  });

  it("rejects an impossible size", async () => {
    const run = runUnderMocks(
      () => new Host("h", { size: { ...OPS_SERVER.host, systemDiskGiB: 0 }, source: OPS_SERVER.source, subnetId: "s", securityGroupIds: [], imageId: "ami-1", tags }),
    );
    await expect(run).rejects.toThrow("invalid arguments of Host h:\nargs.size.systemDiskGiB: must be at least 1 (got 0)");
  });
});

describe("BackupStorage", () => {
  it("with SSE-S3 and a role: no key, no user, no access key", async () => {
    const { resources, outputs } = await runUnderMocks(
      () => new BackupStorage("b", { tags, noncurrentVersionExpirationDays: 7, encryption: "s3", credentials: "role" }),
    );
    expect(ofType(resources, "aws:kms/key:Key")).toEqual([]);
    expect(ofType(resources, "aws:iam/user:User")).toEqual([]);
    expect(ofType(resources, "aws:iam/accessKey:AccessKey")).toEqual([]);
    expect(named(resources, "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", "b-encryption").inputs).toMatchObject({
      rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }],
    });
    const statements = JSON.parse(named(resources, "aws:iam/policy:Policy", "b-access").inputs.policy as string).Statement as { Sid: string }[];
    expect(statements.map((s) => s.Sid)).toEqual(["Bucket", "Objects", "NeverDeleteForGood"]);
    expect(outputs.addCloudStorage.accessId).toBeUndefined();
    expect(outputs.roleArn).toBeDefined();
  });

  it("confines the access key to the given networks, and rotates it when its version rises", async () => {
    const args = { tags, noncurrentVersionExpirationDays: 7, allowedSourceCidrs: ["198.51.100.0/24"], allowedVpcEndpoints: ["vpce-0123456789abcdef0"] };
    const v1 = await runUnderMocks(() => new BackupStorage("b", args));
    const policy = JSON.parse(named(v1.resources, "aws:iam/policy:Policy", "b-access").inputs.policy as string);
    expect(policy.Statement.at(-1)).toMatchObject({
      Sid: "OnlyFromTheTenantsNetworks",
      Effect: "Deny",
      Condition: { NotIpAddress: { "aws:SourceIp": ["198.51.100.0/24"] }, StringNotEquals: { "aws:SourceVpce": ["vpce-0123456789abcdef0"] }, Bool: { "aws:ViaAWSService": "false" } },
    });
    expect(ofType(v1.resources, "aws:iam/accessKey:AccessKey").map((k) => k.name)).toEqual(["b-access-key"]);
    const v2 = await runUnderMocks(() => new BackupStorage("b", { ...args, accessKeyVersion: 2 }));
    expect(ofType(v2.resources, "aws:iam/accessKey:AccessKey").map((k) => k.name)).toEqual(["b-access-key-v2"]);
    const bad = runUnderMocks(() => new BackupStorage("x", { tags, noncurrentVersionExpirationDays: 7, allowedSourceCidrs: ["0.0.0.0/33"], allowedVpcEndpoints: ["endpoint"] }));
    await expect(bad).rejects.toThrow(/allowedSourceCidrs\[0\]: must be an IPv4 CIDR[\s\S]*allowedVpcEndpoints\[0\]: must be a VPC endpoint id/);
  });

  it("locks object versions by default, and only turns the lock off when told", async () => {
    const locked = await runUnderMocks(() => new BackupStorage("b", { tags, noncurrentVersionExpirationDays: 7, objectLock: { mode: "compliance", days: 90 } }));
    expect(named(locked.resources, "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration", "b-object-lock").inputs).toMatchObject({
      rule: { defaultRetention: { mode: "COMPLIANCE", days: 90 } },
    });
    const off = await runUnderMocks(() => new BackupStorage("b", { tags, noncurrentVersionExpirationDays: 7, objectLock: { mode: "off" }, accessLogs: false }));
    expect(ofType(off.resources, "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration")).toEqual([]);
    expect(ofType(off.resources, "aws:s3/bucket:Bucket").map((b) => b.name)).toEqual(["b-bucket"]);
  });

  it("marks retained resources with the retain-on-delete tag, and only those", async () => {
    const kept = await runUnderMocks(() => new BackupStorage("b", { tags, noncurrentVersionExpirationDays: 7 }));
    expect(named(kept.resources, "aws:s3/bucket:Bucket", "b-bucket")).toMatchObject({ retainOnDelete: true, inputs: { tags: { "tenantry:retain-on-delete": "true" } } });
    const dropped = await runUnderMocks(() => new BackupStorage("b", { tags, noncurrentVersionExpirationDays: 7, retainOnDelete: false }));
    const bucket = named(dropped.resources, "aws:s3/bucket:Bucket", "b-bucket");
    expect(bucket.retainOnDelete).toBe(false);
    expect(bucket.inputs.tags).not.toHaveProperty("tenantry:retain-on-delete");
  });

  it("requires the noncurrent-version expiry, which the documents do not give", async () => {
    const run = runUnderMocks(() => new BackupStorage("b", { tags } as never));
    await expect(run).rejects.toThrow("invalid arguments of BackupStorage b:\nargs.noncurrentVersionExpirationDays: is required");
  });
});

describe("Database", () => {
  const tier = sizeForAnyShare(2000);
  const base = { size: tier.database, source: tier.source, subnetIds: ["a", "b"], securityGroupIds: ["g"], engineVersion: "8.0.39", tags };

  it("takes multi-AZ and retention as options", async () => {
    const { resources } = await runUnderMocks(() => new Database("d", { ...base, multiAz: true, backupRetentionDays: 14 }));
    expect(named(resources, "aws:rds/instance:Instance", "d-mysql").inputs).toMatchObject({ multiAz: true, backupRetentionPeriod: 14, instanceClass: "db.m6i.xlarge" });
  });

  it("keeps a given identifier (a database made before identifiers were fixed) and names its log groups after it; refuses one RDS would", async () => {
    const { resources } = await runUnderMocks(() => new Database("d", { ...base, identifier: "d-mysql-1a2b3c4", logRetentionDays: 30 }));
    expect(named(resources, "aws:rds/instance:Instance", "d-mysql").inputs.identifier).toBe("d-mysql-1a2b3c4");
    expect(named(resources, "aws:cloudwatch/logGroup:LogGroup", "d-error-logs").inputs).toMatchObject({ name: "/aws/rds/instance/d-mysql-1a2b3c4/error", retentionInDays: 30 });
    await expect(runUnderMocks(() => new Database("d", { ...base, identifier: "1-bad--id" }))).rejects.toThrow("args.identifier: must be an RDS identifier");
  });

  it("derives identifiers in RDS's alphabet", () => {
    expect(rdsIdentifier("aws-demo", "acme-anyshare-cloud-db")).toBe("aws-demo-acme-anyshare-cloud-db");
    expect(rdsIdentifier("Prod_EU", "9x--y")).toBe("prod-eu-9x-y");
    expect(rdsIdentifier("s", "x".repeat(80))).toHaveLength(63);
  });

  it("refuses retention below 7 days, one subnet, and a made-up engine version, all at once", async () => {
    const run = runUnderMocks(() => new Database("d", { ...base, subnetIds: ["a"], backupRetentionDays: 3, engineVersion: "latest" }));
    await expect(run).rejects.toThrow(
      [
        "invalid arguments of Database d:",
        'args.subnetIds: must list subnets in at least two zones (RDS requires it) (got ["a"])',
        'args.engineVersion: must be a MySQL version such as 8.0 or 8.0.39 (got "latest")',
        "args.backupRetentionDays: must be at least 7 (got 3)",
      ].join("\n"),
    );
  });
});

describe("AlarmTopic", () => {
  it("subscribes each address once", async () => {
    const { resources } = await runUnderMocks(() => new AlarmTopic("t", { emails: ["a@x.example", "a@x.example", "b@x.example"], tags }));
    expect(ofType(resources, "aws:sns/topicSubscription:TopicSubscription").map((s) => s.inputs.endpoint)).toEqual(["a@x.example", "b@x.example"]);
  });
});
