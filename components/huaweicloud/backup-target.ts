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
import { CLOUD_STORAGE_TYPE, renderBackupTarget, type AddCloudStorageDialog, type BackupTargetOutputs, type BucketNeed } from "../core/index.js";
import { requiredByTarget, sharedTargetMakers, type BackupTargetArgs } from "../common/backup-target-args.js";
import { HuaweiBackupStorage, type HuaweiBackupStorageArgs } from "./backup-storage.js";

export type HuaweiBackupTargetArgs = BackupTargetArgs<Omit<HuaweiBackupStorageArgs, "tags">>;

type Outputs = BackupTargetOutputs<pulumi.Output<string>>;

/** The dialog of a HuaweiBackupStorage: its fields without the bucket. */
export function huaweiDialogOf(storage: HuaweiBackupStorage): AddCloudStorageDialog<pulumi.Output<string>> {
  const f = storage.addCloudStorage;
  return { name: f.name, type: CLOUD_STORAGE_TYPE.huaweicloud, serviceHost: pulumi.output(f.serviceHost), accessId: f.accessId, accessSecret: f.accessSecret };
}

/** Registers the target of `need` under `parent`; `name` is the storage's name (`<tenant>-<product>-storage`). */
export function huaweiBackupTarget(parent: pulumi.Resource, name: string, need: BucketNeed, args: HuaweiBackupTargetArgs): Outputs {
  const opts = { parent };
  const dr = () => requiredByTarget(args.dr, "the DR region and its provider", name);
  return renderBackupTarget<pulumi.Output<string>, HuaweiBackupStorage>(name, need, {
    cloud: "huaweicloud",
    bucket: (n, where) => {
      const settings = { ...requiredByTarget(args.storage, "the backup storage settings", name), tags: need.tags };
      // The copy lives in the DR region (the dialog's service host is that region's OBS endpoint), in the
      // tenant's enterprise project (enterprise projects span regions).
      const storage =
        where === "dr" ? new HuaweiBackupStorage(n, { ...settings, region: dr().region }, { parent, providers: [dr().provider] }) : new HuaweiBackupStorage(n, settings, opts);
      return { handle: storage, bucket: storage.bucketName, dialog: huaweiDialogOf(storage) };
    },
    drRegion: () => pulumi.output(dr().region),
    ...sharedTargetMakers(name, need, args, opts),
  });
}
