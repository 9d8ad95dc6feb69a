/**
 * Cloud Eye alarm rules for one RDS for MySQL instance: CPU (the documented basic CPU rule, core
 * `DATABASE_CPU_SEVERITY`) and free storage space (core `DATABASE_FREE_STORAGE_SEVERITY`), each to
 * its severity's topic.
 */
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { DATABASE_CPU_ALARM, DATABASE_CPU_SEVERITY, DATABASE_FREE_STORAGE_SEVERITY, DEFAULT_FREE_STORAGE_PERCENT, validated, type AlarmTiming, type Severity } from "../core/index.js";
import type { HuaweiAlarmRoute } from "./alarm-topic.js";
import { alarmRuleArgs, timingSchema } from "./host-alarms.js";
import { RDS_DIMENSION, RDS_METRICS } from "./metrics.js";
import { Alarmrule } from "./provider/index.js";

export interface HuaweiDatabaseAlarmsArgs extends AlarmTiming, HuaweiAlarmRoute {
  readonly instanceId: pulumi.Input<string>;
  /** The enterprise project it belongs to. Default: the account's default enterprise project. */
  readonly enterpriseProjectId?: pulumi.Input<string>;
  /** Alarm when free storage falls below this percentage. Default: `DEFAULT_FREE_STORAGE_PERCENT`. */
  readonly freeStoragePercent?: number;
}

const argsSchema = timingSchema.extend({ freeStoragePercent: z.number().gt(0).lt(100).default(DEFAULT_FREE_STORAGE_PERCENT) });

export class HuaweiDatabaseAlarms extends pulumi.ComponentResource {
  constructor(name: string, args: HuaweiDatabaseAlarmsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("tenantry:huaweicloud:DatabaseAlarms", name, {}, opts);
    const a = validated(argsSchema, args, `arguments of HuaweiDatabaseAlarms ${name}`, "args.");
    const dimension = { name: RDS_DIMENSION, value: args.instanceId };
    const rule = (id: string, metric: (typeof RDS_METRICS)[keyof typeof RDS_METRICS], threshold: number, severity: Severity) =>
      new Alarmrule(`${name}-${id}`, alarmRuleArgs(`${name}-${id}`, metric, dimension, { comparison: ">", threshold }, a, args, args.enterpriseProjectId, severity), { parent: this });
    rule("cpu", RDS_METRICS.cpu, DATABASE_CPU_ALARM.threshold, DATABASE_CPU_SEVERITY);
    // Cloud Eye reports used space as a percentage: "free < x %" is "used > 100 - x %".
    rule("free-storage", RDS_METRICS.storageUsed, 100 - a.freeStoragePercent, DATABASE_FREE_STORAGE_SEVERITY);
    this.registerOutputs({});
  }
}
