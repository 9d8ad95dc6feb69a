/**
 * Which of a tenant's monitors (core `TenantBlueprint["monitors"]`, product-facts.md §5) Huawei
 * Cloud implements, and why the others are not, so that none is dropped silently.
 *
 * What Huawei Cloud itself can watch: each web ELB's health check of `/` ("home page reachable" and
 * "probe latency", `HuaweiUrlProbes`). What it cannot: Tomcat and ZooKeeper (Cloud Eye's agent
 * collects no JMX or ZooKeeper metrics; pushing custom metrics would need a pusher holding
 * write credentials on every service host) and "login endpoint working" (the provider has no
 * internet probe, and a health check on the login path would take the host out of service when
 * login fails). Those run on the tenant's ops server, whose Prometheus and blackbox exporter
 * implement every monitor; a tenant without one does not have them on Huawei Cloud.
 */
import { CLOUD_MONITORING, checkOf, monitorImplementers, type MonitorNeed } from "../core/index.js";

export interface MonitorCoverage {
  /** Monitors implemented by Cloud Eye or by the tenant's ops server. */
  readonly rendered: string[];
  /** Monitors nothing implements on this tenant, each with the reason. */
  readonly notRendered: { id: string; reason: string }[];
}

/** Why nothing implements `m` on a Huawei tenant without an ops server (core `CLOUD_MONITORING` says why Cloud Eye cannot). */
export function huaweiGapReason(m: MonitorNeed): string {
  return `${CLOUD_MONITORING.huaweicloud[checkOf(m)].how}, and the tenant has no ops server to ${m.kind === "middleware" ? "scrape them" : "probe it"}`;
}

/**
 * Splits a tenant's monitors into implemented and not: by Cloud Eye (the ids its rules implement,
 * which core `monitorImplementers` allows Huawei Cloud) or by the ops server.
 */
export function huaweiMonitorCoverage(monitors: readonly MonitorNeed[], cloudIds: readonly string[], hasOpsServer: boolean): MonitorCoverage {
  const cloud = new Set(cloudIds);
  const coverage: MonitorCoverage = { rendered: [], notRendered: [] };
  for (const m of monitors) {
    const by = monitorImplementers("huaweicloud", m, { opsServer: hasOpsServer, loadBalancer: cloud.has(m.id) }).filter((v) => v === "ops-server" || cloud.has(m.id));
    if (by.length > 0) coverage.rendered.push(m.id);
    else coverage.notRendered.push({ id: m.id, reason: huaweiGapReason(m) });
  }
  return coverage;
}
