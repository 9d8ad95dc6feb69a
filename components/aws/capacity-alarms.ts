/**
 * Capacity metering on AWS (product-facts.md §2: AnyBackup is licensed by front-end capacity,
 * metered on the storage actually used): the bucket's size against the licensed capacity, as two
 * CloudWatch alarms on S3's daily storage metric — a warning at a share of it, and the licence
 * itself.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { CapacityMeter, Tags } from "../core/index.js";
import { awsTags } from "./naming.js";

/** S3 storage metrics are reported once a day (`AWS/S3` `BucketSizeBytes`, per storage class). */
export const S3_STORAGE_METRIC = { namespace: "AWS/S3", metricName: "BucketSizeBytes", periodSeconds: 86_400, storageType: "StandardStorage" } as const;

export interface CapacityAlarmsArgs {
  readonly bucketName: pulumi.Input<string>;
  readonly capacity: CapacityMeter;
  readonly topicArn: pulumi.Input<string>;
  readonly tags: Tags;
}

export class CapacityAlarms extends pulumi.ComponentResource {
  public readonly alarmNames: Record<"capacity-warning" | "capacity-exceeded", pulumi.Output<string>>;

  constructor(name: string, args: CapacityAlarmsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("tenantry:aws:CapacityAlarms", name, {}, opts);
    const c = args.capacity;
    const alarm = (id: "capacity-warning" | "capacity-exceeded", threshold: number, what: string) =>
      new aws.cloudwatch.MetricAlarm(
        `${name}-${id}`,
        {
          alarmDescription: `backup storage ${what} (licensed ${c.licensedTb} TB, tier ${c.tier} TB; product-facts.md §2)`,
          namespace: S3_STORAGE_METRIC.namespace,
          metricName: S3_STORAGE_METRIC.metricName,
          dimensions: { BucketName: args.bucketName, StorageType: S3_STORAGE_METRIC.storageType },
          statistic: "Average",
          period: S3_STORAGE_METRIC.periodSeconds,
          evaluationPeriods: 1,
          comparisonOperator: "GreaterThanThreshold",
          threshold,
          // A new bucket has no size data until S3's first daily report.
          treatMissingData: "notBreaching",
          alarmActions: [args.topicArn],
          okActions: [args.topicArn],
          tags: awsTags(args.tags, `${name}-${id}`),
        },
        { parent: this },
      ).name;
    this.alarmNames = {
      "capacity-warning": alarm("capacity-warning", c.warningBytes, `above ${Math.round(c.warningShare * 100)} % of the licensed capacity`),
      "capacity-exceeded": alarm("capacity-exceeded", c.licensedBytes, "above the licensed capacity"),
    };
    this.registerOutputs({ alarmNames: this.alarmNames });
  }
}
