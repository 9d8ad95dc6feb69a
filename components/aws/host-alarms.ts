/**
 * CloudWatch alarms for one host: the documented basic rules (product-facts.md §5, core
 * `BASIC_HOST_ALARMS`) and EC2 status checks. A rule of several conditions ("CPU load > 5 and
 * CPU > 90 %") becomes one metric alarm per condition, without actions, and a composite alarm
 * that notifies.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { DEFAULT_ALARM_EVALUATION_PERIODS, DEFAULT_ALARM_PERIOD_SECONDS, TAG_KEYS, validated, type AlarmRule, type AlarmTiming, type Condition, type Severity, type Tags } from "../core/index.js";
import { HOST_METRICS, metricNamespace } from "./metrics.js";
import { awsTags, stackScope } from "./naming.js";

export interface HostAlarmsArgs extends AlarmTiming {
  readonly instanceId: pulumi.Input<string>;
  /** The rules to watch, usually `HostNeed.alarms` from the core blueprint. */
  readonly rules: readonly AlarmRule[];
  /** Where alarms notify, per severity (the stack's `AlarmRouting`). */
  readonly topicArns: Readonly<Record<Severity, pulumi.Input<string>>>;
  readonly tags: Tags;
}

export const timingSchema = z.object({
  periodSeconds: z.number().int().refine((p) => p === 10 || p === 30 || (p >= 60 && p % 60 === 0), {
    error: "must be 10, 30 or a multiple of 60 seconds (CloudWatch periods)",
  }).default(DEFAULT_ALARM_PERIOD_SECONDS),
  evaluationPeriods: z.number().int().min(1).default(DEFAULT_ALARM_EVALUATION_PERIODS),
});

const COMPARISON = { ">": "GreaterThanThreshold" } as const;

/** EC2 status checks failing: the host is down (urgent, Tenantry's choice). */
export const STATUS_CHECK_SEVERITY: Severity = "urgent";

export class HostAlarms extends pulumi.ComponentResource {
  /** Names of the alarms that notify, by rule id (plus `status-check`). */
  public readonly alarmNames: Record<string, pulumi.Output<string>>;

  constructor(name: string, args: HostAlarmsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("tenantry:aws:HostAlarms", name, {}, opts);
    const t = validated(timingSchema, args, `arguments of HostAlarms ${name}`, "args.");
    const parent = { parent: this };
    const tags = (suffix: string, severity?: Severity) => awsTags({ ...args.tags, ...(severity ? { [TAG_KEYS.severity]: severity } : {}) }, `${name}-${suffix}`);
    const actionsFor = (severity: Severity) => ({ alarmActions: [args.topicArns[severity]], okActions: [args.topicArns[severity]] });

    // Agent metrics live in the tenant's own namespace, the only one its hosts may publish to.
    const tenant = args.tags[TAG_KEYS.tenant] ?? "untagged";
    const metricAlarm = (id: string, c: Condition, severity: Severity | undefined) => {
      const metric = HOST_METRICS[c.metric];
      return new aws.cloudwatch.MetricAlarm(
        `${name}-${id}`,
        {
          alarmDescription: `${c.metric} ${c.comparison} ${c.threshold}${c.unit === "percent" ? " %" : ""} (product-facts.md §5)` +
            (metric.agent ? "; needs the CloudWatch agent" : ""),
          namespace: metricNamespace(metric, tenant),
          metricName: metric.metricName,
          statistic: metric.statistic,
          dimensions: { InstanceId: args.instanceId },
          comparisonOperator: COMPARISON[c.comparison],
          threshold: c.threshold,
          period: t.periodSeconds,
          evaluationPeriods: t.evaluationPeriods,
          treatMissingData: "missing",
          ...(severity ? actionsFor(severity) : {}),
          tags: tags(id, severity),
        },
        parent,
      );
    };

    this.alarmNames = {};
    for (const rule of args.rules) {
      if (rule.conditions.length === 1) {
        this.alarmNames[rule.id] = metricAlarm(rule.id, rule.conditions[0]!, rule.severity).name;
        continue;
      }
      const parts = rule.conditions.map((c) => metricAlarm(`${rule.id}-${c.metric}`, c, undefined));
      const alarmRule = pulumi.all(parts.map((p) => p.name)).apply((names) => names.map((n) => `ALARM("${n}")`).join(" AND "));
      const composite = new aws.cloudwatch.CompositeAlarm(
        `${name}-${rule.id}`,
        {
          alarmName: `tenantry-${stackScope()}-${name}-${rule.id}`,
          alarmDescription: `${rule.conditions.map((c) => `${c.metric} ${c.comparison} ${c.threshold}`).join(" and ")} (product-facts.md §5)`,
          alarmRule,
          ...actionsFor(rule.severity),
          tags: tags(rule.id, rule.severity),
        },
        parent,
      );
      this.alarmNames[rule.id] = composite.alarmName;
    }

    const statusCheck = new aws.cloudwatch.MetricAlarm(
      `${name}-status-check`,
      {
        alarmDescription: "EC2 system or instance status check failed",
        namespace: "AWS/EC2",
        metricName: "StatusCheckFailed",
        statistic: "Maximum",
        dimensions: { InstanceId: args.instanceId },
        comparisonOperator: "GreaterThanOrEqualToThreshold",
        threshold: 1,
        period: t.periodSeconds,
        evaluationPeriods: t.evaluationPeriods,
        ...actionsFor(STATUS_CHECK_SEVERITY),
        tags: tags("status-check", STATUS_CHECK_SEVERITY),
      },
      parent,
    );
    this.alarmNames["status-check"] = statusCheck.name;
    this.registerOutputs({ alarmNames: this.alarmNames });
  }
}
