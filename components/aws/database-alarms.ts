/**
 * CloudWatch alarms for one RDS database: CPU (the documented basic CPU rule, core
 * `DATABASE_CPU_ALARM`) and free storage below a share of the allocated size.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import {
  DATABASE_CPU_ALARM,
  DATABASE_CPU_SEVERITY,
  DATABASE_FREE_STORAGE_SEVERITY,
  DEFAULT_FREE_STORAGE_PERCENT,
  TAG_KEYS,
  validated,
  type AlarmTiming,
  type Severity,
  type Tags,
} from "../core/index.js";
import { timingSchema } from "./host-alarms.js";
import { awsTags } from "./naming.js";

const GIB = 1024 ** 3;

export interface DatabaseAlarmsArgs extends AlarmTiming {
  readonly instanceIdentifier: pulumi.Input<string>;
  readonly allocatedStorageGiB: number;
  /** Where alarms notify, per severity (the stack's `AlarmRouting`). */
  readonly topicArns: Readonly<Record<Severity, pulumi.Input<string>>>;
  readonly tags: Tags;
  /** Alarm when free storage falls below this percentage of the allocated storage. Default: `DEFAULT_FREE_STORAGE_PERCENT`. */
  readonly freeStoragePercent?: number;
}

const argsSchema = timingSchema.extend({
  allocatedStorageGiB: z.number().positive(),
  freeStoragePercent: z.number().gt(0).lt(100).default(DEFAULT_FREE_STORAGE_PERCENT),
});

export class DatabaseAlarms extends pulumi.ComponentResource {
  public readonly alarmNames: Record<"cpu" | "free-storage", pulumi.Output<string>>;

  constructor(name: string, args: DatabaseAlarmsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("tenantry:aws:DatabaseAlarms", name, {}, opts);
    const a = validated(argsSchema, args, `arguments of DatabaseAlarms ${name}`, "args.");
    const common = {
      namespace: "AWS/RDS",
      dimensions: { DBInstanceIdentifier: args.instanceIdentifier },
      period: a.periodSeconds,
      evaluationPeriods: a.evaluationPeriods,
    };
    const route = (severity: Severity) => ({ alarmActions: [args.topicArns[severity]], okActions: [args.topicArns[severity]] });
    const cpu = new aws.cloudwatch.MetricAlarm(
      `${name}-cpu`,
      {
        ...common,
        alarmDescription: `database CPU > ${DATABASE_CPU_ALARM.threshold} % (product-facts.md §5 basic CPU rule)`,
        metricName: "CPUUtilization",
        statistic: "Average",
        comparisonOperator: "GreaterThanThreshold",
        threshold: DATABASE_CPU_ALARM.threshold,
        ...route(DATABASE_CPU_SEVERITY),
        tags: awsTags({ ...args.tags, [TAG_KEYS.severity]: DATABASE_CPU_SEVERITY }, `${name}-cpu`),
      },
      { parent: this },
    );
    const freeStorage = new aws.cloudwatch.MetricAlarm(
      `${name}-free-storage`,
      {
        ...common,
        alarmDescription: `free storage below ${a.freeStoragePercent} % of ${a.allocatedStorageGiB} GiB`,
        metricName: "FreeStorageSpace",
        statistic: "Minimum",
        comparisonOperator: "LessThanThreshold",
        threshold: Math.round((a.allocatedStorageGiB * GIB * a.freeStoragePercent) / 100),
        ...route(DATABASE_FREE_STORAGE_SEVERITY),
        tags: awsTags({ ...args.tags, [TAG_KEYS.severity]: DATABASE_FREE_STORAGE_SEVERITY }, `${name}-free-storage`),
      },
      { parent: this },
    );
    this.alarmNames = { cpu: cpu.name, "free-storage": freeStorage.name };
    this.registerOutputs({ alarmNames: this.alarmNames });
  }
}
