/**
 * A tenant's backup target on Alibaba Cloud (core `BackupTarget`): the resources each kind needs, as
 * children of the tenant, and the dialog fields (core `BackupTargetOutputs`).
 * - `same-cloud`: AlicloudBackupStorage (the name and children it always had, so nothing is replaced);
 * - `dr-copy` on Alibaba Cloud: the same plus a second one in the DR region (through that region's
 *   provider: the same secure defaults by construction) and OSS cross-region replication to it;
 * - `minio`: MinioBackupStorage on the stack's MinIO server (made by the stack's factory);
 * - `s3-compatible`: S3CompatibleBucket (nothing created).
 * A copy on another of our clouds is the stack's to add (it needs that cloud's provider).
 * Buckets on OSS get the capacity alarms of their licence.
 */
import * as pulumi from "@pulumi/pulumi";
import { CLOUD_STORAGE_TYPE, type AddCloudStorageDialog, type BackupTargetOutputs, type BucketNeed } from "../core/index.js";
import type { MinioStorageFactory } from "../minio/factory.js";
import { S3CompatibleBucket } from "../s3-compatible/bucket.js";
import { AlicloudBackupStorage, type AlicloudBackupStorageArgs } from "./backup-storage.js";
import { AlicloudCapacityAlarms } from "./capacity-alarms.js";
import { OssReplication } from "./replication.js";

export interface AlicloudBackupTargetArgs {
  /** Settings of buckets on OSS. Required for `same-cloud` and `dr-copy` (no default). */
  readonly storage?: Omit<AlicloudBackupStorageArgs, "tags">;
  /** `dr-copy` on Alibaba Cloud: the DR region (other than the stack's) and its provider. Required for `dr-copy` (no default). */
  readonly dr?: { readonly region: string; readonly provider: pulumi.ProviderResource };
  /** `minio`: makes a tenant's MinioBackupStorage. Required for `minio` (no default). */
  readonly minio?: MinioStorageFactory;
  /** `s3-compatible`: the access secret read from the config key the manifest names. Required for `s3-compatible` (no default). */
  readonly s3CompatibleSecret?: pulumi.Input<string>;
  /** The CloudMonitor contact group the capacity alarms notify. */
  readonly contactGroup: pulumi.Input<string>;
}

type Outputs = BackupTargetOutputs<pulumi.Output<string>>;

/** The dialog of an AlicloudBackupStorage: its fields without the bucket. */
function dialogOf(storage: AlicloudBackupStorage): AddCloudStorageDialog<pulumi.Output<string>> {
  const f = storage.addCloudStorage;
  return { name: f.name, type: CLOUD_STORAGE_TYPE.alicloud, serviceHost: f.serviceHost, accessId: f.accessId, accessSecret: f.accessSecret };
}

/** Registers the target of `need` under `parent`; `name` is the storage's name (`<tenant>-<product>-storage`). */
export function alicloudBackupTarget(parent: pulumi.Resource, name: string, need: BucketNeed, args: AlicloudBackupTargetArgs): Outputs {
  const opts = { parent };
  const target = need.target;
  switch (target.target) {
    case "same-cloud":
    case "dr-copy": {
      const storage = new AlicloudBackupStorage(name, { ...args.storage!, tags: need.tags }, opts);
      if (need.capacity) {
        new AlicloudCapacityAlarms(`${name}-capacity`, { bucketName: storage.bucketName, capacity: need.capacity, contactGroup: args.contactGroup, tags: need.tags }, opts);
      }
      const primary = { target: target.target, bucket: storage.bucketName, dialog: dialogOf(storage) };
      if (target.target === "same-cloud" || (target.drCloud !== undefined && target.drCloud !== "alicloud")) return primary;
      const dr = args.dr!;
      const copy = new AlicloudBackupStorage(`${name}-dr`, { ...args.storage!, tags: need.tags }, { parent, providers: [dr.provider] });
      new OssReplication(
        `${name}-replication`,
        {
          sourceBucket: storage.bucketName,
          sourceKmsKeyId: storage.kmsKeyId,
          destinationBucket: copy.bucketName,
          destinationRegion: dr.region,
          destinationKmsKeyId: copy.kmsKeyId,
          tags: need.tags,
        },
        { parent, dependsOn: [storage, copy] },
      );
      return { ...primary, drCopy: { cloud: "alicloud", region: pulumi.output(dr.region), bucket: copy.bucketName, replicated: true, dialog: dialogOf(copy) } };
    }
    case "minio": {
      const storage = args.minio!(name, need.tags, opts);
      return { target: "minio", bucket: storage.bucketName, dialog: storage.dialog };
    }
    case "s3-compatible": {
      const bucket = new S3CompatibleBucket(
        name,
        { type: target.type, endpoint: target.endpoint, bucket: target.bucket, accessId: target.accessId, accessSecret: args.s3CompatibleSecret! },
        opts,
      );
      return { target: "s3-compatible", bucket: bucket.bucketName, dialog: bucket.dialog };
    }
  }
}
