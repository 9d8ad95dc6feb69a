/**
 * A tenant's backup target on Huawei Cloud: the Huawei side of the core's dispatch
 * (`renderBackupTarget`, components/core/backup-target.ts), which decides what each kind needs.
 * Huawei Cloud makes:
 * - buckets on OBS: HuaweiBackupStorage (the primary keeps the name and children it always had, so
 *   nothing is replaced; a DR copy in the DR region through that region's provider: the same secure
 *   defaults by construction). OBS cross-region replication is not offered: the Pulumi provider
 *   (huaweicloud v0.0.11, the latest release) bridges `huaweicloud_obs_bucket` but not
 *   `huaweicloud_obs_bucket_replication`, so AnyBackup fills the copy, as across clouds
 *   (`replicated: false`). No capacity alarms: Cloud Eye's documented OBS metrics (SYS.OBS) are
 *   request and traffic figures, no bucket size;
 * - `minio`: MinioBackupStorage on the stack's MinIO server (made by the stack's factory);
 * - `s3-compatible`: S3CompatibleBucket (nothing created);
 * - a DR copy on another of our clouds: through the stack's factory (it needs that cloud's provider).
 */
import * as pulumi from "@pulumi/pulumi";
import { CLOUD_STORAGE_TYPE, renderBackupTarget, type AddCloudStorageDialog, type BackupTargetOutputs, type BucketNeed, type ObjectStorageCloud, type OtherCloudCopyFactory } from "../core/index.js";
import type { MinioStorageFactory } from "../minio/factory.js";
import { S3CompatibleBucket } from "../s3-compatible/bucket.js";
import { HuaweiBackupStorage, type HuaweiBackupStorageArgs } from "./backup-storage.js";

/** Makes a tenant's DR copy on another of our clouds (the stack's, with that cloud's provider). */
export type HuaweiOtherCloudCopies = Partial<Record<ObjectStorageCloud, OtherCloudCopyFactory<pulumi.Output<string>, pulumi.ComponentResourceOptions>>>;

export interface HuaweiBackupTargetArgs {
  /** Settings of buckets on OBS (the region is the stack's). Required for `same-cloud` and `dr-copy` (no default). */
  readonly storage?: Omit<HuaweiBackupStorageArgs, "tags">;
  /** `dr-copy` on Huawei Cloud: the DR region (other than the stack's) and its provider. Required for `dr-copy` (no default). */
  readonly dr?: { readonly region: string; readonly provider: pulumi.ProviderResource };
  /** `dr-copy` on another of our clouds: the copy's maker per cloud. Required for such a copy (no default). */
  readonly otherClouds?: HuaweiOtherCloudCopies;
  /** `minio`: makes a tenant's MinioBackupStorage. Required for `minio` (no default). */
  readonly minio?: MinioStorageFactory;
  /** `s3-compatible`: the access secret read from the config key the manifest names. Required for `s3-compatible` (no default). */
  readonly s3CompatibleSecret?: pulumi.Input<string>;
}

type Outputs = BackupTargetOutputs<pulumi.Output<string>>;

/** The dialog of a HuaweiBackupStorage: its fields without the bucket. */
export function huaweiDialogOf(storage: HuaweiBackupStorage): AddCloudStorageDialog<pulumi.Output<string>> {
  const f = storage.addCloudStorage;
  return { name: f.name, type: CLOUD_STORAGE_TYPE.huaweicloud, serviceHost: pulumi.output(f.serviceHost), accessId: f.accessId, accessSecret: f.accessSecret };
}

/** `what` is required by a tenant's target but was not given (a stack's bug: its configuration check lets no such fleet through). */
function required<T>(value: T | undefined, what: string, name: string): T {
  if (value === undefined) throw new Error(`${name}: its backup target needs ${what}, which the stack did not give`);
  return value;
}

/** Registers the target of `need` under `parent`; `name` is the storage's name (`<tenant>-<product>-storage`). */
export function huaweiBackupTarget(parent: pulumi.Resource, name: string, need: BucketNeed, args: HuaweiBackupTargetArgs): Outputs {
  const opts = { parent };
  const dr = () => required(args.dr, "the DR region and its provider", name);
  return renderBackupTarget<pulumi.Output<string>, HuaweiBackupStorage>(name, need, {
    cloud: "huaweicloud",
    bucket: (n, where) => {
      const settings = { ...required(args.storage, "the backup storage settings", name), tags: need.tags };
      // The copy lives in the DR region (the dialog's service host is that region's OBS endpoint), in the
      // tenant's enterprise project (enterprise projects span regions).
      const storage =
        where === "dr" ? new HuaweiBackupStorage(n, { ...settings, region: dr().region }, { parent, providers: [dr().provider] }) : new HuaweiBackupStorage(n, settings, opts);
      return { handle: storage, bucket: storage.bucketName, dialog: huaweiDialogOf(storage) };
    },
    drRegion: () => pulumi.output(dr().region),
    otherCloudCopy: (cloud, n) => required(args.otherClouds?.[cloud], `a provider on ${cloud}`, name)(n, need.tags, opts),
    minio: (n) => {
      const storage = required(args.minio, "the MinIO server", name)(n, need.tags, opts);
      return { bucket: storage.bucketName, dialog: storage.dialog };
    },
    s3Compatible: (n, target) => {
      const bucket = new S3CompatibleBucket(
        n,
        { type: target.type, endpoint: target.endpoint, bucket: target.bucket, accessId: target.accessId, accessSecret: required(args.s3CompatibleSecret, "the access secret", name) },
        opts,
      );
      return { bucket: bucket.bucketName, dialog: bucket.dialog };
    },
  });
}
