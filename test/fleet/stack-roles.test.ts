/**
 * Splitting the all-in-one stack into a fleet stack and per-tenant stacks moves resources without
 * changing them: every URN (modulo the stack name) and every input stays the same, so `pulumi state
 * move` plus the new stacks' first `pulumi up` replace nothing (docs/fleet.md).
 */
import { describe, expect, it, vi } from "vitest";
import { runUnderMocks, type RecordedResource } from "../../plan/mock-run.js";
import { plainValue } from "../../policies/harness.js";
import { readStackFile } from "../../stacks/stack-file.js";
import { resolve } from "../helpers/stacks.js";

async function runProgram(stack: string, config: Record<string, string>, stackOutputs: Record<string, Record<string, unknown>> = {}) {
  vi.resetModules();
  const run = await runUnderMocks(async () => {
    const program = await import("../../stacks/index.js");
    return { tenants: program.tenants, fleet: program.fleet };
  }, config, stack, { stackOutputs });
  return run;
}

/** URN without its stack, and the inputs, of each resource, in registration order. */
const moved = (resources: readonly RecordedResource[], stack: string) =>
  resources.map((r) => ({ urn: r.urn.replace(`urn:pulumi:${stack}::`, "urn:pulumi:(stack)::"), inputs: plainValue(r.inputs) }));

describe.each(["aws", "alicloud", "huaweicloud"] as const)("the %s stack split into a fleet stack and tenant stacks", (cloud) => {
  it("keeps every URN and input of the all-in-one stack, and the parts add up to it", async () => {
    const base = await readStackFile(`${cloud}-demo`);
    const all = await runProgram(`${cloud}-demo`, base);
    const scoped = { ...base, "tenantry:scope": `${cloud}-demo` };
    const fleet = await runProgram(`${cloud}-fleet`, { ...scoped, "tenantry:role": "fleet" });
    const fleetOutputs = (await resolve<Record<string, unknown>>(fleet.outputs.fleet)).value;
    expect(Object.keys(fleetOutputs)).toEqual({ aws: ["alarmTopicArns", "probeAlarmTopicArns"], alicloud: ["alarmContactGroups"], huaweicloud: ["alarmTopicUrns"] }[cloud]);
    const tenantStack = (stack: string, select: string) =>
      runProgram(stack, { ...scoped, "tenantry:role": "tenants", "tenantry:select": select, "tenantry:fleetStack": `my-org/tenantry/${cloud}-fleet` }, { [`my-org/tenantry/${cloud}-fleet`]: { fleet: fleetOutputs } });
    const acme = await tenantStack(`${cloud}-acme`, "acme");
    const group = await tenantStack(`${cloud}-group-2`, "globex,initech");
    expect(Object.keys(acme.outputs.tenants as object)).toEqual(["acme"]);
    expect(Object.keys(group.outputs.tenants as object)).toEqual(["globex", "initech"]);
    expect(acme.outputs.fleet).toBeUndefined();

    const parts = [...moved(fleet.resources, `${cloud}-fleet`), ...moved(acme.resources, `${cloud}-acme`), ...moved(group.resources, `${cloud}-group-2`)];
    const whole = moved(all.resources, `${cloud}-demo`);
    const byUrn = (list: typeof whole) => Object.fromEntries(list.map((r) => [r.urn, r.inputs]));
    expect(parts.length).toBe(whole.length);
    expect(byUrn(parts)).toEqual(byUrn(whole));
    // The tenant component is a direct child of the stack in both: nothing above it changes.
    expect(acme.resources[0]).toMatchObject({ type: `tenantry:${cloud}:Tenant`, name: "acme" });
    expect(acme.resources[0]!.parentUrn).toBeUndefined();
  });
});

describe("a tenant stack's configuration", () => {
  it("names a selected tenant that is not in the fleet", async () => {
    const base = await readStackFile("aws-demo");
    await expect(runProgram("aws-x", { ...base, "tenantry:select": "acme,umbrella" })).rejects.toThrow(
      'invalid stack configuration:\ntenantry:select: names no tenant of the fleet (acme, globex, initech) (got "umbrella")',
    );
  });
});
