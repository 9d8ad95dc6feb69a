/**
 * `tenantry plan`'s engine: runs a stack's program in-process under Pulumi's mocks, then every
 * policy pack through the harness, and returns the plan document. Nothing reaches a cloud.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { InputError, loadFleet, type MonitorCoverage, type Tenant, type TenantBlueprint } from "../components/core/index.js";
import { runPolicyPacks, type HarnessOptions, type PolicyConfig, type ResourcePolicyResults } from "../policies/harness.js";
import { PACKS, licencePack } from "../policies/packs.js";
import { cloudConfigIn, stackBlueprints } from "../stacks/cloud-config.js";
import { CLOUDS, readStackConfig, type StackConfig } from "../stacks/config.js";
import { demoStackDir, demoTenantsDir } from "../stacks/package.js";
import { tenantryProgram } from "../stacks/program.js";
import { readStackFile, STACK_CONFIG_DIR } from "../stacks/stack-file.js";
import { ownerOf, planDocument, type PlanDocument } from "./document.js";
import { runUnderMocks, type RecordedResource } from "./mock-run.js";
import { monitorsOf } from "./monitors.js";

export interface PlanOptions {
  /** A stack with a config file in `stacks/` (`stacks/Pulumi.<stack>.yaml`). */
  readonly stack?: string;
  /** Or a cloud, with the `<cloud>-demo` stack's configuration (shipped with the package) for the rest (stack `<cloud>-plan`). */
  readonly cloud?: string;
  /** A directory of tenant manifests, instead of the stack's `tenantry:tenants` (with `cloud`: instead of the demo tenants). */
  readonly tenants?: string;
  /** The moment licences are judged at. Default: now. */
  readonly at?: Date;
  /** Policy configuration (as `--policy-pack-config` files hold it, all packs in one object). */
  readonly policyConfig?: PolicyConfig;
  /** More stack configuration, over the stack file's (e.g. `tenantry:retired`). */
  readonly config?: Readonly<Record<string, string>>;
  /** Called as resources register (for a progress display). */
  readonly onResource?: (count: number) => void;
  /** Worker processes for a large fleet (default: by cores and memory; 1 plans in this process). */
  readonly workers?: number;
  /** Tenants per shard (default {@link DEFAULT_SHARD_TENANTS}). */
  readonly shardTenants?: number;
  /** Memory the workers may use together, in MiB (default: 3/4 of the free memory). */
  readonly memoryBudgetMiB?: number;
}

/** The stack name and configuration a plan runs with. */
export async function planConfiguration(options: PlanOptions): Promise<{ stack: string; config: Record<string, string> }> {
  if (options.stack && options.cloud) {
    throw new InputError("plan options", [{ path: "--cloud", message: "goes without --stack: the stack's configuration names its cloud", received: options.cloud }]);
  }
  const tenants: Record<string, string> = options.tenants ? { "tenantry:tenants": options.tenants } : {};
  if (options.stack) return { stack: options.stack, config: { ...(await stackFile(options.stack, STACK_CONFIG_DIR, "--stack")), ...tenants } };
  if (!options.cloud) {
    throw new InputError("plan options", [{ path: "--cloud", message: `is required without --stack: one of ${DEMO_CLOUDS.join(", ")}` }]);
  }
  if (!(DEMO_CLOUDS as readonly string[]).includes(options.cloud)) {
    throw new InputError("plan options", [{ path: "--cloud", message: `must be one of ${DEMO_CLOUDS.join(", ")}`, received: options.cloud }]);
  }
  // The <cloud>-demo configuration and (without --tenants) the demo tenants ship with the package.
  const config = await stackFile(`${options.cloud}-demo`, demoStackDir(), "--cloud", options.cloud);
  return { stack: `${options.cloud}-plan`, config: { ...config, "tenantry:tenants": options.tenants ?? demoTenantsDir() } };
}

/** The clouds whose `<cloud>-demo` stack configuration ships with the package. */
export const DEMO_CLOUDS = CLOUDS.filter((cloud) => existsSync(join(demoStackDir(), `Pulumi.${cloud}-demo.yaml`)));

async function stackFile(stack: string, dir: string, option: string, given = stack): Promise<Record<string, string>> {
  if (!existsSync(join(dir, `Pulumi.${stack}.yaml`))) {
    throw new InputError("plan options", [{ path: option, message: `has no stack configuration ${join(dir, `Pulumi.${stack}.yaml`)}`, received: given }]);
  }
  return readStackFile(stack, dir);
}

/** What a plan needs before anything runs: the stack, its configuration and its validated tenants. */
export interface PreparedPlan {
  readonly stack: string;
  readonly config: Record<string, string>;
  readonly cloud: string;
  readonly tenants: readonly Tenant[];
  readonly at: Date;
  /** What the stack configuration decides for every blueprint (backup-target default, capacity warning). */
  readonly stackConfig: StackConfig;
  /**
   * Each tenant's blueprint as the stack renders it (stacks/cloud-config.ts `stackBlueprints`: with
   * the cloud configuration's service parameters and access-log retention), in fleet order.
   */
  readonly blueprints: readonly TenantBlueprint[];
}

/** Validates the options, the stack configuration and the tenants. Throws InputError on bad input. */
export async function preparePlan(options: PlanOptions): Promise<PreparedPlan> {
  const planned = await planConfiguration(options);
  const stack = planned.stack;
  const config = { ...planned.config, ...options.config };
  const stackConfig = readStackConfig((key) => config[`tenantry:${key}`]);
  const fleet = await loadFleet([stackConfig.tenants]);
  if (!fleet.ok) throw new InputError(`tenant manifests in ${stackConfig.tenants}`, fleet.files.flatMap((f) => f.problems));
  const tenants = fleet.tenants.map((t) => t.tenant);
  const at = options.at ?? new Date();
  const blueprints = stackBlueprints(tenants, stackConfig, cloudConfigIn(config, stackConfig.cloud), at);
  return { stack, config, cloud: stackConfig.cloud, tenants, at, stackConfig, blueprints };
}

/**
 * The resources in the plan's order: those shared by the stack first, then each tenant's in fleet
 * order, each group in registration order. A plan run in shards (plan/shard.ts) merges to the same list.
 */
export function planOrder(resources: readonly RecordedResource[], tenantIds: readonly string[]): RecordedResource[] {
  const byName = new Map(resources.map((r) => [r.name, r]));
  const ids = new Set(tenantIds);
  const groups = new Map<string | null, RecordedResource[]>([[null, []], ...tenantIds.map((id): [string, RecordedResource[]] => [id, []])]);
  for (const r of resources) {
    const owner = ownerOf(r, byName, ids);
    (groups.get(owner) ?? groups.get(null)!).push(r);
  }
  return [...groups.values()].flat();
}

/** The policy configuration a plan runs the packs with: the licence rules judge at the plan's moment; `policyConfig` over that. */
export function planPolicyConfig(prepared: Pick<PreparedPlan, "at">, policyConfig: PolicyConfig = {}): PolicyConfig {
  const licenceNow = Object.fromEntries(licencePack.rules.map((r) => [r.name, { now: prepared.at.toISOString() }]));
  return mergeConfig(licenceNow, policyConfig);
}

/**
 * The harness options of a plan. The mock run is an update, not a preview: every recorded value is
 * known, so the props go without the engine's unknown-checking proxies (they could report nothing).
 */
export const PLAN_HARNESS: HarnessOptions = { unknownChecks: false };

/**
 * Runs every policy pack over the recorded resources and builds the document. `resourceResults`:
 * the resource policies' findings, already computed on shards (plan/shard.ts); then only the stack
 * policies run here.
 */
export async function finishPlan(
  prepared: PreparedPlan,
  resources: readonly RecordedResource[],
  policyConfig: PolicyConfig = {},
  resourceResults?: readonly ResourcePolicyResults[],
  monitors?: Readonly<Record<string, MonitorCoverage>>,
): Promise<PlanDocument> {
  const policies = await runPolicyPacks(PACKS, resources, planPolicyConfig(prepared, policyConfig), { ...PLAN_HARNESS, ...(resourceResults ? { resourceResults } : {}) });
  return planDocument({
    stack: prepared.stack,
    cloud: prepared.cloud,
    at: prepared.at,
    tenants: prepared.tenants.map((tenant, i) => ({ tenant, blueprint: prepared.blueprints[i]! })),
    resources,
    verdicts: policies.verdicts,
    ...(monitors ? { monitors } : {}),
  });
}

/**
 * Plans a stack: validates it, runs it under mocks, runs every policy pack. Throws InputError on bad
 * input. A fleet larger than one shard is planned in worker processes (plan/shard.ts) unless
 * `workers` is 1; the document is the same either way.
 */
export async function plan(options: PlanOptions): Promise<PlanDocument> {
  const prepared = await preparePlan(options);
  const { shardLayout, planInShards } = await import("./shard.js");
  const layout = shardLayout(prepared.tenants.length, options);
  if (layout.shards > 1) return planInShards(prepared, layout, options);
  const run = await runUnderMocks(() => tenantryProgram({ at: prepared.at }), prepared.config, prepared.stack, options.onResource ? { onResource: options.onResource } : {});
  return finishPlan(prepared, planOrder(run.resources, prepared.tenants.map((t) => t.id)), options.policyConfig, undefined, monitorsOf(run.outputs.tenants));
}

/** Per-policy config: `extra` wins; objects merge, a bare level replaces. */
function mergeConfig(base: PolicyConfig, extra: PolicyConfig): PolicyConfig {
  const out: PolicyConfig = { ...base };
  for (const [k, v] of Object.entries(extra)) {
    const b = out[k];
    out[k] = typeof v === "object" && typeof b === "object" ? { ...b, ...v } : typeof v === "string" && typeof b === "object" ? { ...b, enforcementLevel: v } : v;
  }
  return out;
}
