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
import type { MonitorNeed } from "../core/index.js";

export interface MonitorCoverage {
  /** Monitors implemented by Cloud Eye or by the tenant's ops server. */
  readonly rendered: string[];
  /** Monitors nothing implements on this tenant, each with the reason. */
  readonly notRendered: { id: string; reason: string }[];
}

/** Why Huawei Cloud's own monitoring cannot implement `m` (when the ELB rules do not). */
export function huaweiGapReason(m: MonitorNeed): string {
  switch (m.kind) {
    case "middleware":
      return `Cloud Eye's agent collects no ${m.middleware === "tomcat" ? "JMX (Tomcat)" : "ZooKeeper"} metrics, and the tenant has no ops server to scrape them`;
    case "url":
      return m.check === "login"
        ? "the Huawei Cloud provider has no internet probe (the ELB health check requests /), and the tenant has no ops server to probe the login endpoint"
        : "no dedicated ELB health-checks this entry point (entryPoint eip), and the tenant has no ops server to probe it";
    case "port":
      return "ports inside the tenant network are probed by its ops server only";
  }
}

/** Splits a tenant's monitors into implemented and not, given the ids Cloud Eye rules implement. */
export function huaweiMonitorCoverage(monitors: readonly MonitorNeed[], cloudIds: readonly string[], hasOpsServer: boolean): MonitorCoverage {
  const cloud = new Set(cloudIds);
  const coverage: MonitorCoverage = { rendered: [], notRendered: [] };
  for (const m of monitors) {
    if (cloud.has(m.id) || (hasOpsServer && m.via.includes("ops-server"))) coverage.rendered.push(m.id);
    else coverage.notRendered.push({ id: m.id, reason: huaweiGapReason(m) });
  }
  return coverage;
}
