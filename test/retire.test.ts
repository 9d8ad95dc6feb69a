/**
 * Removing a tenant safely: `retire: true` drops its compute and keeps its data and what the data
 * stands on (a baseline diff of the demo fleet before and after), and the manifest cannot be
 * removed while the stack lists the tenant in `tenantry:retired`.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseTenant, tenantBlueprint } from "../components/core/index.js";
import { diffPlans } from "../plan/diff.js";
import type { PlanDocument } from "../plan/document.js";
import { plan } from "../plan/run.js";
import { retirementProblems } from "../stacks/config.js";
import { parse } from "yaml";

const AT = new Date("2026-06-15T00:00:00Z");
const dirs: string[] = [];
function tenantsDir(change: (dir: string) => void): string {
  const dir = mkdtempSync(join(tmpdir(), "tenantry-retire-"));
  cpSync("stacks/tenants", dir, { recursive: true });
  change(dir);
  dirs.push(dir);
  return dir;
}
const retireAcme = (dir: string) => writeFileSync(join(dir, "acme.yaml"), `${readFileSync(join(dir, "acme.yaml"), "utf8")}retire: true\n`);
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true })));

describe("a retiring tenant's blueprint", () => {
  it("has no hosts, entry points or monitors, and keeps its databases and buckets", () => {
    const parsed = parseTenant({ ...parse(readFileSync("stacks/tenants/acme.yaml", "utf8")), retire: true });
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
    const bp = tenantBlueprint(parsed.tenant);
    expect(bp).toMatchObject({ retired: true, hosts: [], entryPoints: [], monitors: [] });
    expect(bp.databases.map((d) => d.key)).toEqual(["anyshare-cloud"]);
    expect(bp.buckets.map((b) => b.key)).toEqual(["anybackup-cloud"]);
  });
});

describe("tenantry:retired", () => {
  it("must list every retiring tenant, and may list only retiring tenants whose manifests are still there", () => {
    expect(retirementProblems(["acme"], [{ id: "acme", retire: true }, { id: "globex" }])).toEqual([]);
    expect(retirementProblems(undefined, [{ id: "acme", retire: true }]).map((p) => p.message)).toEqual([
      "must list acme, which is retiring (retire: true): so that removing its manifest is refused while its data is held",
    ]);
    expect(retirementProblems(["acme", "globex"], [{ id: "globex" }])).toEqual([
      expect.objectContaining({ path: "tenantry:retired", received: "acme", message: expect.stringMatching(/^names a tenant whose manifest is gone while its data is still held/) }),
      expect.objectContaining({ received: "globex", message: "names a tenant whose manifest does not say retire: true" }),
    ]);
  });
});

/** Per cloud: the host instances retiring deletes, the NAT gateway's type, and data resources (with what they stand on) it keeps. */
const CLOUDS = {
  aws: {
    instance: "aws:ec2/instance:Instance",
    nat: "aws:ec2/natGateway:NatGateway",
    kept: [
      "aws:rds/instance:Instance::acme-anyshare-cloud-db-mysql",
      "aws:rds/subnetGroup:SubnetGroup::acme-anyshare-cloud-db-subnets",
      "aws:rds/parameterGroup:ParameterGroup::acme-anyshare-cloud-db-parameters",
      "aws:ec2/securityGroup:SecurityGroup::acme-network-data-sg",
      "aws:ec2/subnet:Subnet::acme-network-data-0",
      "aws:ec2/subnet:Subnet::acme-network-data-1",
      "aws:ec2/vpc:Vpc::acme-network-vpc",
      "aws:s3/bucket:Bucket::acme-anybackup-cloud-storage-bucket",
      "aws:s3/bucket:Bucket::acme-entry-logs-bucket",
      "aws:cloudwatch/logGroup:LogGroup::acme-anyshare-cloud-db-error-logs",
      "aws:cloudwatch/logGroup:LogGroup::acme-agent-logs",
      "aws:kms/key:Key::acme-anybackup-cloud-storage-key",
      "aws:kms/key:Key::acme-data-key",
    ],
  },
  alicloud: {
    instance: "alicloud:ecs/instance:Instance",
    nat: "alicloud:vpc/natGateway:NatGateway",
    kept: [
      "alicloud:rds/instance:Instance::acme-anyshare-cloud-db-mysql",
      "alicloud:rds/backupPolicy:BackupPolicy::acme-anyshare-cloud-db-backups",
      "alicloud:ecs/securityGroup:SecurityGroup::acme-network-data-sg",
      "alicloud:vpc/switch:Switch::acme-network-data-0",
      "alicloud:vpc/switch:Switch::acme-network-data-1",
      "alicloud:vpc/network:Network::acme-network-vpc",
      "alicloud:vpc/flowLog:FlowLog::acme-network-flow-log",
      "alicloud:oss/bucket:Bucket::acme-anybackup-cloud-storage-bucket",
      "alicloud:oss/bucketWorm:BucketWorm::acme-anybackup-cloud-storage-worm",
      "alicloud:kms/key:Key::acme-anybackup-cloud-storage-key",
      "alicloud:kms/key:Key::acme-disk-key",
    ],
  },
  huaweicloud: {
    instance: "huaweicloud:Ecs/instance:Instance",
    nat: "huaweicloud:Nat/gateway:Gateway",
    kept: [
      "huaweicloud:Rds/instance:Instance::acme-anyshare-cloud-db-mysql",
      "huaweicloud:Rds/sqlAudit:SqlAudit::acme-anyshare-cloud-db-sql-audit",
      "huaweicloud:Vpc/secgroup:Secgroup::acme-network-data-sg",
      "huaweicloud:Vpc/subnet:Subnet::acme-network-data-0",
      "huaweicloud:Vpc/subnet:Subnet::acme-network-data-1",
      "huaweicloud:Vpc/vpc:Vpc::acme-network-vpc",
      "huaweicloud:Vpc/flowLog:FlowLog::acme-network-flow-log",
      "huaweicloud:Lts/group:Group::acme-entry-logs-group",
      "huaweicloud:Obs/bucket:Bucket::acme-anybackup-cloud-storage-bucket",
      "huaweicloud:Obs/bucket:Bucket::acme-anybackup-cloud-storage-logs",
      "huaweicloud:Dew/key:Key::acme-disk-key",
    ],
  },
} as const;

describe.each(Object.entries(CLOUDS))("retiring acme on %s, against the demo plan", (cloud, expected) => {
  const stack = `${cloud}-demo`;
  let base: PlanDocument;
  let retired: PlanDocument;
  beforeAll(async () => {
    base = await plan({ stack, at: AT });
    retired = await plan({ stack, at: AT, tenants: tenantsDir(retireAcme), config: { "tenantry:retired": "acme" } });
  });

  it("deletes only compute, keeps every data resource and what it stands on, and says so", () => {
    const diff = diffPlans(base, retired);
    expect(diff.tenantsRemoved).toEqual([]);
    expect(diff.warnings).toEqual([]);
    const removed = diff.removed.filter((r) => r.tenant === "acme");
    expect(diff.removed.every((r) => r.tenant === "acme")).toBe(true);
    // Nothing holding data is deleted (a cache disk leaves the program but stays in the cloud).
    expect(removed.filter((r) => r.stateful && !r.retained)).toEqual([]);
    expect(removed.filter((r) => r.type === expected.instance).map((r) => r.name).sort()).toEqual([
      "acme-anybackup-cloud-instance",
      "acme-anyshare-cloud-instance",
      "acme-ops-server-host-instance",
    ]);
    expect(removed.map((r) => r.type)).toContain(expected.nat);
    const kept = new Set(retired.resources.filter((r) => r.tenant === "acme").map((r) => `${r.type}::${r.name}`));
    for (const name of expected.kept) expect(kept.has(name), name).toBe(true);
    const acme = diff.retiring.find((r) => r.tenant === "acme")!;
    expect(acme.deleted).toBe(removed.length);
    expect(acme.kept).toBe(retired.resources.filter((r) => r.custom && r.tenant === "acme").length);
    console.log(`retiring acme on ${cloud}: ${acme.kept} resources kept, ${acme.deleted} deleted`);
  });

  it("passes every mandatory policy rule", () => {
    expect(retired.verdicts.filter((v) => v.level === "mandatory")).toEqual([]);
  });
});

describe("removing a retired tenant's manifest on AWS", () => {
  it("refuses to drop the manifest while the stack still lists the tenant as holding data", async () => {
    const gone = tenantsDir((d) => rmSync(join(d, "acme.yaml")));
    await expect(plan({ stack: "aws-demo", at: AT, tenants: gone, config: { "tenantry:retired": "acme" } })).rejects.toThrow(
      /tenantry:retired: names a tenant whose manifest is gone while its data is still held/,
    );
  });

  it("refuses a retiring manifest the stack does not list", async () => {
    await expect(plan({ stack: "aws-demo", at: AT, tenants: tenantsDir(retireAcme) })).rejects.toThrow(/tenantry:retired: must list acme/);
  });
});
