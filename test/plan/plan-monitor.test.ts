/**
 * The plan's monitor (plan/plan-monitor.ts) against the SDK's `MockMonitor`: the same recorded
 * resources, the same program outputs and the same plan document, byte for byte, on every demo
 * stack; and its two helpers give what the SDK and protobuf give.
 */
import { createRequire } from "node:module";
import * as pulumi from "@pulumi/pulumi";
import { describe, expect, it } from "vitest";
import { runUnderMocks, SecretValue } from "../../plan/mock-run.js";
import { PlanMonitor, serializePlain, viaStruct } from "../../plan/plan-monitor.js";
import { finishPlan, planOrder, preparePlan } from "../../plan/run.js";
import { serializeResources } from "../../plan/shard.js";
import { tenantryProgram } from "../../stacks/program.js";

const AT = new Date("2026-06-15T00:00:00Z");
const sdkRequire = createRequire(import.meta.url);
const { Struct } = sdkRequire("google-protobuf/google/protobuf/struct_pb") as { Struct: { fromJavaScript(v: unknown): { toJavaScript(): unknown } } };

/** `program`, returning its outputs resolved (as plain values, secrets unwrapped) rather than as `Output`s. */
function resolving<T>(program: () => T | Promise<T>): () => Promise<unknown> {
  return async () => {
    const outputs = await program();
    return new Promise((resolve) => pulumi.output(outputs).apply((v) => resolve(v)));
  };
}

/** The plan of a demo stack, as JSON, with the records and outputs of its mock run. */
async function planWith(stack: string, monitor: "plan" | "sdk") {
  const prepared = await preparePlan({ stack, at: AT });
  const run = await runUnderMocks(resolving(() => tenantryProgram({ at: AT })), prepared.config, prepared.stack, { monitor });
  const doc = await finishPlan(prepared, planOrder(run.resources, prepared.tenants.map((t) => t.id)));
  return { doc: JSON.stringify(doc), records: serializeResources(run.resources), outputs: JSON.stringify(run.outputs), count: run.resources.length };
}

describe("the plan's monitor", () => {
  it.each(["aws-demo", "alicloud-demo", "huaweicloud-demo", "kubernetes-demo"])("plans %s exactly as the SDK's MockMonitor", async (stack) => {
    const sdk = await planWith(stack, "sdk");
    const light = await planWith(stack, "plan");
    expect(sdk.count).toBeGreaterThan(50);
    expect(sdk.outputs).toContain('"tenants":{');
    expect(light.records).toBe(sdk.records);
    expect(light.outputs).toBe(sdk.outputs);
    expect(light.doc).toBe(sdk.doc);
  });

  it("hands the program the outputs, secrets and URNs the SDK's monitor hands it", async () => {
    class Thing extends pulumi.CustomResource {
      declare readonly arn: pulumi.Output<string>;
      declare readonly nested: pulumi.Output<unknown>;
      constructor(name: string, props: pulumi.Inputs, opts?: pulumi.CustomResourceOptions) {
        super("test:index:Thing", name, { ...props, arn: undefined }, opts);
      }
    }
    const program = () => {
      const parent = new pulumi.ComponentResource("test:index:Group", "group");
      const a = new Thing("a", { nested: { z: 1, y: [1, undefined, "x"], b: pulumi.secret("s"), "10": true, "2": null } }, { parent });
      const b = new Thing("b", { ref: a.id, whole: a.nested, arnOfA: a.arn }, { parent, dependsOn: [a] });
      // Read back by URN (the getResource invoke, as a resource reference is read).
      const again = a.urn.apply((urn) => {
        const read = new Thing("a", {}, { urn });
        return pulumi.all([read.nested, read.arn]);
      });
      return { urns: [a.urn, b.urn], a: a.nested, b: b.nested, arn: b.arn, keys: a.nested.apply((n) => Object.keys(n as object)), again };
    };
    const run = async (monitor: "plan" | "sdk") => {
      let used: unknown;
      const r = await runUnderMocks(resolving(() => ((used = pulumi.runtime.getMonitor()), program())), {}, "t", { monitor });
      expect(used instanceof PlanMonitor).toBe(monitor === "plan");
      return serializeResources(r.resources) + JSON.stringify(r.outputs, (_k, v: unknown) => (v instanceof SecretValue ? { secret: v.value } : v));
    };
    const sdk = await run("sdk");
    // Keys come back sorted (as a protobuf Struct gives them), integer-like keys first (as JavaScript orders them).
    expect(sdk).toContain('"keys":["2","10","b","y","z"]');
    // What the SDK's monitor gives for a resource read back by URN (its state's secret reads as null there).
    expect(sdk).toContain('"again":[null,"arn:aws:mock:ap-southeast-1:123456789012:a"]');
    expect(await run("plan")).toBe(sdk);
  });

  it("copies values as a protobuf Struct does, and serialises plain state as the SDK does", async () => {
    const value = { zeta: 1, alpha: { b: [1, { y: null, x: "s" }], a: false }, "10": -0, "2": "x", Émile: 1.5, B: "upper" };
    expect(JSON.stringify(viaStruct(value))).toBe(JSON.stringify(Struct.fromJavaScript(value).toJavaScript()));
    expect(() => viaStruct({ a: undefined })).toThrow();
    const secret = { [pulumi.runtime.specialSigKey]: pulumi.runtime.specialSecretSig, value: "s" };
    const state = { a: undefined, b: [1, undefined, { c: undefined, d: secret }], e: { f: "g" }, n: null };
    expect(serializePlain(state)).toEqual(await pulumi.runtime.serializeProperties("", state));
    // What the SDK treats specially is left to it.
    expect(typeof serializePlain({ x: new pulumi.asset.StringAsset("a") })).toBe("symbol");
    expect(typeof serializePlain({ x: pulumi.output(1) })).toBe("symbol");
    expect(typeof serializePlain({ x: () => 1 })).toBe("symbol");
  });
});
