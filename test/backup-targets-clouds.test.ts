/**
 * The backup-targets demo fleet (examples/backup-targets) on AWS and Alibaba Cloud with the demo
 * stacks' configuration, under mocks: one tenant per kind (acme same-cloud, globex dr-copy, hooli
 * MinIO, umbrella bring-your-own), each giving exactly the dialog's fields; the DR copy and its
 * replication; capacity alarms; and a frozen tenant.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { BYTES_PER_TB, loadFleet, tenantBlueprint, type BackupTargetOutputs, type TenantBlueprint } from "../components/core/index.js";
import { minioBucketPolicy } from "../components/minio/index.js";
import type { MockRun } from "../plan/mock-run.js";
import { named, ofTenant, ofType, resolve, runAlicloudStack, runAwsStack, snapshot } from "./helpers/stacks.js";

/** The demo fleet of one tenant per backup target. */
const BACKUP_DEMO = "examples/backup-targets";

type Outputs = Record<string, { backupStorage: Record<string, BackupTargetOutputs<unknown>> }>;

const CLOUDS = {
  aws: {
    run: (bps: readonly TenantBlueprint[]) => runAwsStack(bps) as Promise<MockRun<Outputs>>,
    type: "AWS (S3)",
    host: "s3.ap-southeast-1.amazonaws.com",
    drHost: "s3.ap-northeast-1.amazonaws.com",
    drRegion: "ap-northeast-1",
    bucket: "aws:s3/bucket:Bucket",
    replication: "aws:s3/bucketReplicationConfig:BucketReplicationConfig",
  },
  alicloud: {
    run: (bps: readonly TenantBlueprint[]) => runAlicloudStack(bps) as Promise<MockRun<Outputs>>,
    type: "Alibaba public cloud (S3)",
    host: "s3.oss-cn-hangzhou.aliyuncs.com",
    drHost: "s3.oss-cn-shanghai.aliyuncs.com",
    drRegion: "cn-shanghai",
    bucket: "alicloud:oss/bucket:Bucket",
    replication: "alicloud:oss/bucketReplication:BucketReplication",
  },
} as const;

const DIALOG_FIELDS = ["accessId", "accessSecret", "name", "serviceHost", "type"];

async function dialog(d: unknown) {
  const f = d as Record<string, unknown>;
  return {
    fields: Object.keys(f).sort(),
    name: f.name,
    type: f.type,
    serviceHost: (await resolve<string>(f.serviceHost)).value,
    accessId: (await resolve<string>(f.accessId)).value,
    secret: (await resolve(f.accessSecret)).secret,
  };
}

describe.each(Object.keys(CLOUDS) as (keyof typeof CLOUDS)[])("%s: one demo tenant per backup target", (cloud) => {
  const c = CLOUDS[cloud];
  let blueprints: TenantBlueprint[];
  let demo: MockRun<Outputs>;
  beforeAll(async () => {
    const fleet = await loadFleet([BACKUP_DEMO]);
    if (!fleet.ok) throw new Error(`${BACKUP_DEMO} is invalid`);
    blueprints = fleet.tenants.map((t) => tenantBlueprint(t.tenant));
    demo = await c.run(blueprints);
  });
  const storage = (tenant: string) => demo.outputs[tenant]!.backupStorage["anybackup-cloud"]!;

  it("same-cloud (acme): the cloud's own bucket and exactly the dialog's fields, the secret a Pulumi secret", async () => {
    expect(storage("acme").target).toBe("same-cloud");
    expect(await dialog(storage("acme").dialog)).toMatchObject({ fields: DIALOG_FIELDS, name: "acme-anybackup-cloud-storage", type: c.type, serviceHost: c.host, secret: true });
  });

  it("dr-copy (globex): a second bucket in the DR region with the same secure settings, replicated by the cloud", async () => {
    const s = storage("globex");
    expect(s.target).toBe("dr-copy");
    expect(s.drCopy).toMatchObject({ cloud, replicated: true });
    expect((await resolve(s.drCopy!.region)).value).toBe(c.drRegion);
    expect(await dialog(s.drCopy!.dialog)).toMatchObject({ fields: DIALOG_FIELDS, name: "globex-anybackup-cloud-storage-dr", type: c.type, serviceHost: c.drHost, secret: true });
    // Same component, same settings: the copy's resources mirror the primary's, name for name.
    const kinds = (prefix: string) =>
      ofTenant(demo.resources, "globex")
        .filter((r) => r.parent === prefix)
        .map((r) => [r.type, r.name.slice(prefix.length)])
        .sort();
    expect(kinds("globex-anybackup-cloud-storage-dr")).toEqual(kinds("globex-anybackup-cloud-storage"));
    const primary = named(demo.resources, c.bucket, "globex-anybackup-cloud-storage-bucket").inputs;
    const copy = named(demo.resources, c.bucket, "globex-anybackup-cloud-storage-dr-bucket").inputs;
    const { tags: _t1, ...primarySettings } = primary;
    const { tags: _t2, ...copySettings } = copy;
    expect(JSON.stringify(copySettings).replaceAll("-dr-", "-")).toEqual(JSON.stringify(primarySettings));
    const [rule] = ofType(demo.resources, c.replication);
    expect(rule!.inputs).toMatchObject(
      cloud === "aws"
        ? { bucket: "globex-anybackup-cloud-storage-bucket-0000001", rules: [{ status: "Enabled", destination: { bucket: "arn:aws:s3:::globex-anybackup-cloud-storage-dr-bucket-0000001" } }] }
        : { bucket: "globex-anybackup-cloud-storage-bucket-0000001", destination: { bucket: "globex-anybackup-cloud-storage-dr-bucket-0000001", location: "oss-cn-shanghai" } },
    );
  });

  it("minio (hooli): a bucket, a user of its own and a policy limited to that bucket, on the MinIO server", async () => {
    const s = storage("hooli");
    expect(s.target).toBe("minio");
    expect(await dialog(s.dialog)).toMatchObject({ fields: DIALOG_FIELDS, type: "AnyShare Universal (S3)", serviceHost: "minio.provider.example:9000", accessId: "hooli-anybackup-cloud-storage", secret: true });
    const policy = named(demo.resources, "minio:index/iamPolicy:IamPolicy", "hooli-anybackup-cloud-storage-access");
    expect(JSON.parse(String(policy.inputs.policy))).toEqual(minioBucketPolicy("hooli-anybackup-cloud-storage"));
    expect(named(demo.resources, "minio:index/iamUserPolicyAttachment:IamUserPolicyAttachment", "hooli-anybackup-cloud-storage-user-access").inputs).toEqual({
      userName: "hooli-anybackup-cloud-storage",
      policyName: "hooli-anybackup-cloud-storage-access",
    });
    expect(named(demo.resources, "minio:index/s3BucketVersioning:S3BucketVersioning", "hooli-anybackup-cloud-storage-versioning").retainOnDelete).toBe(true);
    // No bucket of the cloud's for the backups (the tenant's load-balancer log bucket aside).
    expect(ofType(demo.resources, c.bucket).filter((r) => r.name.startsWith("hooli-anybackup-"))).toEqual([]);
  });

  it("s3-compatible (umbrella): nothing created, the configured endpoint and bucket, the secret from a config secret", async () => {
    const s = storage("umbrella");
    expect(s.target).toBe("s3-compatible");
    expect((await resolve(s.bucket)).value).toBe("umbrella-anybackup");
    expect(await dialog(s.dialog)).toMatchObject({ fields: DIALOG_FIELDS, type: "EMC Atmos (S3)", serviceHost: "s3.storage.provider.example", accessId: "UMBRELLAANYBACKUP01", secret: true });
    const custom = ofTenant(demo.resources, "umbrella").filter((r) => r.name.startsWith("umbrella-anybackup-cloud-storage") && !r.type.startsWith("tenantry:"));
    expect(custom).toEqual([]);
  });

  it("meters each AnyBackup bucket on the cloud against its licensed capacity (warning at 80 %)", () => {
    const thresholds = (tenant: string) =>
      cloud === "aws"
        ? ofType(demo.resources, "aws:cloudwatch/metricAlarm:MetricAlarm")
            .filter((a) => a.name.startsWith(`${tenant}-anybackup-cloud-storage-capacity`))
            .map((a) => [a.inputs.metricName, a.inputs.period, a.inputs.threshold])
        : ofType(demo.resources, "alicloud:cms/alarm:Alarm")
            .filter((a) => a.name.startsWith(`${tenant}-anybackup-cloud-storage-capacity`))
            .map((a) => [a.inputs.metric, (a.inputs.escalationsWarn as { threshold: string }).threshold, (a.inputs.escalationsCritical as { threshold: string }).threshold]);
    expect(thresholds("acme")).toEqual(
      cloud === "aws"
        ? [
            ["BucketSizeBytes", 86400, 8 * BYTES_PER_TB],
            ["BucketSizeBytes", 86400, 10 * BYTES_PER_TB],
          ]
        : [["MeteringStorageUtilization", String(8 * BYTES_PER_TB), String(10 * BYTES_PER_TB)]],
    );
    expect(thresholds("globex")).toHaveLength(cloud === "aws" ? 2 : 1);
  });

  it("freezes an expired tenant (ignoreChanges on every input, retained on delete) and leaves the others exactly as they were", async () => {
    // As the program builds it when hooli's licence (ending 2027-08-01) is judged later than that.
    const frozen = blueprints.map((b) => (b.tenant === "hooli" ? { ...b, freeze: { tenant: "hooli", customer: "Hooli XYZ", licences: [] } } : b));
    const run = await c.run(frozen);
    const hooli = ofTenant(run.resources, "hooli").filter((r) => !r.type.startsWith("tenantry:"));
    expect(hooli.length).toBeGreaterThan(20);
    for (const r of hooli) {
      expect(r.retainOnDelete, r.name).toBe(true);
      // Every property the SDK passes (each input the schema declares, set or not, and the outputs): a superset of the inputs.
      expect(r.ignoreChanges, r.name).toEqual(expect.arrayContaining(Object.keys(r.inputs)));
    }
    const others = ["acme", "globex", "umbrella"];
    expect(snapshot(run.resources, others)).toEqual(snapshot(demo.resources, others));
    const options = (rs: typeof run.resources) => rs.filter((r) => others.some((t) => r.name.startsWith(`${t}-`))).map((r) => [r.name, r.ignoreChanges, r.retainOnDelete]);
    expect(options(run.resources)).toEqual(options(demo.resources));
  });
});
