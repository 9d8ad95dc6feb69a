/**
 * Tenantry's rule framework on top of Pulumi CrossGuard. A rule is a pure check over a resource
 * (or over the whole stack) that returns findings; the framework turns rules into
 * `@pulumi/policy` policies, honours tenants' acknowledgements, and is what both the packs and the
 * test harness run. Nothing here constructs a `PolicyPack` (that starts a server).
 */
import type {
  EnforcementLevel,
  Policies,
  PolicyConfigSchema,
  PolicyResource,
  ReportViolation,
  ResourceValidationArgs,
  ResourceValidationPolicy,
  StackValidationArgs,
  StackValidationPolicy,
} from "@pulumi/policy";
import { parseAcknowledgements, TAG_KEYS } from "../components/core/index.js";
import { tagsOfMetadata } from "../components/kubernetes/labels.js";

/** The levels a rule may be set to by configuration. */
export type RuleLevel = Extract<EnforcementLevel, "advisory" | "mandatory" | "disabled">;

/** A resource as rules see it: the engine's view, with parent and dependencies resolved where known. */
export interface ResourceView {
  readonly type: string;
  readonly name: string;
  readonly urn: string;
  readonly props: Record<string, any>;
  readonly protect: boolean;
  /** The resource's `ignoreChanges` option (a frozen tenant's resources ignore every input). */
  readonly ignoreChanges?: readonly string[] | undefined;
  readonly parent?: ResourceView | undefined;
  /** Resources each input property refers to (stack rules only). */
  readonly propertyDependencies?: Readonly<Record<string, readonly ResourceView[]>>;
}

export interface Finding {
  readonly message: string;
  /** The resource the finding is about (stack rules); resource rules report on their resource. */
  readonly urn?: string;
  /** The tenant it concerns, for acknowledgements (stack rules); resource rules read the resource's tags. */
  readonly tenant?: string;
}

interface RuleCommon<C extends object> {
  readonly name: string;
  readonly description: string;
  readonly level: RuleLevel;
  /** JSON schema of the rule's numbers; every property has a default. */
  readonly configSchema?: PolicyConfigSchema;
  /** For the type of `check`'s config. */
  readonly _config?: C;
}

export interface ResourceRule<C extends object = object> extends RuleCommon<C> {
  readonly kind: "resource";
  /** Resource types the rule looks at; others are reported not applicable. Default: every type. */
  readonly types?: readonly string[];
  check(resource: ResourceView, config: C): readonly (string | Finding)[];
}

export interface StackRule<C extends object = object> extends RuleCommon<C> {
  readonly kind: "stack";
  check(resources: readonly ResourceView[], config: C): readonly Finding[];
}

export type Rule = ResourceRule<any> | StackRule<any>;

export interface PackDefinition {
  readonly name: string;
  readonly version: string;
  readonly description: string;
  readonly rules: readonly Rule[];
}

/** The advisory policy of each pack that reports acknowledged findings, with their reasons. */
export const ACKNOWLEDGED_POLICY_SUFFIX = "acknowledged-exceptions";

export function acknowledgedPolicyName(pack: PackDefinition): string {
  return `${pack.name}-${ACKNOWLEDGED_POLICY_SUFFIX}`;
}

/** The defaults of a config schema, as the engine applies them before a policy sees its config. */
export function configDefaults(schema: PolicyConfigSchema | undefined): Record<string, unknown> {
  return Object.fromEntries(Object.entries(schema?.properties ?? {}).flatMap(([k, p]) => ("default" in p ? [[k, p.default]] : [])));
}

/** A resource's tags: its `tags`, or for a Kubernetes object the tag contract carried by its labels and annotations. */
export const tagsOf = (r: { props: Record<string, any> }): Record<string, string> =>
  (r.props.tags ?? (r.props.apiVersion !== undefined && r.props.kind !== undefined ? tagsOfMetadata(r.props.metadata) : {})) as Record<string, string>;
export const tenantOf = (r: { props: Record<string, any> }): string | undefined => tagsOf(r)[TAG_KEYS.tenant];

/** Whether a resource is frozen: it ignores changes to every input it has (see stacks/freeze.ts). */
export const isFrozen = (r: Pick<ResourceView, "props" | "ignoreChanges">): boolean => {
  const ignored = new Set(r.ignoreChanges ?? []);
  return ignored.size > 0 && Object.keys(r.props).every((k) => ignored.has(k));
};

/** Which rules each tenant acknowledges, read from its resources' tags. */
export function acknowledgementsByTenant(resources: readonly ResourceView[]): Map<string, Map<string, string>> {
  const acks = new Map<string, Map<string, string>>();
  for (const r of resources) {
    const tenant = tenantOf(r);
    if (tenant && !acks.has(tenant)) acks.set(tenant, parseAcknowledgements(tagsOf(r)[TAG_KEYS.acknowledged]));
  }
  return acks;
}

const asFinding = (f: string | Finding): Finding => (typeof f === "string" ? { message: f } : f);

/** A resource rule's findings, split into reported and acknowledged (with the reason). */
export function runResourceRule(rule: ResourceRule<any>, resource: ResourceView, config: object) {
  const findings = rule.check(resource, { ...configDefaults(rule.configSchema), ...config }).map(asFinding);
  const reason = parseAcknowledgements(tagsOf(resource)[TAG_KEYS.acknowledged]).get(rule.name);
  return reason === undefined ? { reported: findings, acknowledged: [] } : { reported: [], acknowledged: findings.map((f) => ({ ...f, reason })) };
}

/** A stack rule's findings, split into reported and acknowledged (with the reason). */
export function runStackRule(rule: StackRule<any>, resources: readonly ResourceView[], config: object) {
  const findings = rule.check(resources, { ...configDefaults(rule.configSchema), ...config });
  const acks = acknowledgementsByTenant(resources);
  const reported: Finding[] = [];
  const acknowledged: (Finding & { reason: string })[] = [];
  for (const f of findings) {
    const reason = f.tenant ? acks.get(f.tenant)?.get(rule.name) : undefined;
    if (reason === undefined) reported.push(f);
    else acknowledged.push({ ...f, reason });
  }
  return { reported, acknowledged };
}

/** Turns the engine's resource arguments into a rule's view. */
export function viewOfArgs(args: ResourceValidationArgs): ResourceView {
  return { type: args.type, name: args.name, urn: args.urn, props: args.props, protect: args.opts.protect, ignoreChanges: args.opts.ignoreChanges };
}

const viewCache = new WeakMap<readonly PolicyResource[], ResourceView[]>();

/** Turns the engine's stack resources into rule views, linking parents and dependencies (once per stack). */
export function viewsOfStack(resources: readonly PolicyResource[]): ResourceView[] {
  const cached = viewCache.get(resources);
  if (cached) return cached;
  const built = buildViews(resources);
  viewCache.set(resources, built);
  return built;
}

function buildViews(resources: readonly PolicyResource[]): ResourceView[] {
  const views = new Map<PolicyResource, ResourceView & { parent?: ResourceView; propertyDependencies: Record<string, ResourceView[]> }>();
  for (const r of resources) views.set(r, { type: r.type, name: r.name, urn: r.urn, props: r.props, protect: r.opts.protect, ignoreChanges: r.opts.ignoreChanges, propertyDependencies: {} });
  for (const r of resources) {
    const view = views.get(r)!;
    if (r.parent && views.has(r.parent)) view.parent = views.get(r.parent);
    for (const [prop, deps] of Object.entries(r.propertyDependencies ?? {})) {
      view.propertyDependencies[prop] = deps.flatMap((d) => (views.has(d) ? [views.get(d)!] : []));
    }
  }
  return [...views.values()];
}

function acknowledgedMessage(rule: Rule, f: Finding & { reason: string }): string {
  return `${rule.name} acknowledged (${f.reason}): ${f.message}`;
}

/**
 * The `@pulumi/policy` policies of a pack: one per rule, plus the pack's acknowledged-exceptions
 * policy. A rule's policy does not enforce what a tenant acknowledges; it hands the finding to the
 * acknowledged-exceptions policy, a stack policy placed last, which reports it with the reason once
 * every rule has run (the engine runs a pack's policies in one process, in this order).
 */
/** Findings a pack's policies hold for its acknowledged-exceptions policy, by `<urn>|<message>`, in the order found. */
export type AcknowledgedHolds = Map<string, { message: string; urn?: string }>;

/**
 * The types a resource rule's policy applies to (a hint on the policy object): a caller that knows
 * it, like the policy harness, can report other types not applicable without calling the policy,
 * with the same reason the policy gives.
 */
export const APPLIES_TO = Symbol.for("tenantry.policy.appliesTo");

export function policiesOf(pack: PackDefinition, acknowledged: AcknowledgedHolds = new Map()): Policies {
  const hold = (rule: Rule, f: Finding & { reason: string }, urn?: string) => {
    const at = f.urn ?? urn;
    const message = acknowledgedMessage(rule, f);
    acknowledged.set(`${at}|${message}`, { message, ...(at ? { urn: at } : {}) });
  };
  const policies: Policies = pack.rules.map((rule): ResourceValidationPolicy | StackValidationPolicy =>
    rule.kind === "resource"
      ? {
          name: rule.name,
          description: rule.description,
          enforcementLevel: rule.level,
          ...(rule.configSchema ? { configSchema: rule.configSchema } : {}),
          ...(rule.types ? { [APPLIES_TO]: rule.types } : {}),
          validateResource: (args, report) => {
            if (rule.types && !rule.types.includes(args.type)) args.notApplicable(`applies to ${rule.types.join(", ")}`);
            const result = runResourceRule(rule, viewOfArgs(args), args.getConfig());
            for (const f of result.reported) report(f.message);
            for (const f of result.acknowledged) hold(rule, f, args.urn);
          },
        }
      : {
          name: rule.name,
          description: rule.description,
          enforcementLevel: rule.level,
          ...(rule.configSchema ? { configSchema: rule.configSchema } : {}),
          validateStack: (args, report) => {
            const result = runStackRule(rule, viewsOfStack(args.resources), args.getConfig());
            for (const f of result.reported) report(f.message, f.urn);
            for (const f of result.acknowledged) hold(rule, f);
          },
        },
  );
  policies.push({
    name: acknowledgedPolicyName(pack),
    description: "Findings that a tenant's manifest acknowledges, reported with the reason instead of enforced",
    enforcementLevel: "advisory",
    validateStack: (_args: StackValidationArgs, report: ReportViolation) => {
      for (const f of acknowledged.values()) report(f.message, f.urn);
      acknowledged.clear();
    },
  });
  return policies;
}
