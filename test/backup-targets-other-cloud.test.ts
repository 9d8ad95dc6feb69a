/**
 * A DR copy on another of our clouds (`backup: { target: dr-copy, drCloud: <other> }`), under mocks
 * with the demo stacks' configuration: the stack makes one explicit provider for the other cloud in
 * its `drRegions.<cloud>` region, and the copy with that cloud's own backup-storage component (its
 * secure defaults, its own per-tenant credentials); no replication (AnyBackup fills the copy); the
 * tenant's outputs carry the copy's dialog. A stack without such tenants makes no other provider.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { loadFleet, tenantBlueprint, type BackupTargetOutputs, type TenantBlueprint } from "../components/core/index.js";
import type { MockRun, RecordedResource } from "../plan/mock-run.js";
import { backupTargetProblems } from "../stacks/backup-targets.js";
import { readHuaweicloudStackConfig } from "../stacks/huaweicloud.js";
import { withDrCopyOn } from "./helpers/fleet.js";
import { named, ofType, resolve, runAlicloudStack, runAwsStack, runHuaweicloudStack } from "./helpers/stacks.js";

type Outputs = Record<string, { backupStorage: Record<string, BackupTargetOutputs<unknown>> }>;
type Cloud = "aws" | "alicloud" | "huaweicloud";

const RUN: Record<Cloud, (bps: readonly TenantBlueprint[]) => Promise<MockRun<Outputs>>> = {
  aws: (bps) => runAwsStack(bps) as Promise<MockRun<Outputs>>,
  alicloud: (bps) => runAlicloudStack(bps) as Promise<MockRun<Outputs>>,
  huaweicloud: (bps) => runHuaweicloudStack(bps) as Promise<MockRun<Outputs>>,
};

/** The copy's cloud as the demo stacks configure it (drRegions.<cloud>), what its dialog says, and its resource types. */
const COPY = {
  aws: { region: "ap-northeast-1", type: "AWS (S3)", host: "s3.ap-northeast-1.amazonaws.com", bucket: "aws:s3/bucket:Bucket", component: "tenantry:aws:BackupStorage", user: "aws:iam/user:User" },
  alicloud: { region: "cn-shanghai", type: "Alibaba public cloud (S3)", host: "s3.oss-cn-shanghai.aliyuncs.com", bucket: "alicloud:oss/bucket:Bucket", component: "tenantry:alicloud:BackupStorage", user: "alicloud:ram/user:User" },
  huaweicloud: { region: "cn-east-3", type: "Huawei Cloud OBS (S3)", host: "obs.cn-east-3.myhuaweicloud.com", bucket: "huaweicloud:Obs/bucket:Bucket", component: "tenantry:huaweicloud:BackupStorage", user: "huaweicloud:Iam/user:User" },
} as const;

const REPLICATION = /Replication|bucketReplication/;

let globex: TenantBlueprint[];
beforeAll(async () => {
  const fleet = await loadFleet(["examples/backup-targets"]);
  if (!fleet.ok) throw new Error("examples/backup-targets is invalid");
  globex = fleet.tenants.filter((t) => ["acme", "globex"].includes(t.tenant.id)).map((t) => tenantBlueprint(t.tenant));
});

/** The resources under a component named `name` (its whole subtree). */
function subtree(resources: readonly RecordedResource[], name: string): RecordedResource[] {
  const byName = new Map(resources.map((r) => [r.name, r]));
  const under = (r: RecordedResource): boolean => r.parent === name || (r.parent !== undefined && r.parent !== r.name && byName.has(r.parent) && under(byName.get(r.parent)!));
  return resources.filter(under);
}

describe.each([
  ["aws", "alicloud"],
  ["alicloud", "aws"],
  ["aws", "huaweicloud"],
  ["huaweicloud", "alicloud"],
] as const)("a stack on %s keeping globex's copy on %s", (stack, other) => {
  let run: MockRun<Outputs>;
  beforeAll(async () => {
    run = await RUN[stack](withDrCopyOn(globex, other, ["globex"]));
  });
  const c = COPY[other];

  it("makes one explicit provider for the other cloud, in its drRegions region", () => {
    const providers = ofType(run.resources, `pulumi:providers:${other}`);
    expect(providers.map((p) => [p.name, p.inputs.region])).toEqual([[`dr-${other}-${c.region}`, c.region]]);
  });

  it("makes the copy with that cloud's backup-storage component through that provider, and replicates nothing", () => {
    const copy = named(run.resources, c.component, "globex-anybackup-cloud-storage-dr");
    expect(copy.parent).toBe("globex");
    const inner = subtree(run.resources, copy.name).filter((r) => !r.type.startsWith("tenantry:") && !r.type.startsWith("random:"));
    expect(inner.length).toBeGreaterThan(3);
    for (const r of inner) expect(r.type.split(":")[0], r.name).toBe(other);
    // The copy's own bucket (beside any access-log bucket its component makes) and credentials of its own.
    expect(ofType(inner, c.bucket).map((b) => b.name)).toContain("globex-anybackup-cloud-storage-dr-bucket");
    expect(ofType(inner, c.user).map((u) => u.name)).toEqual(["globex-anybackup-cloud-storage-dr-user"]);
    expect(run.resources.filter((r) => REPLICATION.test(r.type))).toEqual([]);
  });

  it("has the resources and bucket settings a bucket on that cloud's own stack gets (its meter stays with the primary)", async () => {
    const native = (await RUN[other](globex.filter((b) => b.tenant === "acme"))).resources;
    const shape = (rs: readonly RecordedResource[], prefix: string) =>
      rs.filter((r) => r.custom && r.name.startsWith(`${prefix}-`) && !r.name.startsWith(`${prefix}-dr`) && !r.name.startsWith(`${prefix}-capacity`)).map((r) => `${r.type} ${r.name.slice(prefix.length)}`).sort();
    expect(shape(run.resources, "globex-anybackup-cloud-storage-dr")).toEqual(shape(native, "acme-anybackup-cloud-storage"));
    // Setting for setting, but names, tags and the tenant's Huawei enterprise project (a stack on another cloud has none).
    const settings = (r: RecordedResource, prefix: string) => {
      const { tags: _t, enterpriseProjectId: _e, ...rest } = r.inputs;
      return JSON.parse(JSON.stringify(rest).replaceAll(prefix, "P")) as unknown;
    };
    const copy = named(run.resources, c.bucket, "globex-anybackup-cloud-storage-dr-bucket");
    const primary = named(native, c.bucket, "acme-anybackup-cloud-storage-bucket");
    expect(settings(copy, "globex-anybackup-cloud-storage-dr")).toEqual(settings(primary, "acme-anybackup-cloud-storage"));
  });

  it("gives the tenant the copy's own dialog, not replicated by a cloud", async () => {
    const s = run.outputs.globex!.backupStorage["anybackup-cloud"]!;
    expect(s.target).toBe("dr-copy");
    expect(s.drCopy).toMatchObject({ cloud: other, replicated: false });
    expect((await resolve(s.drCopy!.region)).value).toBe(c.region);
    const d = s.drCopy!.dialog as unknown as Record<string, unknown>;
    expect(Object.keys(d).sort()).toEqual(["accessId", "accessSecret", "name", "serviceHost", "type"]);
    expect(d.name).toBe("globex-anybackup-cloud-storage-dr");
    expect(d.type).toBe(c.type);
    expect((await resolve(d.serviceHost)).value).toBe(c.host);
    expect((await resolve(d.accessSecret)).secret).toBe(true);
    // The primary stays on the stack's cloud.
    expect((s.dialog as unknown as Record<string, unknown>).type).toBe(COPY[stack].type);
  });

  it("keeps acme (same-cloud) exactly as without the copy", async () => {
    const without = await RUN[stack](globex.filter((b) => b.tenant === "acme"));
    const acme = (rs: readonly RecordedResource[]) => rs.filter((r) => r.name.startsWith("acme-")).map((r) => [r.urn, JSON.stringify(r.inputs)]);
    expect(acme(run.resources)).toEqual(acme(without.resources));
  });
});

describe("a fleet without copies on another cloud", () => {
  it.each(["aws", "alicloud", "huaweicloud"] as const)("on %s makes no provider of another cloud", async (stack) => {
    const run = await RUN[stack](globex);
    const others = (["aws", "alicloud", "huaweicloud"] as const).filter((c) => c !== stack);
    expect(run.resources.filter((r) => others.some((o) => r.type === `pulumi:providers:${o}` || r.type.startsWith(`${o}:`)))).toEqual([]);
  });
});

describe("the configuration check", () => {
  it("asks for the region of a copy on another cloud, naming the tenants that keep one, before anything is registered", () => {
    const bps = withDrCopyOn(globex, "huaweicloud", ["globex"]);
    expect(backupTargetProblems({ drRegions: {} }, bps, "aws", "tenantry:aws.", "ap-southeast-1")).toEqual([
      { path: "tenantry:aws.drRegions.huaweicloud", message: expect.stringContaining("globex keep a disaster-recovery copy on huaweicloud") },
    ]);
    expect(backupTargetProblems({ drRegions: { huaweicloud: "cn-north-4" } }, bps, "aws", "tenantry:aws.", "ap-southeast-1")).toEqual([]);
    expect(() => readHuaweicloudStackConfig({ ...HUAWEI_MINIMAL, drRegions: {} }, bps, "cn-north-4")).toThrow(/drRegions\.huaweicloud/);
  });

  it("refuses a same-cloud copy in the stack's own region, on Huawei Cloud too", () => {
    const problems = backupTargetProblems({ drRegions: { huaweicloud: "cn-north-4" } }, withDrCopyOn(globex, "huaweicloud"), "huaweicloud", "tenantry:huaweicloud.", "cn-north-4");
    expect(problems).toMatchObject([{ path: "tenantry:huaweicloud.drRegions.huaweicloud", received: "cn-north-4" }]);
  });
});

/** Enough Huawei stack configuration for an AnyBackup fleet that only the backup target can fail. */
const HUAWEI_MINIMAL = {
  images: { "anybackup-cloud": "00000000-0000-4000-8000-000000000002" },
  natBandwidthMbps: 10,
  adminCidrs: ["198.51.100.0/24"],
  alarmEmails: ["ops@example.com"],
  noncurrentVersionExpirationDays: 30,
};
