/**
 * Cloud Eye alarm rules for one host: the documented basic rules (product-facts.md §5, core
 * `BASIC_HOST_ALARMS`), notifying the SMN topic of each rule's severity when they fire and when they
 * clear (outside the silence period, `notifyArgs`).
 *
 * A Cloud Eye rule fires when any one of its conditions holds: it cannot require two metrics at
 * once. The documented "CPU load > 5 and CPU > 90 %" becomes a rule on its first condition
 * (load > 5), which fires whenever the documented rule would (and also at lower CPU); CPU > 90 %
 * has its own rule. docs/huaweicloud.md lists this departure.
 */
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { DEFAULT_ALARM_EVALUATION_PERIODS, DEFAULT_ALARM_PERIOD_SECONDS, validated, type AlarmRule, type AlarmTiming, type Condition, type Severity } from "../core/index.js";
import { CES_MAX_COUNT, CES_PERIODS, ECS_DIMENSION, HOST_METRICS, type CloudEyeMetric } from "./metrics.js";
import { Alarmrule } from "./provider/index.js";
import { notifyArgs, type HuaweiAlarmRoute } from "./alarm-topic.js";

export interface HuaweiHostAlarmsArgs extends AlarmTiming, HuaweiAlarmRoute {
  readonly instanceId: pulumi.Input<string>;
  readonly rules: readonly AlarmRule[];
  /** The enterprise project it belongs to. Default: the account's default enterprise project. */
  readonly enterpriseProjectId?: pulumi.Input<string>;
}

export const timingSchema = z.object({
  periodSeconds: z
    .number()
    .int()
    .refine((p) => (CES_PERIODS as readonly number[]).includes(p), { error: `must be one of the periods Cloud Eye accepts: ${CES_PERIODS.join(", ")} (seconds)` })
    .default(DEFAULT_ALARM_PERIOD_SECONDS),
  evaluationPeriods: z.number().int().min(1).max(CES_MAX_COUNT).default(DEFAULT_ALARM_EVALUATION_PERIODS),
});

/** Cloud Eye alarm levels: 1 critical, 2 major, 3 minor, 4 informational. */
export const ALARM_LEVEL: Readonly<Record<Severity, number>> = { urgent: 1, warning: 2, info: 4 };

/** What every Tenantry alarm rule shares: one monitored object (one dimension, or several that together name it), notifications on alarm and on recovery. */
export function alarmRuleArgs(
  name: string,
  metric: CloudEyeMetric,
  dimension: { name: string; value: pulumi.Input<string> } | readonly { name: string; value: pulumi.Input<string> }[],
  condition: { comparison: ">" | "<"; threshold: number },
  timing: { periodSeconds: number; evaluationPeriods: number },
  route: HuaweiAlarmRoute,
  enterpriseProjectId: pulumi.Input<string> | undefined,
  severity: Severity,
) {
  return {
    alarmName: name.slice(0, 128),
    alarmDescription: `${metric.metricName} ${condition.comparison} ${condition.threshold}${metric.unit} (tenantry)`,
    alarmType: "MULTI_INSTANCE",
    metric: { namespace: metric.namespace },
    resources: [{ dimensions: Array.isArray(dimension) ? [...dimension] : [dimension] }],
    conditions: [
      {
        metricName: metric.metricName,
        period: timing.periodSeconds,
        filter: metric.filter,
        comparisonOperator: condition.comparison,
        value: condition.threshold,
        unit: metric.unit,
        count: timing.evaluationPeriods,
        alarmLevel: ALARM_LEVEL[severity],
      },
    ],
    alarmLevel: ALARM_LEVEL[severity],
    alarmEnabled: true,
    alarmActionEnabled: true,
    ...notifyArgs(route, severity),
    ...(enterpriseProjectId !== undefined ? { enterpriseProjectId } : {}),
  };
}

export class HuaweiHostAlarms extends pulumi.ComponentResource {
  public readonly ruleNames: string[] = [];

  constructor(name: string, args: HuaweiHostAlarmsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("tenantry:huaweicloud:HostAlarms", name, {}, opts);
    const t = validated(timingSchema, args, `arguments of HuaweiHostAlarms ${name}`, "args.");
    const dimension = { name: ECS_DIMENSION, value: args.instanceId };
    for (const rule of args.rules) {
      // Cloud Eye ORs a rule's conditions: only the first (the most specific) of an "and" is kept.
      const first: Condition = rule.conditions[0]!;
      new Alarmrule(
        `${name}-${rule.id}`,
        alarmRuleArgs(`${name}-${rule.id}`, HOST_METRICS[first.metric], dimension, first, t, args, args.enterpriseProjectId, rule.severity),
        { parent: this },
      );
      this.ruleNames.push(`${name}-${rule.id}`);
    }
    this.registerOutputs({ ruleNames: this.ruleNames });
  }
}
