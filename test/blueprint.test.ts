import { describe, expect, it } from "vitest";
import {
  ANYBACKUP_DEDUP_OFF,
  ANYBACKUP_DEDUP_ON,
  BASIC_HOST_ALARMS,
  loadFleet,
  OPS_SERVER,
  sizeForAnyShare,
  tenantBlueprint,
  type Tenant,
} from "../components/core/index.js";

async function demo(id: string): Promise<Tenant> {
  const fleet = await loadFleet(["stacks/tenants"]);
  return fleet.tenants.find((t) => t.tenant.id === id)!.tenant;
}

describe("tenantBlueprint", () => {
  it("sizes each service from the catalog and says which documented row it used", async () => {
    const acme = tenantBlueprint(await demo("acme"));
    expect(acme.hosts.map((h) => [h.key, h.size, h.source.row, h.tier])).toEqual([
      ["anyshare-cloud", sizeForAnyShare(500).host, "500 users", "app"],
      ["anybackup-cloud", ANYBACKUP_DEDUP_ON.host, "configuration 1 (deduplication on)", "app"],
      ["ops-server", OPS_SERVER.host, "operations server", "management"],
    ]);
    expect(acme.databases).toEqual([
      expect.objectContaining({ key: "anyshare-cloud", size: sizeForAnyShare(500).database, tier: "data" }),
    ]);
    expect(acme.buckets).toEqual([expect.objectContaining({ key: "anybackup-cloud", purpose: "backup-storage" })]);
  });

  it("uses configuration 2 without deduplication, and the tier covering the licensed users", async () => {
    expect(tenantBlueprint(await demo("globex")).hosts[0]!.size).toBe(ANYBACKUP_DEDUP_OFF.host);
    const initech = tenantBlueprint(await demo("initech"));
    expect(initech.hosts[0]!.source.row).toBe("1500 users");
    expect(initech.buckets).toEqual([]);
  });

  it("gives every host the documented basic alarms", async () => {
    for (const host of tenantBlueprint(await demo("acme")).hosts) expect(host.alarms).toBe(BASIC_HOST_ALARMS);
  });

  it("tags every need with the tag contract", async () => {
    const acme = tenantBlueprint(await demo("acme"));
    expect(acme.network.tags).toEqual({ "managed-by": "tenantry", "tenantry:tenant": "acme" });
    expect(acme.buckets[0]!.tags).toMatchObject({ "tenantry:product": "anybackup-cloud", "tenantry:licence-id": "ab_acme_1" });
  });

  it("plans the subnets of the tenant block", async () => {
    const acme = tenantBlueprint(await demo("acme"));
    expect(acme.network.subnets).toHaveLength(8);
    expect(acme.network.subnets[0]).toEqual({ tier: "public", zone: 0, cidr: "10.16.0.0/24" });
  });
});

describe("BASIC_HOST_ALARMS (product-facts.md §5)", () => {
  it("are CPU > 90 %, memory > 90 %, disk > 80 %, and load > 5 together with CPU > 90 %", () => {
    const summary = BASIC_HOST_ALARMS.map((a) => a.conditions.map((c) => `${c.metric} ${c.comparison} ${c.threshold}`).join(" and "));
    expect(summary).toEqual([
      "cpu-utilisation > 90",
      "memory-utilisation > 90",
      "disk-utilisation > 80",
      "cpu-load > 5 and cpu-utilisation > 90",
    ]);
  });
});
