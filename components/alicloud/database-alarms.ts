/** CloudMonitor alarm rules for one RDS database: CPU (the documented basic CPU rule) and disk usage. */
import * as alicloud from "@pulumi/alicloud";
import * as pulumi from "@pulumi/pulumi";
import type { RelayTarget } from "./chat-relay.js";
import { z } from "zod";
import {
  DATABASE_CPU_ALARM,
  DATABASE_CPU_SEVERITY,
  DATABASE_FREE_STORAGE_SEVERITY,
  DEFAULT_FREE_STORAGE_PERCENT,
  TAG_KEYS,
  validated,
  type AlarmTiming,
  type Notifications,
  type Severity,
  type Tags,
} from "../core/index.js";
import { routing, timingSchema } from "./host-alarms.js";
import { RDS_NAMESPACE } from "./metrics.js";

export interface AlicloudDatabaseAlarmsArgs extends AlarmTiming {
  readonly instanceId: pulumi.Input<string>;
  readonly contactGroups: Readonly<Record<Severity, pulumi.Input<string>>>;
  /** A plain HTTPS callback per severity (CloudMonitor's own format). Default: none. */
  readonly callbacks?: Partial<Record<Severity, string>>;
  /** The chat relay's function per severity (`AlicloudChatRelay.targets`). Default: none. */
  readonly relayTargets?: Partial<Record<Severity, RelayTarget>>;
  /** Quiet hours: alarms of the silenced severities are not raised then. Default: none. */
  readonly silence?: Notifications["silence"];
  readonly tags: Tags;
  /** Alarm when free storage falls below this percentage. Default: `DEFAULT_FREE_STORAGE_PERCENT`. */
  readonly freeStoragePercent?: number;
}

const argsSchema = timingSchema.extend({ freeStoragePercent: z.number().gt(0).lt(100).default(DEFAULT_FREE_STORAGE_PERCENT) });

export class AlicloudDatabaseAlarms extends pulumi.ComponentResource {
  constructor(name: string, args: AlicloudDatabaseAlarmsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("tenantry:alicloud:DatabaseAlarms", name, {}, opts);
    const a = validated(argsSchema, args, `arguments of AlicloudDatabaseAlarms ${name}`, "args.");
    const dimensions = pulumi.output(args.instanceId).apply((id) => JSON.stringify([{ instanceId: id }]));
    const rule = (id: string, metric: string, threshold: number, severity: Severity) => {
      const route = routing(args, severity);
      return new alicloud.cms.Alarm(
        `${name}-${id}`,
        {
          name: `${name}-${id}`,
          project: RDS_NAMESPACE,
          metric,
          metricDimensions: dimensions,
          period: a.periodSeconds,
          contactGroups: route.contactGroups,
          enabled: true,
          ...route.extra,
          [route.escalation]: { statistics: "Average", comparisonOperator: "GreaterThanThreshold", threshold: String(threshold), times: a.evaluationPeriods },
          tags: { ...args.tags, [TAG_KEYS.severity]: severity },
        },
        { parent: this },
      );
    };
    rule("cpu", "CpuUsage", DATABASE_CPU_ALARM.threshold, DATABASE_CPU_SEVERITY);
    // CloudMonitor reports used space as a percentage: "free < x %" is "used > 100 - x %".
    rule("free-storage", "DiskUsage", 100 - a.freeStoragePercent, DATABASE_FREE_STORAGE_SEVERITY);
    this.registerOutputs({});
  }
}
