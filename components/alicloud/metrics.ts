/**
 * Where each documented host metric (core `HostMetric`, product-facts.md §5) lives in CloudMonitor.
 * CPU is measured by the hypervisor; memory, disk and load come from the CloudMonitor agent, which
 * Alibaba Cloud's public images ship with.
 */
import type { CloudInitPart, HostMetric } from "../core/index.js";

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

/** Where the CloudMonitor agent lives on a Linux host (Alibaba's documented install path). */
export const CLOUDMONITOR_AGENT = "/usr/local/cloudmonitor/bin/argusagent";

/**
 * Makes sure the CloudMonitor agent (memory, disk and load metrics) is on the host, as a cloud-init
 * part. Alibaba Cloud's public images ship it; on another image `installCommand` (Alibaba's install
 * command for the region, from the CloudMonitor console) installs it. Without one, a missing agent
 * fails the boot script loudly rather than leaving the alarms silent.
 */
export function cloudMonitorAgentCloudInit(installCommand?: string): CloudInitPart {
  const missing = installCommand ?? `echo "tenantry: the CloudMonitor agent is missing (${CLOUDMONITOR_AGENT}) and no cloudMonitorAgentInstall command is configured" >&2; exit 1`;
  return { files: [], commands: [`if [ -x ${CLOUDMONITOR_AGENT} ]; then echo "tenantry: CloudMonitor agent present"; else ${missing}; fi`] };
}
