/**
 * AnyBackup's "cloud storage" on Kubernetes (product-facts.md §4): the four backup target kinds of
 * the blueprint (core `BackupTarget`) rendered for a cluster, which has no object storage of its own.
 * `S3BackupStorage` is the `same-cloud` kind: a bucket on the stack's configured S3-compatible store
 * (any cloud's object storage, a storage vendor's S3 service), given by configuration with
 * credentials limited to that bucket; nothing is created in the cluster (the namespace's
 * NetworkPolicies let AnyBackup reach the endpoint). `kubernetesBackupTarget` dispatches every kind;
 * the outputs are exactly the fields of AnyBackup's "add cloud storage" dialog, the access secret a
 * Pulumi secret.
 */
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { serviceHostOf, STORAGE_TYPES, validated, type AddCloudStorageDialog, type BackupTarget, type BackupTargetOutputs, type BucketNeed, type Problem, type StorageType } from "../core/index.js";
import type { MinioServer, MinioStorageFactory } from "../minio/factory.js";
import { S3CompatibleBucket } from "../s3-compatible/bucket.js";

/** The S3-compatible types among the dialog's storage types (core `STORAGE_TYPES`, product-facts.md §4). */
export const S3_DIALOG_TYPES = STORAGE_TYPES.filter((t): t is Extract<StorageType, `${string}(S3)`> => t.endsWith("(S3)"));

export interface S3BackupStorageArgs {
  /** The dialog's type for this store (one of the documented S3 types). */
  readonly type: (typeof S3_DIALOG_TYPES)[number];
  /** The S3 endpoint AnyBackup connects to (`host` or `host:port`). */
  readonly serviceHost: string;
  readonly bucket: string;
  readonly accessId: string;
  /** Made a Pulumi secret here whatever it was given as. */
  readonly accessSecret: pulumi.Input<string>;
}

const argsSchema = z.object({
  type: z.enum(S3_DIALOG_TYPES as unknown as [string, ...string[]], { error: `must be one of the dialog's S3 types: ${S3_DIALOG_TYPES.join(", ")}` }),
  serviceHost: z.string().regex(/^[A-Za-z0-9.-]+(:\d{1,5})?$/, { error: "must be a host name or address, with an optional :port (no scheme)" }),
  bucket: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, { error: "must be an S3 bucket name: 3-63 lowercase letters, digits, '.' and '-'" }),
  accessId: z.string().min(1),
  accessSecret: z.any().refine((v) => v !== undefined && v !== "", { error: "is required: set it as a Pulumi secret" }),
});

/** The fields of AnyBackup's "add cloud storage" dialog (name, type, service host, access ID, access secret; plus the bucket). */
export interface S3AddCloudStorageFields {
  readonly name: string;
  readonly type: (typeof S3_DIALOG_TYPES)[number];
  readonly serviceHost: string;
  readonly bucket: string;
  readonly accessId: string;
  /** A Pulumi secret. */
  readonly accessSecret: pulumi.Output<string>;
}

/** The port an S3 endpoint listens on: the one given, else HTTPS. */
export function serviceHostPort(serviceHost: string): number {
  const m = /:(\d+)$/.exec(serviceHost);
  return m ? Number(m[1]) : 443;
}

export class S3BackupStorage extends pulumi.ComponentResource {
  public readonly addCloudStorage: S3AddCloudStorageFields;

  constructor(name: string, args: S3BackupStorageArgs, opts?: pulumi.ComponentResourceOptions) {
    super("tenantry:kubernetes:S3BackupStorage", name, {}, opts);
    const a = validated(argsSchema, args, `arguments of S3BackupStorage ${name}`, "args.");
    this.addCloudStorage = { name, type: a.type as (typeof S3_DIALOG_TYPES)[number], serviceHost: a.serviceHost, bucket: a.bucket, accessId: a.accessId, accessSecret: pulumi.secret(pulumi.output(args.accessSecret)) };
    this.registerOutputs({ addCloudStorage: this.addCloudStorage });
  }
}

/** The dialog fields of an S3BackupStorage, as the core's dialog (the bucket is the target's own field). */
function dialogOf(storage: S3BackupStorage): AddCloudStorageDialog<pulumi.Output<string>> {
  const f = storage.addCloudStorage;
  return { name: f.name, type: f.type, serviceHost: pulumi.output(f.serviceHost), accessId: pulumi.output(f.accessId), accessSecret: f.accessSecret };
}

/**
 * What a tenant's backup target needs on Kubernetes, by kind (core `BackupTarget`). The cluster has
 * no object storage of its own, so:
 * - `same-cloud` means the stack's configured S3-compatible store (a bucket on one of our clouds,
 *   or on any S3-compatible server), given with credentials limited to the tenant's bucket: `store`;
 * - `minio` creates the bucket, a user and a policy limited to it on the stack's MinIO server: `minio`;
 * - `s3-compatible` (bring your own) creates nothing: the manifest's endpoint and bucket, the secret
 *   from the Pulumi config key it names: `s3CompatibleSecret`;
 * - `dr-copy` cannot be built here (see `KUBERNETES_DR_COPY_REFUSAL`).
 */
export interface KubernetesBackupTargetArgs {
  /** `same-cloud`: the configured store and the tenant's bucket and credentials on it. Required for `same-cloud` (no default). */
  readonly store?: S3BackupStorageArgs;
  /** `minio`: the MinIO server and the factory that makes the tenant's storage on it (the stack loads @pulumi/minio only when needed). Required for `minio` (no default). */
  readonly minio?: { readonly server: MinioServer; readonly factory: MinioStorageFactory };
  /** `s3-compatible`: the access secret read from the config key the manifest names. Required for `s3-compatible` (no default). */
  readonly s3CompatibleSecret?: pulumi.Input<string>;
  /** The CIDRs of the target's endpoint, which the tenant's AnyBackup may reach (egress NetworkPolicy). */
  readonly egressCidrs: readonly string[];
}

/** Why `dr-copy` is refused on Kubernetes, in one sentence for every error that names it. */
export const KUBERNETES_DR_COPY_REFUSAL =
  "dr-copy cannot be built on Kubernetes: the cluster has no object storage of its own to copy from, and no cloud replicates a bucket from one store to another; use same-cloud, minio or s3-compatible here, or plan the tenant on a cloud stack (aws, alicloud) where dr-copy replicates to a second region";

/** Every problem with the arguments a backup target needs, naming the argument (`path` is its prefix). */
export function backupTargetProblems(target: BackupTarget, args: KubernetesBackupTargetArgs | undefined, path: string): Problem[] {
  if (target.target === "dr-copy") return [{ path: `${path}.target`, message: KUBERNETES_DR_COPY_REFUSAL, received: target.target }];
  if (!args) return [{ path, message: `is required: the tenant has backup storage (target ${target.target})` }];
  const problems: Problem[] = [];
  if (target.target === "same-cloud" && !args.store) problems.push({ path: `${path}.store`, message: "is required for target same-cloud: the configured S3-compatible store (type, serviceHost, bucket, accessId, accessSecret)" });
  if (target.target === "minio" && !args.minio) problems.push({ path: `${path}.minio`, message: "is required for target minio: the MinIO server and its storage factory" });
  if (target.target === "s3-compatible" && args.s3CompatibleSecret === undefined) problems.push({ path: `${path}.s3CompatibleSecret`, message: "is required for target s3-compatible: the store's access secret" });
  return problems;
}

/** The TCP port of the target's endpoint (egress NetworkPolicy), from its service host or URL. */
export function backupTargetPort(target: BackupTarget, args: KubernetesBackupTargetArgs): number {
  switch (target.target) {
    case "same-cloud":
      return serviceHostPort(args.store!.serviceHost);
    case "minio":
      return serviceHostPort(serviceHostOf(args.minio!.server.endpoint));
    case "s3-compatible":
      return serviceHostPort(serviceHostOf(target.endpoint));
    case "dr-copy":
      throw new Error(KUBERNETES_DR_COPY_REFUSAL);
  }
}

/** Registers the target of `need` under `parent` (`name`: `<tenant>-<product>-storage`); returns the core's outputs: the kind, the bucket, the dialog. */
export function kubernetesBackupTarget(parent: pulumi.Resource, name: string, need: BucketNeed, args: KubernetesBackupTargetArgs): BackupTargetOutputs<pulumi.Output<string>> {
  const opts = { parent };
  const target = need.target;
  switch (target.target) {
    case "same-cloud": {
      const storage = new S3BackupStorage(name, args.store!, opts);
      return { target: "same-cloud", bucket: pulumi.output(storage.addCloudStorage.bucket), dialog: dialogOf(storage) };
    }
    case "minio": {
      const storage = args.minio!.factory(name, need.tags, opts);
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
    case "dr-copy":
      throw new Error(KUBERNETES_DR_COPY_REFUSAL);
  }
}
