/** The harness behaves as the engine does: proxies, unknowns, notApplicable, config defaults, levels. */
import * as proxy from "@pulumi/policy/proxy.js";
import { describe, expect, it } from "vitest";
import { runPolicyPacks } from "../../policies/harness.js";
import type { PackDefinition } from "../../policies/framework.js";
import { resource } from "../helpers/policies.js";

/** The engine's sentinel for a string not known during preview (internal to @pulumi/policy, so untyped). */
const unknownStringValue = (proxy as unknown as { unknownStringValue: unknown }).unknownStringValue;

const seen: { props: unknown; config: unknown }[] = [];
const pack: PackDefinition = {
  name: "probe",
  version: "0.0.0",
  description: "probe",
  rules: [
    {
      kind: "resource",
      name: "probe-resource",
      description: "reports every resource whose 'bad' prop is true",
      level: "mandatory",
      types: ["test:index:Thing"],
      configSchema: { properties: { limit: { type: "integer", default: 3 } } },
      check(r, config) {
        seen.push({ props: r.props, config });
        return r.props.bad === true ? [`${r.name} is bad`] : [];
      },
    },
    {
      kind: "stack",
      name: "probe-stack",
      description: "counts things",
      level: "advisory",
      check: (resources) => [{ message: `${resources.length} resources` }],
    },
  ],
};

describe("runPolicyPacks", () => {
  it("reports violations at the rule's level, and not-applicable types as such", async () => {
    const run = await runPolicyPacks([pack], [resource("test:index:Thing", "a", { bad: true }), resource("test:index:Other", "b", {})]);
    expect(run.verdicts).toEqual([
      { pack: "probe", policy: "probe-resource", level: "mandatory", message: "a is bad", urn: "urn:pulumi:test::tenantry::test:index:Thing::a" },
      { pack: "probe", policy: "probe-stack", level: "advisory", message: "2 resources" },
    ]);
    expect(run.notApplicable).toEqual([{ pack: "probe", policy: "probe-resource", urn: "urn:pulumi:test::tenantry::test:index:Other::b", reason: "applies to test:index:Thing" }]);
  });

  it("applies config defaults and given values, and levels from config", async () => {
    seen.length = 0;
    await runPolicyPacks([pack], [resource("test:index:Thing", "a", {})]);
    expect(seen[0]!.config).toEqual({ limit: 3 });
    seen.length = 0;
    const run = await runPolicyPacks([pack], [resource("test:index:Thing", "a", { bad: true })], {
      "probe-resource": { enforcementLevel: "advisory", limit: 9 },
      "probe-stack": "disabled",
    });
    expect(seen[0]!.config).toEqual({ limit: 9 });
    expect(run.verdicts.map((v) => [v.policy, v.level])).toEqual([["probe-resource", "advisory"]]);
  });

  it("wraps props so that reading an unknown value reports that the policy can't run during preview", async () => {
    const run = await runPolicyPacks([pack], [resource("test:index:Thing", "a", { bad: unknownStringValue })]);
    expect(run.verdicts[0]).toMatchObject({ policy: "probe-resource", level: "advisory", message: "can't run policy 'probe-resource' during preview: string value at .bad can't be known during preview" });
  });

  it("only analyses custom resources, as the engine does", async () => {
    const run = await runPolicyPacks([pack], [resource("test:index:Thing", "a", { bad: true }, { custom: false })]);
    expect(run.verdicts.map((v) => v.message)).toEqual(["0 resources"]);
  });
});
