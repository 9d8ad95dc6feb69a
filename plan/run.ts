/**
 * `tenantry plan`'s engine: runs a stack's program in-process under Pulumi's mocks, then every
 * policy pack through the harness, and returns the plan document. Nothing reaches a cloud.
 */
import { InputError, loadFleet, tenantBlueprint, type Problem } from "../components/core/index.js";
import { runPolicyPacks, type PolicyConfig } from "../policies/harness.js";
import { PACKS, licencePack } from "../policies/packs.js";
import { readStackConfig } from "../stacks/config.js";
import { tenantryProgram } from "../stacks/program.js";
import { readStackFile } from "../stacks/stack-file.js";
import { planDocument, type PlanDocument } from "./document.js";
import { runUnderMocks } from "./mock-run.js";

export interface PlanOptions {
  /** A stack with a config file in `stacks/` (`stacks/Pulumi.<stack>.yaml`). */
  readonly stack?: string;
  /** Or a cloud and a directory of tenants, with the `<cloud>-demo` stack's configuration for the rest (stack `<cloud>-plan`). */
  readonly cloud?: string;
  /** A directory of tenant manifests: with `cloud`, or instead of the stack's `tenantry:tenants`. */
  readonly tenants?: string;
  /** The moment licences are judged at. Default: now. */
  readonly at?: Date;
  /** Policy configuration (as `--policy-pack-config` files hold it, all packs in one object). */
  readonly policyConfig?: PolicyConfig;
  /** Called as resources register (for a progress display). */
  readonly onResource?: (count: number) => void;
}

/** The stack name and configuration a plan runs with. */
export async function planConfiguration(options: PlanOptions): Promise<{ stack: string; config: Record<string, string> }> {
  if (options.stack && options.cloud) {
    throw new InputError("plan options", [{ path: "--cloud", message: "goes without --stack: the stack's configuration names its cloud", received: options.cloud }]);
  }
  const tenants: Record<string, string> = options.tenants ? { "tenantry:tenants": options.tenants } : {};
  if (options.stack) return { stack: options.stack, config: { ...(await stackFile(options.stack)), ...tenants } };
  if (!options.cloud || !options.tenants) {
    const problems: Problem[] = [];
    if (!options.cloud) problems.push({ path: "--cloud", message: "is required without --stack: aws, alicloud or huaweicloud" });
    if (!options.tenants) problems.push({ path: "--tenants", message: "is required without --stack: a directory of tenant manifests" });
    throw new InputError("plan options", problems);
  }
  const config = await stackFile(`${options.cloud}-demo`, "--cloud", options.cloud);
  return { stack: `${options.cloud}-plan`, config: { ...config, ...tenants } };
}

async function stackFile(stack: string, option = "--stack", given = stack): Promise<Record<string, string>> {
  try {
    return await readStackFile(stack);
  } catch {
    throw new InputError("plan options", [{ path: option, message: `has no stack configuration stacks/Pulumi.${stack}.yaml`, received: given }]);
  }
}

/** Plans a stack: validates it, runs it under mocks, runs every policy pack. Throws InputError on bad input. */
export async function plan(options: PlanOptions): Promise<PlanDocument> {
  const { stack, config } = await planConfiguration(options);
  const stackConfig = readStackConfig((key) => config[`tenantry:${key}`]);
  const fleet = await loadFleet([stackConfig.tenants]);
  if (!fleet.ok) throw new InputError(`tenant manifests in ${stackConfig.tenants}`, fleet.files.flatMap((f) => f.problems));
  const at = options.at ?? new Date();
  const run = await runUnderMocks(tenantryProgram, config, stack, options.onResource);
  const licenceNow = Object.fromEntries(licencePack.rules.map((r) => [r.name, { now: at.toISOString() }]));
  const policyConfig = mergeConfig(licenceNow, options.policyConfig ?? {});
  const policies = await runPolicyPacks(PACKS, run.resources, policyConfig);
  return planDocument({
    stack,
    cloud: stackConfig.cloud,
    at,
    tenants: fleet.tenants.map((t) => ({ tenant: t.tenant, blueprint: tenantBlueprint(t.tenant) })),
    resources: run.resources,
    verdicts: policies.verdicts,
  });
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
