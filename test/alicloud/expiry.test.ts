/**
 * Alibaba Cloud's expiry event rule as a component (`AlicloudExpiryAlarms`): the rule keeps its name
 * and, by an alias to its old parent (the stack), the URN it had when the stack registered it itself.
 */
import * as pulumi from "@pulumi/pulumi";
import { describe, expect, it } from "vitest";
import { AlicloudExpiryAlarms } from "../../components/alicloud/index.js";
import { runUnderMocks } from "../../plan/mock-run.js";
import { demoBlueprints } from "../helpers/fleet.js";
import { named, ofType, runAlicloudStack } from "../helpers/stacks.js";

const RULE = "alicloud:cms/eventRule:EventRule";

interface AliasedRequest {
  getType(): string;
  getName(): string;
  getAliasurnsList(): string[];
  getAliasesList(): { getUrn(): string; getSpec(): { getName(): string; getType(): string; getParenturn(): string; getNoparent(): boolean } | undefined }[];
}

/** Registers `program` under mocks, keeping the aliases each resource is registered with (the engine's view). */
async function aliasesOf(program: () => unknown): Promise<Map<string, string[]>> {
  const seen = new Map<string, string[]>();
  await runUnderMocks(() => {
    const monitor = pulumi.runtime.getMonitor() as unknown as { registerResource(req: AliasedRequest, cb: unknown): unknown };
    const original = monitor.registerResource.bind(monitor);
    monitor.registerResource = (req, cb) => {
      const specs = req.getAliasesList().map((a) => {
        const s = a.getSpec();
        return a.getUrn() || (s ? `spec name=${s.getName() || "-"} type=${s.getType() || "-"} parent=${s.getParenturn() || (s.getNoparent() ? "none" : "-")}` : "");
      });
      seen.set(`${req.getType()}::${req.getName()}`, [...req.getAliasurnsList(), ...specs]);
      return original(req, cb);
    };
    return program();
  });
  return seen;
}

describe("AlicloudExpiryAlarms", () => {
  it("keeps the rule's name and inputs, now a child of the component, and aliases it to the stack (its old parent): nothing is replaced", async () => {
    const run = await runAlicloudStack(await demoBlueprints(), { billing: "yearly", subscriptionExpiryEvents: ["Instance:PreExpire"] });
    const rule = named(run.resources, RULE, "alarms-expiry");
    expect(rule.inputs).toMatchObject({
      ruleName: "tenantry-alarms-subscription-expiry",
      eventPattern: { product: "ecs", nameLists: ["Instance:PreExpire"], eventTypeLists: ["*"] },
      contactParameters: [{ contactParametersId: "1", contactGroupName: "tenantry-alicloud-demo-warning", level: "WARN" }],
      status: "ENABLED",
    });
    expect(rule.parent).toBe("alarms-expiry");
    expect(named(run.resources, "tenantry:alicloud:ExpiryAlarms", "alarms-expiry").parent).toBeUndefined();
    expect(ofType(run.resources, RULE)).toHaveLength(1);

    const aliases = await aliasesOf(() => new AlicloudExpiryAlarms("alarms-expiry", { events: ["Instance:PreExpire"], contactGroupName: "g" }));
    // An alias spec the engine resolves to the old URN (`urn:pulumi:<stack>::tenantry::alicloud:cms/eventRule:EventRule::alarms-expiry`):
    // the same name and type, no parent.
    expect(aliases.get(`${RULE}::alarms-expiry`)).toEqual(["spec name=- type=- parent=none"]);
    expect(aliases.get("tenantry:alicloud:ExpiryAlarms::alarms-expiry")).toEqual([]);
  });

  it("with account isolation, each tenant's rule keeps its name and goes to the tenant's provider", async () => {
    const run = await runAlicloudStack(await demoBlueprints(), {
      billing: "yearly",
      subscriptionExpiryEvents: ["Instance:PreExpire"],
      isolation: "account",
      accounts: { acme: "1111111111111111", globex: "2222222222222222", initech: "3333333333333333" },
    });
    expect(ofType(run.resources, RULE).map((r) => r.name).sort()).toEqual(["acme-alarms-expiry", "globex-alarms-expiry", "initech-alarms-expiry"]);
    expect(named(run.resources, RULE, "acme-alarms-expiry").inputs.ruleName).toBe("tenantry-acme-alarms-subscription-expiry");
  });

  it("fails on an empty event list before registering anything, naming the field", async () => {
    await expect(runUnderMocks(() => new AlicloudExpiryAlarms("x-expiry", { events: [], contactGroupName: "g" }))).rejects.toThrow(/args\.events: must name at least one event/);
  });
});
