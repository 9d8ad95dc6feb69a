/**
 * Where each documented host metric (core `HostMetric`, product-facts.md §5) lives in Cloud Eye.
 * CPU usage is measured by the hypervisor (`SYS.ECS`); memory, disk and load come from the Cloud
 * Eye agent (`AGT.ECS`), which must run on the host (Huawei's public images can install it at boot).
 */
import type { HostMetric } from "../core/index.js";

export const ECS_NAMESPACE = "SYS.ECS";
export const AGENT_NAMESPACE = "AGT.ECS";
export const RDS_NAMESPACE = "SYS.RDS";
/** The dimension that names an ECS instance, and an RDS for MySQL instance. */
export const ECS_DIMENSION = "instance_id";
export const RDS_DIMENSION = "rds_cluster_id";

export interface CloudEyeMetric {
  readonly namespace: string;
  readonly metricName: string;
  readonly filter: "average" | "max";
  readonly unit: string;
}

export const HOST_METRICS: Readonly<Record<HostMetric, CloudEyeMetric>> = {
  "cpu-utilisation": { namespace: ECS_NAMESPACE, metricName: "cpu_util", filter: "average", unit: "%" },
  "memory-utilisation": { namespace: AGENT_NAMESPACE, metricName: "mem_usedPercent", filter: "average", unit: "%" },
  // Per mount point: the fullest one counts.
  "disk-utilisation": { namespace: AGENT_NAMESPACE, metricName: "disk_usedPercent", filter: "max", unit: "%" },
  "cpu-load": { namespace: AGENT_NAMESPACE, metricName: "load_average1", filter: "average", unit: "" },
};

/** RDS for MySQL: CPU usage and storage space usage, in percent. */
export const RDS_METRICS = {
  cpu: { namespace: RDS_NAMESPACE, metricName: "rds001_cpu_util", filter: "average", unit: "%" },
  storageUsed: { namespace: RDS_NAMESPACE, metricName: "rds039_disk_util", filter: "average", unit: "%" },
} as const satisfies Record<string, CloudEyeMetric>;

/** The periods (seconds) a Cloud Eye condition accepts. */
export const CES_PERIODS = [1, 300, 1200, 3600, 14400, 86400] as const;
/** A Cloud Eye condition fires after 1 to 5 consecutive periods. */
export const CES_MAX_COUNT = 5;
