/**
 * Where each documented host metric (core `HostMetric`, product-facts.md §5) lives in Cloud Eye.
 * CPU usage is measured by the hypervisor (`SYS.ECS`); memory, disk and load come from the Cloud
 * Eye agent (`AGT.ECS`), which must run on the host (Huawei's public images can install it at boot).
 */
import type { CloudInitPart, HostMetric } from "../core/index.js";

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

/**
 * Dedicated ELB metrics (`SYS.ELB`, per load balancer `lbaas_instance_id`, raw data every minute;
 * ELB user guide, "ELB Monitoring Metrics", support.huaweicloud.com/intl/en-us/usermanual-elb/elb_ug_jk_0001.html).
 * Dedicated balancers also report per back-end server group (`lbaas_pool_id`, with
 * `lbaas_instance_id`): the same page says so, and Huawei's own exporter (huaweicloud/cloudeye-exporter,
 * `metric_filter_config.yml`) lists `m9_abnormal_servers` among that dimension pair's metrics.
 */
export const ELB_NAMESPACE = "SYS.ELB";
export const ELB_DIMENSION = "lbaas_instance_id";
export const ELB_POOL_DIMENSION = "lbaas_pool_id";
export const ELB_METRICS = {
  /** Back ends its health checks find unhealthy (the web pools check the home page, `/`). */
  unhealthyBackends: { namespace: ELB_NAMESPACE, metricName: "m9_abnormal_servers", filter: "max", unit: "count" },
  /** Average layer-7 response time, in milliseconds. */
  responseTime: { namespace: ELB_NAMESPACE, metricName: "m14_l7_rt", filter: "average", unit: "ms" },
} as const satisfies Record<string, CloudEyeMetric>;

/** The periods (seconds) a Cloud Eye condition accepts. */
export const CES_PERIODS = [1, 300, 1200, 3600, 14400, 86400] as const;
/** A Cloud Eye condition fires after 1 to 5 consecutive periods. */
export const CES_MAX_COUNT = 5;

/** Where the Cloud Eye agent's collector lives: the current (UniAgent) layout, and the older one. */
export const CLOUD_EYE_AGENT_PATHS = ["/usr/local/uniagent/extension/install/telescope/bin/telescope", "/usr/local/telescope/bin/telescope"] as const;

/**
 * The agent version installed where the image lacks the agent. Tenantry's choice: the version
 * Huawei's single-host install guide uses as its example; `cloudEyeAgentVersion` overrides it.
 */
export const DEFAULT_CLOUD_EYE_AGENT_VERSION = "2.7.2";

/**
 * Makes sure the Cloud Eye agent (memory, disk and load metrics, `AGT.ECS`) runs on the host, as a
 * cloud-init part: when neither agent layout is present, Huawei's documented single-host install
 * (the region's `agent_install.sh` from OBS, over verified HTTPS) installs it, and a failed install
 * fails the boot script loudly rather than leaving the alarms silent. The agent reports with the
 * region's Cloud Eye agency (Cloud Eye's one-click authorisation, once per region and account).
 */
export function cloudEyeAgentCloudInit(region: string, version: string = DEFAULT_CLOUD_EYE_AGENT_VERSION): CloudInitPart {
  if (!/^[a-z]{2}(-[a-z]+)+-\d+$/.test(region)) throw new Error(`cloudEyeAgentCloudInit: not a Huawei Cloud region id: ${region}`);
  if (!/^\d+(\.\d+){1,3}$/.test(version)) throw new Error(`cloudEyeAgentCloudInit: not an agent version: ${version}`);
  const present = CLOUD_EYE_AGENT_PATHS.map((p) => `[ -x ${p} ]`).join(" || ");
  const install = [
    "cd /usr/local",
    `curl -fsSO https://obs.${region}.myhuaweicloud.com/uniagent-${region}/package/agent_install.sh`,
    `bash agent_install.sh -t ${version} -r ${region}`,
    "rm -f agent_install.sh",
  ].join(" && ");
  return {
    files: [],
    commands: [`if ${present}; then echo "tenantry: Cloud Eye agent present"; else (${install}) || { echo "tenantry: installing the Cloud Eye agent failed" >&2; exit 1; }; fi`],
  };
}
