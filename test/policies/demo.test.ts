/** The demo stacks pass every mandatory rule of every pack. */
import { describe, expect, it } from "vitest";
import { runPolicyPacks } from "../../policies/harness.js";
import { DEMO_NOW, demoResources, licenceConfig, PACKS } from "../helpers/policies.js";

describe.each(["aws", "alicloud"] as const)("the %s-demo stack", (cloud) => {
  it("passes every mandatory rule, and reports each AnyBackup capacity tier", async () => {
    const run = await runPolicyPacks(PACKS, await demoResources(cloud), licenceConfig(DEMO_NOW));
    expect(run.verdicts.filter((v) => v.level === "mandatory")).toEqual([]);
    expect(run.verdicts.map((v) => `${v.policy}: ${v.message}`)).toEqual([
      "anybackup-capacity-tier: licence ab_acme_1 of tenant acme: 10 TB, capacity tier 0-20 TB",
      "anybackup-capacity-tier: licence ab_globex_1 of tenant globex: 40 TB, capacity tier 20-50 TB",
    ]);
  });
});

describe("the kubernetes-demo stack", () => {
  it("passes every rule of every pack", async () => {
    const run = await runPolicyPacks(PACKS, await demoResources("kubernetes"), licenceConfig(DEMO_NOW));
    expect(run.verdicts).toEqual([]);
  });
});
