/**
 * A cloud's own scheduled prober, for the monitors of a tenant that nothing else of its cloud
 * watches (core `CLOUD_MONITORING`, a fact's `prober`): the URL rules of product-facts.md §5 ("home
 * page reachable", "login endpoint working", "probe latency", over the tenant's
 * `probeLatencySeconds`), and, where a cloud's prober can reach the hosts' private addresses, the
 * middleware rules through each host's middleware check responder (core `middleware-check.ts`).
 *
 * `probePlan` decides, cloud-neutrally, which checks a tenant needs (no addresses: they are known
 * only once the cloud made them); `probeChecks` resolves them to URLs. `runProbes` performs them
 * with `fetch` and a timeout and returns, per check, ok or breached with the severity and a message;
 * `probeNotices` decides what to tell (a new breach, a recovery), remembering only the last verdict
 * of each check and holding back what a silence period mutes. Both are self-contained (no imports,
 * no closures over this module): a cloud's function runs their very source (`probeModuleSource`),
 * as Huawei's expiry watcher runs `expiryNotices`.
 */
import type { Severity } from "./alarms.js";
import { CLOUD_LATENCY } from "./alert-delivery.js";
import { DEFAULT_PROBE_TIMEOUT_SECONDS, MIDDLEWARE_CHECK_PORT } from "./defaults.js";
import { middlewareCheckPath } from "./middleware-check.js";
import { CLOUD_MONITORING, checkOf, cloudImplements, proberRuns, type MonitoredCloud } from "./monitor-implementers.js";
import { silenced } from "./notifications.js";
import type { MonitorNeed } from "./reach.js";

/**
 * The statuses a URL check accepts: 2xx and the redirects, not followed (the ops server's blackbox
 * `http_2xx` module accepts the same). A middleware check accepts 200 only (the responder's "holds").
 */
export const PROBE_OK_STATUSES: readonly number[] = [200, 201, 202, 204, 301, 302, 303, 307, 308];
export const RESPONDER_OK_STATUSES: readonly number[] = [200];

/** One monitor of a tenant its cloud's prober watches, and what of it: its availability, its latency. */
export interface ProbeNeed {
  readonly monitor: MonitorNeed;
  /** The prober alarms when the check fails (nothing else of the cloud watches it). */
  readonly availability: boolean;
  /** The prober alarms when the check is slower than the monitor's latency threshold (URL monitors). */
  readonly latency: boolean;
}

/**
 * The checks a tenant's cloud prober needs: for each monitor whose check has a prober on `cloud`
 * (`CloudMonitoringFact.prober`) while the prober runs (`proberRuns`: no ops server, an entry point
 * that admits the internet), its availability where the cloud's own monitoring does not implement
 * it (`behindLoadBalancer` as for `monitorCoverage`), and a URL monitor's latency where the cloud
 * does not measure it (`CLOUD_LATENCY`). Empty: the tenant needs no prober.
 */
export function probePlan(
  cloud: MonitoredCloud,
  monitors: readonly MonitorNeed[],
  tenant: { readonly opsServer: boolean; readonly behindLoadBalancer: (m: MonitorNeed) => boolean; readonly publicEntry: (m: MonitorNeed) => boolean },
): ProbeNeed[] {
  const plan: ProbeNeed[] = [];
  for (const m of monitors) {
    if (!m.via.includes("cloud") || CLOUD_MONITORING[cloud][checkOf(m)].prober === undefined) continue;
    if (!proberRuns({ opsServer: tenant.opsServer, publicEntry: tenant.publicEntry(m) })) continue;
    const byCloud = cloudImplements(cloud, m, tenant.behindLoadBalancer(m));
    const availability = !byCloud;
    const latency = m.kind === "url" && !(byCloud && CLOUD_LATENCY[cloud][m.check]);
    if (availability || latency) plan.push({ monitor: m, availability, latency });
  }
  return plan;
}

/** One request the prober makes, and how it judges the answer. Plain data: the function receives it as JSON. */
export interface ProbeCheck {
  /** The monitor's id (`MonitorNeed.id`). */
  readonly monitor: string;
  /** What is checked: `home-page`, `login`, or a middleware rule's id (`tomcat-heap`...). */
  readonly name: string;
  readonly url: string;
  /** The statuses that pass. */
  readonly okStatuses: readonly number[];
  /** Seconds to wait for the whole answer. */
  readonly timeoutSeconds: number;
  /** Alarm, at this severity, when the check fails. Absent: another watches it (only its latency is the prober's). */
  readonly severity?: Severity;
  /** Alarm, at `latencySeverity`, when the answer takes longer than this. */
  readonly latencySeconds?: number;
  readonly latencySeverity?: Severity;
}

/** How long a prober waits for an answer: `DEFAULT_PROBE_TIMEOUT_SECONDS` (ours), and at least 5 s past the latency threshold, so a timeout is always a latency breach too. */
export function probeTimeoutSeconds(latencySeconds: number | undefined): number {
  return Math.max(DEFAULT_PROBE_TIMEOUT_SECONDS, Math.ceil((latencySeconds ?? 0) + 5));
}

/** Where the prober finds a tenant's services: each entry point's host name (a DNS name or its public address), each host's private address. */
export interface ProbeAddresses {
  readonly entryPoints: Readonly<Partial<Record<string, string>>>;
  readonly hosts?: Readonly<Partial<Record<string, string>>>;
}

/**
 * The plan's requests, given the addresses: a URL check as `https://<entry point><path>` (as the
 * ops server probes it), a middleware rule as `http://<host>:<responder port>/<rule>`. A check whose
 * address is unknown is left out (the caller's plan names it).
 */
export function probeChecks(plan: readonly ProbeNeed[], addresses: ProbeAddresses, responderPort = MIDDLEWARE_CHECK_PORT): ProbeCheck[] {
  const checks: ProbeCheck[] = [];
  for (const { monitor: m, availability, latency } of plan) {
    if (m.kind === "url") {
      const name = addresses.entryPoints[m.entryPoint];
      if (name === undefined) continue;
      checks.push({
        monitor: m.id,
        name: m.check,
        url: `https://${name}${m.path}`,
        okStatuses: PROBE_OK_STATUSES,
        timeoutSeconds: probeTimeoutSeconds(latency ? m.latencySeconds : undefined),
        ...(availability ? { severity: m.severity } : {}),
        ...(latency ? { latencySeconds: m.latencySeconds, latencySeverity: m.latencySeverity } : {}),
      });
    } else if (m.kind === "middleware" && availability) {
      const host = addresses.hosts?.[m.host];
      if (host === undefined) continue;
      for (const rule of m.rules) {
        checks.push({ monitor: m.id, name: rule.id, url: `http://${host}:${responderPort}${middlewareCheckPath(rule)}`, okStatuses: RESPONDER_OK_STATUSES, timeoutSeconds: probeTimeoutSeconds(undefined), severity: rule.severity });
      }
    }
  }
  return checks;
}

/** One verdict of one run: a check's availability (`alert` = its name) or its latency (`<name>-latency`). */
export interface ProbeResult {
  readonly monitor: string;
  readonly alert: string;
  readonly ok: boolean;
  readonly severity: Severity;
  readonly message: string;
  readonly seconds: number;
  readonly status?: number;
}

/**
 * Performs `checks` at once with `fetch` (GET, redirects not followed, each with its timeout, the
 * whole answer read) and judges each: its availability when it has a `severity`, its latency when
 * it has `latencySeconds`. A check that does not answer within its timeout fails both. Self-contained.
 */
export async function runProbes(checks: readonly ProbeCheck[]): Promise<ProbeResult[]> {
  const one = async (c: ProbeCheck): Promise<ProbeResult[]> => {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), c.timeoutSeconds * 1000);
    const started = Date.now();
    let status: number | undefined;
    let error: string | undefined;
    try {
      const res = await fetch(c.url, { method: "GET", redirect: "manual", signal: controller.signal, headers: { "user-agent": "tenantry-prober" } });
      status = res.status;
      await res.arrayBuffer();
    } catch (e) {
      const err = e as { message?: string; cause?: { code?: string; message?: string } } | undefined;
      error = controller.signal.aborted ? "no answer within " + c.timeoutSeconds + " s" : (err?.cause?.code ?? err?.cause?.message ?? err?.message ?? String(e));
    } finally {
      clearTimeout(timer);
    }
    const seconds = Math.round(Date.now() - started) / 1000;
    const results: ProbeResult[] = [];
    const passed = error === undefined && status !== undefined && c.okStatuses.includes(status);
    const got = error !== undefined ? error : "HTTP " + status;
    if (c.severity !== undefined) {
      results.push({
        monitor: c.monitor,
        alert: c.name,
        ok: passed,
        severity: c.severity,
        message: passed ? c.name + " " + c.url + ": " + got + " in " + seconds + " s" : c.name + " " + c.url + " failing: " + got + " (after " + seconds + " s)",
        seconds,
        ...(status !== undefined ? { status } : {}),
      });
    }
    if (c.latencySeconds !== undefined && c.latencySeverity !== undefined) {
      const slow = error !== undefined && controller.signal.aborted ? true : seconds > c.latencySeconds;
      results.push({
        monitor: c.monitor,
        alert: c.name + "-latency",
        ok: !slow,
        severity: c.latencySeverity,
        message: c.name + " " + c.url + (slow ? " slower than " : " within ") + c.latencySeconds + " s: " + seconds + " s (" + got + ")",
        seconds,
        ...(status !== undefined ? { status } : {}),
      });
    }
    return results;
  };
  const all = await Promise.all(checks.map(one));
  return all.flat();
}

/** A message to send: a new breach, or the recovery of a told one. */
export interface ProbeNotice {
  readonly severity: Severity;
  readonly subject: string;
  readonly message: string;
  readonly monitor: string;
  readonly alert: string;
  readonly state: "breached" | "recovered";
}

/**
 * What to tell after a run: each check newly breached (or breached with no verdict remembered, e.g.
 * after the function's cold start), and each breach told before that now holds again. `last`: the
 * remembered verdicts (`<monitor> <alert>` -> ok); returns the verdicts to remember. A notice its
 * severity's silence mutes at `minuteOfDay` (UTC, core `silenced`) is held back, and its verdict
 * not remembered, so it is told once the silence ends if it still holds. Self-contained.
 */
export function probeNotices(
  tenant: string,
  results: readonly ProbeResult[],
  last: Readonly<Record<string, boolean>>,
  isSilenced: (severity: Severity) => boolean,
): { notices: ProbeNotice[]; remember: Record<string, boolean> } {
  const notices: ProbeNotice[] = [];
  const remember: Record<string, boolean> = { ...last };
  for (const r of results) {
    const key = r.monitor + " " + r.alert;
    const before = last[key];
    const tell = r.ok ? before === false : before !== false;
    if (tell && isSilenced(r.severity)) continue;
    remember[key] = r.ok;
    if (!tell) continue;
    const state = r.ok ? "recovered" : "breached";
    notices.push({
      severity: r.severity,
      monitor: r.monitor,
      alert: r.alert,
      state,
      subject: "[" + r.severity.toUpperCase() + "] tenantry " + tenant + ": " + r.alert + " " + (r.ok ? "OK again" : "breached") + " (monitor " + r.monitor + ")",
      message: "Tenant " + tenant + ", monitor " + r.monitor + ": " + r.message,
    });
  }
  return { notices, remember };
}

/**
 * The prober's shared source (CommonJS): `runProbes`, `probeNotices` and `silenced` as they are, for
 * a cloud's function to call (`module.exports`, and the names themselves for a handler appended).
 */
export function probeModuleSource(): string {
  return `"use strict";
const __name = (f) => f;
const runProbes = ${runProbes.toString()};
const probeNotices = ${probeNotices.toString()};
const silenced = ${silenced.toString()};
Object.assign(exports, { runProbes, probeNotices, silenced });
`;
}
