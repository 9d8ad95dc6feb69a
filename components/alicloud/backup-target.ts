/**
 * A tenant's backup target on Alibaba Cloud: the Alibaba side of the core's dispatch
 * (`renderBackupTarget`, components/core/backup-target.ts), which decides what each kind needs.
 * Alibaba Cloud makes:
 * - buckets on OSS: AlicloudBackupStorage (the primary keeps the name and children it always had, so
 *   nothing is replaced; a DR copy in the DR region through that region's provider: the same secure
 *   defaults by construction), their capacity alarms, and OSS cross-region replication;
 * - `minio`: MinioBackupStorage on the stack's MinIO server (made by the stack's factory);
 * - `s3-compatible`: S3CompatibleBucket (nothing created);
 * - a DR copy on another of our clouds: through the stack's factory (it needs that cloud's provider).
 */
import * as pulumi from "@pulumi/pulumi";
import { CLOUD_STORAGE_TYPE, renderBackupTarget, type AddCloudStorageDialog, type BackupTargetOutputs, type BucketNeed } from "../core/index.js";
import { requiredByTarget, sharedTargetMakers, type BackupTargetArgs } from "../common/backup-target-args.js";
import { AlicloudBackupStorage, type AlicloudBackupStorageArgs } from "./backup-storage.js";
import { AlicloudCapacityAlarms } from "./capacity-alarms.js";
import type { RelayTarget } from "./chat-relay.js";
import { OssReplication } from "./replication.js";

export interface AlicloudBackupTargetArgs extends BackupTargetArgs<Omit<AlicloudBackupStorageArgs, "tags">> {
  /** The CloudMonitor contact group the capacity alarms notify. */
  readonly contactGroup: pulumi.Input<string>;
  /** The chat relay's function of that group's severity (`AlicloudChatRelay.targets`). Default: none. */
  readonly relayTarget?: RelayTarget;
}

type Outputs = BackupTargetOutputs<pulumi.Output<string>>;

/** The dialog of an AlicloudBackupStorage: its fields without the bucket. */
export function alicloudDialogOf(storage: AlicloudBackupStorage): AddCloudStorageDialog<pulumi.Output<string>> {
  const f = storage.addCloudStorage;
  return { name: f.name, type: CLOUD_STORAGE_TYPE.alicloud, serviceHost: f.serviceHost, accessId: f.accessId, accessSecret: f.accessSecret };
}

/** Registers the target of `need` under `parent`; `name` is the storage's name (`<tenant>-<product>-storage`). */
export function alicloudBackupTarget(parent: pulumi.Resource, name: string, need: BucketNeed, args: AlicloudBackupTargetArgs): Outputs {
  const opts = { parent };
  const storageArgs = () => ({ ...requiredByTarget(args.storage, "the backup storage settings", name), tags: need.tags });
  const dr = () => requiredByTarget(args.dr, "the DR region and its provider", name);
  return renderBackupTarget<pulumi.Output<string>, AlicloudBackupStorage>(name, need, {
    cloud: "alicloud",
    bucket: (n, where) => {
      const storage = new AlicloudBackupStorage(n, storageArgs(), where === "dr" ? { parent, providers: [dr().provider] } : opts);
      return { handle: storage, bucket: storage.bucketName, dialog: alicloudDialogOf(storage) };
    },
    capacity: (n, storage) =>
      new AlicloudCapacityAlarms(n, { bucketName: storage.bucketName, capacity: need.capacity!, contactGroup: args.contactGroup, ...(args.relayTarget ? { relayTarget: args.relayTarget } : {}), tags: need.tags }, opts),
    drRegion: () => pulumi.output(dr().region),
    replicate: (n, storage, copy) => {
      new OssReplication(
        n,
        {
          sourceBucket: storage.bucketName,
          sourceKmsKeyId: storage.kmsKeyId,
          destinationBucket: copy.bucketName,
          destinationRegion: dr().region,
          destinationKmsKeyId: copy.kmsKeyId,
          tags: need.tags,
        },
        { parent, dependsOn: [storage, copy] },
      );
    },
    ...sharedTargetMakers(name, need, args, opts),
  });
}
