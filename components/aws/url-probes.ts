/**
 * The URL monitors of a tenant (product-facts.md §5: home page reachable, login endpoint working,
 * probe latency) as Route 53 health checks from AWS's checkers on the internet, each with a
 * CloudWatch alarm on its status and one on its time to first byte. Route 53 publishes health-check
 * metrics in us-east-1 only: the alarms are created with `provider` (a us-east-1 provider) and
 * notify that region's topics.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { DEFAULT_PROBE_INTERVAL_SECONDS, TAG_KEYS, type Severity, type Tags, type UrlMonitorNeed } from "../core/index.js";
import { awsTags } from "./naming.js";

/** Route 53 checks every 30 s (or 10 s, at a higher price). */
const ROUTE53_INTERVAL = DEFAULT_PROBE_INTERVAL_SECONDS >= 30 ? 30 : 10;
/** Consecutive failed checks before a health check is unhealthy (Route 53's default). */
const FAILURE_THRESHOLD = 3;

export interface UrlProbesArgs {
  readonly monitors: readonly UrlMonitorNeed[];
  /** The host name of each entry point (DNS name, load balancer name or IP). */
  readonly hostNames: Readonly<Record<string, pulumi.Input<string>>>;
  /** Topics in us-east-1, per severity. */
  readonly topicArns: Readonly<Record<Severity, pulumi.Input<string>>>;
  /** A provider for us-east-1, where Route 53 health-check metrics live. Default: the stack's provider. */
  readonly provider?: pulumi.ProviderResource;
  readonly tags: Tags;
}

const isIp = (v: string) => /^\d+\.\d+\.\d+\.\d+$/.test(v);

export class UrlProbes extends pulumi.ComponentResource {
  public readonly healthCheckIds: Record<string, pulumi.Output<string>> = {};

  constructor(name: string, args: UrlProbesArgs, opts?: pulumi.ComponentResourceOptions) {
    super("tenantry:aws:UrlProbes", name, {}, opts);
    const alarmOpts = { parent: this, ...(args.provider ? { provider: args.provider } : {}) };
    for (const m of args.monitors) {
      const host = args.hostNames[m.entryPoint];
      if (host === undefined) continue;
      const id = `${name}-${m.check}-${m.entryPoint}`;
      const target = pulumi.output(host).apply((h) => (isIp(h) ? { ipAddress: h } : { fqdn: h }));
      const check = new aws.route53.HealthCheck(
        id,
        {
          type: "HTTPS",
          fqdn: target.apply((t) => ("fqdn" in t ? t.fqdn : undefined)) as pulumi.Output<string>,
          ipAddress: target.apply((t) => ("ipAddress" in t ? t.ipAddress : undefined)) as pulumi.Output<string>,
          port: 443,
          resourcePath: m.path,
          requestInterval: ROUTE53_INTERVAL,
          failureThreshold: FAILURE_THRESHOLD,
          measureLatency: true,
          enableSni: true,
          tags: awsTags({ ...args.tags, [TAG_KEYS.monitor]: m.id, [TAG_KEYS.severity]: m.severity }, id),
        },
        { parent: this },
      );
      this.healthCheckIds[m.id] = check.id;
      const alarm = (suffix: string, severity: Severity, spec: { metricName: string; statistic: string; comparisonOperator: string; threshold: number; missing: string; description: string }) =>
        new aws.cloudwatch.MetricAlarm(
          `${id}-${suffix}`,
          {
            alarmDescription: `${spec.description} (product-facts.md §5; monitor ${m.id})`,
            namespace: "AWS/Route53",
            metricName: spec.metricName,
            dimensions: { HealthCheckId: check.id },
            statistic: spec.statistic,
            comparisonOperator: spec.comparisonOperator,
            threshold: spec.threshold,
            period: 60,
            evaluationPeriods: 2,
            treatMissingData: spec.missing,
            alarmActions: [args.topicArns[severity]],
            okActions: [args.topicArns[severity]],
            tags: awsTags({ ...args.tags, [TAG_KEYS.monitor]: m.id, [TAG_KEYS.severity]: severity }, `${id}-${suffix}`),
          },
          alarmOpts,
        );
      alarm("status", m.severity, { metricName: "HealthCheckStatus", statistic: "Minimum", comparisonOperator: "LessThanThreshold", threshold: 1, missing: "breaching", description: `${m.check} ${m.path} unreachable` });
      alarm("latency", m.latencySeverity, {
        metricName: "TimeToFirstByte",
        statistic: "Average",
        comparisonOperator: "GreaterThanThreshold",
        threshold: m.latencySeconds * 1000,
        missing: "missing",
        description: `${m.check} ${m.path} slower than ${m.latencySeconds} s`,
      });
    }
    this.registerOutputs({ healthCheckIds: this.healthCheckIds });
  }
}
