/**
 * Every rule, with one violating and one passing fixture each (hand-made resources on AWS or
 * Alibaba Cloud). A rule missing from the table fails the first test.
 */
import { describe, expect, it } from "vitest";
import { runPolicyPacks, type PlannedResource } from "../../policies/harness.js";
import { parseTenant } from "../../components/core/index.js";
import { PACKS, demoResources, licenceConfig, resource, serviceTags, tenantBlueprint } from "../helpers/policies.js";

const NOW = "2026-06-15T00:00:00Z";
const ACTIVE = "start=2026-01-01 end=2027-01-01";
const share = (users: number, extra = "") => serviceTags("t1", "anyshare-cloud", `${ACTIVE} users=${users}${extra}`);
const backup = (dedup: boolean) => serviceTags("t1", "anybackup-cloud", `${ACTIVE} capacity=30`, { "tenantry:deduplication": String(dedup) });
const net = { "managed-by": "tenantry", "tenantry:tenant": "t1" };

const ec2 = (name: string, instanceType: string, tags: Record<string, string>, extra: Record<string, unknown> = {}) =>
  resource("aws:ec2/instance:Instance", name, {
    instanceType,
    rootBlockDevice: { volumeSize: 40, encrypted: true },
    metadataOptions: { httpTokens: "required" },
    tags,
    ...extra,
  });
const rds = (name: string, instanceClass: string, allocatedStorage: number, extra: Record<string, unknown> = {}) =>
  resource("aws:rds/instance:Instance", name, { instanceClass, allocatedStorage, storageEncrypted: true, publiclyAccessible: false, deletionProtection: true, tags: share(500), ...extra });

/** A Kubernetes StatefulSet of one container `c`, restricted unless `security` / `podSpec` say otherwise. */
const pod = (name: string, security: Record<string, unknown> = {}, podSpec: Record<string, unknown> = {}) =>
  resource("kubernetes:apps/v1:StatefulSet", name, {
    apiVersion: "apps/v1",
    kind: "StatefulSet",
    metadata: { name, labels: { "tenantry/tenant": "t1" } },
    spec: {
      template: {
        spec: {
          securityContext: { runAsNonRoot: true },
          containers: [{ name: "c", securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, ...security } }],
          ...podSpec,
        },
      },
    },
  });
const k8sNamespace = (name: string) => resource("kubernetes:core/v1:Namespace", name, { apiVersion: "v1", kind: "Namespace", metadata: { name, labels: { "tenantry/tenant": "t1" } } });
const netpol = (name: string, namespace: string, policyTypes: string[]) =>
  resource("kubernetes:networking.k8s.io/v1:NetworkPolicy", name, { apiVersion: "networking.k8s.io/v1", kind: "NetworkPolicy", metadata: { name, namespace }, spec: { podSelector: {}, policyTypes } });

/** An AWS bucket with its settings, each setting overridable (undefined drops it). */
type BucketSetting = "pab" | "sse" | "versioning" | "policy" | "lock" | "logging" | "lifecycle";
function awsBucket(name: string, tags: Record<string, string>, override: Partial<Record<BucketSetting, Record<string, unknown> | undefined>> = {}): PlannedResource[] {
  const parentUrn = `urn:pulumi:test::tenantry::tenantry:aws:BackupStorage::${name}`;
  const settings = {
    pab: { blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true },
    sse: { rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms" } }] },
    versioning: { versioningConfiguration: { status: "Enabled" } },
    policy: { policy: JSON.stringify({ Statement: [{ Effect: "Deny", Condition: { Bool: { "aws:SecureTransport": "false" } } }] }) },
    lock: { objectLockEnabled: "Enabled", rule: { defaultRetention: { mode: "GOVERNANCE", days: 30 } } },
    logging: { targetBucket: `${name}-logs`, targetPrefix: "s3-access/" },
    lifecycle: { rules: [{ id: "r", status: "Enabled", abortIncompleteMultipartUpload: { daysAfterInitiation: 7 } }] },
    ...override,
  };
  const types = {
    pab: "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
    sse: "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
    versioning: "aws:s3/bucketVersioning:BucketVersioning",
    policy: "aws:s3/bucketPolicy:BucketPolicy",
    lock: "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration",
    logging: "aws:s3/bucketLogging:BucketLogging",
    lifecycle: "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
  };
  return [
    resource("aws:s3/bucket:Bucket", name, { bucket: name, tags: { ...tags, "tenantry:retain-on-delete": "true" } }, { parentUrn }),
    ...Object.entries(settings).flatMap(([k, props]) =>
      props ? [resource(types[k as keyof typeof types], `${name}-${k}`, { bucket: name, ...props }, { parentUrn })] : [],
    ),
  ];
}

const sgRule = (name: string, cidrIpv4: string, port: number) =>
  resource("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", name, { ipProtocol: "tcp", fromPort: port, toPort: port, cidrIpv4 });

const awsNetwork = (flowLog: boolean, defaultGroup: { ingress: unknown[]; egress: unknown[] }) => {
  const deps = { propertyDependencies: { vpcId: ["urn:pulumi:test::tenantry::aws:ec2/vpc:Vpc::v"] } };
  return [
    vpc("v", "t1"),
    ...(flowLog ? [resource("aws:ec2/flowLog:FlowLog", "fl", { vpcId: "v-id", trafficType: "ALL", tags: net }, deps)] : []),
    resource("aws:ec2/defaultSecurityGroup:DefaultSecurityGroup", "dsg", { vpcId: "v-id", ...defaultGroup, tags: net }, deps),
  ];
};
const mysqlParameters = (value: string) =>
  resource("aws:rds/parameterGroup:ParameterGroup", "pg", { name: "pg", family: "mysql8.0", parameters: [{ name: "require_secure_transport", value }], tags: net });

const vpc = (name: string, tenant: string) => resource("aws:ec2/vpc:Vpc", name, { cidrBlock: "10.0.0.0/20", tags: { "managed-by": "tenantry", "tenantry:tenant": tenant } });

const expired = serviceTags("t1", "anyshare-cloud", "start=2025-01-01 end=2026-01-01 users=100");
/** A resource as a frozen tenant registers it: ignoring changes to every input. */
const frozen = (r: PlannedResource): PlannedResource => ({ ...r, ignoreChanges: Object.keys(r.inputs) });

/** rule -> [violating fixture, expected message, passing fixture] */
const CASES: Record<string, [PlannedResource[], string, PlannedResource[]]> = {
  "licence-expired": [
    [ec2("h", "m6i.xlarge", expired)],
    "licence as_t1_1 of tenant t1 expired on 2026-01-01, and this resource is not frozen: it would be changed",
    // The stack froze the expired tenant: its resource is kept as it is, which the rule lets through.
    [frozen(ec2("h", "m6i.xlarge", expired))],
  ],
  "licence-expired-frozen": [
    [frozen(ec2("h", "m6i.xlarge", expired)), frozen(ec2("h2", "m6i.xlarge", expired))],
    "URGENT: licence expired: customer t1, licence object as_t1_1 (expired 2026-01-01): tenant t1 is frozen (its resources are kept as they are; the rest of the fleet proceeds)",
    [frozen(ec2("h", "m6i.xlarge", share(100)))],
  ],
  "licence-not-yet-valid": [
    [ec2("h", "m6i.xlarge", serviceTags("t1", "anyshare-cloud", "start=2026-07-01 end=2027-07-01 users=100"))],
    "licence as_t1_1 of tenant t1 is valid only from 2026-07-01",
    [ec2("h", "m6i.xlarge", share(100))],
  ],
  "licence-expiring": [
    [ec2("h", "m6i.xlarge", serviceTags("t1", "anyshare-cloud", "start=2026-01-01 end=2026-06-20 users=100"))],
    "licence as_t1_1 of tenant t1 expires on 2026-06-20, in 5 days",
    [ec2("h", "m6i.xlarge", serviceTags("t1", "anyshare-cloud", "start=2026-01-01 end=2026-06-29 users=100"))],
  ],
  "licensed-users": [
    [ec2("h", "m6i.2xlarge", share(30, " edition=customised"))],
    "licence as_t1_1: the customised edition needs at least 50 users (has 30)",
    [ec2("h", "m6i.2xlarge", share(50, " edition=customised"))],
  ],
  "anyshare-host-size": [
    [ec2("h", "c6i.large", share(500))],
    "AnyShare host for licence as_t1_1 (500 users) is below the documented 500 users tier: 2 vCPU < 4, 4 GiB memory < 8",
    [ec2("h", "c6i.xlarge", share(500))],
  ],
  "anyshare-database-size": [
    [rds("db", "db.m6i.large", 40)],
    "AnyShare database for licence as_t1_1 (500 users) is below the documented 500 users row: 40 GiB storage < 60",
    [rds("db", "db.m6i.large", 60)],
  ],
  "anybackup-host-size": [
    [ec2("h", "m6i.xlarge", backup(true))],
    "AnyBackup host is below the documented configuration 1 (deduplication on): 4 vCPU < 8, 16 GiB memory < 32",
    [ec2("h", "m6i.xlarge", backup(false))],
  ],
  "anybackup-capacity-tier": [
    awsBucket("b", backup(true)),
    "licence ab_t1_1 of tenant t1: 30 TB, capacity tier 20-50 TB",
    awsBucket("b", net),
  ],
  "tenant-quota": [
    ["a", "b", "c", "d"].map((n) => ec2(n, "c6i.large", net)),
    "tenant t1 uses 4 hosts, over its limit of 3",
    ["a", "b", "c"].map((n) => ec2(n, "c6i.large", net)),
  ],
  "stack-quota": [
    Array.from({ length: 101 }, (_, i) => vpc(`v${i}`, `t${i}`)),
    "the stack has 101 tenants, over its limit of 100",
    Array.from({ length: 100 }, (_, i) => vpc(`v${i}`, `t${i}`)),
  ],
  "monitor-quota": [
    Array.from({ length: 6 }, (_, i) => resource("aws:route53/healthCheck:HealthCheck", `u${i}`, { type: "HTTPS", tags: net })),
    "tenant t1 has 6 url monitors, over the plan's 5",
    Array.from({ length: 5 }, (_, i) => resource("aws:route53/healthCheck:HealthCheck", `u${i}`, { type: "HTTPS", tags: net })),
  ],
  "storage-private": [
    awsBucket("b", net, { pab: { blockPublicAcls: true, blockPublicPolicy: false, ignorePublicAcls: true, restrictPublicBuckets: true } }),
    "bucket b is not private: public access is not fully blocked or its ACL is public",
    awsBucket("b", net),
  ],
  "storage-encrypted": [awsBucket("b", net, { sse: undefined }), "bucket b has no default server-side encryption", awsBucket("b", net)],
  "storage-versioned": [
    awsBucket("b", net, { versioning: { versioningConfiguration: { status: "Suspended" } } }),
    "bucket b does not have versioning enabled",
    awsBucket("b", net),
  ],
  "storage-tls-only": [awsBucket("b", net, { policy: undefined }), "bucket b has no bucket policy denying requests without TLS", awsBucket("b", net)],
  "disk-encrypted": [
    [resource("alicloud:ecs/ecsDisk:EcsDisk", "d", { size: 100, encrypted: false, tags: { ...net, "tenantry:retain-on-delete": "true" } })],
    "disk d is not encrypted",
    [resource("alicloud:ecs/ecsDisk:EcsDisk", "d", { size: 100, encrypted: true, tags: { ...net, "tenantry:retain-on-delete": "true" } })],
  ],
  "database-encrypted": [
    [resource("alicloud:rds/instance:Instance", "db", { instanceType: "mysql.n2.medium.2c", instanceStorage: 60, encryptionKey: "disabled", deletionProtection: true, tags: net })],
    "database db stores data unencrypted",
    [resource("alicloud:rds/instance:Instance", "db", { instanceType: "mysql.n2.medium.2c", instanceStorage: 60, encryptionKey: "ServiceKey", deletionProtection: true, tags: net })],
  ],
  "database-private": [[rds("db", "db.m6i.large", 60, { publiclyAccessible: true })], "database db is publicly accessible", [rds("db", "db.m6i.large", 60)]],
  "no-world-admin-ports": [[sgRule("r", "0.0.0.0/0", 3306)], "r opens port 3306 to the whole internet", [sgRule("r", "0.0.0.0/0", 443), sgRule("s", "10.0.0.0/8", 22)]],
  "instance-metadata-tokens": [
    [resource("alicloud:ecs/instance:Instance", "h", { instanceType: "ecs.c7.large", systemDiskEncrypted: true, httpTokens: "optional", tags: net })],
    "host h allows metadata requests without a session token",
    [resource("alicloud:ecs/instance:Instance", "h", { instanceType: "ecs.c7.large", systemDiskEncrypted: true, httpTokens: "required", tags: net })],
  ],
  "tenant-tags": [[resource("aws:ec2/vpc:Vpc", "v", { tags: { "managed-by": "tenantry" } })], "v lacks the tag tenantry:tenant", [vpc("v", "t1")]],
  "stateful-retained": [
    [resource("aws:kms/key:Key", "k", { tags: net })],
    "k would be deleted with its data when removed from the program: set protect or retainOnDelete (and the tenantry:retain-on-delete tag)",
    [resource("aws:kms/key:Key", "k", { tags: net }, { protect: true })],
  ],
  "storage-immutable": [
    awsBucket("b", net, { lock: undefined }),
    "bucket b does not lock object versions for at least 1 day(s)",
    awsBucket("b", net),
  ],
  "storage-access-logged": [awsBucket("b", net, { logging: undefined }), "bucket b has no access logging", awsBucket("b", net)],
  "storage-aborts-incomplete-uploads": [
    awsBucket("b", net, { lifecycle: { rules: [{ id: "r", status: "Enabled", expiration: { days: 30 } }] } }),
    "bucket b never aborts incomplete multipart uploads",
    awsBucket("b", net),
  ],
  "database-tls-required": [
    [rds("db", "db.m6i.large", 60, { parameterGroupName: "pg" }), mysqlParameters("0")],
    "database db accepts connections without TLS",
    [rds("db", "db.m6i.large", 60, { parameterGroupName: "pg" }), mysqlParameters("1")],
  ],
  "database-logs-exported": [
    [rds("db", "db.m6i.large", 60, { enabledCloudwatchLogsExports: [] })],
    "database db exports no logs",
    [rds("db", "db.m6i.large", 60, { enabledCloudwatchLogsExports: ["error"] })],
  ],
  "database-highly-available": [
    [rds("db", "db.m6i.large", 60, { multiAz: false })],
    "database db has no standby in a second zone: losing its zone stops the service",
    [rds("db", "db.m6i.large", 60, { multiAz: true })],
  ],
  "network-flow-logs": [awsNetwork(false, { ingress: [], egress: [] }), "network v has no flow logs", awsNetwork(true, { ingress: [], egress: [] })],
  "entry-access-logged": [
    [resource("aws:lb/loadBalancer:LoadBalancer", "lb", { loadBalancerType: "network", accessLogs: { bucket: "logs", enabled: false }, tags: net })],
    "load balancer lb writes no access logs",
    [resource("aws:lb/loadBalancer:LoadBalancer", "lb", { loadBalancerType: "network", accessLogs: { bucket: "logs", prefix: "elb/lb", enabled: true }, tags: net })],
  ],
  "default-security-group-closed": [
    awsNetwork(true, { ingress: [], egress: [{ protocol: "-1", cidrBlocks: ["0.0.0.0/0"] }] }),
    "the default security group of v is not closed (adopt it with no rules)",
    awsNetwork(true, { ingress: [], egress: [] }),
  ],
  "no-cloud-managed-policies": [
    [resource("aws:iam/rolePolicyAttachment:RolePolicyAttachment", "a", { role: "r", policyArn: "arn:aws:iam::aws:policy/AmazonEC2ReadOnlyAccess" })],
    "a grants the cloud-managed policy arn:aws:iam::aws:policy/AmazonEC2ReadOnlyAccess, which is not scoped to one tenant",
    [resource("aws:iam/rolePolicyAttachment:RolePolicyAttachment", "a", { role: "r", policyArn: "arn:aws:iam::123456789012:policy/scoped" })],
  ],
  "topic-encrypted": [
    [resource("aws:sns/topic:Topic", "t", { tags: net })],
    "topic t is not encrypted",
    [resource("aws:sns/topic:Topic", "t", { kmsMasterKeyId: "arn:aws:kms:ap-southeast-1:123456789012:key/k", tags: net })],
  ],
  "log-group-encrypted": [
    [resource("aws:cloudwatch/logGroup:LogGroup", "g", { retentionInDays: 365, tags: net })],
    "log group g is not encrypted with a key of its own (kmsKeyId)",
    [resource("aws:cloudwatch/logGroup:LogGroup", "g", { retentionInDays: 365, kmsKeyId: "arn:aws:kms:ap-southeast-1:123456789012:key/k", tags: net })],
  ],
  "disk-own-key": [
    [resource("alicloud:ecs/ecsDisk:EcsDisk", "d", { size: 100, encrypted: true, tags: net })],
    "disk d is encrypted with the cloud's default key, not the tenant's",
    [resource("alicloud:ecs/ecsDisk:EcsDisk", "d", { size: 100, encrypted: true, kmsKeyId: "key-1", tags: net })],
  ],
  "pod-not-privileged": [[pod("p", { privileged: true, allowPrivilegeEscalation: false })], "p: container c runs privileged or may escalate privileges", [pod("p")]],
  "pod-no-host-access": [[pod("p", {}, { hostPID: true })], "p uses the host: hostPID", [pod("p")]],
  "pod-run-as-non-root": [[pod("p", { runAsNonRoot: false })], "p: container c may run as root (runAsNonRoot is not true)", [pod("p")]],
  "pod-read-only-root": [[pod("p", { readOnlyRootFilesystem: false })], "p: container c has a writable root filesystem", [pod("p")]],
  "namespace-default-deny": [
    [k8sNamespace("n"), netpol("deny-ingress", "n", ["Ingress"])],
    "namespace n has no default-deny policy for egress",
    [k8sNamespace("n"), netpol("deny-all", "n", ["Ingress", "Egress"])],
  ],
  "tenant-isolation": [
    [vpc("v1", "t1"), resource("aws:ec2/subnet:Subnet", "s2", { tags: { ...net, "tenantry:tenant": "t2" } }, { propertyDependencies: { vpcId: ["urn:pulumi:test::tenantry::aws:ec2/vpc:Vpc::v1"] } })],
    "s2 of tenant t2 uses v1 of tenant t1 (vpcId)",
    [vpc("v1", "t1"), resource("aws:ec2/subnet:Subnet", "s1", { tags: net }, { propertyDependencies: { vpcId: ["urn:pulumi:test::tenantry::aws:ec2/vpc:Vpc::v1"] } })],
  ],
};

const ALL_RULES = PACKS.flatMap((p) => p.rules.map((r) => r.name));
const reportsOf = async (rule: string, resources: PlannedResource[]) =>
  (await runPolicyPacks(PACKS, resources, licenceConfig(NOW))).verdicts.filter((v) => v.policy === rule).map((v) => v.message);

describe("policy rules", () => {
  it("has a violating and a passing fixture for every rule", () => {
    expect(Object.keys(CASES).sort()).toEqual([...ALL_RULES].sort());
  });

  it.each(Object.entries(CASES))("%s", async (rule, [violating, message, passing]) => {
    expect(await reportsOf(rule, violating)).toContain(message);
    expect(await reportsOf(rule, passing)).toEqual([]);
  });
});

describe("acknowledgements", () => {
  it("report an acknowledged finding with its reason, under the pack's acknowledged-exceptions policy, instead of enforcing it", async () => {
    const tags = { ...share(500), "tenantry:acknowledged": "anyshare-host-size: pilot approved by ops lead" };
    const run = await runPolicyPacks(PACKS, [ec2("h", "c6i.large", tags)], licenceConfig(NOW));
    expect(run.verdicts.filter((v) => v.policy === "anyshare-host-size")).toEqual([]);
    expect(run.verdicts.filter((v) => v.level === "acknowledged")).toEqual([
      expect.objectContaining({
        policy: "tenantry-licence-acknowledged-exceptions",
        message: "anyshare-host-size acknowledged (pilot approved by ops lead): AnyShare host for licence as_t1_1 (500 users) is below the documented 500 users tier: 2 vCPU < 4, 4 GiB memory < 8",
      }),
    ]);
  });

  it("apply to stack rules through the tenant's resources", async () => {
    const tags = { ...net, "tenantry:acknowledged": "tenant-quota: four hosts approved" };
    const run = await runPolicyPacks(PACKS, ["a", "b", "c", "d"].map((n) => ec2(n, "c6i.large", tags)), licenceConfig(NOW));
    expect(run.verdicts.filter((v) => v.policy === "tenant-quota")).toEqual([]);
    expect(run.verdicts.filter((v) => v.level === "acknowledged").map((v) => v.message)).toEqual(["tenant-quota acknowledged (four hosts approved): tenant t1 uses 4 hosts, over its limit of 3"]);
  });
});

describe("acknowledgements from a tenant manifest", () => {
  it("travel from the manifest through the stack's tags to the packs", async () => {
    const result = parseTenant({
      id: "pilot",
      name: "Pilot",
      contact: "ops@pilot.example",
      network: { cidr: "10.60.0.0/20" },
      acknowledge: [{ rule: "tenant-quota", reason: "pilot runs on two hosts max" }],
      services: [
        { product: "anybackup-cloud", licence: { id: "ab_pilot_1", capacityTb: 5, start: "2026-01-01", end: "2027-01-01" }, deduplication: false },
        { product: "ops-server" },
      ],
    });
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    const resources = await demoResources("aws", [tenantBlueprint(result.tenant)]);
    const run = await runPolicyPacks(PACKS, resources, { ...licenceConfig(NOW), "tenant-quota": { maxHosts: 1 } });
    expect(run.verdicts.filter((v) => v.level === "mandatory")).toEqual([]);
    expect(run.verdicts.filter((v) => v.level === "acknowledged").map((v) => v.message)).toEqual([
      "tenant-quota acknowledged (pilot runs on two hosts max): tenant pilot uses 2 hosts, over its limit of 1",
    ]);
  });
});

describe("configuration", () => {
  it("changes a rule's level and its numbers", async () => {
    const hosts = ["a", "b", "c", "d"].map((n) => ec2(n, "c6i.large", net));
    const run = await runPolicyPacks(PACKS, hosts, { "tenant-quota": { enforcementLevel: "advisory", maxHosts: 4, maxVcpu: 6 } });
    expect(run.verdicts.filter((v) => v.policy === "tenant-quota").map((v) => [v.level, v.message])).toEqual([["advisory", "tenant t1 uses 8 vCPU, over its limit of 6"]]);
    const off = await runPolicyPacks(PACKS, hosts, { "tenant-quota": "disabled" });
    expect(off.verdicts.filter((v) => v.policy === "tenant-quota")).toEqual([]);
  });
});
