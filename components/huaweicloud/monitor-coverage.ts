/**
 * Which of a tenant's monitors (core `TenantBlueprint["monitors"]`, product-facts.md §5) Huawei
 * Cloud implements, and why the others are not, so that none is dropped silently.
 *
 * What Huawei Cloud itself can watch, behind a dedicated ELB: its health check of `/` ("home page
 * reachable" and "probe latency", `HuaweiUrlProbes`), its login-check pool ("login endpoint
 * working") and its middleware-check pools, whose health checks ask each host's middleware check
 * responder (`HuaweiMiddlewareChecks`). What it cannot: ports inside the tenant network, and, with
 * `entryPoint: eip` (no ELB), the URL and middleware rules. Those run on the tenant's ops server,
 * whose Prometheus and blackbox exporter implement every monitor; a tenant without one lacks them.
 */
import { monitorCoverage, type MonitorCoverage, type MonitorNeed } from "../core/index.js";

/** Core `monitorCoverage` on Huawei Cloud: `cloudIds` are the monitors Cloud Eye's rules implement (behind a dedicated ELB). */
export function huaweiMonitorCoverage(monitors: readonly MonitorNeed[], cloudIds: readonly string[], hasOpsServer: boolean): MonitorCoverage {
  const cloud = new Set(cloudIds);
  return monitorCoverage("huaweicloud", monitors, hasOpsServer, (m) => cloud.has(m.id));
}
