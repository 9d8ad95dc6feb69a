/**
 * CloudMonitor alarm rules for one host: the documented basic rules (product-facts.md §5, core
 * `BASIC_HOST_ALARMS`). A rule of several conditions ("CPU load > 5 and CPU > 90 %") is one rule
 * with a composite expression joined by `&&`.
 */
import * as alicloud from "@pulumi/alicloud";
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { DEFAULT_ALARM_EVALUATION_PERIODS, DEFAULT_ALARM_PERIOD_SECONDS, validated, type AlarmRule, type AlarmTiming, type Tags } from "../core/index.js";
import { ECS_NAMESPACE, HOST_METRICS } from "./metrics.js";

export interface AlicloudHostAlarmsArgs extends AlarmTiming {
  readonly instanceId: pulumi.Input<string>;
  readonly rules: readonly AlarmRule[];
  /** The contact group to notify (the stack's `AlarmContacts`). */
  readonly contactGroup: pulumi.Input<string>;
  readonly tags: Tags;
}

export const timingSchema = z.object({
  periodSeconds: z.number().int().min(60).multipleOf(60).default(DEFAULT_ALARM_PERIOD_SECONDS),
  evaluationPeriods: z.number().int().min(1).default(DEFAULT_ALARM_EVALUATION_PERIODS),
});

const COMPARISON = { ">": "GreaterThanThreshold" } as const;

export class AlicloudHostAlarms extends pulumi.ComponentResource {
  public readonly ruleNames: string[] = [];

  constructor(name: string, args: AlicloudHostAlarmsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("tenantry:alicloud:HostAlarms", name, {}, opts);
    const t = validated(timingSchema, args, `arguments of AlicloudHostAlarms ${name}`, "args.");
    const dimensions = pulumi.output(args.instanceId).apply((id) => JSON.stringify([{ instanceId: id }]));
    for (const rule of args.rules) {
      const [first] = rule.conditions;
      const metric = HOST_METRICS[first!.metric];
      const single = rule.conditions.length === 1;
      new alicloud.cms.Alarm(
        `${name}-${rule.id}`,
        {
          name: `${name}-${rule.id}`,
          project: ECS_NAMESPACE,
          metric: metric.metricName,
          metricDimensions: dimensions,
          period: t.periodSeconds,
          contactGroups: [args.contactGroup],
          enabled: true,
          ...(single
            ? {
                escalationsCritical: {
                  statistics: metric.statistics,
                  comparisonOperator: COMPARISON[first!.comparison],
                  threshold: String(first!.threshold),
                  times: t.evaluationPeriods,
                },
              }
            : {
                compositeExpression: {
                  level: "CRITICAL",
                  times: t.evaluationPeriods,
                  expressionListJoin: "&&",
                  expressionLists: rule.conditions.map((c) => ({
                    metricName: HOST_METRICS[c.metric].metricName,
                    statistics: HOST_METRICS[c.metric].statistics,
                    comparisonOperator: COMPARISON[c.comparison],
                    threshold: String(c.threshold),
                    period: String(t.periodSeconds),
                  })),
                },
              }),
          tags: args.tags,
        },
        { parent: this },
      );
      this.ruleNames.push(`${name}-${rule.id}`);
    }
    this.registerOutputs({ ruleNames: this.ruleNames });
  }
}
