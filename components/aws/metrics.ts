/**
 * Where each documented metric (product-facts.md §5) lives in CloudWatch, and the CloudWatch agent
 * configuration that puts it there. CPU comes from EC2 itself; memory and disk from the agent; the
 * load average and the middleware metrics from the host's Prometheus exporters (node_exporter, the
 * Tomcat JMX exporter, ZooKeeper's metrics provider), scraped by the agent and published in the
 * embedded metric format. The same exporters feed the ops server's Prometheus: one source of truth.
 * Every agent metric goes to the tenant's own namespace (`tenantMetricNamespace`), the only one its
 * host role may publish to, and the agent's log group lies under the tenant's prefix.
 */
import { stringify } from "yaml";
import { MIDDLEWARE_METRICS_PORT, NODE_EXPORTER_PORT, tenantMetricNamespace, type CloudInitPart, type HostMetric, type Middleware, type MiddlewareMetric } from "../core/index.js";

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
  // The 1-minute load average, from node_exporter through the agent's Prometheus scraper.
  "cpu-load": { namespace: AGENT_NAMESPACE, metricName: "node_load1", statistic: "Average", agent: true },
};

/**
 * Each middleware metric as CloudWatch metric math over the scraped metrics (`m1`, `m2` in order),
 * with the statistic of each and an `area` dimension where the exporter splits heap from non-heap.
 */
export const MIDDLEWARE_METRICS: Readonly<Record<MiddlewareMetric, { metrics: readonly string[]; statistic: "Average" | "Maximum"; expression: string; heap?: boolean }>> = {
  "tomcat-heap-utilisation": { metrics: ["jvm_memory_used_bytes", "jvm_memory_max_bytes"], statistic: "Maximum", expression: "100 * m1 / m2", heap: true },
  // A restart moves the JVM's start time forward.
  "tomcat-restarts": { metrics: ["process_start_time_seconds"], statistic: "Maximum", expression: "IF(DIFF(m1) > 0, 1, 0)" },
  "zookeeper-open-fd-utilisation": { metrics: ["open_file_descriptor_count", "max_file_descriptor_count"], statistic: "Maximum", expression: "100 * m1 / m2" },
  // ZooKeeper reports milliseconds; the rule is in seconds.
  "zookeeper-avg-latency": { metrics: ["avg_latency"], statistic: "Average", expression: "m1 / 1000" },
};

/** Where the agent's scrape configuration lives on the host. */
export const AGENT_PROMETHEUS_CONFIG_PATH = "/opt/aws/amazon-cloudwatch-agent/etc/tenantry-prometheus.yaml";
const AGENT_CONFIG_PATH = "/opt/aws/amazon-cloudwatch-agent/etc/tenantry.json";
/** Replaced with the instance id at boot (from the instance metadata service, IMDSv2). */
const INSTANCE_ID = "__INSTANCE_ID__";

/** The scrape configuration the agent reads: node_exporter and the host's middleware exporters, labelled with the instance id. */
export function agentScrapeConfig(middleware: readonly Middleware[]): Record<string, unknown> {
  const job = (name: string, port: number) => ({ job_name: name, static_configs: [{ targets: [`127.0.0.1:${port}`], labels: { InstanceId: INSTANCE_ID } }] });
  return {
    global: { scrape_interval: "60s", scrape_timeout: "10s" },
    scrape_configs: [job("node", NODE_EXPORTER_PORT), ...[...new Set(middleware)].map((m) => job(m, MIDDLEWARE_METRICS_PORT[m]))],
  };
}

/** The log group a tenant's CloudWatch agents write their Prometheus scrapes to (embedded metric format). */
export const agentLogGroup = (logGroupPrefix: string) => `${logGroupPrefix}/prometheus`;

/**
 * CloudWatch agent configuration: memory and disk per instance, and the scraped Prometheus metrics
 * the alarms use, each with the `InstanceId` dimension (plus `area` for the JVM heap).
 */
export function cloudWatchAgentConfig(tenant: string, logGroupPrefix: string, middleware: readonly Middleware[] = []): Record<string, unknown> {
  const declaration = (job: string, metrics: readonly string[], heap = false) => ({
    source_labels: heap ? ["job", "area"] : ["job"],
    label_matcher: heap ? `^${job};heap$` : `^${job}$`,
    dimensions: [heap ? ["InstanceId", "area"] : ["InstanceId"]],
    metric_selectors: metrics.map((m) => `^${m}$`),
  });
  const uses = new Set(middleware);
  const declarations = [declaration("node", [HOST_METRICS["cpu-load"].metricName])];
  if (uses.has("tomcat")) {
    declarations.push(declaration("tomcat", MIDDLEWARE_METRICS["tomcat-heap-utilisation"].metrics, true));
    declarations.push(declaration("tomcat", MIDDLEWARE_METRICS["tomcat-restarts"].metrics));
  }
  if (uses.has("zookeeper")) {
    declarations.push(declaration("zookeeper", [...MIDDLEWARE_METRICS["zookeeper-open-fd-utilisation"].metrics, ...MIDDLEWARE_METRICS["zookeeper-avg-latency"].metrics]));
  }
  return {
    agent: { metrics_collection_interval: 60 },
    metrics: {
      namespace: tenantMetricNamespace(tenant),
      append_dimensions: { InstanceId: "${aws:InstanceId}" },
      aggregation_dimensions: [["InstanceId"]],
      metrics_collected: {
        mem: { measurement: ["mem_used_percent"] },
        disk: { measurement: ["used_percent"], resources: ["*"], ignore_file_system_types: ["tmpfs", "devtmpfs", "overlay", "squashfs"] },
      },
    },
    logs: {
      metrics_collected: {
        prometheus: {
          log_group_name: agentLogGroup(logGroupPrefix),
          prometheus_config_path: AGENT_PROMETHEUS_CONFIG_PATH,
          emf_processor: { metric_namespace: tenantMetricNamespace(tenant), metric_declaration: declarations },
        },
      },
    },
  };
}

/**
 * The CloudWatch agent as a cloud-init part: installed from the distribution (Amazon Linux) or
 * Amazon's package, configured with the files above, started.
 */
export function cloudWatchAgentCloudInit(tenant: string, logGroupPrefix: string, middleware: readonly Middleware[]): CloudInitPart {
  return {
    files: [
      { path: AGENT_CONFIG_PATH, content: JSON.stringify(cloudWatchAgentConfig(tenant, logGroupPrefix, middleware), null, 2) },
      { path: AGENT_PROMETHEUS_CONFIG_PATH, content: stringify(agentScrapeConfig(middleware)) },
    ],
    commands: [
      "(command -v dnf && dnf install -y amazon-cloudwatch-agent) || (command -v yum && yum install -y amazon-cloudwatch-agent) || " +
        "(curl -fsSL -o /tmp/cwagent.deb https://amazoncloudwatch-agent.s3.amazonaws.com/ubuntu/amd64/latest/amazon-cloudwatch-agent.deb && dpkg -i /tmp/cwagent.deb)",
      `TOKEN=$(curl -fsS -X PUT http://169.254.169.254/latest/api/token -H "X-aws-ec2-metadata-token-ttl-seconds: 60") && ` +
        `ID=$(curl -fsS -H "X-aws-ec2-metadata-token: $TOKEN" http://169.254.169.254/latest/meta-data/instance-id) && sed -i "s/${INSTANCE_ID}/$ID/" ${AGENT_PROMETHEUS_CONFIG_PATH}`,
      `/opt/aws/amazon-cloudwatch-agent/bin/amazon-cloudwatch-agent-ctl -a fetch-config -m ec2 -s -c file:${AGENT_CONFIG_PATH}`,
    ],
  };
}
