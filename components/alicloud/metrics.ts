/**
 * Where each documented host metric (core `HostMetric`, product-facts.md §5) lives in CloudMonitor.
 * CPU is measured by the hypervisor; memory, disk and load come from the CloudMonitor agent, which
 * Alibaba Cloud's public images ship with.
 */
import type { HostMetric } from "../core/index.js";

export const ECS_NAMESPACE = "acs_ecs_dashboard";
export const RDS_NAMESPACE = "acs_rds_dashboard";

export interface CloudMonitorMetric {
  readonly metricName: string;
  readonly statistics: "Average" | "Maximum";
  /** Needs the CloudMonitor agent on the host. */
  readonly agent: boolean;
}

export const HOST_METRICS: Readonly<Record<HostMetric, CloudMonitorMetric>> = {
  "cpu-utilisation": { metricName: "CPUUtilization", statistics: "Average", agent: false },
  "memory-utilisation": { metricName: "memory_usedutilization", statistics: "Average", agent: true },
  // Per device: the fullest one counts.
  "disk-utilisation": { metricName: "diskusage_utilization", statistics: "Maximum", agent: true },
  "cpu-load": { metricName: "load_1m", statistics: "Average", agent: true },
};
