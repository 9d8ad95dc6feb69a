/**
 * Runs policy packs over recorded resources the way the Pulumi engine runs them: every resource's
 * inputs through each resource policy, every resource's outputs through each stack policy, props
 * wrapped in `unknownCheckingProxy`, config defaults from each policy's schema applied, enforcement
 * levels from config, `notApplicable` honoured. Tests and `tenantry plan` use it; it never starts a
 * policy pack's server.
 */
import {
  unknownCheckingProxy,
  UnknownValueError,
  type EnforcementLevel,
  type Policies,
  type PolicyResource,
  type PolicyResourceOptions,
  type ResourceValidationArgs,
  type ResourceValidationPolicy,
  type StackValidationArgs,
  type StackValidationPolicy,
} from "@pulumi/policy";
import { acknowledgedPolicyName, APPLIES_TO, configDefaults, policiesOf, type AcknowledgedHolds, type PackDefinition } from "./framework.js";
import { mapIfChanged } from "./copy-on-write.js";

/** An input the program marked secret, as recorded in a {@link PlannedResource}. */
export class SecretValue {
  constructor(readonly value: unknown) {}
}

/** Sets an own property, as `Object.fromEntries` does (a `__proto__` key too). */
function own(o: Record<string, unknown>, key: string, value: unknown): void {
  if (key === "__proto__") Object.defineProperty(o, key, { value, enumerable: true, writable: true, configurable: true });
  else o[key] = value;
}

/**
 * Values as the engine hands them to policies: secrets as their plain values. A value holding no
 * secret is returned as it is, not copied (a fleet's plan holds ~100,000 resources' props).
 */
export function plainValue(value: unknown): unknown {
  if (value instanceof SecretValue) return plainValue(value.value);
  // Nothing is allocated until a value differs (most hold no secret).
  if (Array.isArray(value)) {
    return mapIfChanged(value as unknown[], plainValue);
  }
  if (value && typeof value === "object") {
    const o = value as Record<string, unknown>;
    const keys = Object.keys(o);
    let plain: Record<string, unknown> | undefined;
    for (let i = 0; i < keys.length; i++) {
      const v = plainValue(o[keys[i]!]);
      if (v !== o[keys[i]!] && !plain) {
        plain = {};
        for (let j = 0; j < i; j++) own(plain, keys[j]!, o[keys[j]!]);
      }
      if (plain) own(plain, keys[i]!, v);
    }
    return plain ?? value;
  }
  return value;
}

/** A resource as the engine would show it to policies; secret inputs are {@link SecretValue}s. */
export interface PlannedResource {
  readonly type: string;
  readonly name: string;
  readonly urn: string;
  readonly parentUrn?: string;
  readonly custom: boolean;
  /** What the program gave it (resource policies see these). */
  readonly inputs: Record<string, unknown>;
  /** What it holds after the update (stack policies see these). */
  readonly outputs: Record<string, unknown>;
  readonly protect: boolean;
  readonly ignoreChanges: readonly string[];
  readonly dependencies: readonly string[];
  readonly propertyDependencies: Readonly<Record<string, readonly string[]>>;
}

export type VerdictLevel = "mandatory" | "advisory" | "acknowledged";

export interface Verdict {
  readonly pack: string;
  readonly policy: string;
  readonly level: VerdictLevel;
  readonly message: string;
  /** The resource it is about, when it is about one. */
  readonly urn?: string;
}

export interface NotApplicable {
  readonly pack: string;
  readonly policy: string;
  readonly urn: string;
  readonly reason: string;
}

/** Per-policy configuration, as in a `--policy-pack-config` file: a level, or an object with `enforcementLevel` and the policy's numbers. */
export type PolicyConfig = Record<string, EnforcementLevel | ({ enforcementLevel?: EnforcementLevel } & Record<string, unknown>)>;

export interface PolicyRun {
  readonly verdicts: readonly Verdict[];
  readonly notApplicable: readonly NotApplicable[];
}

/** Thrown by `notApplicable`; not an Error, so that no stack trace is taken for it (rules call it often). */
class NotApplicableSignal {
  constructor(readonly reason: string) {}
}

const notApplicable = (reason?: string): never => {
  throw new NotApplicableSignal(reason ?? "not applicable");
};

function levelOf(policy: { name: string; enforcementLevel?: EnforcementLevel }, config: PolicyConfig): EnforcementLevel {
  const c = config[policy.name];
  if (typeof c === "string") return c;
  return c?.enforcementLevel ?? policy.enforcementLevel ?? "advisory";
}

function configOf(policy: ResourceValidationPolicy | StackValidationPolicy, config: PolicyConfig): Record<string, unknown> {
  const c = config[policy.name];
  const given = typeof c === "object" ? Object.fromEntries(Object.entries(c).filter(([k]) => k !== "enforcementLevel")) : {};
  return { ...configDefaults(policy.configSchema), ...given };
}

/**
 * `isType`/`asType` as the engine answers them: a resource class matches when its Pulumi type token
 * (the generated classes' `__pulumiType`) is the resource's type. Rules written with
 * `validateResourceOfType` (peer packs such as awsguard) depend on it. Shared methods (called on the
 * resource), not closures per resource: a fleet's plan holds ~100,000 resources.
 */
function isType(this: { type: string }, resourceClass: unknown): boolean {
  return (resourceClass as { __pulumiType?: unknown } | undefined)?.__pulumiType === this.type;
}
function asType(this: { type: string; props: Record<string, unknown> }, resourceClass: unknown) {
  return isType.call(this, resourceClass) ? this.props : undefined;
}
const typeChecks = { isType, asType } as unknown as Pick<ResourceValidationArgs, "isType" | "asType">;

function options(r: PlannedResource): PolicyResourceOptions {
  return {
    protect: r.protect,
    ignoreChanges: [...r.ignoreChanges],
    aliases: [],
    customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
    additionalSecretOutputs: [],
    ...(r.parentUrn ? { parent: r.parentUrn } : {}),
  };
}

/** The stack's resources as `PolicyResource`s, with parents and dependencies linked. */
function policyResources(resources: readonly PlannedResource[], wrap: (props: Record<string, unknown>) => Record<string, unknown>): PolicyResource[] {
  const byUrn = new Map<string, PolicyResource & { parent?: PolicyResource; dependencies: PolicyResource[]; propertyDependencies: Record<string, PolicyResource[]> }>();
  for (const r of resources) {
    byUrn.set(r.urn, {
      type: r.type,
      name: r.name,
      urn: r.urn,
      props: wrap(plainValue(r.outputs) as Record<string, unknown>),
      opts: options(r),
      dependencies: [] as PolicyResource[],
      propertyDependencies: {} as Record<string, PolicyResource[]>,
      ...typeChecks,
    });
  }
  for (const r of resources) {
    const pr = byUrn.get(r.urn)!;
    if (r.parentUrn && byUrn.has(r.parentUrn)) pr.parent = byUrn.get(r.parentUrn);
    pr.dependencies.push(...r.dependencies.flatMap((u) => (byUrn.has(u) ? [byUrn.get(u)!] : [])));
    for (const [prop, urns] of Object.entries(r.propertyDependencies)) {
      pr.propertyDependencies[prop] = urns.flatMap((u) => (byUrn.has(u) ? [byUrn.get(u)!] : []));
    }
  }
  return [...byUrn.values()];
}

/** Options of {@link runPolicyPacks}. */
export interface HarnessOptions {
  /**
   * Wrap props in `unknownCheckingProxy`, as the engine does (default true). Values recorded by a
   * mock run that is not a preview are all known, so `tenantry plan` leaves the proxies out: they
   * could never report anything there, and they cost a proxy per property read.
   */
  readonly unknownChecks?: boolean;
  /**
   * Run only the resource policies, and return what they found per resource (see
   * {@link ResourcePolicyResults}); the stack policies are left to a later run that is given these
   * results. A plan's workers do this on their shards.
   */
  readonly resourcePoliciesOnly?: boolean;
  /**
   * The resource policies' results, computed elsewhere (one entry per shard, e.g.): they are not run
   * again. The results stand in for the resource policies as they would have run, in the order of
   * `resources` (for a resource that several entries hold, the first entry's results count).
   */
  readonly resourceResults?: readonly ResourcePolicyResults[];
}

/** What one resource policy found on one resource: its verdicts and the findings it held as acknowledged. */
export interface ResourcePolicyFinding {
  readonly urn: string;
  readonly verdicts: readonly Verdict[];
  readonly holds: readonly (readonly [string, { message: string; urn?: string }])[];
}

/** The resource policies' findings: per pack, per policy (by position; stack policies' entries are empty), only resources with findings. */
export type ResourcePolicyResults = readonly (readonly (readonly ResourcePolicyFinding[])[])[];

export type PolicyRunWith = PolicyRun & { readonly resourceResults?: ResourcePolicyResults };

const EMPTY_TAGS: Map<string, string> = new Map();

/** Runs `packs` over `resources` (custom resources only, as the engine analyses them). */
export function runPolicyPacks(packs: readonly PackDefinition[], resources: readonly PlannedResource[], config: PolicyConfig = {}, harness: HarnessOptions = {}): Promise<PolicyRunWith> {
  return runPolicySets(
    packs.map((pack) => {
      const holds: AcknowledgedHolds = new Map();
      return { name: pack.name, policies: policiesOf(pack, holds), acknowledgedPolicy: acknowledgedPolicyName(pack), holds };
    }),
    resources,
    config,
    harness,
  );
}

/** A pack's `@pulumi/policy` policies as they would be handed to `new PolicyPack(name, { policies })` (a peer pack's, or Tenantry's). */
export interface PolicySet {
  readonly name: string;
  readonly policies: Policies;
  /** The policy whose violations are acknowledged findings (Tenantry's packs). */
  readonly acknowledgedPolicy?: string;
  /** Where the pack's policies hold acknowledged findings for that policy (Tenantry's packs; see `policiesOf`). */
  readonly holds?: AcknowledgedHolds;
}

/**
 * Runs policy sets over `resources` (custom resources only, as the engine analyses them): for each
 * pack, each policy in order, a resource policy over every resource, a stack policy over the stack.
 */
export async function runPolicySets(packs: readonly PolicySet[], resources: readonly PlannedResource[], config: PolicyConfig = {}, harness: HarnessOptions = {}): Promise<PolicyRunWith> {
  const wrap = harness.unknownChecks === false ? (v: Record<string, unknown>) => v : (v: Record<string, unknown>) => unknownCheckingProxy(v);
  const custom = resources.filter((r) => r.custom);
  const given = harness.resourceResults;
  const resourcesOnly = harness.resourcePoliciesOnly === true;
  const stackResources = resourcesOnly ? [] : policyResources(custom, wrap);
  // The config the current policy sees (the arguments are built once per resource, for every policy).
  let policyConfig: Record<string, unknown> = {};
  const getConfig = <T extends object>() => policyConfig as T;
  // What the engine sends each resource policy; built once per resource (rules never change their props).
  const resourceArgs: ResourceValidationArgs[] = given
    ? []
    : custom.map((r) => ({
        type: r.type,
        name: r.name,
        urn: r.urn,
        props: wrap(plainValue(r.inputs) as Record<string, unknown>),
        opts: options(r),
        stackTags: EMPTY_TAGS,
        ...typeChecks,
        getConfig,
        notApplicable,
      }));
  const verdicts: Verdict[] = [];
  const notApplicableList: NotApplicable[] = [];
  const results: ResourcePolicyFinding[][][] = [];

  for (const [packIndex, pack] of packs.entries()) {
    const holds: AcknowledgedHolds = pack.holds ?? new Map();
    const packResults: ResourcePolicyFinding[][] = [];
    results.push(packResults);
    for (const [index, policy] of pack.policies.entries()) {
      const found: ResourcePolicyFinding[] = [];
      packResults.push(found);
      const level = levelOf(policy, config);
      if (level === "disabled") continue;
      const reported: VerdictLevel = policy.name === pack.acknowledgedPolicy ? "acknowledged" : level === "mandatory" || level === "remediate" ? "mandatory" : "advisory";
      policyConfig = configOf(policy, config);
      let current: string | undefined;
      const report = (message: string, violationUrn?: string) => {
        const at = violationUrn ?? current;
        verdicts.push({ pack: pack.name, policy: policy.name, level: reported, message, ...(at ? { urn: at } : {}) });
      };
      const failed = (urn: string, error: unknown) => {
        if (error instanceof NotApplicableSignal) notApplicableList.push({ pack: pack.name, policy: policy.name, urn, reason: error.reason });
        else if (error instanceof UnknownValueError) verdicts.push({ pack: pack.name, policy: policy.name, level: "advisory", urn, message: `can't run policy '${policy.name}' during preview: ${(error as Error).message}` });
        else throw error;
      };
      // Policies are synchronous here; one that returns a promise is awaited.
      const guard = async (urn: string, run: () => unknown) => {
        let out: unknown;
        try {
          out = run();
        } catch (error) {
          return failed(urn, error);
        }
        if (out instanceof Promise) await out.catch((error: unknown) => failed(urn, error));
      };

      if ("validateResource" in policy && policy.validateResource) {
        if (given) {
          replay(given, packIndex, index, custom, verdicts, holds);
          continue;
        }
        const validations = Array.isArray(policy.validateResource) ? policy.validateResource : [policy.validateResource];
        const appliesTo = (policy as { [APPLIES_TO]?: readonly string[] })[APPLIES_TO];
        const types = appliesTo && new Set(appliesTo);
        const reason = appliesTo && `applies to ${appliesTo.join(", ")}`;
        for (const args of resourceArgs) {
          // What the policy would do itself for a type it does not apply to, without calling it.
          if (types && !types.has(args.type)) {
            if (!resourcesOnly) notApplicableList.push({ pack: pack.name, policy: policy.name, urn: args.urn, reason: reason! });
            continue;
          }
          current = args.urn;
          const before = verdicts.length;
          const held = holds.size;
          for (const validate of validations) await guard(args.urn, () => validate(args, report));
          if (resourcesOnly && (verdicts.length > before || holds.size > held)) {
            found.push({ urn: args.urn, verdicts: verdicts.splice(before), holds: [...holds].slice(held) });
          }
        }
      }
      if ("validateStack" in policy && !resourcesOnly) {
        current = undefined;
        const args: StackValidationArgs = { resources: stackResources, stackTags: EMPTY_TAGS, getConfig, notApplicable };
        await guard("(stack)", () => policy.validateStack(args, report));
      }
    }
  }
  return { verdicts, notApplicable: resourcesOnly ? [] : notApplicableList, ...(resourcesOnly ? { resourceResults: results } : {}) };
}

/** Puts the given results of one resource policy in the verdicts and holds, in the order of `resources`. */
function replay(given: readonly ResourcePolicyResults[], packIndex: number, index: number, resources: readonly PlannedResource[], verdicts: Verdict[], holds: AcknowledgedHolds): void {
  const byUrn = new Map<string, ResourcePolicyFinding>();
  for (const results of given) {
    const found = results[packIndex]?.[index] ?? [];
    for (const f of found) if (!byUrn.has(f.urn)) byUrn.set(f.urn, f);
  }
  if (byUrn.size === 0) return;
  for (const r of resources) {
    const f = byUrn.get(r.urn);
    if (!f) continue;
    verdicts.push(...f.verdicts);
    for (const [key, value] of f.holds) holds.set(key, value);
  }
}
