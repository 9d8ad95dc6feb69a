/**
 * Where each documented host metric (core `HostMetric`, product-facts.md §5) lives in CloudWatch.
 * CPU comes from EC2 itself; memory, disk and load need the CloudWatch agent on the host, set up
 * with {@link CLOUDWATCH_AGENT_CONFIG} (metrics aggregated per instance, load from collectd).
 */
import type { HostMetric } from "../core/index.js";

export interface CloudWatchMetric {
  readonly namespace: string;
  readonly metricName: string;
  readonly statistic: "Average" | "Maximum";
  /** Needs the CloudWatch agent on the host. */
  readonly agent: boolean;
}

export const HOST_METRICS: Readonly<Record<HostMetric, CloudWatchMetric>> = {
  "cpu-utilisation": { namespace: "AWS/EC2", metricName: "CPUUtilization", statistic: "Average", agent: false },
  "memory-utilisation": { namespace: "CWAgent", metricName: "mem_used_percent", statistic: "Average", agent: true },
  // The fullest file system counts: Maximum over the per-instance aggregate.
  "disk-utilisation": { namespace: "CWAgent", metricName: "disk_used_percent", statistic: "Maximum", agent: true },
  // The 1-minute load average, from collectd's load plugin through the agent's collectd listener.
  "cpu-load": { namespace: "CWAgent", metricName: "collectd_load_shortterm", statistic: "Average", agent: true },
};

/**
 * CloudWatch agent configuration that publishes the agent metrics above with the `InstanceId`
 * dimension the alarms use. Store it (e.g. in an SSM parameter) and start the agent with
 * `amazon-cloudwatch-agent-ctl -a fetch-config -c ssm:<parameter>`; collectd must run with its
 * `load` and `network` plugins sending to 127.0.0.1:25826.
 */
export const CLOUDWATCH_AGENT_CONFIG = {
  metrics: {
    namespace: "CWAgent",
    append_dimensions: { InstanceId: "${aws:InstanceId}" },
    aggregation_dimensions: [["InstanceId"]],
    metrics_collected: {
      mem: { measurement: ["mem_used_percent"] },
      disk: { measurement: ["used_percent"], resources: ["*"] },
      collectd: { collectd_security_level: "none" },
    },
  },
} as const;
