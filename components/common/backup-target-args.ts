/**
 * What every cloud's backup target takes besides its own bucket settings: the DR region, copies on
 * another of our clouds, the MinIO server and the bring-your-own secret. The kinds themselves are
 * dispatched once, in the core (`renderBackupTarget`, components/core/backup-target.ts); each
 * cloud's `backup-target.ts` only makes its own resources.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { BackupTargetFactory, BucketNeed, ObjectStorageCloud, OtherCloudCopyFactory } from "../core/index.js";
import type { MinioStorageFactory } from "../minio/factory.js";
import { S3CompatibleBucket } from "../s3-compatible/bucket.js";

/** Makes a tenant's DR copy on another of our clouds (the stack's, with that cloud's provider). */
export type OtherCloudCopies = Partial<Record<ObjectStorageCloud, OtherCloudCopyFactory<pulumi.Output<string>, pulumi.ComponentResourceOptions>>>;

/** The arguments of a cloud's backup target whose bucket settings are `S`. */
export interface BackupTargetArgs<S> {
  /** Settings of the cloud's buckets. Required for `same-cloud` and `dr-copy` (no default). */
  readonly storage?: S;
  /** `dr-copy` on the stack's cloud: the DR region (other than the stack's) and its provider. Required for `dr-copy` (no default). */
  readonly dr?: { readonly region: string; readonly provider: pulumi.ProviderResource };
  /** `dr-copy` on another of our clouds: the copy's maker per cloud. Required for such a copy (no default). */
  readonly otherClouds?: OtherCloudCopies;
  /** `minio`: makes a tenant's MinioBackupStorage (loaded by the stack only when a tenant uses MinIO). Required for `minio` (no default). */
  readonly minio?: MinioStorageFactory;
  /** `s3-compatible`: the access secret read from the config key the manifest names. Required for `s3-compatible` (no default). */
  readonly s3CompatibleSecret?: pulumi.Input<string>;
}

/** The part of BackupTargetArgs a tenant component takes from its stack. */
export type StackBackupTargetArgs = Pick<BackupTargetArgs<unknown>, "dr" | "otherClouds" | "minio" | "s3CompatibleSecret">;

/** `what` is required by a tenant's target but was not given (a stack's bug: its configuration check lets no such fleet through). */
export function requiredByTarget<T>(value: T | undefined, what: string, name: string): T {
  if (value === undefined) throw new Error(`${name}: its backup target needs ${what}, which the stack did not give`);
  return value;
}

/**
 * The kinds whose resources are the same whatever the stack's cloud: a copy on another of our
 * clouds (the stack's factory), a MinIO bucket (the stack's factory) and a bring-your-own bucket.
 * `name` is the storage's name (`<tenant>-<product>-storage`), for the missing-argument errors.
 */
export function sharedTargetMakers(
  name: string,
  need: BucketNeed,
  args: StackBackupTargetArgs,
  opts: pulumi.ComponentResourceOptions,
): Pick<BackupTargetFactory<pulumi.Output<string>, unknown>, "otherCloudCopy" | "minio" | "s3Compatible"> {
  return {
    otherCloudCopy: (cloud, n) => requiredByTarget(args.otherClouds?.[cloud], `a provider on ${cloud}`, name)(n, need.tags, opts),
    minio: (n) => {
      const storage = requiredByTarget(args.minio, "the MinIO server", name)(n, need.tags, opts);
      return { bucket: storage.bucketName, dialog: storage.dialog };
    },
    s3Compatible: (n, target) => {
      const bucket = new S3CompatibleBucket(
        n,
        { type: target.type, endpoint: target.endpoint, bucket: target.bucket, accessId: target.accessId, accessSecret: requiredByTarget(args.s3CompatibleSecret, "the access secret", name) },
        opts,
      );
      return { bucket: bucket.bucketName, dialog: bucket.dialog };
    },
  };
}
