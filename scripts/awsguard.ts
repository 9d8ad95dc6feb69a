/**
 * Runs the rules of `@pulumi/awsguard` (Pulumi's AWS Guard pack, a peer rule set; a devDependency)
 * over planned resources, offline, through the policy harness (props wrapped in
 * `unknownCheckingProxy`, as the engine does). Its pack is never constructed (`new AwsGuard()`
 * would start a policy server): each area module registers its policies through `registerPolicy`,
 * which is watched while the package loads, so the rules run are exactly those the pack would hold.
 *
 * awsguard 0.3.1 was written for `@pulumi/aws` 4 (it brings its own copy, whose classes give the
 * type tokens its rules match) and asks the AWS API for live data in three rules. What this module
 * does about that, each documented in docs/security.md ("Peer rule pack: awsguard"):
 * - `aws-sdk` is replaced by a stub before the package loads: a rule that calls AWS throws
 *   {@link OfflineError}, and is reported as not judged offline (no request ever leaves);
 * - resources are shown in the shapes the rules were written for ({@link awsguardView}): load
 *   balancers and listeners under the module names awsguard's classes carry (`aws:lb/...` is the
 *   same resource as v4's `aws:elasticloadbalancingv2/...`), and a bucket's separate
 *   `BucketLogging` resources (the v7 way) as the bucket's inline `loggings` (the v4 way).
 */
import { createRequire } from "node:module";
import type { Policies, ResourceValidation, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { runPolicySets, type PlannedResource, type PolicyRun } from "../policies/harness.js";

/** What a rule that asks the AWS API throws: nothing is sent. */
export class OfflineError extends Error {}

export interface AwsGuardRule {
  /** The key `new AwsGuard({ <key>: level })` configures it by. */
  readonly key: string;
  readonly policy: ResourceValidationPolicy | StackValidationPolicy;
}

/** Stands in for `aws-sdk` (v2): every client a rule constructs throws {@link OfflineError}. */
const offlineSdk = new Proxy(
  {},
  {
    get: (_target, property) =>
      typeof property === "symbol" || property === "__esModule" || property === "then"
        ? undefined
        : function client() {
            throw new OfflineError(`asks the AWS API (aws-sdk ${String(property)}), which an offline plan cannot`);
          },
  },
);

let loaded: readonly AwsGuardRule[] | undefined;

/** Every rule of the installed awsguard, in registration order. Loads the package once. */
export function awsguardRules(): readonly AwsGuardRule[] {
  if (loaded) return loaded;
  const requireHere = createRequire(import.meta.url);
  const requireGuard = createRequire(requireHere.resolve("@pulumi/awsguard"));
  const sdk = requireGuard.resolve("aws-sdk");
  const stub = new (requireHere("node:module") as typeof import("node:module")).Module(sdk);
  stub.filename = sdk;
  stub.loaded = true;
  stub.exports = offlineSdk;
  requireGuard.cache[sdk] = stub;
  const registry = requireGuard("./awsGuard.js") as { registerPolicy: (key: string, policy: AwsGuardRule["policy"]) => void };
  const register = registry.registerPolicy;
  const rules: AwsGuardRule[] = [];
  registry.registerPolicy = (key, policy) => {
    rules.push({ key, policy });
    register(key, policy);
  };
  try {
    requireGuard("./index.js");
  } finally {
    registry.registerPolicy = register;
  }
  if (rules.length === 0) throw new Error("@pulumi/awsguard registered no policy: was it loaded before?");
  loaded = rules;
  return rules;
}

/** v7 type tokens and the token of the same resource in awsguard's (v4) classes. */
export const AWSGUARD_TYPE_ALIASES: Readonly<Record<string, string>> = {
  "aws:lb/loadBalancer:LoadBalancer": "aws:elasticloadbalancingv2/loadBalancer:LoadBalancer",
  "aws:alb/loadBalancer:LoadBalancer": "aws:elasticloadbalancingv2/loadBalancer:LoadBalancer",
  "aws:lb/listener:Listener": "aws:elasticloadbalancingv2/listener:Listener",
  "aws:alb/listener:Listener": "aws:elasticloadbalancingv2/listener:Listener",
  "aws:elb/loadBalancer:LoadBalancer": "aws:elasticloadbalancing/loadBalancer:LoadBalancer",
};

const BUCKET = "aws:s3/bucket:Bucket";
const BUCKET_LOGGING = ["aws:s3/bucketLogging:BucketLogging", "aws:s3/bucketLoggingV2:BucketLoggingV2"];

/** The plan's resources in the types and shapes awsguard's rules read (see the module comment). */
export function awsguardView(resources: readonly PlannedResource[]): PlannedResource[] {
  const loggings = resources.filter((r) => BUCKET_LOGGING.includes(r.type));
  return resources.map((r) => {
    const alias = AWSGUARD_TYPE_ALIASES[r.type];
    if (alias) return { ...r, type: alias, urn: r.urn.replace(`::${r.type}::`, `::${alias}::`) };
    if (r.type !== BUCKET) return r;
    const own = loggings.filter((l) => (l.propertyDependencies.bucket?.length ? l.propertyDependencies.bucket.includes(r.urn) : l.inputs.bucket !== undefined && l.inputs.bucket === r.inputs.bucket));
    const inline = (props: Record<string, unknown>) => (props.logging ? [props.logging] : []);
    const fold = (props: Record<string, unknown>, side: "inputs" | "outputs") => {
      const all = [...inline(props), ...own.map((l) => ({ targetBucket: l[side].targetBucket, targetPrefix: l[side].targetPrefix }))];
      return all.length > 0 ? { ...props, loggings: all } : props;
    };
    return { ...r, inputs: fold(r.inputs, "inputs"), outputs: fold(r.outputs, "outputs") };
  });
}

export type RuleOutcome = "violated" | "passed" | "nothing to judge" | "not judged offline";

export interface RuleVerdict {
  readonly key: string;
  readonly name: string;
  readonly description: string;
  readonly outcome: RuleOutcome;
  /** Resources of the types it judges. */
  readonly judged: number;
  readonly violations: readonly { readonly urn?: string; readonly message: string }[];
  /** Why it was not judged (it asks AWS, or needs a value known only after the update). */
  readonly reason?: string;
}

/** Wraps a policy so that a rule asking AWS is recorded as not judged instead of failing the run. */
function offlineGuarded(policy: AwsGuardRule["policy"], unjudged: Map<string, string>): AwsGuardRule["policy"] {
  const guard =
    <A extends unknown[]>(fn: (...args: A) => unknown) =>
    async (...args: A) => {
      try {
        await fn(...args);
      } catch (error) {
        if (!(error instanceof OfflineError)) throw error;
        unjudged.set(policy.name, error.message);
      }
    };
  if ("validateStack" in policy) return { ...policy, validateStack: guard(policy.validateStack) };
  return { ...policy, validateResource: validationsOf(policy).map((v) => guard(v)) };
}

const validationsOf = (policy: ResourceValidationPolicy): ResourceValidation[] =>
  Array.isArray(policy.validateResource) ? policy.validateResource : policy.validateResource ? [policy.validateResource] : [];

/** The type tokens a rule judges: `validateResourceOfType` / `validateStackResourcesOfType` mark their functions with them. */
export function judgedTypes(policy: AwsGuardRule["policy"]): string[] {
  const fns: unknown[] = "validateStack" in policy ? [policy.validateStack] : validationsOf(policy);
  return fns.flatMap((f) => {
    const type = (f as { __pulumiType?: unknown }).__pulumiType;
    return typeof type === "string" ? [type] : [];
  });
}

/** Runs every awsguard rule (all enabled, as `new AwsGuard({ all: "mandatory" })`) over `resources` and says what each found. */
export async function runAwsGuard(resources: readonly PlannedResource[]): Promise<RuleVerdict[]> {
  const rules = awsguardRules();
  const unjudged = new Map<string, string>();
  const policies: Policies = rules.map((r) => offlineGuarded(r.policy, unjudged));
  const view = awsguardView(resources);
  const run: PolicyRun = await runPolicySets([{ name: "pulumi-awsguard", policies }], view, Object.fromEntries(rules.map((r) => [r.policy.name, "mandatory" as const])));
  return rules.map(({ key, policy }) => {
    const types = judgedTypes(policy);
    const found = run.verdicts.filter((v) => v.policy === policy.name);
    const unknown = found.filter((v) => v.message.startsWith("can't run policy"));
    const violations = found.filter((v) => !unknown.includes(v)).map((v) => ({ ...(v.urn ? { urn: v.urn } : {}), message: v.message }));
    const judged = view.filter((r) => r.custom && types.includes(r.type)).length;
    const reason = unjudged.get(policy.name) ?? unknown[0]?.message;
    const outcome: RuleOutcome = reason ? "not judged offline" : violations.length > 0 ? "violated" : judged === 0 ? "nothing to judge" : "passed";
    return { key, name: policy.name, description: policy.description, outcome, judged, violations, ...(reason ? { reason } : {}) };
  });
}

/** How Tenantry answers an awsguard rule the AWS demo plan violates (docs/security.md lists each). */
export interface Acknowledgement {
  /** `choice`: a documented decision; `open`: not built yet, an open item. */
  readonly kind: "choice" | "open";
  readonly reason: string;
}

/** Every awsguard rule the AWS demo plan violates, with Tenantry's answer. The test fails on any other violation, and on an entry that no longer fires. */
export const AWSGUARD_ACKNOWLEDGED: Readonly<Record<string, Acknowledgement>> = {
  "ec2-volume-inuse": {
    kind: "choice",
    reason:
      "the rule reads only an instance's inline ebsBlockDevices and wants them deleted with it; Tenantry's data disks are separate volumes (VolumeAttachment) retained on delete (stateful-retained), and hosts without a data disk (ops server; AnyBackup, whose backups are in S3) need none",
  },
  "elb-deletion-protection-enabled": {
    kind: "choice",
    reason: "load balancers are entry points: compute holding no data, which retiring a tenant deletes; deletion protection would make that update fail (data resources are retained: stateful-retained)",
  },
  "s3-bucket-logging-enabled": {
    kind: "choice",
    reason: "fires on the log buckets only (every backup bucket logs into its tenant's log bucket; load balancers write into their tenant's load-balancer log bucket); a log bucket logging into itself would log its own deliveries without end",
  },
};
