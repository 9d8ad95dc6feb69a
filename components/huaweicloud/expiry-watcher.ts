/**
 * "Expiry of ECS, RDS, SLB and OSS" (product-facts.md §5) on Huawei Cloud: a scheduled watcher, one
 * per stack. Huawei Cloud documents no Cloud Eye (or EventGrid) event before a yearly/monthly
 * resource expires or when its automatic renewal fails (docs/huaweicloud.md says what was searched),
 * but its billing service (BSS) answers "Querying Customer's Yearly/Monthly Resources"
 * (ListPayPerUseCustomerResources, `POST /v2/orders/suscriptions/resources/query`) with each
 * subscription's `expire_time`, `expire_policy` and `status`. So a FunctionGraph function, on a timer
 * trigger, asks BSS about the prepaid resources Tenantry made (their ids, each with its tenant),
 * decides with core `expiryNotices` what is due, and publishes one message per tenant and severity to
 * the stack's SMN topic of that severity (which mails it and pushes it to the chat webhooks).
 *
 * It acts through an IAM agency of its own, delegated to FunctionGraph (`op_svc_cff`), granted two
 * custom policies and nothing else: `bss:renewal:view` for the account (BSS is a global service;
 * reading subscriptions is all it needs of billing) and `smn:topic:publish` in the stack's region
 * project. It reads no tenant's data, storage, keys or metrics (test/huaweicloud/isolation.test.ts
 * proves it by evaluation). The function takes the agency's token from its context
 * (`context.getToken()`); whether BSS accepts that project-scoped token, rather than an AK/SK
 * signature, is to be confirmed on a real account.
 */
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { EXPIRY_SEVERITY, expiryNotices, nameSafe, SEVERITIES, validated, type Severity, type SubscriptionState, type Tags, type WatchedResource } from "../core/index.js";
import { Agency, FgsFunction, FgsTrigger, Role } from "./provider/index.js";
import { clipName } from "./naming.js";
import { functionFailureAlarm } from "./function-failures.js";
import type { HuaweiAlarmRoute } from "./alarm-topic.js";

/**
 * Huawei's billing charges an automatic renewal at 03:00 (GMT+08:00) seven days before the expiry,
 * and retries daily when that fails (Billing Center, "Auto-Renewal Rules" and "When Does an
 * Automatic Renewal Take Place?"): a renewing subscription still ending sooner has not been renewed.
 */
export const HUAWEI_RENEWAL_LEAD_DAYS = 7;

/** The billing service's global endpoint of the Chinese mainland site (Customer Operation Capabilities API, "Endpoints"). */
export const HUAWEI_BSS_ENDPOINT_CN = "bss.myhuaweicloud.com";

/** FunctionGraph's service name for agencies it acts through. */
export const FUNCTIONGRAPH_SERVICE_AGENCY = "op_svc_cff";

/** The Node.js runtime of the watcher: the newest the provider release (v0.0.11) documents. */
export const WATCHER_RUNTIME = "Node.js18.15";

/** What the watcher may do, and nothing else: read subscriptions (account-wide), publish to topics (in its region). */
export const WATCHER_BILLING_ACTIONS = ["bss:renewal:view"] as const;
export const WATCHER_PUBLISH_ACTIONS = ["smn:topic:publish"] as const;

/** A custom policy (`Version 1.1`) allowing `actions`. */
export function watcherPolicy(actions: readonly string[]): { Version: "1.1"; Statement: { Effect: "Allow"; Action: string[] }[] } {
  return { Version: "1.1", Statement: [{ Effect: "Allow", Action: [...actions] }] };
}

/**
 * BSS's answer (an `OrderInstanceV2` per resource: `resource_id`, `expire_time`, `expire_policy`,
 * `status`) as core subscription states. `expire_policy` 3 is "renew automatically on expiry";
 * `status` 2 is in effect, 3 expired, 4 and 6 frozen (or freezing), 5 in the grace period.
 * Self-contained: the watcher runs its source.
 */
export function subscriptionStatesOf(data: readonly { resource_id?: string; expire_time?: string; expire_policy?: number; status?: number }[]): SubscriptionState[] {
  const states: SubscriptionState[] = [];
  for (const d of data) {
    if (!d.resource_id || !d.expire_time) continue;
    const state = d.status === 3 ? "expired" : d.status === 5 ? "grace" : d.status === 4 || d.status === 6 ? "frozen" : "active";
    states.push({ id: d.resource_id, expiresAt: d.expire_time, autoRenew: d.expire_policy === 3, state });
  }
  return states;
}

/**
 * The function's `index.js` (CommonJS, as FunctionGraph loads Node.js code): core `expiryNotices` and
 * `subscriptionStatesOf` as they are, and a handler that reads its settings (`WATCH`, the function's
 * environment, `context.getUserData`), asks BSS about at most 50 resources at a time with the
 * agency's token (`context.getToken()`: FunctionGraph's Node.js context, "SDK APIs"), and publishes
 * each notice to its severity's topic (SMN "Publishing a Message", in the project the topic's URN names). It throws on any refused call, so the failure shows in the function's logs and metrics.
 */
export function expiryWatcherSource(): string {
  return `"use strict";
const __name = (f) => f;
const expiryNotices = ${expiryNotices.toString()};
const subscriptionStatesOf = ${subscriptionStatesOf.toString()};
async function call(url, headers, body, what) {
  const res = await fetch(url, { method: "POST", headers, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(what + " failed: HTTP " + res.status + " " + (await res.text()).slice(0, 500));
  return res.json();
}
exports.handler = async (event, context) => {
  const setting = (key) => (typeof context.getUserData === "function" && context.getUserData(key)) || process.env[key];
  const watch = JSON.parse(setting("WATCH"));
  const headers = { "Content-Type": "application/json;charset=UTF-8", "X-Auth-Token": context.getToken() };
  const ids = watch.resources.map((r) => r.id);
  const data = [];
  for (let i = 0; i < ids.length; i += 50) {
    const body = await call("https://" + watch.billingEndpoint + "/v2/orders/suscriptions/resources/query", headers, { resource_ids: ids.slice(i, i + 50), only_main_resource: 1, limit: 500 }, "BSS ListPayPerUseCustomerResources");
    data.push(...(body.data || []));
  }
  const states = subscriptionStatesOf(data);
  const notices = expiryNotices(watch.resources, states, watch.windows, new Date());
  for (const n of notices) {
    // A topic URN is urn:smn:<region>:<project id>:<name>; the publish API is per project.
    const topic = watch.topicUrns[n.severity];
    const url = "https://smn." + watch.region + ".myhuaweicloud.com/v2/" + topic.split(":")[3] + "/notifications/topics/" + topic + "/publish";
    await call(url, headers, { subject: n.subject, message: n.message }, "SMN publish to " + topic);
  }
  const known = new Set(states.map((s) => s.id));
  const missing = ids.filter((id) => !known.has(id));
  if (missing.length > 0) console.log("not prepaid (not in BSS's yearly/monthly resources): " + missing.join(", "));
  return { checked: ids.length, notices: notices.map((n) => ({ tenant: n.tenant, severity: n.severity, resources: n.resources.map((r) => r.id) })), missing };
};
`;
}

export interface HuaweiExpiryWatcherArgs {
  /** The prepaid resources to watch, each with its tenant (e.g. every yearly ECS host of the stack). */
  readonly resources: readonly { readonly id: pulumi.Input<string>; readonly tenant: string; readonly name: string; readonly kind: string }[];
  /** The stack's SMN topic per severity (`huaweiAlarmRouting`), and its silence period (for the rule on the watcher's own errors). */
  readonly route: HuaweiAlarmRoute;
  /** Days before an expiry for the warning and the urgent notice (core `expiryNoticeDaysSchema`). */
  readonly noticeDays: { readonly warning: number; readonly urgent: number };
  /** The billing service's endpoint (host name) of the account's site. */
  readonly billingEndpoint: string;
  /** The stack's region: where the function, its trigger and the topics are. */
  readonly region: string;
  /** How often the function runs, in hours (1 to 24). */
  readonly everyHours: number;
  /** A name-safe prefix of the physical names (function, agency, policies), unique per stack. */
  readonly scope: string;
  readonly tags: Tags;
}

const argsSchema = z.object({
  resources: z.array(z.object({ tenant: z.string().min(1), name: z.string().min(1), kind: z.string().min(1) }).loose()).min(1, { error: "must name at least one prepaid resource" }),
  noticeDays: z.object({ warning: z.number().int().min(1), urgent: z.number().int().min(0) }),
  billingEndpoint: z.string().regex(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/, { error: "must be a host name such as bss.myhuaweicloud.com" }),
  region: z.string().min(1),
  everyHours: z.number().int().min(1).max(24, { error: "must be 1 to 24 (FunctionGraph timer rates in hours)" }),
  scope: z.string().regex(/^[a-z][a-z0-9-]*$/, { error: "must be name-safe (lowercase letters, digits, -), starting with a letter" }),
});

export class HuaweiExpiryWatcher extends pulumi.ComponentResource {
  public readonly functionUrn: pulumi.Output<string>;
  public readonly agencyName: pulumi.Output<string>;

  constructor(name: string, args: HuaweiExpiryWatcherArgs, opts?: pulumi.ComponentResourceOptions) {
    super("tenantry:huaweicloud:ExpiryWatcher", name, {}, opts);
    const a = validated(argsSchema, args, `arguments of HuaweiExpiryWatcher ${name}`, "args.");
    const parent = { parent: this };
    const base = clipName(`${a.scope}-${nameSafe(name)}`, 48);
    const billing = new Role(`${name}-billing`, { name: `${base}-bss`, type: "AX", description: `${name}: read yearly/monthly subscriptions (tenantry)`, policy: JSON.stringify(watcherPolicy(WATCHER_BILLING_ACTIONS)) }, parent);
    const publish = new Role(`${name}-publish`, { name: `${base}-smn`, type: "XA", description: `${name}: publish expiry notices (tenantry)`, policy: JSON.stringify(watcherPolicy(WATCHER_PUBLISH_ACTIONS)) }, parent);
    const agency = new Agency(
      `${name}-agency`,
      {
        name: base,
        description: `${name}: FunctionGraph reads subscriptions and publishes expiry notices (tenantry)`,
        delegatedServiceName: FUNCTIONGRAPH_SERVICE_AGENCY,
        // BSS is global: granted for the account. SMN is regional: in the stack's region only.
        domainRoles: [billing.name],
        projectRoles: [{ project: a.region, roles: [publish.name] }],
        duration: "FOREVER",
      },
      parent,
    );
    const watch = pulumi
      .all([pulumi.all(args.resources.map((r) => r.id)), pulumi.all(SEVERITIES.map((s) => args.route.topicUrns[s]))])
      .apply(([ids, topics]) => {
        const resources: WatchedResource[] = args.resources.map((r, i) => ({ id: ids[i]!, tenant: r.tenant, name: r.name, kind: r.kind }));
        return JSON.stringify({
          WATCH: JSON.stringify({
            resources,
            topicUrns: Object.fromEntries(SEVERITIES.map((s, i) => [s, topics[i]])),
            windows: { warningDays: a.noticeDays.warning, urgentDays: a.noticeDays.urgent, renewalLeadDays: HUAWEI_RENEWAL_LEAD_DAYS },
            billingEndpoint: a.billingEndpoint,
            region: a.region,
          }),
        });
      });
    const fn = new FgsFunction(
      `${name}-function`,
      {
        name: base,
        app: "default",
        description: `${name}: notices before prepaid resources expire (tenantry; monitor cloud-expiry)`,
        runtime: WATCHER_RUNTIME,
        handler: "index.handler",
        codeType: "inline",
        funcCode: expiryWatcherSource(),
        memorySize: 128,
        timeout: 120,
        maxInstanceNum: "1",
        agency: agency.name,
        userData: watch,
        region: a.region,
        tags: args.tags,
      },
      parent,
    );
    new FgsTrigger(
      `${name}-schedule`,
      { functionUrn: fn.id, type: "TIMER", status: "ACTIVE", region: a.region, timer: { name: clipName(`${nameSafe(name)}-schedule`, 64), scheduleType: "Rate", schedule: `${a.everyHours}h` } },
      parent,
    );
    // The watcher's own failures, at the expiry severity, to its topic.
    functionFailureAlarm(name, fn, { functionName: base, route: args.route, severity: EXPIRY_SEVERITY, description: `the expiry watcher ${base} failed: prepaid resources are not being checked (tenantry; monitor cloud-expiry)` }, this);
    this.functionUrn = fn.id;
    this.agencyName = agency.name;
    this.registerOutputs({ functionUrn: this.functionUrn, agencyName: this.agencyName });
  }
}
