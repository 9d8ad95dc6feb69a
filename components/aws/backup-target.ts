/**
 * A tenant's backup target on AWS (core `BackupTarget`): the resources each kind needs, as children
 * of the tenant, and the dialog fields (core `BackupTargetOutputs`).
 * - `same-cloud`: BackupStorage (the name and children it always had, so nothing is replaced);
 * - `dr-copy` on AWS: the same plus a second BackupStorage in the DR region (through that region's
 *   provider: the same secure defaults by construction) and S3 cross-region replication to it;
 * - `minio`: MinioBackupStorage on the stack's MinIO server (made by the stack's factory, so that
 *   @pulumi/minio is needed only by stacks that use it);
 * - `s3-compatible`: S3CompatibleBucket (nothing created).
 * A copy on another of our clouds is the stack's to add (it needs that cloud's provider).
 * Buckets on S3 get the capacity alarms of their licence.
 */
import * as pulumi from "@pulumi/pulumi";
import { CLOUD_STORAGE_TYPE, type AddCloudStorageDialog, type BackupTargetOutputs, type BucketNeed } from "../core/index.js";
import type { MinioStorageFactory } from "../minio/factory.js";
import { S3CompatibleBucket } from "../s3-compatible/bucket.js";
import { BackupStorage, type BackupStorageArgs } from "./backup-storage.js";
import { CapacityAlarms } from "./capacity-alarms.js";
import { S3Replication } from "./replication.js";

export interface AwsBackupTargetArgs {
  /** Settings of buckets on S3. Required for `same-cloud` and `dr-copy` (no default). */
  readonly storage?: Omit<BackupStorageArgs, "tags">;
  /** `dr-copy` on AWS: the DR region (other than the stack's) and its provider. Required for `dr-copy` (no default). */
  readonly dr?: { readonly region: string; readonly provider: pulumi.ProviderResource };
  /** `minio`: makes a tenant's MinioBackupStorage (loaded by the stack only when a tenant uses MinIO). Required for `minio` (no default). */
  readonly minio?: MinioStorageFactory;
  /** `s3-compatible`: the access secret read from the config key the manifest names. Required for `s3-compatible` (no default). */
  readonly s3CompatibleSecret?: pulumi.Input<string>;
  /** Where the capacity alarms notify. */
  readonly topicArn: pulumi.Input<string>;
}

type Outputs = BackupTargetOutputs<pulumi.Output<string>>;

/** The dialog of a BackupStorage, when it has access-key credentials. */
function dialogOf(storage: BackupStorage): AddCloudStorageDialog<pulumi.Output<string>> | undefined {
  const f = storage.addCloudStorage;
  return f.accessId && f.accessSecret ? { name: f.name, type: CLOUD_STORAGE_TYPE.aws, serviceHost: f.serviceHost, accessId: f.accessId, accessSecret: f.accessSecret } : undefined;
}

/** Registers the target of `need` under `parent`; `name` is the storage's name (`<tenant>-<product>-storage`). */
export function awsBackupTarget(parent: pulumi.Resource, name: string, need: BucketNeed, args: AwsBackupTargetArgs): Outputs {
  const opts = { parent };
  const target = need.target;
  switch (target.target) {
    case "same-cloud":
    case "dr-copy": {
      const storage = new BackupStorage(name, { ...args.storage!, tags: need.tags }, opts);
      if (need.capacity) new CapacityAlarms(`${name}-capacity`, { bucketName: storage.bucketName, capacity: need.capacity, topicArn: args.topicArn, tags: need.tags }, opts);
      const dialog = dialogOf(storage);
      const primary = { target: target.target, bucket: storage.bucketName, ...(dialog ? { dialog } : {}) };
      if (target.target === "same-cloud" || (target.drCloud !== undefined && target.drCloud !== "aws")) return primary;
      const copy = new BackupStorage(`${name}-dr`, { ...args.storage!, tags: need.tags }, { parent, providers: [args.dr!.provider] });
      new S3Replication(
        `${name}-replication`,
        {
          sourceBucket: storage.bucketName,
          sourceBucketArn: storage.bucketArn,
          sourceKmsKeyArn: storage.kmsKeyArn,
          destinationBucketArn: copy.bucketArn,
          destinationKmsKeyArn: copy.kmsKeyArn,
          tags: need.tags,
        },
        { parent, dependsOn: [storage, copy] },
      );
      const copyDialog = dialogOf(copy);
      return { ...primary, drCopy: { cloud: "aws", region: pulumi.output(args.dr!.region), bucket: copy.bucketName, replicated: true, ...(copyDialog ? { dialog: copyDialog } : {}) } };
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
