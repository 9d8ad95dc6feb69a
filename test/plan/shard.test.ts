/** A fleet planned in shards on worker processes gives the same document as one process. */
import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { writeFleet } from "../../bench/synthetic-fleet.js";
import { SecretValue, type RecordedResource } from "../../plan/mock-run.js";
import { plan } from "../../plan/run.js";
import { lastShardStats, reviveResources, serializeResources, shardLayout } from "../../plan/shard.js";

const dir = writeFleet(5);
// Two more tenants whose resources the resource policies (run in the workers) report on: a licence
// about to expire with an acknowledged finding (held for the acknowledged-exceptions policy, which
// runs in the parent), and a licence not valid yet.
const tenant = (id: string, licence: string, extra: string[] = []) =>
  writeFileSync(
    join(dir, `${id}.yaml`),
    [`id: ${id}`, `name: Tenant ${id}`, `contact: ops@${id}.example`, `network: { cidr: 10.200.${id === "t5" ? 0 : 16}.0/20 }`, ...extra, "services:", "  - product: anybackup-cloud", `    licence: { id: ab_${id}_1, ${licence} }`, "    deduplication: false", ""].join("\n"),
  );
tenant("t5", "capacityTb: 7, start: 2026-01-01, end: 2026-06-20", ["acknowledge:", "  - { rule: anybackup-capacity-tier, reason: pilot until the renewal }"]);
tenant("t6", "capacityTb: 3, start: 2026-07-01, end: 2027-07-01");
afterAll(() => rmSync(dir, { recursive: true }));

describe("the plan in shards", () => {
  it("is identical to the single-process plan", async () => {
    const at = new Date("2026-06-15T00:00:00Z");
    const single = await plan({ stack: "aws-demo", tenants: dir, at, workers: 1 });
    const sharded = await plan({ stack: "aws-demo", tenants: dir, at, shardTenants: 2, workers: 2 });
    expect(lastShardStats).toMatchObject({ shards: 4, workers: 2 });
    expect(sharded.tenants.map((t) => t.id)).toEqual(["t0", "t1", "t2", "t3", "t4", "t5", "t6"]);
    // Verdicts of resource policies (computed in the workers), acknowledged ones among them, and of stack policies.
    const policies = new Set(single.verdicts.map((v) => `${v.policy} ${v.level}`));
    expect(policies).toContain("licence-expiring advisory");
    expect(policies).toContain("licence-not-yet-valid mandatory");
    expect(policies).toContain("tenantry-licence-acknowledged-exceptions acknowledged");
    expect(sharded.verdicts).toEqual(single.verdicts);
    // The fleet-wide resources (every shard registers them) once, first; then each tenant's, in fleet order.
    const owners = sharded.resources.map((r) => r.tenant);
    const shared = sharded.resources.filter((r) => r.tenant === null).map((r) => r.name);
    expect(shared.length).toBeGreaterThan(0);
    expect(new Set(shared).size).toBe(shared.length);
    expect(owners.filter((o, i) => o !== owners[i - 1])).toEqual([null, "t0", "t1", "t2", "t3", "t4", "t5", "t6"]);
    expect(JSON.stringify(sharded)).toBe(JSON.stringify(single));
  });

  it("keeps secrets and outputs through the workers' files", () => {
    const r: RecordedResource = {
      type: "random:index/randomPassword:RandomPassword",
      name: "p",
      urn: "urn:pulumi:s::tenantry::random:index/randomPassword:RandomPassword::p",
      custom: true,
      inputs: { length: 20, nested: { key: new SecretValue("k") } },
      outputs: { length: 20, nested: { key: new SecretValue("k") }, result: new SecretValue("x") },
      propertyDependencies: {},
      dependencies: [],
      retainOnDelete: false,
      protect: false,
      ignoreChanges: [],
    };
    const [back] = reviveResources(serializeResources([{ ...r, outputs: { ...r.inputs, result: new SecretValue("x") } }]));
    expect(back).toEqual(r);
    expect(back!.outputs.nested).toBe(back!.inputs.nested);
  });

  it("sizes the work by tenants, cores and the memory budget", () => {
    const machine = { cores: 2, freeMiB: 20_000 };
    expect(shardLayout(30, {}, machine)).toEqual({ size: 30, shards: 1, workers: 1 });
    expect(shardLayout(1000, {}, machine)).toEqual({ size: 30, shards: 34, workers: 2 });
    expect(shardLayout(1000, {}, { cores: 16, freeMiB: 4000 })).toEqual({ size: 30, shards: 34, workers: 1 });
    expect(shardLayout(1000, { workers: 8, memoryBudgetMiB: 8000 }, { cores: 2, freeMiB: 1000 })).toEqual({ size: 30, shards: 34, workers: 5 });
    expect(shardLayout(1000, { workers: 1 }, machine)).toEqual({ size: 30, shards: 1, workers: 1 });
  });
});
