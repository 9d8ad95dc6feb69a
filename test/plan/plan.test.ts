import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { PLAN_SCHEMA, type PlanDocument } from "../../plan/document.js";
import { totalsLine } from "../../plan/describe.js";
import { diffPlans } from "../../plan/diff.js";
import { plan } from "../../plan/run.js";

const AT = "2026-06-15T00:00:00Z";

function tenantry(...args: string[]) {
  const run = spawnSync(process.execPath, ["--import", "tsx", "cli/tenantry.ts", ...args], { encoding: "utf8" });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** A copy of the demo tenants, changed by `change(dir)`. */
function tenantsDir(change: (dir: string) => void = () => {}): string {
  const dir = mkdtempSync(join(tmpdir(), "tenantry-tenants-"));
  cpSync("stacks/tenants", dir, { recursive: true });
  change(dir);
  return dir;
}

const NEWCO = `id: newco
name: NewCo
contact: it@newco.example
network: { cidr: 10.16.48.0/20 }
services:
  - product: anybackup-cloud
    licence: { id: ab_newco_1, capacityTb: 5, start: 2026-01-01, end: 2027-01-01 }
    deduplication: false
`;

describe("plan of the aws-demo stack", () => {
  let doc: PlanDocument;
  beforeAll(async () => {
    doc = await plan({ stack: "aws-demo", at: new Date(AT) });
  });

  it("gives every tenant's services with their documented sizes and licence status", () => {
    expect(doc.tenants.map((t) => [t.id, t.services.map((s) => s.product)])).toEqual([
      ["acme", ["anyshare-cloud", "anybackup-cloud", "ops-server"]],
      ["globex", ["anybackup-cloud", "ops-server"]],
      ["initech", ["anyshare-cloud"]],
    ]);
    expect(doc.tenants[0]!.services[0]).toMatchObject({
      documentedRow: "product-facts.md §1 AnyShare Cloud: 500 users",
      host: { vcpu: 4, memoryGiB: 8, systemDiskGiB: 40, cacheDiskGiB: 100, bandwidthMbps: 5 },
      database: { vcpu: 1, memoryGiB: 4, storageGiB: 60 },
      licence: { id: "as_acme_1", status: "active", daysUntilExpiry: 565, users: 500 },
    });
    expect(doc.tenants[1]!.services[0]).toMatchObject({ deduplication: false, licence: { capacityTb: 40, capacityTier: "20-50" } });
  });

  it("totals the stack", () => {
    expect(doc.totals).toEqual({ tenants: 3, resources: 462, vcpu: 32, memoryGiB: 104, diskGiB: 940, publicIps: 5, buckets: 7, databases: 2 });
    expect(doc.tenants.map((t) => t.resourceCount)).toEqual([179, 140, 100]);
  });

  it("lists every resource with type, name, parent and inputs, secrets redacted", () => {
    const db = doc.resources.find((r) => r.name === "acme-anyshare-cloud-db-mysql")!;
    expect(db).toMatchObject({ type: "aws:rds/instance:Instance", parent: "acme-anyshare-cloud-db", tenant: "acme", retainOnDelete: true });
    expect(db.inputs.password).toBe("[secret]");
    expect(JSON.stringify(doc)).not.toContain("password-of-");
  });

  it("carries every policy verdict", () => {
    expect(doc.result).toEqual({ mandatory: 0, advisory: 2, acknowledged: 0, ok: true });
    expect(doc.verdicts.map((v) => [v.policy, v.resource])).toEqual([
      ["anybackup-capacity-tier", "acme-anybackup-cloud-storage-bucket"],
      ["anybackup-capacity-tier", "globex-anybackup-cloud-storage-bucket"],
    ]);
  });
});

describe("tenantry plan on the command line", () => {
  it("text: tenants, sizes, licences, totals, verdicts; exit 0", () => {
    const run = tenantry("plan", "--stack", "aws-demo", "--now", AT);
    expect(run.code).toBe(0);
    for (const text of [
      "acme (ACME Ltd), 10.16.0.0/20, 179 resources",
      "licence as_acme_1: active until 2028-01-01; 500 users",
      "size: 4 vCPU / 8 GiB, system 40 GiB, cache 100 GiB, 5 Mbit/s; database 1 vCPU / 4 GiB, 60 GiB (product-facts.md §1 AnyShare Cloud: 500 users)",
      "aws:ec2/instance:Instance acme-anyshare-cloud-instance  instanceType=c6i.xlarge volumeSize=40",
      "Totals: 3 tenants, 462 resources, 32 vCPU, 104 GiB memory, 940 GiB disk, 5 public IPs, 7 buckets, 2 databases",
      "advisory   tenantry-licence/anybackup-capacity-tier: licence ab_globex_1 of tenant globex: 40 TB, capacity tier 20-50 TB",
      "Result: no mandatory policy is violated",
    ]) {
      expect(run.stdout).toContain(text);
    }
    expect(run.stdout).not.toContain("\u001b[");
  });

  it("--summary: one line per tenant, totals, verdicts; a progress line on stderr when it is not a terminal, none with --quiet", () => {
    const run = tenantry("plan", "--stack", "aws-demo", "--now", AT, "--summary");
    expect(run.code).toBe(0);
    // Resource counts as the JSON document gives them (they grow as the blueprint does).
    const json = JSON.parse(tenantry("plan", "--stack", "aws-demo", "--now", AT, "--format", "json", "--quiet").stdout) as PlanDocument;
    const [acme, globex, initech] = json.tenants.map((t) => t.resourceCount);
    expect(run.stdout.split("\n")).toEqual([
      `Tenantry plan of stack aws-demo (aws), licences judged at 2026-06-15T00:00:00.000Z`,
      `  acme     10.16.0.0/20   anyshare-cloud, anybackup-cloud, ops-server; ${acme} resources; licences: as_acme_1 active, ab_acme_1 active; ok, 1 advisory`,
      `  globex   10.16.16.0/20  anybackup-cloud, ops-server; ${globex} resources; licences: ab_globex_1 active; ok, 1 advisory`,
      `  initech  10.16.32.0/20  anyshare-cloud; ${initech} resources; licences: as_auto_initech_1 active; ok`,
      `Totals: ${totalsLine(json)}`,
      "Policies: 0 mandatory, 2 advisory, 0 acknowledged",
      "Result: no mandatory policy is violated",
      "",
    ]);
    expect(run.stderr).toBe(run.stderr.match(/^(tenantry plan: \d+ resources registered\n)*/)![0] + `tenantry plan: ${json.totals.resources} resources of 3 tenants planned and checked in ${/in (\d+\.\d) s\n$/.exec(run.stderr)?.[1]} s\n`);
    const quiet = tenantry("plan", "--stack", "aws-demo", "--now", AT, "--format", "json", "--quiet");
    expect(quiet.stderr).toBe("");
    expect(tenantry("plan", "--stack", "aws-demo", "--summary", "--format", "json").code).toBe(2);
  });

  it("markdown: one comment per stack, summary table first, details folded", () => {
    const run = tenantry("plan", "--stack", "alicloud-demo", "--now", AT, "--format", "markdown");
    expect(run.code).toBe(0);
    const lines = run.stdout.split("\n");
    expect(lines.slice(0, 3)).toEqual(["<!-- tenantry-plan: alicloud-demo -->", "### Tenantry plan: `alicloud-demo` (alicloud)", ""]);
    expect(run.stdout).toContain("| 3 | 304 | 32 | 104 GiB | 940 GiB | 5 | 4 | 2 | 0 | 2 | 0 |");
    expect(run.stdout).toContain("<details><summary>acme: 131 resources</summary>");
    expect(run.stdout.indexOf("| tenants |")).toBeLessThan(run.stdout.indexOf("<details>"));
  });

  it("json: the documented schema", () => {
    const run = tenantry("plan", "--stack", "aws-demo", "--now", AT, "--format", "json");
    expect(run.code).toBe(0);
    const doc = JSON.parse(run.stdout) as PlanDocument;
    expect(doc.schema).toBe(PLAN_SCHEMA);
    expect(Object.keys(doc)).toEqual(["schema", "stack", "cloud", "at", "tenants", "totals", "resources", "verdicts", "result"]);
    expect(Object.keys(doc.resources[0]!)).toEqual(["type", "name", "parent", "tenant", "custom", "inputs", "retainOnDelete", "protect", "frozen"]);
    expect(Object.keys(doc.verdicts[0]!)).toEqual(["pack", "policy", "level", "message", "resource"]);
  });

  it("exits 1 when a mandatory policy is violated (licences judged before they start)", () => {
    const run = tenantry("plan", "--stack", "aws-demo", "--now", "2025-01-01T00:00:00Z", "--format", "markdown");
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("**Mandatory violations**");
    expect(run.stdout).toContain("- `licence-not-yet-valid`: licence as_acme_1 of tenant acme is valid only from 2026-01-01");
  });

  it("freezes tenants whose licence expired, with the documented urgent alert, and exits 0", () => {
    const run = tenantry("plan", "--stack", "aws-demo", "--now", "2030-01-01T00:00:00Z", "--format", "markdown");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("> **URGENT: licence expired: customer ACME Ltd, licence object as_acme_1 (expired 2028-01-01).** Tenant `acme` is **frozen**");
    expect(run.stdout).not.toContain("**Mandatory violations**");
  });

  it("exits 2 on bad input, with validate-style messages", () => {
    const noStack = tenantry("plan", "--stack", "nowhere");
    expect(noStack.code).toBe(2);
    expect(noStack.stderr).toBe('--stack: has no stack configuration stacks/Pulumi.nowhere.yaml (got "nowhere")\n');
    const badTenants = tenantry("plan", "--cloud", "aws", "--tenants", "test/fixtures/fleets/overlap");
    expect(badTenants.code).toBe(2);
    expect(badTenants.stderr).toContain("test/fixtures/fleets/overlap/beta.yaml: network.cidr: overlaps 10.30.0.0/20 of test/fixtures/fleets/overlap/alpha.yaml");
    expect(tenantry("plan", "--stack", "aws-demo", "--format", "yaml").code).toBe(2);
  });
});

describe("--baseline", () => {
  let base: PlanDocument;
  beforeAll(async () => {
    base = await plan({ stack: "aws-demo", at: new Date(AT) });
  });

  it("after adding a tenant, lists only that tenant's resources", async () => {
    const dir = tenantsDir((d) => writeFileSync(join(d, "newco.yaml"), NEWCO));
    const diff = diffPlans(base, await plan({ stack: "aws-demo", tenants: dir, at: new Date(AT) }));
    rmSync(dir, { recursive: true });
    expect(diff.tenantsAdded).toEqual(["newco"]);
    expect(diff.removed).toEqual([]);
    expect(diff.changed).toEqual([]);
    expect(diff.added.length).toBeGreaterThan(40);
    expect(diff.added.filter((r) => r.tenant !== "newco")).toEqual([]);
    expect(diff.warnings).toEqual([]);
  });

  it("after dropping a tenant, reports its data resources as retained, and warns that its database would be stranded", async () => {
    const dir = tenantsDir((d) => rmSync(join(d, "acme.yaml")));
    const diff = diffPlans(base, await plan({ stack: "aws-demo", tenants: dir, at: new Date(AT) }));
    rmSync(dir, { recursive: true });
    expect(diff.tenantsRemoved).toEqual(["acme"]);
    expect(diff.removed.every((r) => r.tenant === "acme")).toBe(true);
    expect(diff.removed.filter((r) => r.stateful).map((r) => [r.name, r.retained]).sort()).toEqual([
      ["acme-anybackup-cloud-storage-bucket", true],
      ["acme-anybackup-cloud-storage-key", true],
      ["acme-anybackup-cloud-storage-logs", true],
      ["acme-anyshare-cloud-cache", true],
      ["acme-anyshare-cloud-db-mysql", true],
      ["acme-data-key", true],
      ["acme-entry-logs-bucket", true],
    ]);
    // Dropped at once, the retained database would stand on subnets and groups the update deletes.
    expect(diff.warnings).toEqual([expect.stringMatching(/^REMOVE tenant acme: its retained acme-anyshare-cloud-db-mysql .* retire the tenant first/)]);
  });

  it("warns loudly when a tenant's network block moves: every subnet would be replaced", async () => {
    const dir = tenantsDir((d) => writeFileSync(join(d, "acme.yaml"), readFileSync(join(d, "acme.yaml"), "utf8").replace("10.16.0.0/20", "10.16.64.0/20")));
    const diff = diffPlans(base, await plan({ stack: "aws-demo", tenants: dir, at: new Date(AT) }));
    rmSync(dir, { recursive: true });
    expect(diff.networkChanged).toEqual([{ tenant: "acme", before: { cidr: "10.16.0.0/20", zones: 2 }, after: { cidr: "10.16.64.0/20", zones: 2 } }]);
    expect(diff.warnings[0]).toBe(
      "NETWORK of tenant acme changes from 10.16.0.0/20 over 2 zones to 10.16.64.0/20 over 2 zones: every subnet, and everything in them (hosts, databases, gateways), would be replaced; move a tenant's network only with a migration plan",
    );
    expect(diff.changed.some((r) => r.type === "aws:ec2/subnet:Subnet" && r.tenant === "acme")).toBe(true);
    const fewerZones: PlanDocument = { ...base, tenants: base.tenants.map((t) => (t.id === "globex" ? { ...t, zones: 3 } : t)) };
    expect(diffPlans(base, fewerZones).networkChanged).toEqual([{ tenant: "globex", before: { cidr: "10.16.16.0/20", zones: 2 }, after: { cidr: "10.16.16.0/20", zones: 3 } }]);
  });

  it("warns loudly when a resource holding data would be deleted or replaced", () => {
    const unretained: PlanDocument = { ...base, resources: base.resources.map((r) => (r.name === "acme-anybackup-cloud-storage-bucket" ? { ...r, retainOnDelete: false } : r)) };
    const without: PlanDocument = { ...base, resources: base.resources.filter((r) => r.name !== "acme-anybackup-cloud-storage-bucket") };
    expect(diffPlans(unretained, without).warnings).toEqual([
      "DELETE aws:s3/bucket:Bucket acme-anybackup-cloud-storage-bucket: it holds data and is not retained; removing it deletes the data",
    ]);
    const renamed: PlanDocument = {
      ...base,
      resources: base.resources.map((r) => (r.name === "acme-anyshare-cloud-db-mysql" ? { ...r, inputs: { ...r.inputs, engine: "postgres" } } : r)),
    };
    const diff = diffPlans(base, renamed);
    expect(diff.changed).toEqual([expect.objectContaining({ name: "acme-anyshare-cloud-db-mysql", changes: [{ path: "engine", before: "mysql", after: "postgres" }], replacedBy: ["engine"] })]);
    expect(diff.warnings).toEqual(["REPLACE aws:rds/instance:Instance acme-anyshare-cloud-db-mysql: changing engine replaces it, and a new one starts empty"]);
  });

  it("on the command line: a markdown comment with the changes", () => {
    const dir = mkdtempSync(join(tmpdir(), "tenantry-base-"));
    const baseFile = join(dir, "base.json");
    writeFileSync(baseFile, tenantry("plan", "--stack", "aws-demo", "--now", AT, "--format", "json").stdout);
    const tenants = tenantsDir((d) => writeFileSync(join(d, "newco.yaml"), NEWCO));
    const run = tenantry("plan", "--stack", "aws-demo", "--tenants", tenants, "--now", AT, "--format", "markdown", "--baseline", baseFile);
    rmSync(dir, { recursive: true });
    rmSync(tenants, { recursive: true });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("**Against the baseline:** tenants added: newco; removed: none; resources 125 added, 0 removed, 0 changed.");
    expect(run.stdout).toContain("+ aws:s3/bucket:Bucket newco-anybackup-cloud-storage-bucket");
  });
});
