/**
 * Capacity metering on Alibaba Cloud (product-facts.md §2: AnyBackup is licensed by front-end
 * capacity, metered on the storage actually used): one CloudMonitor rule on the bucket's metered
 * storage size, warning at a share of the licensed capacity and critical above it.
 */
import * as alicloud from "@pulumi/alicloud";
import * as pulumi from "@pulumi/pulumi";
import type { CapacityMeter, Tags } from "../core/index.js";
import type { RelayTarget } from "./chat-relay.js";

/**
 * OSS's bucket-level metered storage in CloudMonitor (namespace `acs_oss_dashboard`), in bytes;
 * metering metrics are reported hourly.
 */
export const OSS_STORAGE_METRIC = { project: "acs_oss_dashboard", metric: "MeteringStorageUtilization", periodSeconds: 3600 } as const;

export interface AlicloudCapacityAlarmsArgs {
  readonly bucketName: pulumi.Input<string>;
  readonly capacity: CapacityMeter;
  readonly contactGroup: pulumi.Input<string>;
  /** The chat relay's function of the contact group's severity (`AlicloudChatRelay.targets`): both levels of the rule go to it. Default: none. */
  readonly relayTarget?: RelayTarget;
  readonly tags: Tags;
}

export class AlicloudCapacityAlarms extends pulumi.ComponentResource {
  public readonly alarmId: pulumi.Output<string>;

  constructor(name: string, args: AlicloudCapacityAlarmsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("tenantry:alicloud:CapacityAlarms", name, {}, opts);
    const c = args.capacity;
    const rule = new alicloud.cms.Alarm(
      `${name}-capacity`,
      {
        name: `${name}-capacity`,
        project: OSS_STORAGE_METRIC.project,
        metric: OSS_STORAGE_METRIC.metric,
        metricDimensions: pulumi.output(args.bucketName).apply((bucket) => JSON.stringify([{ BucketName: bucket }])),
        period: OSS_STORAGE_METRIC.periodSeconds,
        contactGroups: [args.contactGroup],
        enabled: true,
        ...(args.relayTarget
          ? { targets: args.relayTarget.rule.apply((t) => [{ ...t, targetId: "1", level: "WARN" }, { ...t, targetId: "2", level: "CRITICAL" }]) }
          : {}),
        // Warning above the share of the licensed capacity, critical above the licence itself (tier ${c.tier} TB).
        escalationsWarn: { statistics: "Value", comparisonOperator: "GreaterThanThreshold", threshold: String(c.warningBytes), times: 1 },
        escalationsCritical: { statistics: "Value", comparisonOperator: "GreaterThanThreshold", threshold: String(c.licensedBytes), times: 1 },
        tags: args.tags,
      },
      { parent: this },
    );
    this.alarmId = rule.id;
    this.registerOutputs({ alarmId: this.alarmId });
  }
}
