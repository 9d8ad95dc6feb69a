/**
 * A tenant's backup target on AWS: the AWS side of the core's dispatch (`renderBackupTarget`,
 * components/core/backup-target.ts), which decides what each kind needs. AWS makes:
 * - buckets on S3: BackupStorage (the primary keeps the name and children it always had, so nothing
 *   is replaced; a DR copy in the DR region through that region's provider: the same secure
 *   defaults by construction), their capacity alarms, and S3 cross-region replication;
 * - `minio`: MinioBackupStorage on the stack's MinIO server (made by the stack's factory, so that
 *   @pulumi/minio is needed only by stacks that use it);
 * - `s3-compatible`: S3CompatibleBucket (nothing created);
 * - a DR copy on another of our clouds: through the stack's factory (it needs that cloud's provider).
 */
import * as pulumi from "@pulumi/pulumi";
import { CLOUD_STORAGE_TYPE, renderBackupTarget, type AddCloudStorageDialog, type BackupTargetOutputs, type BucketNeed } from "../core/index.js";
import { requiredByTarget, sharedTargetMakers, type BackupTargetArgs } from "../common/backup-target-args.js";
import { BackupStorage, type BackupStorageArgs } from "./backup-storage.js";
import { CapacityAlarms } from "./capacity-alarms.js";
import { S3Replication } from "./replication.js";

export interface AwsBackupTargetArgs extends BackupTargetArgs<Omit<BackupStorageArgs, "tags">> {
  /** Where the capacity alarms notify. */
  readonly topicArn: pulumi.Input<string>;
}

type Outputs = BackupTargetOutputs<pulumi.Output<string>>;

/** The dialog of a BackupStorage, when it has access-key credentials. */
export function awsDialogOf(storage: BackupStorage): AddCloudStorageDialog<pulumi.Output<string>> | undefined {
  const f = storage.addCloudStorage;
  return f.accessId && f.accessSecret ? { name: f.name, type: CLOUD_STORAGE_TYPE.aws, serviceHost: f.serviceHost, accessId: f.accessId, accessSecret: f.accessSecret } : undefined;
}

/** Registers the target of `need` under `parent`; `name` is the storage's name (`<tenant>-<product>-storage`). */
export function awsBackupTarget(parent: pulumi.Resource, name: string, need: BucketNeed, args: AwsBackupTargetArgs): Outputs {
  const opts = { parent };
  const storageArgs = () => ({ ...requiredByTarget(args.storage, "the backup storage settings", name), tags: need.tags });
  const dr = () => requiredByTarget(args.dr, "the DR region and its provider", name);
  return renderBackupTarget<pulumi.Output<string>, BackupStorage>(name, need, {
    cloud: "aws",
    bucket: (n, where) => {
      const storage = new BackupStorage(n, storageArgs(), where === "dr" ? { parent, providers: [dr().provider] } : opts);
      const dialog = awsDialogOf(storage);
      return { handle: storage, bucket: storage.bucketName, ...(dialog ? { dialog } : {}) };
    },
    capacity: (n, storage) => new CapacityAlarms(n, { bucketName: storage.bucketName, capacity: need.capacity!, topicArn: args.topicArn, tags: need.tags }, opts),
    drRegion: () => pulumi.output(dr().region),
    replicate: (n, storage, copy) => {
      new S3Replication(
        n,
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
    },
    ...sharedTargetMakers(name, need, args, opts),
  });
}
