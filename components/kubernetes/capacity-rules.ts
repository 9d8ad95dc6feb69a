/**
 * Capacity metering on Kubernetes (product-facts.md §2: AnyBackup's licence is metered on the
 * storage actually used; core `CapacityMeter`): for a tenant whose backups go to the provider's
 * MinIO server, a `PrometheusRule` in the tenant's namespace alarms the bucket's size against the
 * licensed capacity, from MinIO's own bucket metric `minio_bucket_usage_total_bytes{bucket=...}`
 * (MinIO's `/minio/v2/metrics/bucket` endpoint, which the cluster's Prometheus must scrape). As on
 * Alibaba Cloud (warning and critical escalations): a `warning` above the warning share, `urgent`
 * above the licence. The rules carry the tenant's namespace as a label, because MinIO's series do
 * not, so the tenant's AlertmanagerConfig routes them.
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { CapacityMeter, Severity, Tags } from "../core/index.js";
import { metadataOf } from "./labels.js";

/** MinIO's bucket size metric (bytes; label `bucket`). */
export const MINIO_BUCKET_USAGE_METRIC = "minio_bucket_usage_total_bytes";

export interface CapacityRulesArgs {
  readonly namespace: string;
  readonly tenant: string;
  readonly tags: Tags;
  /** The MinIO bucket. */
  readonly bucket: pulumi.Input<string>;
  readonly capacity: CapacityMeter;
  /** Labels Prometheus selects rules by (its `ruleSelector`). Default: none beyond the tenant labels. */
  readonly ruleLabels?: Readonly<Record<string, string>>;
}

/** The two alerting rules of a bucket's capacity. */
export function capacityRules(bucket: string, capacity: CapacityMeter, namespace: string, tenant: string) {
  const rule = (id: "capacity-warning" | "capacity-exceeded", severity: Severity, bytes: number, what: string) => ({
    alert: id === "capacity-warning" ? "TenantryBackupCapacityWarning" : "TenantryBackupCapacityExceeded",
    expr: `max(${MINIO_BUCKET_USAGE_METRIC}{bucket="${bucket}"}) > ${bytes}`,
    for: "1h",
    labels: { severity, rule: id, tenant, namespace, workload: "anybackup-cloud" },
    annotations: { summary: `${tenant} backup storage ${what} (licensed ${capacity.licensedTb} TB, tier ${capacity.tier} TB)` },
  });
  return [
    rule("capacity-warning", "warning", capacity.warningBytes, `above ${Math.round(capacity.warningShare * 100)} % of the licensed capacity`),
    rule("capacity-exceeded", "urgent", capacity.licensedBytes, "above the licensed capacity"),
  ];
}

export class CapacityRules extends pulumi.ComponentResource {
  constructor(name: string, args: CapacityRulesArgs, opts?: pulumi.ComponentResourceOptions) {
    super("tenantry:kubernetes:CapacityRules", name, {}, opts);
    const meta = metadataOf(args.tags);
    new k8s.apiextensions.CustomResource(
      `${name}-rule`,
      {
        apiVersion: "monitoring.coreos.com/v1",
        kind: "PrometheusRule",
        metadata: { name: "tenantry-capacity", namespace: args.namespace, labels: { ...meta.labels, ...args.ruleLabels }, annotations: meta.annotations },
        spec: { groups: [{ name: `tenantry-${args.tenant}-capacity`, rules: pulumi.output(args.bucket).apply((b) => capacityRules(b, args.capacity, args.namespace, args.tenant)) }] },
      },
      { parent: this },
    );
    this.registerOutputs({});
  }
}
