import { beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { ANYBACKUP_DEDUP_OFF, ANYBACKUP_DEDUP_ON, ANYBACKUP_MARKETPLACE_RECOMMENDED, ANYSHARE_TIERS, tagProblems, TAG_KEYS } from "../../components/core/index.js";
import type { HuaweiTenantOutputs } from "../../components/huaweicloud/index.js";
import { plainValue } from "../../policies/harness.js";
import { SecretValue, type MockRun, type RecordedResource } from "../../plan/mock-run.js";
import { anyBackup, anyShare, blueprintsOf, demoBlueprints, makeTenant, opsServer } from "../helpers/fleet.js";
import { documentedDatabaseFlavors, documentedVmFlavors } from "../helpers/flavor-table.js";
import { named, ofTenant, ofType, resolve, runHuaweicloudStack, snapshot } from "../helpers/stacks.js";
import { SDK, sdkProblems } from "../helpers/huawei-sdk.js";

/** Huawei Cloud resource types that take no tags (the provider's schema has no `tags` for them). */
const UNTAGGABLE = new Set([
  "huaweicloud:Vpc/flowLog:FlowLog",
  "huaweicloud:Iam/agency:Agency",
  "huaweicloud:DedicatedElb/logtank:Logtank",
  "huaweicloud:Rds/sqlAudit:SqlAudit",
  "huaweicloud:DedicatedElb/pool:Pool",
  "huaweicloud:DedicatedElb/member:Member",
  "huaweicloud:DedicatedElb/monitor:Monitor",
  "huaweicloud:DedicatedElb/l7policy:L7policy",
  "huaweicloud:DedicatedElb/l7rule:L7rule",
  "huaweicloud:DedicatedElb/ipgroup:Ipgroup",
  "huaweicloud:Eps/project:Project",
  "huaweicloud:Nat/snatRule:SnatRule",
  "huaweicloud:Vpc/secgroupRule:SecgroupRule",
  "huaweicloud:Ecs/eipAssociate:EipAssociate",
  "huaweicloud:Ecs/volumeAttach:VolumeAttach",
  "huaweicloud:Obs/bucketPolicy:BucketPolicy",
  "huaweicloud:Iam/user:User",
  "huaweicloud:Iam/accessKey:AccessKey",
  "huaweicloud:Iam/group:Group",
  "huaweicloud:Iam/groupMembership:GroupMembership",
  // The prober's custom policy and timer trigger take no tags (the provider's SDK has no such input).
  "huaweicloud:Iam/role:Role",
  "huaweicloud:FunctionGraph/trigger:Trigger",
  "huaweicloud:Iam/role:Role",
  "huaweicloud:Iam/groupRoleAssignment:GroupRoleAssignment",
  "huaweicloud:Cse/alarmrule:Alarmrule",
  "random:index/randomPassword:RandomPassword",
  "random:index/randomString:RandomString",
]);

const TENANTS = ["acme", "globex", "initech"];
const custom = (r: RecordedResource) => !r.type.startsWith("tenantry:");
const all = (type: string) => ofType(demo.resources, type);

let demo: MockRun<Record<string, HuaweiTenantOutputs>>;
beforeAll(async () => {
  demo = await runHuaweicloudStack(await demoBlueprints());
});

describe("the huaweicloud-demo stack under mocks", () => {
  it("creates every tenant's resources, and reports how many", () => {
    const counts = Object.fromEntries(TENANTS.map((id) => [id, ofTenant(demo.resources, id).filter(custom).length]));
    console.log(`huaweicloud-demo resources per tenant: ${JSON.stringify(counts)}; total: ${demo.resources.filter(custom).length}`);
    for (const count of Object.values(counts)) expect(count).toBeGreaterThan(30);
  });

  it("registers only tokens and inputs the provider's SDK has, with every required input", () => {
    const huawei = demo.resources.filter((r) => r.type.startsWith("huaweicloud:"));
    expect(huawei.length).toBeGreaterThan(150);
    for (const r of huawei) {
      const spec = SDK.resources[r.type];
      expect(spec, `${r.type} is not in the SDK table`).toBeDefined();
      expect(sdkProblems(r.inputs, spec!.inputs), `${r.type} ${r.name}`).toEqual([]);
    }
  });

  it("tags every taggable tenant resource with the tag contract", () => {
    for (const id of TENANTS) {
      for (const r of ofTenant(demo.resources, id).filter(custom)) {
        if (UNTAGGABLE.has(r.type)) continue;
        expect({ name: r.name, tags: r.inputs.tags }).toMatchObject({ tags: { [TAG_KEYS.tenant]: id, [TAG_KEYS.managedBy]: "tenantry" } });
        expect(tagProblems(r.inputs.tags as Record<string, string>), r.name).toEqual([]);
      }
    }
  });

  it("puts each tenant's resources in its own enterprise project", () => {
    for (const id of TENANTS) {
      const mine = ofTenant(demo.resources, id).filter((r) => r.inputs.enterpriseProjectId !== undefined);
      expect(mine.length).toBeGreaterThan(10);
      for (const r of mine) expect(r.inputs.enterpriseProjectId, r.name).toBe(`${id}-project-id`);
      expect(named(demo.resources, "huaweicloud:Eps/project:Project", `${id}-project`).retainOnDelete).toBe(true);
    }
  });
});

describe("secure defaults", () => {
  it("hosts: a flavour, an encrypted general-purpose SSD system disk of the documented size, pay-as-you-go, no EIP of their own", () => {
    for (const i of all("huaweicloud:Ecs/instance:Instance")) {
      expect(i.inputs).toMatchObject({ systemDiskType: "GPSSD", chargingMode: "postPaid" });
      expect(i.inputs.systemDiskKmsKeyId).toBe(`${i.name.split("-")[0]}-disk-key-id`);
      expect(i.inputs.eipType).toBeUndefined();
      expect(i.ignoreChanges).toEqual(["imageId", "userData"]);
    }
  });

  it("cache disks: encrypted with the tenant's key, kept when removed", () => {
    const disks = all("huaweicloud:Evs/volume:Volume");
    expect(disks.map((d) => [d.name, d.inputs.size])).toEqual([
      ["acme-anyshare-cloud-cache", 100],
      ["initech-anyshare-cloud-cache", 100],
    ]);
    for (const d of disks) {
      expect(d.inputs).toMatchObject({ volumeType: "GPSSD", kmsId: `${d.name.split("-")[0]}-disk-key-id` });
      expect(d.retainOnDelete).toBe(true);
    }
  });

  it("EIPs only for the ops servers and NAT gateways (bandwidth from config) and the entry points' ELBs (AnyShare's tier, else config); SNAT only for the app subnets", () => {
    expect(all("huaweicloud:Vpc/eip:Eip").map((e) => [e.name, (e.inputs.bandwidth as { size: number }).size])).toEqual([
      ["acme-network-nat-eip", 10],
      ["acme-entry-anyshare-cloud-web-eip", 5],
      ["acme-entry-anybackup-cloud-web-eip", 10],
      ["acme-entry-anybackup-cloud-clients-eip", 10],
      ["acme-ops-server-host-eip", 5],
      ["globex-network-nat-eip", 10],
      ["globex-entry-anybackup-cloud-web-eip", 10],
      ["globex-entry-anybackup-cloud-clients-eip", 10],
      ["globex-ops-server-host-eip", 5],
      ["initech-network-nat-eip", 10],
      ["initech-entry-anyshare-cloud-web-eip", 15],
    ]);
    expect(all("huaweicloud:Nat/snatRule:SnatRule").filter((s) => s.name.startsWith("acme-")).map((s) => s.inputs.subnetId)).toEqual(["acme-network-app-0-id", "acme-network-app-1-id"]);
  });

  it("backup buckets log every access into a log bucket of the tenant's own, which OBS writes through an agency allowed that bucket only", () => {
    for (const id of ["acme", "globex"]) {
      const logs = named(demo.resources, "huaweicloud:Obs/bucket:Bucket", `${id}-anybackup-cloud-storage-logs`);
      expect(logs.inputs).toMatchObject({ acl: "private", versioning: true, encryption: true, sseAlgorithm: "AES256", lifecycleRules: [{ enabled: true, expirations: [{ days: 365 }] }] });
      expect(logs.inputs.tags).toMatchObject({ [TAG_KEYS.logStore]: "true", [TAG_KEYS.retainOnDelete]: "true" });
      expect(logs.retainOnDelete).toBe(true);
      const agency = named(demo.resources, "huaweicloud:Iam/agency:Agency", `${id}-anybackup-cloud-storage-log-agency`);
      expect(agency.inputs).toMatchObject({ delegatedServiceName: "op_svc_obs", duration: "FOREVER" });
      const role = named(demo.resources, "huaweicloud:Iam/role:Role", `${id}-anybackup-cloud-storage-log-delivery`);
      expect(agency.inputs.domainRoles).toEqual([role.inputs.name]);
      expect(JSON.parse(String(role.inputs.policy))).toEqual({ Version: "1.1", Statement: [{ Effect: "Allow", Action: ["obs:object:PutObject"], Resource: [`OBS:*:*:object:${logs.inputs.bucket}/*`] }] });
      expect(named(demo.resources, "huaweicloud:Obs/bucket:Bucket", `${id}-anybackup-cloud-storage-bucket`).inputs.loggings).toEqual([{ targetBucket: logs.inputs.bucket, targetPrefix: "obs-access/", agency: agency.inputs.name }]);
    }
  });

  it("backup buckets: private, versioned, SSE-KMS with the tenant's own key, TLS only, lifecycle, kept on delete", () => {
    // Each backup bucket and its access-log bucket (acme, globex).
    for (const type of ["huaweicloud:Obs/bucket:Bucket", "huaweicloud:Obs/bucketPolicy:BucketPolicy"]) {
      expect(all(type).length, type).toBe(4);
      for (const r of all(type)) expect(r.retainOnDelete, `${type} ${r.name}`).toBe(true);
    }
    const bucket = named(demo.resources, "huaweicloud:Obs/bucket:Bucket", "acme-anybackup-cloud-storage-bucket");
    expect(bucket.inputs).toMatchObject({
      bucket: "acme-anybackup-cloud-storage-abc123",
      acl: "private",
      versioning: true,
      encryption: true,
      sseAlgorithm: "kms",
      kmsKeyId: "acme-anybackup-cloud-storage-key-id",
      forceDestroy: false,
      lifecycleRules: [{ enabled: true, noncurrentVersionExpirations: [{ days: 30 }] }],
    });
    const policy = named(demo.resources, "huaweicloud:Obs/bucketPolicy:BucketPolicy", "acme-anybackup-cloud-storage-tls-only").inputs;
    expect(policy.policyFormat).toBe("obs");
    expect(JSON.parse(policy.policy as string).Statement).toEqual([expect.objectContaining({ Effect: "Deny", Principal: { ID: ["*"] }, Condition: { Bool: { SecureTransport: ["false"] } } })]);
    for (const k of all("huaweicloud:Dew/key:Key")) {
      expect(k.inputs).toMatchObject({ rotationEnabled: true, rotationInterval: 365 });
      expect(k.retainOnDelete).toBe(true);
    }
  });

  it("databases: cloud SSD of the documented size encrypted with the tenant's key, data subnet and group, TLS, backups >= 7 days, secret password, kept", () => {
    const db = named(demo.resources, "huaweicloud:Rds/instance:Instance", "acme-anyshare-cloud-db-mysql");
    expect(db.inputs).toMatchObject({
      flavor: "rds.mysql.n1.large.2",
      availabilityZones: ["cn-north-4a"],
      volume: { type: "CLOUDSSD", size: 60, diskEncryptionId: "acme-disk-key-id" },
      subnetId: "acme-network-data-0-id",
      securityGroupId: "acme-network-data-sg-id",
      vpcId: "acme-network-vpc-id",
      sslEnable: true,
      parameters: [{ name: "require_secure_transport", value: "ON" }],
    });
    expect((db.inputs.backupStrategy as { keepDays: number }).keepDays).toBeGreaterThanOrEqual(7);
    expect(db.inputs.db).toBeInstanceOf(SecretValue);
    expect((db.inputs.db as SecretValue).value).toMatchObject({ type: "MySQL", version: "8.0", password: "password-of-acme-anyshare-cloud-db-password" });
    expect(db.retainOnDelete).toBe(true);
    // SQL audit: every statement kept 365 days.
    expect(named(demo.resources, "huaweicloud:Rds/sqlAudit:SqlAudit", "acme-anyshare-cloud-db-sql-audit").inputs).toEqual({ instanceId: "acme-anyshare-cloud-db-mysql-id", keepDays: 365 });
  });

  it("VPC flow logs of all traffic into an LTS group and stream of the tenant's own, kept 365 days", () => {
    for (const id of ["acme", "globex", "initech"]) {
      const group = named(demo.resources, "huaweicloud:Lts/group:Group", `${id}-network-flow-logs`);
      expect(group.inputs).toMatchObject({ groupName: `huaweicloud-demo-${id}-network-flow-logs`, ttlInDays: 365, enterpriseProjectId: `${id}-project-id` });
      expect(named(demo.resources, "huaweicloud:Lts/stream:Stream", `${id}-network-flow-log-stream`).inputs).toMatchObject({ groupId: `${id}-network-flow-logs-id`, streamName: "vpc-flow-logs" });
      expect(named(demo.resources, "huaweicloud:Vpc/flowLog:FlowLog", `${id}-network-flow-log`).inputs).toMatchObject({
        resourceType: "vpc",
        resourceId: `${id}-network-vpc-id`,
        trafficType: "all",
        enabled: true,
        logGroupId: `${id}-network-flow-logs-id`,
        logStreamId: `${id}-network-flow-log-stream-id`,
      });
    }
  });

  it("every dedicated ELB sends its access logs to an LTS group and stream of its tenant's own, kept 365 days and retained", () => {
    const elbs = all("huaweicloud:DedicatedElb/loadbalancer:Loadbalancer");
    expect(elbs.length).toBeGreaterThan(0);
    for (const elb of elbs) {
      const tenant = elb.name.split("-")[0]!;
      const tank = named(demo.resources, "huaweicloud:DedicatedElb/logtank:Logtank", `${elb.name.slice(0, -"-elb".length)}-access-logs`);
      expect(tank.inputs, elb.name).toEqual({ loadbalancerId: `${elb.name}-id`, logGroupId: `${tenant}-entry-logs-group-id`, logTopicId: `${tenant}-entry-logs-stream-id` });
      const group = named(demo.resources, "huaweicloud:Lts/group:Group", `${tenant}-entry-logs-group`);
      expect(group.inputs).toMatchObject({ groupName: `huaweicloud-demo-${tenant}-entry-logs`, ttlInDays: 365, enterpriseProjectId: `${tenant}-project-id` });
      expect(group.retainOnDelete).toBe(true);
      expect(named(demo.resources, "huaweicloud:Lts/stream:Stream", `${tenant}-entry-logs-stream`).retainOnDelete).toBe(true);
    }
  });

  it("no security-group rule opens SSH, RDP or MySQL to the world; MySQL only from app, SSH only from ops or admin CIDRs; default rules removed", () => {
    for (const r of all("huaweicloud:Vpc/secgroupRule:SecgroupRule").filter((r) => r.inputs.direction === "ingress")) {
      expect(r.inputs.remoteIpPrefix ?? r.inputs.remoteGroupId, r.name).toBeDefined();
      if (r.inputs.remoteIpPrefix !== "0.0.0.0/0") continue;
      for (const port of [22, 3389, 3306]) expect(port < Number(r.inputs.portRangeMin) || port > Number(r.inputs.portRangeMax), r.name).toBe(true);
    }
    const rule = (name: string) => named(demo.resources, "huaweicloud:Vpc/secgroupRule:SecgroupRule", name).inputs;
    expect(rule("acme-network-data-mysql-from-app")).toMatchObject({ securityGroupId: "acme-network-data-sg-id", portRangeMin: 3306, portRangeMax: 3306, remoteGroupId: "acme-network-app-sg-id" });
    expect(rule("acme-network-management-ssh-from-ops")).toMatchObject({ portRangeMin: 22, remoteGroupId: "acme-network-ops-sg-id" });
    expect(rule("acme-network-ops-ssh-198-51-100-0-24")).toMatchObject({ portRangeMin: 22, remoteIpPrefix: "198.51.100.0/24" });
    for (const g of all("huaweicloud:Vpc/secgroup:Secgroup")) expect(g.inputs.deleteDefaultRules).toBe(true);
  });

  it("alarms: the documented thresholds on every host and database, to their severity's SMN topic on alarm and recovery", () => {
    const rules = all("huaweicloud:Cse/alarmrule:Alarmrule").filter((a) => a.name.startsWith("acme-anyshare-cloud-alarms-"));
    type Condition = { metricName: string; comparisonOperator: string; value: number };
    const first = (a: RecordedResource) => (a.inputs.conditions as Condition[])[0]!;
    expect(rules.map((a) => [a.name.replace("acme-anyshare-cloud-alarms-", ""), (a.inputs.metric as { namespace: string }).namespace, first(a).metricName, first(a).comparisonOperator, first(a).value])).toEqual([
      ["cpu", "SYS.ECS", "cpu_util", ">", 90],
      ["memory", "AGT.ECS", "mem_usedPercent", ">", 90],
      ["disk", "AGT.ECS", "disk_usedPercent", ">", 80],
      ["load-and-cpu", "AGT.ECS", "load_average1", ">", 5],
    ]);
    // Levels from the core's severities: urgent -> 1 (critical), warning -> 2 (major).
    expect(rules.map((a) => a.inputs.alarmLevel)).toEqual([2, 2, 1, 1]);
    // Each rule notifies its severity's topic (test/huaweicloud/alarm-routing.test.ts has the routing).
    const urn = (level: unknown) => {
      const topic = named(demo.resources, "huaweicloud:Smn/topic:Topic", level === 1 ? "alarms-topic" : "alarms-warning-topic");
      return `urn:smn:cn-north-4:0123456789abcdef0123456789abcdef:${String(topic.inputs.name)}`;
    };
    for (const r of all("huaweicloud:Cse/alarmrule:Alarmrule")) {
      expect(r.inputs.alarmActions).toEqual([{ type: "notification", notificationLists: [urn(r.inputs.alarmLevel)] }]);
      expect(r.inputs.okActions).toEqual(r.inputs.alarmActions);
    }
    const db = all("huaweicloud:Cse/alarmrule:Alarmrule").filter((a) => a.name.startsWith("acme-anyshare-cloud-db-alarms-"));
    expect(db.map((a) => [first(a).metricName, first(a).value])).toEqual([
      ["rds001_cpu_util", 90],
      ["rds039_disk_util", 90],
    ]);
    // alarmEmails on every severity's topic; the demo's urgent DingTalk robot too (its Slack webhook is the ops server's).
    expect(all("huaweicloud:Smn/subscription:Subscription").map((s) => [s.parent, s.inputs.protocol, s.inputs.endpoint instanceof SecretValue ? "(secret)" : s.inputs.endpoint])).toEqual([
      ["alarms", "email", "ops@example.com"],
      ["alarms", "dingding", "(secret)"],
      ["alarms-warning", "email", "ops@example.com"],
      ["alarms-info", "email", "ops@example.com"],
    ]);
  });

  it("ops server: the documented size with an EIP in the management subnet; monitoring credentials granted in its tenant's enterprise project only", () => {
    const ops = named(demo.resources, "huaweicloud:Ecs/instance:Instance", "acme-ops-server-host-instance");
    expect(ops.inputs).toMatchObject({ flavorId: "c7.xlarge.2", systemDiskSize: 200, networks: [{ uuid: "acme-network-management-0-id" }], securityGroupIds: ["acme-network-ops-sg-id"] });
    expect(named(demo.resources, "huaweicloud:Ecs/eipAssociate:EipAssociate", "acme-ops-server-host-eip-association").inputs).toMatchObject({ instanceId: "acme-ops-server-host-instance-id", publicIp: "203.0.113.30" });
    const grants = all("huaweicloud:Iam/groupRoleAssignment:GroupRoleAssignment").filter((g) => g.name.startsWith("acme-ops-server-"));
    expect(grants.map((g) => [g.inputs.roleId, g.inputs.enterpriseProjectId, g.inputs.projectId, g.inputs.domainId])).toEqual(
      ["ces", "ecs", "rds", "vpc"].map((s) => [`role-${s}-readonlyaccess`, "acme-project-id", undefined, undefined]),
    );
  });
});

describe("monitoring by the ops server", () => {
  it("every host runs node_exporter; the ops server runs the stack generated from its tenant's blueprint, as a secret", () => {
    for (const i of all("huaweicloud:Ecs/instance:Instance").filter((i) => !i.name.includes("ops-server"))) {
      expect(String(i.inputs.userData), i.name).toMatch(/^#cloud-config\n[\s\S]*node_exporter/);
    }
    const ops = named(demo.resources, "huaweicloud:Ecs/instance:Instance", "acme-ops-server-host-instance").inputs.userData;
    expect(ops).toBeInstanceOf(SecretValue);
    const text = String((ops as SecretValue).value);
    for (const part of ["/etc/tenantry/prometheus/prometheus.yml", "/etc/tenantry/alertmanager/alertmanager.yml", "10.0.0.10:9100", "10.0.0.20:3306", "kind=dingtalk&severity=urgent"]) expect(text).toContain(part);
  });

  it("Alertmanager leaves the demo's Slack webhook to the cloud's chat relay for what Cloud Eye evaluates, and keeps it for what only the ops server does", () => {
    const ops = named(demo.resources, "huaweicloud:Ecs/instance:Instance", "acme-ops-server-host-instance").inputs.userData as SecretValue;
    const files = (parse(String(ops.value)) as { write_files: { path: string; content: string }[] }).write_files;
    const am = parse(files.find((f) => f.path.endsWith("alertmanager.yml"))!.content) as { receivers: { name: string; slack_configs?: unknown[] }[] };
    const slack = (name: string) => am.receivers.find((r) => r.name === name)?.slack_configs?.length ?? 0;
    expect([slack("warning"), slack("warning-beside-cloud")]).toEqual([1, 0]);
    expect(ofType(demo.resources, "tenantry:huaweicloud:ChatRelay").map((r) => r.parent)).toEqual(["alarms-warning"]);
  });
});

describe("outputs", () => {
  it("give AnyBackup's 'add cloud storage' fields for OBS's S3-compatible endpoint, the secret as a Pulumi secret", async () => {
    const target = demo.outputs.acme!.backupStorage["anybackup-cloud"]!;
    expect(target.target).toBe("same-cloud");
    expect((await resolve(target.bucket)).value).toBe("acme-anybackup-cloud-storage-abc123");
    const fields = target.dialog!;
    expect(Object.keys(fields).sort()).toEqual(["accessId", "accessSecret", "name", "serviceHost", "type"]);
    expect(fields.name).toBe("acme-anybackup-cloud-storage");
    expect(fields.type).toBe("Huawei Cloud OBS (S3)");
    expect((await resolve(fields.serviceHost)).value).toBe("obs.cn-north-4.myhuaweicloud.com");
    expect((await resolve(fields.accessId)).value).toBe("acme-anybackup-cloud-storage-access-key-id");
    const secret = await resolve(fields.accessSecret);
    expect(secret).toEqual({ value: "secret-of-acme-anybackup-cloud-storage-access-key", secret: true });
    const key = named(demo.resources, "huaweicloud:Iam/accessKey:AccessKey", "acme-anybackup-cloud-storage-access-key");
    expect(key.inputs.secretFile).toBe("/dev/null/tenantry-no-credentials-file.csv");
  });

  it("keep the database password and the monitoring secret key secret", async () => {
    expect((await resolve(demo.outputs.acme!.databases["anyshare-cloud"]!.password)).secret).toBe(true);
    expect((await resolve(demo.outputs.acme!.monitoring["ops-server"]!.secretKey)).secret).toBe(true);
  });

  it("say which documented row sized each host", () => {
    expect(demo.outputs.acme!.hosts["anybackup-cloud"]).toMatchObject({ instanceType: "c7.2xlarge.4", exactSize: true, documentedRow: "product-facts.md §1 AnyBackup Cloud server: configuration 1 (deduplication on)" });
  });
});

describe("sizes: every AnyShare tier, both AnyBackup configurations, and the marketplace host", () => {
  const vm = documentedVmFlavors("Huawei");
  const dbClasses = documentedDatabaseFlavors("Huawei");
  const documented = (table: typeof vm, size: { vcpu: number; memoryGiB: number }) => table.find((f) => f.vcpu === size.vcpu && f.memoryGiB === size.memoryGiB)!.name;
  let sized: MockRun<Record<string, HuaweiTenantOutputs>>;
  let marketplace: MockRun<Record<string, HuaweiTenantOutputs>>;
  beforeAll(async () => {
    const tenants = [
      ...ANYSHARE_TIERS.map((tier, i) => makeTenant(i, [anyShare(tier.users, `as_t${i}`)])),
      makeTenant(20, [anyBackup(true, "ab_t20")]),
      makeTenant(21, [anyBackup(false, "ab_t21")]),
    ];
    sized = await runHuaweicloudStack(blueprintsOf(tenants));
    marketplace = await runHuaweicloudStack(blueprintsOf([makeTenant(22, [anyBackup(false, "ab_t22")])]), { anybackupSizing: "marketplace", billing: "yearly", billingEndpoint: "bss.myhuaweicloud.com" });
  });

  it.each(ANYSHARE_TIERS.map((tier, i) => [tier.users, tier, `t${i}`] as const))("%i users", (_users, tier, id) => {
    const instance = named(sized.resources, "huaweicloud:Ecs/instance:Instance", `${id}-anyshare-cloud-instance`);
    expect(instance.inputs).toMatchObject({ flavorId: documented(vm, tier.host), systemDiskSize: tier.host.systemDiskGiB });
    expect(named(sized.resources, "huaweicloud:Evs/volume:Volume", `${id}-anyshare-cloud-cache`).inputs.size).toBe(tier.host.cacheDiskGiB);
    const db = named(sized.resources, "huaweicloud:Rds/instance:Instance", `${id}-anyshare-cloud-db-mysql`);
    expect(db.inputs.flavor).toBe(documented(dbClasses, tier.database));
    expect((db.inputs.volume as { size: number }).size).toBe(tier.database.storageGiB);
  });

  it.each([
    ["on", "t20", ANYBACKUP_DEDUP_ON],
    ["off", "t21", ANYBACKUP_DEDUP_OFF],
  ] as const)("AnyBackup, deduplication %s", (_dedup, id, size) => {
    const instance = named(sized.resources, "huaweicloud:Ecs/instance:Instance", `${id}-anybackup-cloud-instance`);
    expect(instance.inputs).toMatchObject({ flavorId: documented(vm, size.host), systemDiskSize: size.host.systemDiskGiB });
  });

  it("sizing: marketplace gives the listing's recommended host, billed yearly, and says which row it used", () => {
    const instance = named(marketplace.resources, "huaweicloud:Ecs/instance:Instance", "t22-anybackup-cloud-instance");
    expect(instance.inputs).toMatchObject({ flavorId: "c7.2xlarge.2", systemDiskSize: ANYBACKUP_MARKETPLACE_RECOMMENDED.host.systemDiskGiB, chargingMode: "prePaid", period: 1, periodUnit: "year", autoRenew: "true" });
    expect(marketplace.outputs.t22!.hosts["anybackup-cloud"]!.documentedRow).toBe("product-facts.md §1 AnyBackup Cloud server: Huawei Cloud marketplace recommended host");
  });
});

describe("stability: adding or removing a tenant leaves the others untouched", () => {
  it("adding a tenant adds only its resources", async () => {
    const extra = blueprintsOf([makeTenant(1, [anyShare(300, "as_new_1"), anyBackup(true, "ab_new_1"), opsServer()], "newco")])[0]!;
    const grown = await runHuaweicloudStack([extra, ...(await demoBlueprints())]);
    const before = snapshot(demo.resources, TENANTS);
    expect(Object.keys(before).length).toBeGreaterThan(150);
    expect(snapshot(grown.resources, TENANTS)).toEqual(before);
    expect(grown.resources.length - demo.resources.length).toBe(ofTenant(grown.resources, "newco").length);
  });
});
