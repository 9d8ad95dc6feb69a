/**
 * CloudWatch alarms for the middleware monitors of one host (product-facts.md §5: Tomcat heap > 80 %,
 * Tomcat restarted, ZooKeeper open file descriptors > 80 %, ZooKeeper average latency > 3 s), on
 * the exporter metrics the CloudWatch agent publishes (metrics.ts), as metric math. Each alarm
 * carries its monitor id and severity, and notifies its severity's topic.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { TAG_KEYS, tenantMetricNamespace, validated, type AlarmTiming, type MiddlewareMonitorNeed, type Severity, type Tags } from "../core/index.js";
import { timingSchema } from "./host-alarms.js";
import { MIDDLEWARE_METRICS } from "./metrics.js";
import { awsTags } from "./naming.js";

export interface MiddlewareAlarmsArgs extends AlarmTiming {
  readonly instanceId: pulumi.Input<string>;
  /** The host's middleware monitors (core `TenantBlueprint["monitors"]`). */
  readonly monitors: readonly MiddlewareMonitorNeed[];
  readonly topicArns: Readonly<Record<Severity, pulumi.Input<string>>>;
  readonly tags: Tags;
}

export class MiddlewareAlarms extends pulumi.ComponentResource {
  /** Alarm names by `<rule id>`. */
  public readonly alarmNames: Record<string, pulumi.Output<string>> = {};

  constructor(name: string, args: MiddlewareAlarmsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("tenantry:aws:MiddlewareAlarms", name, {}, opts);
    const t = validated(timingSchema, args, `arguments of MiddlewareAlarms ${name}`, "args.");
    // The agent publishes in the tenant's own namespace, the only one its hosts may write to.
    const namespace = tenantMetricNamespace(args.tags[TAG_KEYS.tenant] ?? "untagged");
    for (const monitor of args.monitors) {
      for (const rule of monitor.rules) {
        const m = MIDDLEWARE_METRICS[rule.metric];
        const dimensions = { InstanceId: args.instanceId, ...(m.heap ? { area: "heap" } : {}) };
        const topic = args.topicArns[rule.severity];
        const alarm = new aws.cloudwatch.MetricAlarm(
          `${name}-${rule.id}`,
          {
            alarmDescription: `${rule.id}: ${rule.metric} ${rule.comparison} ${rule.threshold}${rule.unit === "percent" ? " %" : rule.unit === "seconds" ? " s" : ""} (product-facts.md §5; monitor ${monitor.id})`,
            comparisonOperator: "GreaterThanThreshold",
            threshold: rule.threshold,
            evaluationPeriods: rule.metric === "tomcat-restarts" ? 1 : t.evaluationPeriods,
            treatMissingData: "missing",
            metricQueries: [
              ...m.metrics.map((metricName, i) => ({
                id: `m${i + 1}`,
                returnData: false,
                metric: { namespace, metricName, dimensions, period: t.periodSeconds, stat: m.statistic },
              })),
              { id: "e1", expression: m.expression, label: rule.metric, returnData: true },
            ],
            alarmActions: [topic],
            okActions: [topic],
            tags: awsTags({ ...args.tags, [TAG_KEYS.monitor]: monitor.id, [TAG_KEYS.severity]: rule.severity }, `${name}-${rule.id}`),
          },
          { parent: this },
        );
        this.alarmNames[rule.id] = alarm.name;
      }
    }
    this.registerOutputs({ alarmNames: this.alarmNames });
  }
}
