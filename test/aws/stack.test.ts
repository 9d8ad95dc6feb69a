import { beforeAll, describe, expect, it } from "vitest";
import { ANYBACKUP_DEDUP_OFF, ANYBACKUP_DEDUP_ON, ANYSHARE_TIERS, tagProblems, tenantBlueprint, TAG_KEYS } from "../../components/core/index.js";
import type { AwsTenantOutputs } from "../../components/aws/index.js";
import { runAwsStack, named, ofTenant, ofType, resolve, snapshot } from "../helpers/stacks.js";
import { blueprintsOf, demoBlueprints, makeTenant, anyShare, anyBackup, opsServer } from "../helpers/fleet.js";
import { documentedDatabaseFlavors, documentedVmFlavors } from "../helpers/flavor-table.js";
import { SecretValue, type MockRun, type RecordedResource } from "../../plan/mock-run.js";

/** AWS resource types that take no tags. */
const UNTAGGABLE = new Set([
  "aws:ec2/route:Route",
  "aws:ec2/routeTableAssociation:RouteTableAssociation",
  "aws:ec2/volumeAttachment:VolumeAttachment",
  "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
  "aws:iam/userPolicyAttachment:UserPolicyAttachment",
  "aws:iam/accessKey:AccessKey",
  "aws:kms/alias:Alias",
  "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
  "aws:s3/bucketOwnershipControls:BucketOwnershipControls",
  "aws:s3/bucketVersioning:BucketVersioning",
  "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
  "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
  "aws:s3/bucketPolicy:BucketPolicy",
  "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration",
  "aws:s3/bucketLogging:BucketLogging",
  "aws:iam/rolePolicy:RolePolicy",
  "aws:sns/topicSubscription:TopicSubscription",
  "aws:lb/targetGroupAttachment:TargetGroupAttachment",
  "aws:lambda/permission:Permission",
  "aws:route53/record:Record",
  "pulumi:providers:aws",
  "random:index/randomPassword:RandomPassword",
]);

const custom = (r: RecordedResource) => !r.type.startsWith("tenantry:");

let demo: MockRun<Record<string, AwsTenantOutputs>>;
beforeAll(async () => {
  demo = await runAwsStack(await demoBlueprints());
});

describe("the aws-demo stack under mocks", () => {
  it("creates every tenant's resources, and reports how many", () => {
    const counts = Object.fromEntries(["acme", "globex", "initech"].map((id) => [id, ofTenant(demo.resources, id).filter(custom).length]));
    console.log(`aws-demo resources per tenant: ${JSON.stringify(counts)}; shared: ${demo.resources.filter((r) => r.name.startsWith("alarms")).filter(custom).length}; total: ${demo.resources.filter(custom).length}`);
    for (const count of Object.values(counts)) expect(count).toBeGreaterThan(40);
  });

  it("tags every taggable tenant resource with the tag contract", () => {
    for (const id of ["acme", "globex", "initech"]) {
      for (const r of ofTenant(demo.resources, id).filter(custom)) {
        if (UNTAGGABLE.has(r.type)) continue;
        expect({ name: r.name, tags: r.inputs.tags }).toMatchObject({ tags: { [TAG_KEYS.tenant]: id, [TAG_KEYS.managedBy]: "tenantry" } });
        expect(tagProblems(r.inputs.tags as Record<string, string>), r.name).toEqual([]);
      }
    }
  });

  it("puts each service's tags (product, licence) on its resources", () => {
    const bucket = named(demo.resources, "aws:s3/bucket:Bucket", "acme-anybackup-cloud-storage-bucket");
    expect(bucket.inputs.tags).toMatchObject({ [TAG_KEYS.product]: "anybackup-cloud", [TAG_KEYS.licenceId]: "ab_acme_1" });
    const host = named(demo.resources, "aws:ec2/instance:Instance", "acme-anyshare-cloud-instance");
    expect(host.inputs.tags).toMatchObject({ [TAG_KEYS.product]: "anyshare-cloud", [TAG_KEYS.bandwidthMbps]: "5" });
  });

  it("parents every resource to a component, down from one component per tenant", () => {
    for (const r of demo.resources) {
      if (r.type === "tenantry:aws:Tenant" || r.type === "tenantry:aws:AlarmRouting") expect(r.parent).toBeUndefined();
      else expect(r.parent, r.name).toBeDefined();
    }
  });
});

describe("secure defaults", () => {
  const all = (type: string) => ofType(demo.resources, type);

  it("hosts: IMDSv2 only, encrypted gp3 root of the documented size, detailed monitoring, no public IP", () => {
    for (const i of all("aws:ec2/instance:Instance")) {
      expect(i.inputs).toMatchObject({
        metadataOptions: { httpTokens: "required" },
        rootBlockDevice: { volumeType: "gp3", encrypted: true },
        monitoring: true,
        associatePublicIpAddress: false,
      });
      expect(i.inputs.iamInstanceProfile).toBeTruthy();
      expect(i.ignoreChanges).toEqual(["ami"]);
    }
  });

  it("cache disks: encrypted gp3, kept when removed", () => {
    const volumes = all("aws:ebs/volume:Volume");
    expect(volumes.map((v) => v.name)).toEqual(["acme-anyshare-cloud-cache", "initech-anyshare-cloud-cache"]);
    for (const v of volumes) {
      expect(v.inputs).toMatchObject({ type: "gp3", encrypted: true });
      expect(v.retainOnDelete).toBe(true);
    }
  });

  it("Elastic IPs only on the ops servers (and the NAT gateways)", () => {
    const eips = all("aws:ec2/eip:Eip").map((e) => e.name).sort();
    expect(eips).toEqual([
      "acme-network-nat-eip-0",
      "acme-ops-server-host-eip",
      "globex-network-nat-eip-0",
      "globex-ops-server-host-eip",
      "initech-network-nat-eip-0",
    ]);
  });

  it("backup buckets: private, versioned, SSE-KMS with the tenant's key, TLS only, lifecycle, all kept on delete", () => {
    const stateful = [
      "aws:s3/bucket:Bucket",
      "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
      "aws:s3/bucketVersioning:BucketVersioning",
      "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
      "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
      "aws:s3/bucketPolicy:BucketPolicy",
    ];
    // Each backup bucket and its access-log bucket (acme, globex), and each tenant's load-balancer log bucket.
    for (const type of stateful) {
      expect(all(type).length, type).toBe(7);
      for (const r of all(type)) expect(r.retainOnDelete, `${type} ${r.name}`).toBe(true);
    }
    for (const type of ["aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration", "aws:s3/bucketLogging:BucketLogging"]) {
      expect(all(type).map((r) => [r.name, r.retainOnDelete])).toEqual(
        ["acme", "globex"].map((t) => [`${t}-anybackup-cloud-storage-${type.includes("Lock") ? "object-lock" : "access-logs"}`, true]),
      );
    }
    // Every key is kept: the backup keys, the tenants' data keys, the alarm topic's key.
    for (const k of all("aws:kms/key:Key")) expect(k.retainOnDelete, k.name).toBe(true);
    for (const b of all("aws:s3/bucket:Bucket")) expect(b.inputs.forceDestroy).toBe(false);
    for (const p of all("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock")) {
      expect(p.inputs).toMatchObject({ blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true });
    }
    for (const v of all("aws:s3/bucketVersioning:BucketVersioning")) expect(v.inputs).toMatchObject({ versioningConfiguration: { status: "Enabled" } });
    const sse = named(demo.resources, "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", "acme-anybackup-cloud-storage-encryption");
    expect(sse.inputs).toMatchObject({
      rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: "arn:aws:kms:ap-southeast-1:123456789012:key/key-acme-anybackup-cloud-storage-key" } }],
    });
    for (const k of all("aws:kms/key:Key")) expect(k.inputs.enableKeyRotation).toBe(true);
    const policy = JSON.parse(named(demo.resources, "aws:s3/bucketPolicy:BucketPolicy", "acme-anybackup-cloud-storage-tls-only").inputs.policy as string);
    expect(policy.Statement).toEqual([expect.objectContaining({ Effect: "Deny", Condition: { Bool: { "aws:SecureTransport": "false" } } })]);
    const lifecycle = named(demo.resources, "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration", "acme-anybackup-cloud-storage-lifecycle");
    expect(lifecycle.inputs).toMatchObject({ rules: [{ status: "Enabled", noncurrentVersionExpiration: { noncurrentDays: 30 }, abortIncompleteMultipartUpload: { daysAfterInitiation: 7 } }] });
  });

  it("backup buckets: object versions locked (governance, 30 days), access logged to the tenant's own log bucket", () => {
    const lock = named(demo.resources, "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration", "globex-anybackup-cloud-storage-object-lock");
    expect(lock.inputs).toMatchObject({ bucket: "globex-anybackup-cloud-storage-bucket-id", objectLockEnabled: "Enabled", rule: { defaultRetention: { mode: "GOVERNANCE", days: 30 } } });
    const logging = named(demo.resources, "aws:s3/bucketLogging:BucketLogging", "globex-anybackup-cloud-storage-access-logs");
    expect(logging.inputs).toMatchObject({ bucket: "globex-anybackup-cloud-storage-bucket-id", targetBucket: "globex-anybackup-cloud-storage-logs-id" });
    const logs = named(demo.resources, "aws:s3/bucket:Bucket", "globex-anybackup-cloud-storage-logs");
    expect(logs.inputs.tags).toMatchObject({ [TAG_KEYS.tenant]: "globex" });
    expect(logs.inputs.tags).not.toHaveProperty(TAG_KEYS.licence);
    const delivery = JSON.parse(named(demo.resources, "aws:s3/bucketPolicy:BucketPolicy", "globex-anybackup-cloud-storage-logs-policy").inputs.policy as string);
    expect(delivery.Statement[1]).toMatchObject({
      Principal: { Service: "logging.s3.amazonaws.com" },
      Condition: { ArnLike: { "aws:SourceArn": "arn:aws:s3:::globex-anybackup-cloud-storage-bucket-0000001" }, StringEquals: { "aws:SourceAccount": "123456789012" } },
    });
  });

  // The tenant's log groups, and its database's RDS log groups (acme and initech have AnyShare's database).
  const logArns = (id: string) => {
    const arn = (prefix: string) => `arn:aws:logs:ap-southeast-1:123456789012:log-group:${prefix}/*`;
    const own = arn(`/tenantry/aws-demo/${id}`);
    return id === "globex" ? own : [own, arn(`/aws/rds/instance/aws-demo-${id}-anyshare-cloud-db`)];
  };

  it("log groups AWS services would make themselves are made first, under the tenant's key, kept 365 days: RDS's exports (the database waits for them) and the CloudWatch agents' (the hosts wait for it)", () => {
    for (const id of ["acme", "initech"]) {
      const db = named(demo.resources, "aws:rds/instance:Instance", `${id}-anyshare-cloud-db-mysql`);
      expect(db.inputs.identifier).toBe(`aws-demo-${id}-anyshare-cloud-db`);
      for (const log of db.inputs.enabledCloudwatchLogsExports as string[]) {
        const group = named(demo.resources, "aws:cloudwatch/logGroup:LogGroup", `${id}-anyshare-cloud-db-${log}-logs`);
        expect(group.inputs).toMatchObject({ name: `/aws/rds/instance/aws-demo-${id}-anyshare-cloud-db/${log}`, retentionInDays: 365, kmsKeyId: `arn:aws:kms:ap-southeast-1:123456789012:key/key-${id}-data-key` });
        expect(group.retainOnDelete).toBe(true);
        expect(db.dependencies).toContain(group.urn);
      }
    }
    for (const id of ["acme", "globex", "initech"]) {
      const group = named(demo.resources, "aws:cloudwatch/logGroup:LogGroup", `${id}-agent-logs`);
      expect(group.inputs).toMatchObject({ name: `/tenantry/aws-demo/${id}/prometheus`, retentionInDays: 365, kmsKeyId: `arn:aws:kms:ap-southeast-1:123456789012:key/key-${id}-data-key` });
      const hosts = ofType(demo.resources, "aws:ec2/instance:Instance").filter((h) => h.name.startsWith(`${id}-`));
      expect(hosts.length).toBeGreaterThan(0);
      for (const h of hosts) expect(h.dependencies, h.name).toContain(group.urn);
    }
  });

  it("networks: flow logs into the tenant's own log group, the default security group closed", () => {
    for (const id of ["acme", "globex", "initech"]) {
      const flow = named(demo.resources, "aws:ec2/flowLog:FlowLog", `${id}-network-flow-log`);
      expect(flow.inputs).toMatchObject({ vpcId: `${id}-network-vpc-id`, trafficType: "ALL", logDestinationType: "cloud-watch-logs" });
      const group = named(demo.resources, "aws:cloudwatch/logGroup:LogGroup", `${id}-network-flow-logs`);
      expect(group.inputs).toMatchObject({ name: `/tenantry/aws-demo/${id}/vpc-flow-logs`, retentionInDays: 365, kmsKeyId: `arn:aws:kms:ap-southeast-1:123456789012:key/key-${id}-data-key` });
      // CloudWatch Logs may use the tenant's key for the tenant's log groups only.
      const policy = JSON.parse(named(demo.resources, "aws:kms/key:Key", `${id}-data-key`).inputs.policy as string);
      expect(policy.Statement).toEqual([
        expect.objectContaining({ Principal: { AWS: "arn:aws:iam::123456789012:root" }, Action: "kms:*" }),
        expect.objectContaining({
          Principal: { Service: "logs.ap-southeast-1.amazonaws.com" },
          Condition: { ArnLike: { "kms:EncryptionContext:aws:logs:arn": logArns(id) } },
        }),
      ]);
      const closed = named(demo.resources, "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup", `${id}-network-default-sg`);
      expect(closed.inputs).toMatchObject({ vpcId: `${id}-network-vpc-id`, ingress: [], egress: [] });
    }
  });

  it("alarm topics (one per severity, here and in us-east-1): encrypted with a key CloudWatch may use", () => {
    for (const name of ["alarms-urgent", "alarms-warning", "alarms-info", "probe-alarms-urgent", "probe-alarms-warning", "probe-alarms-info"]) {
      const topic = named(demo.resources, "aws:sns/topic:Topic", `${name}-topic`);
      expect(topic.inputs.kmsMasterKeyId).toBe(`arn:aws:kms:ap-southeast-1:123456789012:key/key-${name}-key`);
      const policy = JSON.parse(named(demo.resources, "aws:kms/key:Key", `${name}-key`).inputs.policy as string);
      expect(policy.Statement[1]).toMatchObject({ Principal: { Service: "cloudwatch.amazonaws.com" }, Action: ["kms:Decrypt", "kms:GenerateDataKey*"] });
      expect(policy.Statement[2]).toMatchObject({ Principal: { Service: `logs.${name.startsWith("probe") ? "us-east-1" : "ap-southeast-1"}.amazonaws.com` } });
    }
    // The chat relays' log groups are under their topic's key.
    const relays = all("aws:cloudwatch/logGroup:LogGroup").filter((g) => g.name.endsWith("-relay-logs"));
    expect(relays.length).toBeGreaterThan(0);
    for (const g of relays) expect(g.inputs.kmsKeyId).toBe(`arn:aws:kms:ap-southeast-1:123456789012:key/key-${g.name.replace(/-relay-logs$/, "")}-key`);
  });

  it("disks and databases: encrypted with the tenant's own key", () => {
    const key = "arn:aws:kms:ap-southeast-1:123456789012:key/key-acme-data-key";
    expect((named(demo.resources, "aws:ec2/instance:Instance", "acme-anyshare-cloud-instance").inputs.rootBlockDevice as { kmsKeyId: string }).kmsKeyId).toBe(key);
    expect(named(demo.resources, "aws:ebs/volume:Volume", "acme-anyshare-cloud-cache").inputs.kmsKeyId).toBe(key);
    expect(named(demo.resources, "aws:rds/instance:Instance", "acme-anyshare-cloud-db-mysql").inputs.kmsKeyId).toBe(key);
  });

  it("databases: encrypted gp3, private, in the data subnets, backed up >= 7 days, protected, final snapshot, kept on delete", () => {
    const dbs = all("aws:rds/instance:Instance");
    expect(dbs.map((d) => d.name)).toEqual(["acme-anyshare-cloud-db-mysql", "initech-anyshare-cloud-db-mysql"]);
    for (const d of dbs) {
      expect(d.inputs).toMatchObject({
        engine: "mysql",
        engineVersion: "8.0",
        storageType: "gp3",
        storageEncrypted: true,
        publiclyAccessible: false,
        deletionProtection: true,
        skipFinalSnapshot: false,
        deleteAutomatedBackups: false,
        multiAz: true,
        parameterGroupName: d.name.replace(/-mysql$/, "-parameters"),
        enabledCloudwatchLogsExports: ["error", "slowquery"],
      });
      expect(d.inputs.backupRetentionPeriod).toBeGreaterThanOrEqual(7);
      expect(d.inputs.password).toEqual(new SecretValue(`password-of-${d.name.replace(/-mysql$/, "-password")}`));
      expect(d.retainOnDelete).toBe(true);
    }
    const group = named(demo.resources, "aws:rds/subnetGroup:SubnetGroup", "acme-anyshare-cloud-db-subnets");
    expect(group.inputs.subnetIds).toEqual(["acme-network-data-0-id", "acme-network-data-1-id"]);
    // TLS only: the parameter group refuses plain connections; kept with the database.
    const parameters = named(demo.resources, "aws:rds/parameterGroup:ParameterGroup", "acme-anyshare-cloud-db-parameters");
    expect(parameters.inputs).toMatchObject({ family: "mysql8.0" });
    expect(parameters.inputs.parameters).toContainEqual({ name: "require_secure_transport", value: "1", applyMethod: "immediate" });
    expect(parameters.retainOnDelete).toBe(true);
  });

  it("no security-group rule opens SSH, RDP or MySQL to the world, and no group has inline rules", () => {
    const rules = [...all("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule")];
    expect(rules.length).toBeGreaterThan(0);
    for (const r of rules) {
      const world = r.inputs.cidrIpv4 === "0.0.0.0/0" || r.inputs.cidrIpv6 === "::/0";
      const from = Number(r.inputs.fromPort);
      const to = Number(r.inputs.toPort);
      for (const port of [22, 3389, 3306]) if (world) expect(port < from || port > to, r.name).toBe(true);
    }
    for (const g of all("aws:ec2/securityGroup:SecurityGroup")) {
      expect(g.inputs.ingress).toBeUndefined();
      expect(g.inputs.egress).toBeUndefined();
    }
  });

  it("MySQL only from the app group; SSH into hosts only from the ops group; SSH into the ops server only from admin CIDRs", () => {
    const rule = (name: string) => named(demo.resources, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", name).inputs;
    expect(rule("acme-network-data-mysql-from-app")).toMatchObject({ securityGroupId: "acme-network-data-sg-id", fromPort: 3306, toPort: 3306, referencedSecurityGroupId: "acme-network-app-sg-id" });
    expect(rule("acme-network-management-ssh-from-ops")).toMatchObject({ securityGroupId: "acme-network-management-sg-id", fromPort: 22, referencedSecurityGroupId: "acme-network-ops-sg-id" });
    expect(rule("acme-network-ops-ssh-198-51-100-0-24")).toMatchObject({ securityGroupId: "acme-network-ops-sg-id", fromPort: 22, cidrIpv4: "198.51.100.0/24" });
    const sshRules = ofType(demo.resources, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule").filter((r) => r.inputs.fromPort === 22 && r.name.startsWith("acme-"));
    expect(sshRules.map((r) => r.name).sort()).toEqual(["acme-network-management-ssh-from-ops", "acme-network-ops-ssh-198-51-100-0-24"]);
  });

  it("alarms: the documented thresholds on every host, a composite for load and CPU, each to its severity's topic", () => {
    const alarms = ofType(demo.resources, "aws:cloudwatch/metricAlarm:MetricAlarm").filter((a) => a.name.startsWith("acme-anyshare-cloud-alarms-"));
    const topic = (severity: string) => `arn:aws:sns:ap-southeast-1:123456789012:alarms-${severity}-topic`;
    const summary = alarms.map((a) => [a.name.replace("acme-anyshare-cloud-alarms-", ""), a.inputs.metricName, a.inputs.threshold, a.inputs.alarmActions ?? []]);
    expect(summary).toEqual([
      ["cpu", "CPUUtilization", 90, [topic("warning")]],
      ["memory", "mem_used_percent", 90, [topic("warning")]],
      ["disk", "disk_used_percent", 80, [topic("urgent")]],
      ["load-and-cpu-cpu-load", "node_load1", 5, []],
      ["load-and-cpu-cpu-utilisation", "CPUUtilization", 90, []],
      ["status-check", "StatusCheckFailed", 1, [topic("urgent")]],
    ]);
    expect(alarms.find((a) => a.name.endsWith("-disk"))!.inputs.tags).toMatchObject({ [TAG_KEYS.severity]: "urgent" });
    const composite = named(demo.resources, "aws:cloudwatch/compositeAlarm:CompositeAlarm", "acme-anyshare-cloud-alarms-load-and-cpu");
    expect(composite.inputs.alarmRule).toBe('ALARM("acme-anyshare-cloud-alarms-load-and-cpu-cpu-load") AND ALARM("acme-anyshare-cloud-alarms-load-and-cpu-cpu-utilisation")');
    expect(composite.inputs.alarmActions).toEqual([topic("urgent")]);
    const db = ofType(demo.resources, "aws:cloudwatch/metricAlarm:MetricAlarm").filter((a) => a.name.startsWith("acme-anyshare-cloud-db-alarms-"));
    expect(db.map((a) => [a.inputs.metricName, a.inputs.comparisonOperator, a.inputs.threshold])).toEqual([
      ["CPUUtilization", "GreaterThanThreshold", 90],
      ["FreeStorageSpace", "LessThanThreshold", Math.round(60 * 1024 ** 3 * 0.1)],
    ]);
    const emails = ofType(demo.resources, "aws:sns/topicSubscription:TopicSubscription").filter((s) => s.inputs.protocol === "email" && s.name.startsWith("alarms-"));
    expect(emails.map((s) => s.inputs)).toEqual(["urgent", "warning", "info"].map((severity) => ({ topic: topic(severity), protocol: "email", endpoint: "ops@example.com" })));
  });

  it("ops server: the documented size with an Elastic IP in the management subnet, under a tenant-scoped monitoring role", () => {
    const ops = named(demo.resources, "aws:ec2/instance:Instance", "acme-ops-server-host-instance");
    expect(ops.inputs).toMatchObject({ instanceType: "c6i.xlarge", subnetId: "acme-network-management-0-id", vpcSecurityGroupIds: ["acme-network-ops-sg-id"] });
    expect(ops.inputs.rootBlockDevice).toMatchObject({ volumeSize: 200 });
    const policies = ofType(demo.resources, "aws:iam/rolePolicyAttachment:RolePolicyAttachment")
      .filter((p) => p.name.startsWith("acme-ops-server-monitoring-"))
      .map((p) => String(p.inputs.policyArn));
    // Customer-managed policies only: no AWS-managed policy (those reach every tenant) anywhere.
    expect(policies).toEqual([
      "arn:aws:iam::123456789012:policy/acme-ops-server-monitoring-agents",
      "arn:aws:iam::123456789012:policy/acme-ops-server-monitoring-monitoring",
    ]);
    const attached = ofType(demo.resources, "aws:iam/rolePolicyAttachment:RolePolicyAttachment").map((p) => String(p.inputs.policyArn));
    expect(attached.filter((arn) => arn.includes(":aws:policy/"))).toEqual([]);
  });
});

describe("outputs", () => {
  it("give AnyBackup's 'add cloud storage' fields, the secret as a Pulumi secret", async () => {
    const storage = demo.outputs.acme!.backupStorage["anybackup-cloud"]!;
    const fields = storage.dialog!;
    expect(storage.target).toBe("same-cloud");
    expect(Object.keys(fields).sort()).toEqual(["accessId", "accessSecret", "name", "serviceHost", "type"]);
    expect(fields.name).toBe("acme-anybackup-cloud-storage");
    expect(fields.type).toBe("AWS (S3)");
    expect((await resolve(fields.serviceHost)).value).toBe("s3.ap-southeast-1.amazonaws.com");
    expect((await resolve(storage.bucket)).value).toBe("acme-anybackup-cloud-storage-bucket-0000001");
    expect(await resolve(fields.accessId)).toEqual({ value: "acme-anybackup-cloud-storage-access-key-id", secret: false });
    expect((await resolve(fields.accessSecret)).secret).toBe(true);
  });

  it("keep the database password secret", async () => {
    expect((await resolve(demo.outputs.acme!.databases["anyshare-cloud"]!.password)).secret).toBe(true);
  });

  it("say which documented row each host came from, its bandwidth and whether the class is exact", () => {
    expect(demo.outputs.acme!.hosts["anyshare-cloud"]).toMatchObject({
      instanceType: "c6i.xlarge",
      exactSize: true,
      documentedRow: "product-facts.md §1 AnyShare Cloud: 500 users",
      bandwidthMbps: 5,
    });
  });
});

describe("sizes: every AnyShare tier and both AnyBackup configurations", () => {
  const vm = documentedVmFlavors("AWS");
  const dbClasses = documentedDatabaseFlavors("AWS");
  const documented = (table: typeof vm, size: { vcpu: number; memoryGiB: number }) =>
    table.find((f) => f.vcpu === size.vcpu && f.memoryGiB === size.memoryGiB)!.name;

  let sized: MockRun<Record<string, AwsTenantOutputs>>;
  beforeAll(async () => {
    const tenants = [
      ...ANYSHARE_TIERS.map((tier, i) => makeTenant(i, [anyShare(tier.users, `as_t${i}`)])),
      makeTenant(20, [anyBackup(true, "ab_t20")]),
      makeTenant(21, [anyBackup(false, "ab_t21")]),
    ];
    sized = await runAwsStack(blueprintsOf(tenants));
  });

  it.each(ANYSHARE_TIERS.map((tier, i) => [tier.users, tier, `t${i}`] as const))("%i users", (_users, tier, id) => {
    const instance = named(sized.resources, "aws:ec2/instance:Instance", `${id}-anyshare-cloud-instance`);
    expect(instance.inputs.instanceType).toBe(documented(vm, tier.host));
    expect(instance.inputs.rootBlockDevice).toMatchObject({ volumeSize: tier.host.systemDiskGiB });
    expect(named(sized.resources, "aws:ebs/volume:Volume", `${id}-anyshare-cloud-cache`).inputs.size).toBe(tier.host.cacheDiskGiB);
    const db = named(sized.resources, "aws:rds/instance:Instance", `${id}-anyshare-cloud-db-mysql`);
    expect(db.inputs.instanceClass).toBe(documented(dbClasses, tier.database));
    expect(db.inputs.allocatedStorage).toBe(tier.database.storageGiB);
  });

  it.each([
    ["on", "t20", ANYBACKUP_DEDUP_ON],
    ["off", "t21", ANYBACKUP_DEDUP_OFF],
  ] as const)("AnyBackup, deduplication %s", (_dedup, id, size) => {
    const instance = named(sized.resources, "aws:ec2/instance:Instance", `${id}-anybackup-cloud-instance`);
    expect(instance.inputs.instanceType).toBe(documented(vm, size.host));
    expect(instance.inputs.rootBlockDevice).toMatchObject({ volumeSize: size.host.systemDiskGiB });
    expect(ofType(sized.resources, "aws:ebs/volume:Volume").filter((v) => v.name.startsWith(`${id}-`))).toEqual([]);
  });
});

describe("stability: adding or removing a tenant leaves the others untouched", () => {
  it("adding a tenant adds only its resources", async () => {
    const base = await demoBlueprints();
    const extra = blueprintsOf([makeTenant(1, [anyShare(300, "as_new_1"), anyBackup(true, "ab_new_1"), opsServer()], "newco")])[0]!;
    const grown = await runAwsStack([base[0]!, extra, ...base.slice(1)]);
    const before = snapshot(demo.resources, ["acme", "globex", "initech"]);
    expect(Object.keys(before).length).toBeGreaterThan(200);
    expect(snapshot(grown.resources, ["acme", "globex", "initech"])).toEqual(before);
    expect(grown.resources.length - demo.resources.length).toBe(ofTenant(grown.resources, "newco").length);
  });

  it("removing a tenant removes only its resources", async () => {
    const base = await demoBlueprints();
    const shrunk = await runAwsStack(base.filter((b) => b.tenant !== "globex"));
    expect(snapshot(shrunk.resources, ["acme", "initech"])).toEqual(snapshot(demo.resources, ["acme", "initech"]));
    expect(ofTenant(shrunk.resources, "globex")).toEqual([]);
  });
});
