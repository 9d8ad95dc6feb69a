/** Running the policy packs over recorded stacks and hand-made resources, for the policy tests. */
import { tenantBlueprint, type TenantBlueprint } from "../../components/core/index.js";
import type { PlannedResource, PolicyConfig } from "../../policies/harness.js";
import { PACKS } from "../../policies/packs.js";
import { licencePack } from "../../policies/packs.js";
import { demoBlueprints } from "./fleet.js";
import { runAlicloudStack, runAwsStack, runHuaweicloudStack, runKubernetesStack } from "./stacks.js";

export { PACKS };

/** A moment at which every demo licence is active, so results do not depend on the clock. */
export const DEMO_NOW = "2026-06-15T00:00:00Z";

/** Config that judges licences at `now` (every licence rule). */
export function licenceConfig(now: string): PolicyConfig {
  return Object.fromEntries(licencePack.rules.map((r) => [r.name, { now }]));
}

export async function demoResources(cloud: "aws" | "alicloud" | "huaweicloud" | "kubernetes", blueprints?: TenantBlueprint[]): Promise<PlannedResource[]> {
  const bps = blueprints ?? (await demoBlueprints());
  const run = cloud === "aws" ? runAwsStack : cloud === "alicloud" ? runAlicloudStack : cloud === "huaweicloud" ? runHuaweicloudStack : runKubernetesStack;
  return (await run(bps)).resources;
}

export { tenantBlueprint };

/** A hand-made custom resource; `tags` go into inputs and outputs alike. */
export function resource(type: string, name: string, props: Record<string, unknown>, extra: Partial<PlannedResource> = {}): PlannedResource {
  return {
    type,
    name,
    urn: `urn:pulumi:test::tenantry::${type}::${name}`,
    custom: true,
    inputs: props,
    outputs: props,
    protect: false,
    ignoreChanges: [],
    dependencies: [],
    propertyDependencies: {},
    ...extra,
  };
}

/** Tags of a tenant's service resource, as the components write them. */
export function serviceTags(tenant: string, product: string, licence?: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    "managed-by": "tenantry",
    "tenantry:tenant": tenant,
    "tenantry:product": product,
    ...(licence ? { "tenantry:licence-id": `${product === "anyshare-cloud" ? "as" : "ab"}_${tenant}_1`, "tenantry:licence": licence } : {}),
    ...extra,
  };
}

/** Replaces one resource (found by name) with `change(resource)`; changes apply to inputs and outputs alike. */
export function mutate(resources: readonly PlannedResource[], name: string, change: (props: Record<string, any>) => Record<string, any>): PlannedResource[] {
  let found = false;
  const out = resources.map((r) => {
    if (r.name !== name) return r;
    found = true;
    return { ...r, inputs: change(structuredClone(r.inputs)), outputs: change(structuredClone(r.outputs)) };
  });
  if (!found) throw new Error(`no resource named ${name}`);
  return out;
}
