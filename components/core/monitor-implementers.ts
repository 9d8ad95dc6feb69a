/**
 * What implements each monitor of the blueprint (core `MonitorNeed`) on each built cloud: a per-cloud
 * fact, kept here once. The blueprint's `via` names who may implement a monitor (`cloud`: the cloud's
 * own monitoring, where it can; `ops-server`: the tenant's ops server, when it has one); this table
 * says where the cloud can, and `monitorImplementers` gives the truth for one tenant on one cloud.
 * Each cloud's components render exactly the monitors this table gives the cloud, the parity test
 * checks them, and the README's rule table is tested against it. (Kubernetes renders every monitor
 * through its in-cluster Prometheus and blackbox probes, outside this table.)
 */
import type { MonitorImplementer, MonitorNeed } from "./reach.js";

export const MONITORED_CLOUDS = ["aws", "alicloud", "huaweicloud"] as const;
export type MonitoredCloud = (typeof MONITORED_CLOUDS)[number];

/** The checks whose implementer differs per cloud. */
export const MONITOR_CHECKS = ["middleware", "port", "url:home-page", "url:login"] as const;
export type MonitorCheck = (typeof MONITOR_CHECKS)[number];

export function checkOf(m: MonitorNeed): MonitorCheck {
  return m.kind === "url" ? `url:${m.check}` : m.kind;
}

/**
 * Whether the cloud's own monitoring implements a check: `yes`; `load-balancer` (only for an entry
 * point behind the cloud's load balancer, whose health check stands for it); `no`, with the reason.
 * `prober`: the cloud's own scheduled prober (core `probePlan`, e.g. Huawei's FunctionGraph
 * `HuaweiProber`) implements the check where nothing else of the cloud does, for a tenant without an
 * ops server whose entry point admits the internet (the prober's address is not fixed).
 */
export interface CloudMonitoringFact {
  readonly cloud: "yes" | "no" | "load-balancer";
  /** What does it, or why the cloud cannot (README and `monitors.notRendered` wording). */
  readonly how: string;
  /** What probes it when the cloud's monitoring above does not (or not its latency), for a tenant without an ops server. */
  readonly prober?: string;
}

export const CLOUD_MONITORING: Readonly<Record<MonitoredCloud, Readonly<Record<MonitorCheck, CloudMonitoringFact>>>> = {
  aws: {
    middleware: { cloud: "yes", how: "CloudWatch alarms on the JMX exporter's and ZooKeeper's metrics, collected by the CloudWatch agent" },
    port: { cloud: "no", how: "ports inside the tenant network are probed by its ops server only" },
    "url:home-page": { cloud: "yes", how: "Route 53 health checks" },
    "url:login": { cloud: "yes", how: "Route 53 health checks" },
  },
  alicloud: {
    middleware: {
      cloud: "load-balancer",
      how: "a web CLB listener per rule, health-checked on the host's middleware check responder (CloudMonitor UnhealthyServerCount per listener port); no CLB with entryPoint eip",
    },
    port: { cloud: "no", how: "ports inside the tenant network are probed by its ops server only" },
    "url:home-page": { cloud: "yes", how: "CloudMonitor site monitoring" },
    "url:login": { cloud: "yes", how: "CloudMonitor site monitoring" },
  },
  huaweicloud: {
    middleware: {
      cloud: "load-balancer",
      how: "the web ELB's middleware-check pools, health-checked on the host's middleware check responder (Cloud Eye ELB metrics); no dedicated ELB with entryPoint eip",
    },
    port: { cloud: "no", how: "ports inside the tenant network are probed by its ops server only" },
    "url:home-page": {
      cloud: "load-balancer",
      how: "the web ELB's health check of / (Cloud Eye ELB metrics); no dedicated ELB with entryPoint eip",
      prober: "a FunctionGraph prober (HuaweiProber) with entryPoint eip, only when webCidrs admit the internet (its address is not fixed)",
    },
    "url:login": {
      cloud: "load-balancer",
      how: "the web ELB's login-check pool, health-checked on the login path (Cloud Eye ELB metrics); no dedicated ELB with entryPoint eip",
      prober: "a FunctionGraph prober (HuaweiProber): with entryPoint eip the check and its latency, behind an ELB its latency; only when webCidrs admit the internet (its address is not fixed)",
    },
  },
};

/** Whether `cloud` has a prober of its own for any check (`CloudMonitoringFact.prober`). */
export function cloudHasProber(cloud: MonitoredCloud): boolean {
  return MONITOR_CHECKS.some((c) => CLOUD_MONITORING[cloud][c].prober !== undefined);
}

/**
 * Whether `cloud`'s own monitoring implements `m` (`loadBalancer`: its entry point is behind the
 * cloud's load balancer; `prober`: the cloud's prober runs for it, see `proberRuns`).
 */
export function cloudImplements(cloud: MonitoredCloud, m: MonitorNeed, loadBalancer: boolean, prober = false): boolean {
  const fact = CLOUD_MONITORING[cloud][checkOf(m)];
  return m.via.includes("cloud") && (fact.cloud === "yes" || (fact.cloud === "load-balancer" && loadBalancer) || (fact.prober !== undefined && prober));
}

/** Whether the cloud's prober runs for a tenant: it has no ops server, and its entry point admits the internet. */
export function proberRuns(tenant: { readonly opsServer: boolean; readonly publicEntry?: boolean }): boolean {
  return !tenant.opsServer && tenant.publicEntry === true;
}

/**
 * What implements `m` for one tenant on `cloud`: the cloud where the table says it can (its prober
 * too, `proberRuns`), the ops server when the tenant has one. Empty: nothing does.
 */
export function monitorImplementers(cloud: MonitoredCloud, m: MonitorNeed, tenant: { opsServer: boolean; loadBalancer: boolean; publicEntry?: boolean }): MonitorImplementer[] {
  return m.via.filter((v) => (v === "cloud" ? cloudImplements(cloud, m, tenant.loadBalancer, proberRuns(tenant)) : tenant.opsServer));
}

/** A tenant's monitors split into those something implements on its cloud and those nothing does, with the reason. */
export interface MonitorCoverage {
  /** Monitors implemented by the cloud's own monitoring or by the tenant's ops server. */
  readonly rendered: string[];
  /** Monitors nothing implements on this tenant, each with the reason. */
  readonly notRendered: { id: string; reason: string }[];
}

/** Why nothing implements `m` on a tenant of `cloud` without an ops server (the table says why the cloud cannot). */
export function coverageGapReason(cloud: MonitoredCloud, m: MonitorNeed): string {
  const fact = CLOUD_MONITORING[cloud][checkOf(m)];
  return `${fact.how}${fact.prober ? `; ${fact.prober}` : ""}, and the tenant has no ops server to ${m.kind === "middleware" ? "scrape them" : "probe it"}`;
}

/**
 * Splits a tenant's monitors by `monitorImplementers`, so that none is dropped silently: every
 * cloud's tenant outputs it. `behindLoadBalancer(m)`: whether `m`'s entry point is behind the
 * cloud's load balancer (what a `load-balancer` fact of the table needs); `publicEntry(m)`: whether
 * its entry point admits the internet (what the cloud's prober needs). Default: none does.
 */
export function monitorCoverage(
  cloud: MonitoredCloud,
  monitors: readonly MonitorNeed[],
  opsServer: boolean,
  behindLoadBalancer: (m: MonitorNeed) => boolean,
  publicEntry: (m: MonitorNeed) => boolean = () => false,
): MonitorCoverage {
  const coverage: MonitorCoverage = { rendered: [], notRendered: [] };
  for (const m of monitors) {
    if (monitorImplementers(cloud, m, { opsServer, loadBalancer: behindLoadBalancer(m), publicEntry: publicEntry(m) }).length > 0) coverage.rendered.push(m.id);
    else coverage.notRendered.push({ id: m.id, reason: coverageGapReason(cloud, m) });
  }
  return coverage;
}
