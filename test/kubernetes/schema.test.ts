/**
 * Every object the kubernetes-demo stack would apply is valid against the Kubernetes API schema
 * (and the prometheus-operator CRD schema), checked with kubernetes-models' validators; and the
 * validators do catch a broken object.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { plainValue } from "../../policies/harness.js";
import type { RecordedResource } from "../../plan/mock-run.js";
import { demoBlueprints } from "../helpers/fleet.js";
import { runKubernetesStack } from "../helpers/stacks.js";

type Model = new (data: unknown) => { validate(): void };

/** The kubernetes-models module of a Pulumi Kubernetes type token (`kubernetes:apps/v1:StatefulSet`). */
function moduleOf(type: string): { module: string; kind: string } {
  const [, groupVersion, kind] = /^kubernetes:(.+):(\w+)$/.exec(type)!;
  const [group, version] = groupVersion!.split("/") as [string, string];
  if (group === "monitoring.coreos.com") return { module: `@kubernetes-models/prometheus-operator/${group}/${version}`, kind: kind! };
  return { module: group === "core" ? `kubernetes-models/${version}` : `kubernetes-models/${group}/${version}`, kind: kind! };
}

async function validate(r: { type: string; inputs: Record<string, unknown> }): Promise<string | undefined> {
  const { module, kind } = moduleOf(r.type);
  const models = (await import(module)) as Record<string, Model>;
  const model = models[kind];
  if (!model) return `no schema for ${kind} in ${module}`;
  try {
    new model(plainValue(r.inputs)).validate();
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

let objects: RecordedResource[];
beforeAll(async () => {
  const run = await runKubernetesStack(await demoBlueprints());
  objects = run.resources.filter((r) => r.custom && r.type.startsWith("kubernetes:"));
});

describe("the kubernetes-demo stack's manifests", () => {
  it("are all valid against the API schema", async () => {
    const kinds = new Set(objects.map((o) => o.type));
    console.log(`validated ${objects.length} objects of ${kinds.size} kinds against the Kubernetes API schema`);
    expect(kinds.size).toBeGreaterThanOrEqual(14);
    const invalid = (await Promise.all(objects.map(async (o) => [o.name, await validate(o)] as const))).filter(([, problem]) => problem !== undefined);
    expect(invalid).toEqual([]);
  });

  it("would be caught when broken", async () => {
    const sts = objects.find((o) => o.type === "kubernetes:apps/v1:StatefulSet")!;
    const spec = sts.inputs.spec as Record<string, unknown>;
    expect(await validate({ type: sts.type, inputs: { ...sts.inputs, spec: { ...spec, replicas: "one" } } })).toContain("replicas must be integer");
    const rule = objects.find((o) => o.type.endsWith(":PrometheusRule"))!;
    expect(await validate({ type: rule.type, inputs: { ...rule.inputs, spec: { groups: [{ rules: [] }] } } })).toContain("groups/0 must have required property name");
  });
});
