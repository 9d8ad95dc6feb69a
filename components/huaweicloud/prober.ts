/**
 * The URL rules of product-facts.md §5 ("home page reachable", "login endpoint working", "probe
 * latency") for a Huawei tenant whose cloud watches them otherwise not: Cloud Eye implements them
 * only through a dedicated ELB's health checks (`HuaweiUrlProbes`), which do not exist with
 * `entryPoint: eip`, and the login-check pool has no response time. So, for a tenant without an ops
 * server, a FunctionGraph function on a timer trigger runs core `runProbes` over the checks core
 * `probePlan` gives (with `eip`: home page and login with their latency; behind an ELB: the login's
 * latency only, the rest being Cloud Eye's), and publishes, with core `probeNotices`, each new breach
 * and each recovery to the tenant's severity SMN topic, holding back what the silence period mutes
 * (as Cloud Eye's notification window does for its own rules).
 *
 * It probes from FunctionGraph's public network, whose address is not fixed: the tenant renders it
 * only when its entry points admit the internet (`webCidrs` 0.0.0.0/0). It has no VPC access, so
 * it cannot ask the hosts' middleware check responders (port 9405 on their private addresses):
 * FunctionGraph binds all functions of a project to at most four subnets, one per tenant would not
 * scale, and the agency VPC access needs (creating ports) is granted for the whole region project,
 * every tenant's VPC included (docs/huaweicloud.md). With `eip` and no ops server, the middleware
 * rules stay unmonitored, and say so in `monitors.notRendered`.
 *
 * It acts through an agency of its own, delegated to FunctionGraph, that may only publish to SMN
 * topics in the stack's region (test/huaweicloud/isolation.test.ts evaluates it against every
 * tenant's resources). A Cloud Eye rule alarms on the function's own failures (a refused publish, a
 * changed API), as for the expiry watcher. The function carries the tenant's tags and
 * `tenantry:monitors` (the monitors the cloud implements for the tenant), so the monitor quota counts them.
 */
import { createHash } from "node:crypto";
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { nameSafe, probeModuleSource, SEVERITIES, validated, type ProbeCheck, type Severity, type Tags } from "../core/index.js";
import { Agency, FgsFunction, FgsTrigger, Role } from "./provider/index.js";
import { clipName } from "./naming.js";
import { functionFailureAlarm } from "./function-failures.js";
import { FUNCTIONGRAPH_SERVICE_AGENCY, WATCHER_PUBLISH_ACTIONS, WATCHER_RUNTIME, watcherPolicy } from "./expiry-watcher.js";
import type { HuaweiAlarmRoute } from "./alarm-topic.js";

/** SMN's endpoint in a region (SMN "Endpoints": `smn.<region>.myhuaweicloud.com`). */
export const smnEndpoint = (region: string) => `https://smn.${region}.myhuaweicloud.com`;

/**
 * The function's `index.js` (CommonJS): core `runProbes`, `probeNotices` and `silenced` as they are,
 * and a handler that reads its settings (`PROBE`, the function's environment, `context.getUserData`),
 * runs the checks, and publishes each notice to its severity's topic with the agency's token
 * (`context.getToken()`; SMN "Publishing a Message", in the project the topic's URN names). The
 * verdicts are remembered while the instance lives (a cold start tells an ongoing breach again); a
 * publish that fails is retried at the next run and fails the run (the error rule sees it).
 */
export function proberSource(): string {
  return `${probeModuleSource()}
let last = {};
exports.handler = async (event, context) => {
  const setting = (key) => (context && typeof context.getUserData === "function" && context.getUserData(key)) || process.env[key];
  const probe = JSON.parse(setting("PROBE"));
  const results = await runProbes(probe.checks);
  const now = new Date();
  const minute = now.getUTCHours() * 60 + now.getUTCMinutes();
  const told = probeNotices(probe.tenant, results, last, (severity) => silenced(probe.silence, severity, minute));
  const headers = { "Content-Type": "application/json;charset=UTF-8", "X-Auth-Token": context.getToken() };
  const failed = [];
  for (const n of told.notices) {
    // A topic URN is urn:smn:<region>:<project id>:<name>; the publish API is per project.
    const topic = probe.topicUrns[n.severity];
    const url = probe.smnEndpoint + "/v2/" + topic.split(":")[3] + "/notifications/topics/" + topic + "/publish";
    try {
      const res = await fetch(url, { method: "POST", headers, body: JSON.stringify({ subject: n.subject, message: n.message }) });
      if (!res.ok) throw new Error("HTTP " + res.status + " " + (await res.text()).slice(0, 300));
    } catch (e) {
      failed.push("SMN publish to " + topic + " failed: " + (e && e.message ? e.message : String(e)));
      // Remember what was known before, so that the next run tells it again.
      const key = n.monitor + " " + n.alert;
      if (key in last) told.remember[key] = last[key];
      else delete told.remember[key];
    }
  }
  last = told.remember;
  if (failed.length > 0) throw new Error(failed.join("; "));
  return { checked: probe.checks.length, breached: results.filter((r) => !r.ok).map((r) => r.monitor + " " + r.alert), notices: told.notices.map((n) => n.subject) };
};
`;
}

export interface HuaweiProberArgs {
  /** The tenant's name (in every message). */
  readonly tenant: string;
  /** What to probe (core `probeChecks` over `probePlan`), once the addresses are known. */
  readonly checks: pulumi.Input<ProbeCheck[]>;
  /** The ids of the monitors the checks implement (core `probePlan`). */
  readonly monitorIds: readonly string[];
  /** The stack's SMN topic per severity, and the silence period. */
  readonly route: HuaweiAlarmRoute;
  /** The stack's region: where the function, its trigger and the topics are. */
  readonly region: string;
  /** Minutes between two runs (1 to 60, FunctionGraph's fixed rates in minutes); `HuaweiTenant` gives `DEFAULT_PROBER_INTERVAL_MINUTES` (ours) unless told otherwise. */
  readonly everyMinutes: number;
  /** A name-safe prefix of the physical names, unique per stack (`stackScope()`). */
  readonly scope: string;
  /** The tenant's tags, with `tenantry:monitors`. */
  readonly tags: Tags;
  /** The severity of the rule on the prober's own failures: the highest of the checks'. */
  readonly severity: Severity;
  /** The tenant's enterprise project. Default: the account's default enterprise project. */
  readonly enterpriseProjectId?: pulumi.Input<string>;
}

const argsSchema = z.object({
  tenant: z.string().min(1),
  monitorIds: z.array(z.string()).min(1, { error: "must name at least one monitor: a tenant without checks needs no prober" }),
  region: z.string().min(1),
  // FunctionGraph's fixed-rate timer takes 1 to 60 minutes ("Using a Timer Trigger").
  everyMinutes: z.number().int().min(1).max(60, { error: "must be 1 to 60 (a FunctionGraph timer's fixed rate in minutes)" }),
  scope: z.string().regex(/^[a-z][a-z0-9-]*$/, { error: "must be name-safe (lowercase letters, digits, -), starting with a letter" }),
  severity: z.enum(SEVERITIES),
});

/** The function's (and agency's) name: name-safe, unique per stack and tenant, at most 48 characters. */
export function proberName(scope: string, name: string): string {
  const full = `${nameSafe(scope)}-${nameSafe(name)}`;
  return `${clipName(full, 41)}-${createHash("sha256").update(full).digest("hex").slice(0, 6)}`;
}

export class HuaweiProber extends pulumi.ComponentResource {
  public readonly functionUrn: pulumi.Output<string>;
  public readonly agencyName: pulumi.Output<string>;
  /** The monitors this prober implements. */
  public readonly monitorIds: readonly string[];

  constructor(name: string, args: HuaweiProberArgs, opts?: pulumi.ComponentResourceOptions) {
    super("tenantry:huaweicloud:Prober", name, {}, opts);
    const a = validated(argsSchema, args, `arguments of HuaweiProber ${name}`, "args.");
    const parent = { parent: this };
    const base = proberName(a.scope, name);
    const publish = new Role(`${name}-publish`, { name: `${base}-smn`, type: "XA", description: `${name}: publish probe alerts (tenantry)`, policy: JSON.stringify(watcherPolicy(WATCHER_PUBLISH_ACTIONS)) }, parent);
    const agency = new Agency(
      `${name}-agency`,
      {
        name: base,
        description: `${name}: FunctionGraph publishes ${a.tenant}'s probe alerts (tenantry)`,
        delegatedServiceName: FUNCTIONGRAPH_SERVICE_AGENCY,
        // SMN is regional: in the stack's region only; nothing else.
        projectRoles: [{ project: a.region, roles: [publish.name] }],
        duration: "FOREVER",
      },
      parent,
    );
    const settings = pulumi
      .all([pulumi.output(args.checks), pulumi.all(SEVERITIES.map((s) => args.route.topicUrns[s]))])
      .apply(([checks, topics]) =>
        JSON.stringify({
          PROBE: JSON.stringify({
            tenant: a.tenant,
            checks,
            topicUrns: Object.fromEntries(SEVERITIES.map((s, i) => [s, topics[i]])),
            ...(args.route.silence ? { silence: args.route.silence } : {}),
            smnEndpoint: smnEndpoint(a.region),
          }),
        }),
      );
    const fn = new FgsFunction(
      `${name}-function`,
      {
        name: base,
        app: "default",
        description: `${a.tenant}: probes ${a.monitorIds.join(", ")} (tenantry)`.slice(0, 512),
        runtime: WATCHER_RUNTIME,
        handler: "index.handler",
        codeType: "inline",
        funcCode: proberSource(),
        memorySize: 128,
        timeout: 90,
        maxInstanceNum: "1",
        agency: agency.name,
        userData: settings,
        region: a.region,
        ...(args.enterpriseProjectId !== undefined ? { enterpriseProjectId: args.enterpriseProjectId } : {}),
        tags: args.tags,
      },
      parent,
    );
    new FgsTrigger(
      `${name}-schedule`,
      { functionUrn: fn.id, type: "TIMER", status: "ACTIVE", region: a.region, timer: { name: clipName(`${nameSafe(name)}-schedule`, 64), scheduleType: "Rate", schedule: `${a.everyMinutes}m` } },
      parent,
    );
    // The prober's own failures: a silent prober would be as bad as none. At the checks' highest severity.
    functionFailureAlarm(
      name,
      fn,
      {
        functionName: base,
        route: args.route,
        severity: a.severity,
        description: `the prober ${base} failed: ${a.tenant}'s probes are not being told (tenantry)`,
        ...(args.enterpriseProjectId !== undefined ? { enterpriseProjectId: args.enterpriseProjectId } : {}),
      },
      this,
    );
    this.functionUrn = fn.id;
    this.agencyName = agency.name;
    this.monitorIds = [...a.monitorIds];
    this.registerOutputs({ functionUrn: this.functionUrn, agencyName: this.agencyName, monitorIds: this.monitorIds });
  }
}
