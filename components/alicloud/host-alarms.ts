/**
 * CloudMonitor alarm rules for one host: the documented basic rules (product-facts.md §5, core
 * `BASIC_HOST_ALARMS`). A rule of several conditions ("CPU load > 5 and CPU > 90 %") is one rule
 * with a composite expression joined by `&&`.
 */
import * as alicloud from "@pulumi/alicloud";
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import {
  DEFAULT_ALARM_EVALUATION_PERIODS,
  DEFAULT_ALARM_PERIOD_SECONDS,
  TAG_KEYS,
  validated,
  type AlarmRule,
  type AlarmTiming,
  type Notifications,
  type Severity,
  type Tags,
} from "../core/index.js";
import { CMS_LEVEL, effectiveInterval } from "./alarm-contacts.js";
import type { RelayTarget } from "./chat-relay.js";
import { ECS_NAMESPACE, HOST_METRICS } from "./metrics.js";

export interface AlicloudHostAlarmsArgs extends AlarmTiming {
  readonly instanceId: pulumi.Input<string>;
  readonly rules: readonly AlarmRule[];
  /** The contact group of each severity (the stack's `AlarmContacts`). */
  readonly contactGroups: Readonly<Record<Severity, pulumi.Input<string>>>;
  /** A plain HTTPS callback per severity (CloudMonitor's own format). Default: none. The stacks use the chat relay instead (`relayTargets`). */
  readonly callbacks?: Partial<Record<Severity, string>>;
  /** The chat relay's function per severity (`AlicloudChatRelay.targets`), named as each rule's target. Default: none. */
  readonly relayTargets?: Partial<Record<Severity, RelayTarget>>;
  /** Quiet hours: alarms of the silenced severities are not raised then. Default: none. */
  readonly silence?: Notifications["silence"];
  readonly tags: Tags;
}

/** The parts of a CloudMonitor alarm rule that route it: its severity's group, level key, callback, chat relay target and quiet hours. */
export function routing(args: Pick<AlicloudHostAlarmsArgs, "contactGroups" | "callbacks" | "relayTargets" | "silence">, severity: Severity) {
  const interval = effectiveInterval(args.silence, severity);
  const callback = args.callbacks?.[severity];
  const relay = args.relayTargets?.[severity];
  return {
    contactGroups: [args.contactGroups[severity]],
    escalation: ({ CRITICAL: "escalationsCritical", WARN: "escalationsWarn", INFO: "escalationsInfo" } as const)[CMS_LEVEL[severity]],
    extra: { ...(interval ? { effectiveInterval: interval } : {}), ...(callback ? { webhook: callback } : {}), ...(relay ? { targets: [relay.rule] } : {}) },
  };
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
      const route = routing(args, rule.severity);
      new alicloud.cms.Alarm(
        `${name}-${rule.id}`,
        {
          name: `${name}-${rule.id}`,
          project: ECS_NAMESPACE,
          metric: metric.metricName,
          metricDimensions: dimensions,
          period: t.periodSeconds,
          contactGroups: route.contactGroups,
          enabled: true,
          ...route.extra,
          ...(single
            ? {
                [route.escalation]: {
                  statistics: metric.statistics,
                  comparisonOperator: COMPARISON[first!.comparison],
                  threshold: String(first!.threshold),
                  times: t.evaluationPeriods,
                },
              }
            : {
                compositeExpression: {
                  level: CMS_LEVEL[rule.severity],
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
          tags: { ...args.tags, [TAG_KEYS.severity]: rule.severity },
        },
        { parent: this },
      );
      this.ruleNames.push(`${name}-${rule.id}`);
    }
    this.registerOutputs({ ruleNames: this.ruleNames });
  }
}
