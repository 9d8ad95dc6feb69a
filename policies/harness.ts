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
import { acknowledgedPolicyName, configDefaults, policiesOf, type PackDefinition } from "./framework.js";

/** An input the program marked secret, as recorded in a {@link PlannedResource}. */
export class SecretValue {
  constructor(readonly value: unknown) {}
}

/**
 * Values as the engine hands them to policies: secrets as their plain values. A value holding no
 * secret is returned as it is, not copied (a fleet's plan holds ~100,000 resources' props).
 */
export function plainValue(value: unknown): unknown {
  if (value instanceof SecretValue) return plainValue(value.value);
  if (Array.isArray(value)) {
    const plain = value.map(plainValue);
    return plain.some((v, i) => v !== value[i]) ? plain : value;
  }
  if (value && typeof value === "object") {
    const entries = Object.entries(value);
    const plain = entries.map(([k, v]) => [k, plainValue(v)] as const);
    return plain.some(([, v], i) => v !== entries[i]![1]) ? Object.fromEntries(plain) : value;
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
function policyResources(resources: readonly PlannedResource[]): PolicyResource[] {
  const byUrn = new Map<string, PolicyResource & { parent?: PolicyResource; dependencies: PolicyResource[]; propertyDependencies: Record<string, PolicyResource[]> }>();
  for (const r of resources) {
    byUrn.set(r.urn, {
      type: r.type,
      name: r.name,
      urn: r.urn,
      props: unknownCheckingProxy(plainValue(r.outputs) as Record<string, unknown>),
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

/** Runs `packs` over `resources` (custom resources only, as the engine analyses them). */
export function runPolicyPacks(packs: readonly PackDefinition[], resources: readonly PlannedResource[], config: PolicyConfig = {}): Promise<PolicyRun> {
  return runPolicySets(
    packs.map((pack) => ({ name: pack.name, policies: policiesOf(pack), acknowledgedPolicy: acknowledgedPolicyName(pack) })),
    resources,
    config,
  );
}

/** A pack's `@pulumi/policy` policies as they would be handed to `new PolicyPack(name, { policies })` (a peer pack's, or Tenantry's). */
export interface PolicySet {
  readonly name: string;
  readonly policies: Policies;
  /** The policy whose violations are acknowledged findings (Tenantry's packs). */
  readonly acknowledgedPolicy?: string;
}

/** Runs policy sets over `resources` (custom resources only, as the engine analyses them). */
export async function runPolicySets(packs: readonly PolicySet[], resources: readonly PlannedResource[], config: PolicyConfig = {}): Promise<PolicyRun> {
  const custom = resources.filter((r) => r.custom);
  const stackResources = policyResources(custom);
  // What the engine sends each policy; computed once per resource (rules never change their props).
  const resourceArgs = custom.map((r) => ({
    type: r.type,
    name: r.name,
    urn: r.urn,
    props: unknownCheckingProxy(plainValue(r.inputs) as Record<string, unknown>),
    opts: options(r),
    ...typeChecks,
  }));
  const verdicts: Verdict[] = [];
  const notApplicableList: NotApplicable[] = [];

  for (const pack of packs) {
    for (const policy of pack.policies) {
      const level = levelOf(policy, config);
      if (level === "disabled") continue;
      const reported: VerdictLevel = policy.name === pack.acknowledgedPolicy ? "acknowledged" : level === "mandatory" || level === "remediate" ? "mandatory" : "advisory";
      const policyConfig = configOf(policy, config);
      const report = (urn: string | undefined) => (message: string, violationUrn?: string) => {
        const at = violationUrn ?? urn;
        verdicts.push({ pack: pack.name, policy: policy.name, level: reported, message, ...(at ? { urn: at } : {}) });
      };
      const guard = async (urn: string, run: () => unknown) => {
        try {
          await run();
        } catch (error) {
          if (error instanceof NotApplicableSignal) notApplicableList.push({ pack: pack.name, policy: policy.name, urn, reason: error.reason });
          else if (error instanceof UnknownValueError) verdicts.push({ pack: pack.name, policy: policy.name, level: "advisory", urn, message: `can't run policy '${policy.name}' during preview: ${(error as Error).message}` });
          else throw error;
        }
      };

      if ("validateResource" in policy && policy.validateResource) {
        const validations = Array.isArray(policy.validateResource) ? policy.validateResource : [policy.validateResource];
        for (const r of resourceArgs) {
          const args: ResourceValidationArgs = {
            ...r,
            stackTags: new Map(),
            getConfig: <T extends object>() => policyConfig as T,
            notApplicable,
          };
          for (const validate of validations) await guard(r.urn, () => validate(args, report(r.urn)));
        }
      }
      if ("validateStack" in policy) {
        const args: StackValidationArgs = { resources: stackResources, stackTags: new Map(), getConfig: <T extends object>() => policyConfig as T, notApplicable };
        await guard("(stack)", () => policy.validateStack(args, report(undefined)));
      }
    }
  }
  return { verdicts, notApplicable: notApplicableList };
}
