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
import { monitorCoverage, type MonitorCoverage, type MonitorNeed } from "../core/index.js";

/** Core `monitorCoverage` on Huawei Cloud: `cloudIds` are the monitors Cloud Eye's rules implement (behind a dedicated ELB). */
export function huaweiMonitorCoverage(monitors: readonly MonitorNeed[], cloudIds: readonly string[], hasOpsServer: boolean): MonitorCoverage {
  const cloud = new Set(cloudIds);
  return monitorCoverage("huaweicloud", monitors, hasOpsServer, (m) => cloud.has(m.id));
}
