/**
 * Where each documented host metric (core `HostMetric`, product-facts.md §5) lives in CloudWatch.
 * CPU comes from EC2 itself; memory, disk and load need the CloudWatch agent on the host, set up
 * with {@link cloudWatchAgentConfig} (metrics aggregated per instance, load from collectd).
 */
import { tenantMetricNamespace, type HostMetric } from "../core/index.js";

export interface CloudWatchMetric {
  /** The namespace; for agent metrics, the tenant's own namespace (`tenantMetricNamespace`): see {@link metricNamespace}. */
  readonly namespace: string;
  readonly metricName: string;
  readonly statistic: "Average" | "Maximum";
  /** Needs the CloudWatch agent on the host. */
  readonly agent: boolean;
}

/** Stands for the tenant's own namespace in {@link HOST_METRICS}: host roles may publish only there. */
export const AGENT_NAMESPACE = "Tenantry/<tenant>";

/** The namespace of a metric for a tenant's host. */
export function metricNamespace(metric: CloudWatchMetric, tenant: string): string {
  return metric.agent ? tenantMetricNamespace(tenant) : metric.namespace;
}

export const HOST_METRICS: Readonly<Record<HostMetric, CloudWatchMetric>> = {
  "cpu-utilisation": { namespace: "AWS/EC2", metricName: "CPUUtilization", statistic: "Average", agent: false },
  "memory-utilisation": { namespace: AGENT_NAMESPACE, metricName: "mem_used_percent", statistic: "Average", agent: true },
  // The fullest file system counts: Maximum over the per-instance aggregate.
  "disk-utilisation": { namespace: AGENT_NAMESPACE, metricName: "disk_used_percent", statistic: "Maximum", agent: true },
  // The 1-minute load average, from collectd's load plugin through the agent's collectd listener.
  "cpu-load": { namespace: AGENT_NAMESPACE, metricName: "collectd_load_shortterm", statistic: "Average", agent: true },
};

/**
 * CloudWatch agent configuration of a tenant's hosts: it publishes the agent metrics above, in the
 * tenant's namespace (the only one its host role may write to), with the `InstanceId` dimension
 * the alarms use. Store it in an SSM parameter under the tenant's path (`tenantParameterPath`,
 * the only parameters its hosts may read) and start the agent with
 * `amazon-cloudwatch-agent-ctl -a fetch-config -c ssm:<parameter>`; collectd must run with its
 * `load` and `network` plugins sending to 127.0.0.1:25826.
 */
export const cloudWatchAgentConfig = (tenant: string) => ({
  metrics: {
    namespace: tenantMetricNamespace(tenant),
    append_dimensions: { InstanceId: "${aws:InstanceId}" },
    aggregation_dimensions: [["InstanceId"]],
    metrics_collected: {
      mem: { measurement: ["mem_used_percent"] },
      disk: { measurement: ["used_percent"], resources: ["*"] },
      collectd: { collectd_security_level: "none" },
    },
  },
});
