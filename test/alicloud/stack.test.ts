import { beforeAll, describe, expect, it } from "vitest";
import { flowLogProjectName, type AlicloudTenantOutputs } from "../../components/alicloud/index.js";
import { ANYBACKUP_DEDUP_OFF, ANYBACKUP_DEDUP_ON, ANYSHARE_TIERS, tagProblems, tenantBlueprint, TAG_KEYS } from "../../components/core/index.js";
import { anyBackup, anyShare, blueprintsOf, demoBlueprints, makeTenant, opsServer } from "../helpers/fleet.js";
import { documentedDatabaseFlavors, documentedVmFlavors } from "../helpers/flavor-table.js";
import { MOCK_ALICLOUD_ACCOUNT, SecretValue, type MockRun, type RecordedResource } from "../../plan/mock-run.js";
import { named, ofTenant, ofType, resolve, runAlicloudStack, snapshot } from "../helpers/stacks.js";

/** Alibaba Cloud resource types that take no tags. */
const UNTAGGABLE = new Set([
  "alicloud:log/store:Store",
  "alicloud:vpc/snatEntry:SnatEntry",
  "alicloud:ecs/eipAssociation:EipAssociation",
  "alicloud:ecs/securityGroupRule:SecurityGroupRule",
  "alicloud:ecs/ecsDiskAttachment:EcsDiskAttachment",
  "alicloud:ecs/ramRoleAttachment:RamRoleAttachment",
  "alicloud:ram/rolePolicyAttachment:RolePolicyAttachment",
  "alicloud:ram/userPolicyAttachment:UserPolicyAttachment",
  "alicloud:ram/accessKey:AccessKey",
  "alicloud:ram/user:User",
  "alicloud:ram/policy:Policy",
  "alicloud:rds/backupPolicy:BackupPolicy",
  "alicloud:rds/rdsAccount:RdsAccount",
  "alicloud:oss/bucketAcl:BucketAcl",
  "alicloud:oss/bucketPublicAccessBlock:BucketPublicAccessBlock",
  "alicloud:oss/bucketPolicy:BucketPolicy",
  "alicloud:oss/bucketWorm:BucketWorm",
  "alicloud:oss/bucketLogging:BucketLogging",
  "random:index/randomPassword:RandomPassword",
  "random:index/randomString:RandomString",
  "alicloud:slb/backendServer:BackendServer",
  "alicloud:slb/listener:Listener",
  "alicloud:slb/acl:Acl",
  "alicloud:dns/alidnsRecord:AlidnsRecord",
  "alicloud:cms/siteMonitor:SiteMonitor",
  "alicloud:fc/v2Function:V2Function",
]);

const custom = (r: RecordedResource) => !r.type.startsWith("tenantry:");
const all = (type: string) => ofType(demo.resources, type);

let demo: MockRun<Record<string, AlicloudTenantOutputs>>;
beforeAll(async () => {
  demo = await runAlicloudStack(await demoBlueprints());
});

describe("the alicloud-demo stack under mocks", () => {
  it("creates every tenant's resources, and reports how many", () => {
    const counts = Object.fromEntries(["acme", "globex", "initech"].map((id) => [id, ofTenant(demo.resources, id).filter(custom).length]));
    console.log(`alicloud-demo resources per tenant: ${JSON.stringify(counts)}; total: ${demo.resources.filter(custom).length}`);
    for (const count of Object.values(counts)) expect(count).toBeGreaterThan(30);
  });

  it("tags every taggable tenant resource with the tag contract, within Alibaba's tag rules", () => {
    for (const id of ["acme", "globex", "initech"]) {
      for (const r of ofTenant(demo.resources, id).filter(custom)) {
        if (UNTAGGABLE.has(r.type)) continue;
        expect({ name: r.name, tags: r.inputs.tags }).toMatchObject({ tags: { [TAG_KEYS.tenant]: id, [TAG_KEYS.managedBy]: "tenantry" } });
        expect(tagProblems(r.inputs.tags as Record<string, string>), r.name).toEqual([]);
        const keys = Object.keys(r.inputs.tags as object);
        expect(keys.length).toBeLessThanOrEqual(10);
        for (const key of keys) expect(/^(aliyun|acs:)/i.test(key)).toBe(false);
      }
    }
  });
});

describe("secure defaults", () => {
  it("hosts: hardened metadata, encrypted ESSD system disk of the documented size, no public IP of their own", () => {
    for (const i of all("alicloud:ecs/instance:Instance")) {
      expect(i.inputs).toMatchObject({ httpTokens: "required", systemDiskCategory: "cloud_essd", systemDiskEncrypted: true, internetMaxBandwidthOut: 0, instanceChargeType: "PostPaid" });
    }
  });

  it("system and cache disks under the tenant's own key", () => {
    for (const i of all("alicloud:ecs/instance:Instance")) expect(i.inputs.systemDiskKmsKeyId, i.name).toBe(`${i.name.split("-")[0]}-disk-key-id`);
    for (const d of all("alicloud:ecs/ecsDisk:EcsDisk")) expect(d.inputs.kmsKeyId, d.name).toBe(`${d.name.split("-")[0]}-disk-key-id`);
    const key = named(demo.resources, "alicloud:kms/key:Key", "acme-disk-key");
    expect(key.inputs).toMatchObject({ keySpec: "Aliyun_AES_256", automaticRotation: "Enabled" });
    expect(key.retainOnDelete).toBe(true);
  });

  it("flow-log project names: one tenant id in two stacks of one account does not clash; the name stays within Log Service's 63 characters", () => {
    expect(flowLogProjectName("acme", "5123456789012345", "eu-prod")).not.toBe(flowLogProjectName("acme", "5123456789012345", "eu-staging"));
    expect(flowLogProjectName("acme", "5123456789012345", "eu-prod")).toBe(flowLogProjectName("acme", "5123456789012345", "eu-prod"));
    expect(flowLogProjectName("a".repeat(24), "5123456789012345", "s")).toMatch(/^[a-z0-9-]{3,63}$/);
    // A project made before keeps its name: a new name would replace it and drop its logs.
    expect(named(demo.resources, "alicloud:log/project:Project", "acme-network-flow-logs").ignoreChanges).toEqual(["projectName"]);
  });

  it("VPC flow logs of all traffic into a Log Service project and logstore of the tenant's own, kept 365 days", () => {
    for (const id of ["acme", "globex", "initech"]) {
      const project = named(demo.resources, "alicloud:log/project:Project", `${id}-network-flow-logs`);
      expect(project.inputs.projectName).toBe(flowLogProjectName(id, MOCK_ALICLOUD_ACCOUNT, "alicloud-demo"));
      expect(project.inputs.projectName).toMatch(new RegExp(`^${id}-flow-logs-[0-9a-f]{6}-${MOCK_ALICLOUD_ACCOUNT}$`));
      expect(named(demo.resources, "alicloud:log/store:Store", `${id}-network-flow-logstore`).inputs).toMatchObject({ projectName: project.inputs.projectName, retentionPeriod: 365 });
      expect(named(demo.resources, "alicloud:vpc/flowLog:FlowLog", `${id}-network-flow-log`).inputs).toMatchObject({
        resourceType: "VPC",
        resourceId: `${id}-network-vpc-id`,
        trafficType: "All",
        status: "Active",
        projectName: project.inputs.projectName,
        logStoreName: "vpc-flow-logs",
      });
    }
  });

  it("cache disks: encrypted ESSD, not deleted with the instance, kept when removed", () => {
    const disks = all("alicloud:ecs/ecsDisk:EcsDisk");
    expect(disks.map((d) => d.name)).toEqual(["acme-anyshare-cloud-cache", "initech-anyshare-cloud-cache"]);
    for (const d of disks) {
      expect(d.inputs).toMatchObject({ category: "cloud_essd", encrypted: true, deleteWithInstance: false });
      expect(d.retainOnDelete).toBe(true);
    }
  });

  it("EIPs only for the ops servers (their bandwidth from config) and the NAT gateways", () => {
    expect(all("alicloud:ecs/eipAddress:EipAddress").map((e) => [e.name, e.inputs.bandwidth])).toEqual([
      ["acme-network-nat-eip", "10"],
      ["acme-ops-server-host-eip", "5"],
      ["globex-network-nat-eip", "10"],
      ["globex-ops-server-host-eip", "5"],
      ["initech-network-nat-eip", "10"],
    ]);
  });

  it("SNAT only for the private (app) vSwitches", () => {
    expect(all("alicloud:vpc/snatEntry:SnatEntry").filter((s) => s.name.startsWith("acme-")).map((s) => s.inputs.sourceVswitchId)).toEqual([
      "acme-network-app-0-id",
      "acme-network-app-1-id",
    ]);
  });

  it("backup buckets: private, public access blocked, versioned, SSE-KMS with the tenant's key, TLS only, lifecycle, kept on delete", () => {
    // Each backup bucket and its access-log bucket.
    for (const type of ["alicloud:oss/bucket:Bucket", "alicloud:oss/bucketAcl:BucketAcl", "alicloud:oss/bucketPublicAccessBlock:BucketPublicAccessBlock", "alicloud:oss/bucketPolicy:BucketPolicy"]) {
      expect(all(type).length, type).toBe(4);
      for (const r of all(type)) expect(r.retainOnDelete, `${type} ${r.name}`).toBe(true);
    }
    for (const type of ["alicloud:oss/bucketWorm:BucketWorm", "alicloud:oss/bucketLogging:BucketLogging"]) {
      expect(all(type).length, type).toBe(2);
      for (const r of all(type)) expect(r.retainOnDelete, `${type} ${r.name}`).toBe(true);
    }
    // A storage key per backup bucket, a disk key per tenant with hosts.
    expect(all("alicloud:kms/key:Key").map((k) => k.name)).toEqual(["acme-disk-key", "acme-anybackup-cloud-storage-key", "globex-disk-key", "globex-anybackup-cloud-storage-key", "initech-disk-key"]);
    for (const type of ["alicloud:kms/key:Key"]) {
      for (const r of all(type)) expect(r.retainOnDelete, `${type} ${r.name}`).toBe(true);
    }
    expect(named(demo.resources, "alicloud:oss/bucketWorm:BucketWorm", "acme-anybackup-cloud-storage-worm").inputs).toMatchObject({ retentionPeriodInDays: 30, status: "Locked" });
    expect(named(demo.resources, "alicloud:oss/bucketLogging:BucketLogging", "acme-anybackup-cloud-storage-access-logs").inputs).toMatchObject({
      bucket: "acme-anybackup-cloud-storage-bucket-0000001",
      targetBucket: "acme-anybackup-cloud-storage-logs-0000001",
    });
    const bucket = named(demo.resources, "alicloud:oss/bucket:Bucket", "acme-anybackup-cloud-storage-bucket");
    expect(bucket.inputs).toMatchObject({
      forceDestroy: false,
      versioning: { status: "Enabled" },
      serverSideEncryptionRule: { sseAlgorithm: "KMS", kmsMasterKeyId: "acme-anybackup-cloud-storage-key-id" },
      lifecycleRules: [{ enabled: true, noncurrentVersionExpirations: [{ days: 30 }], abortMultipartUploads: [{ days: 7 }] }],
    });
    expect(named(demo.resources, "alicloud:oss/bucketAcl:BucketAcl", "acme-anybackup-cloud-storage-acl").inputs.acl).toBe("private");
    expect(named(demo.resources, "alicloud:oss/bucketPublicAccessBlock:BucketPublicAccessBlock", "acme-anybackup-cloud-storage-public-access").inputs.blockPublicAccess).toBe(true);
    const policy = JSON.parse(named(demo.resources, "alicloud:oss/bucketPolicy:BucketPolicy", "acme-anybackup-cloud-storage-tls-only").inputs.policy as string);
    expect(policy.Statement).toEqual([expect.objectContaining({ Effect: "Deny", Principal: ["*"], Condition: { Bool: { "acs:SecureTransport": ["false"] } } })]);
    for (const k of all("alicloud:kms/key:Key")) expect(k.inputs.automaticRotation).toBe("Enabled");
  });

  it("databases: ESSD of the documented size, encrypted, whitelisted to the app and ops-server vSwitches, backed up >= 7 days, protected, kept on delete", () => {
    const db = named(demo.resources, "alicloud:rds/instance:Instance", "acme-anyshare-cloud-db-mysql");
    expect(db.inputs).toMatchObject({
      engine: "MySQL",
      engineVersion: "8.0",
      dbInstanceStorageType: "cloud_essd",
      instanceStorage: 60,
      encryptionKey: "ServiceKey",
      deletionProtection: true,
      category: "HighAvailability",
      securityIps: ["10.16.1.0/24", "10.16.5.0/24", "10.16.3.0/24", "10.16.7.0/24"],
      vswitchId: "acme-network-data-0-id,acme-network-data-1-id",
      sslAction: "Open",
      parameters: [{ name: "require_secure_transport", value: "ON" }],
      sqlCollectorStatus: "Enabled",
      sqlCollectorConfigValue: 365,
    });
    expect(db.retainOnDelete).toBe(true);
    const backups = named(demo.resources, "alicloud:rds/backupPolicy:BackupPolicy", "acme-anyshare-cloud-db-backups");
    expect(backups.inputs.backupRetentionPeriod).toBeGreaterThanOrEqual(7);
    expect(backups.inputs.releasedKeepPolicy).toBe("All");
    expect(named(demo.resources, "alicloud:rds/rdsAccount:RdsAccount", "acme-anyshare-cloud-db-account").inputs.accountPassword).toEqual(new SecretValue("password-of-acme-anyshare-cloud-db-password"));
  });

  it("no security-group rule opens SSH, RDP or MySQL to the world; MySQL only from app, SSH only from ops or admin CIDRs", () => {
    const rules = all("alicloud:ecs/securityGroupRule:SecurityGroupRule").filter((r) => r.inputs.type === "ingress");
    for (const r of rules) {
      if (r.inputs.cidrIp !== "0.0.0.0/0") continue;
      const [from, to] = String(r.inputs.portRange).split("/").map(Number);
      for (const port of [22, 3389, 3306]) expect(port < from! || port > to!, r.name).toBe(true);
    }
    const rule = (name: string) => named(demo.resources, "alicloud:ecs/securityGroupRule:SecurityGroupRule", name).inputs;
    expect(rule("acme-network-data-mysql-from-app")).toMatchObject({ securityGroupId: "acme-network-data-sg-id", portRange: "3306/3306", sourceSecurityGroupId: "acme-network-app-sg-id" });
    expect(rule("acme-network-management-ssh-from-ops")).toMatchObject({ portRange: "22/22", sourceSecurityGroupId: "acme-network-ops-sg-id" });
    expect(rule("acme-network-ops-ssh-198-51-100-0-24")).toMatchObject({ portRange: "22/22", cidrIp: "198.51.100.0/24" });
    for (const g of all("alicloud:ecs/securityGroup:SecurityGroup")) expect(g.inputs.innerAccessPolicy).toBe("Drop");
  });

  it("alarms: the documented thresholds on every host, load and CPU as one composite rule, each at its severity's level and contact group", () => {
    const rules = all("alicloud:cms/alarm:Alarm").filter((a) => a.name.startsWith("acme-anyshare-cloud-alarms-"));
    const level = (a: RecordedResource) => (["escalationsCritical", "escalationsWarn", "escalationsInfo"] as const).find((k) => a.inputs[k] !== undefined);
    const threshold = (a: RecordedResource) => (a.inputs[level(a) ?? "escalationsCritical"] as { threshold?: string } | undefined)?.threshold;
    expect(rules.map((a) => [a.name.replace("acme-anyshare-cloud-alarms-", ""), a.inputs.metric, threshold(a), level(a), a.inputs.contactGroups])).toEqual([
      ["cpu", "CPUUtilization", "90", "escalationsWarn", ["tenantry-alicloud-demo-warning"]],
      ["memory", "memory_usedutilization", "90", "escalationsWarn", ["tenantry-alicloud-demo-warning"]],
      ["disk", "diskusage_utilization", "80", "escalationsCritical", ["tenantry-alicloud-demo"]],
      ["load-and-cpu", "load_1m", undefined, undefined, ["tenantry-alicloud-demo"]],
    ]);
    expect(rules[3]!.inputs.compositeExpression).toMatchObject({
      expressionListJoin: "&&",
      expressionLists: [
        { metricName: "load_1m", comparisonOperator: "GreaterThanThreshold", threshold: "5" },
        { metricName: "CPUUtilization", comparisonOperator: "GreaterThanThreshold", threshold: "90" },
      ],
    });
    const groups = new Set(all("alicloud:cms/alarm:Alarm").flatMap((r) => r.inputs.contactGroups as string[]));
    expect([...groups].sort()).toEqual(["tenantry-alicloud-demo", "tenantry-alicloud-demo-warning"]);
    const db = all("alicloud:cms/alarm:Alarm").filter((a) => a.name.startsWith("acme-anyshare-cloud-db-alarms-"));
    expect(db.map((a) => [a.inputs.project, a.inputs.metric, threshold(a), level(a)])).toEqual([
      ["acs_rds_dashboard", "CpuUsage", "90", "escalationsWarn"],
      ["acs_rds_dashboard", "DiskUsage", "90", "escalationsCritical"],
    ]);
  });

  it("ops server: the documented size with an EIP in the management vSwitch, under a RAM role scoped to its tenant", () => {
    const ops = named(demo.resources, "alicloud:ecs/instance:Instance", "acme-ops-server-host-instance");
    expect(ops.inputs).toMatchObject({ instanceType: "ecs.c7.xlarge", systemDiskSize: 200, vswitchId: "acme-network-management-0-id", securityGroups: ["acme-network-ops-sg-id"] });
    const policies = all("alicloud:ram/rolePolicyAttachment:RolePolicyAttachment").filter((p) => p.name.startsWith("acme-")).map((p) => [p.inputs.policyName, p.inputs.policyType]);
    // A custom policy, never a system one (those read every tenant's resources).
    expect(policies).toEqual([["acme-ops-server-monitor-abc123", "Custom"]]);
    const document = JSON.parse(named(demo.resources, "alicloud:ram/policy:Policy", "acme-ops-server-monitoring-policy").inputs.policyDocument as string);
    expect(document.Statement[1]).toMatchObject({ Resource: ["acs:rds:*:1234567890123456:dbinstance/*"], Condition: { StringEquals: { "acs:ResourceTag/tenantry:tenant": ["acme"] } } });
    expect(named(demo.resources, "alicloud:ecs/ramRoleAttachment:RamRoleAttachment", "acme-ops-server-host-role").inputs.instanceId).toBe("acme-ops-server-host-instance-id");
  });
});

describe("outputs", () => {
  it("give AnyBackup's 'add cloud storage' fields for the S3-compatible endpoint, the secret as a Pulumi secret", async () => {
    const storage = demo.outputs.acme!.backupStorage["anybackup-cloud"]!;
    const fields = storage.dialog!;
    expect(storage.target).toBe("same-cloud");
    expect(Object.keys(fields).sort()).toEqual(["accessId", "accessSecret", "name", "serviceHost", "type"]);
    expect(fields.name).toBe("acme-anybackup-cloud-storage");
    expect(fields.type).toBe("Alibaba public cloud (S3)");
    expect((await resolve(fields.serviceHost)).value).toBe("s3.oss-cn-hangzhou.aliyuncs.com");
    expect((await resolve(storage.bucket)).value).toBe("acme-anybackup-cloud-storage-bucket-0000001");
    expect((await resolve(fields.accessSecret)).secret).toBe(true);
  });

  it("keep the database password secret", async () => {
    expect((await resolve(demo.outputs.acme!.databases["anyshare-cloud"]!.password)).secret).toBe(true);
  });
});

describe("sizes: every AnyShare tier and both AnyBackup configurations", () => {
  const vm = documentedVmFlavors("Alibaba");
  const dbClasses = documentedDatabaseFlavors("Alibaba");
  const documented = (table: typeof vm, size: { vcpu: number; memoryGiB: number }) => table.find((f) => f.vcpu === size.vcpu && f.memoryGiB === size.memoryGiB)!.name;
  let sized: MockRun<unknown>;
  beforeAll(async () => {
    const tenants = [
      ...ANYSHARE_TIERS.map((tier, i) => makeTenant(i, [anyShare(tier.users, `as_t${i}`)])),
      makeTenant(20, [anyBackup(true, "ab_t20")]),
      makeTenant(21, [anyBackup(false, "ab_t21")]),
    ];
    sized = await runAlicloudStack(blueprintsOf(tenants));
  });

  it.each(ANYSHARE_TIERS.map((tier, i) => [tier.users, tier, `t${i}`] as const))("%i users", (_users, tier, id) => {
    const instance = named(sized.resources, "alicloud:ecs/instance:Instance", `${id}-anyshare-cloud-instance`);
    expect(instance.inputs).toMatchObject({ instanceType: documented(vm, tier.host), systemDiskSize: tier.host.systemDiskGiB });
    expect(named(sized.resources, "alicloud:ecs/ecsDisk:EcsDisk", `${id}-anyshare-cloud-cache`).inputs.size).toBe(tier.host.cacheDiskGiB);
    const db = named(sized.resources, "alicloud:rds/instance:Instance", `${id}-anyshare-cloud-db-mysql`);
    expect(db.inputs).toMatchObject({ instanceType: documented(dbClasses, tier.database), instanceStorage: tier.database.storageGiB });
  });

  it.each([
    ["on", "t20", ANYBACKUP_DEDUP_ON],
    ["off", "t21", ANYBACKUP_DEDUP_OFF],
  ] as const)("AnyBackup, deduplication %s", (_dedup, id, size) => {
    const instance = named(sized.resources, "alicloud:ecs/instance:Instance", `${id}-anybackup-cloud-instance`);
    expect(instance.inputs).toMatchObject({ instanceType: documented(vm, size.host), systemDiskSize: size.host.systemDiskGiB });
  });
});

describe("stability: adding or removing a tenant leaves the others untouched", () => {
  it("adding a tenant adds only its resources", async () => {
    const base = await demoBlueprints();
    const extra = blueprintsOf([makeTenant(1, [anyShare(300, "as_new_1"), anyBackup(true, "ab_new_1"), opsServer()], "newco")])[0]!;
    const grown = await runAlicloudStack([extra, ...base]);
    const before = snapshot(demo.resources, ["acme", "globex", "initech"]);
    expect(Object.keys(before).length).toBeGreaterThan(150);
    expect(snapshot(grown.resources, ["acme", "globex", "initech"])).toEqual(before);
    expect(grown.resources.length - demo.resources.length).toBe(ofTenant(grown.resources, "newco").length);
  });

  it("removing a tenant removes only its resources", async () => {
    const shrunk = await runAlicloudStack((await demoBlueprints()).filter((b) => b.tenant !== "acme"));
    expect(snapshot(shrunk.resources, ["globex", "initech"])).toEqual(snapshot(demo.resources, ["globex", "initech"]));
    expect(ofTenant(shrunk.resources, "acme")).toEqual([]);
  });
});
