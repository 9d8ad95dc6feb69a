/**
 * AnyBackup's cloud storage on a MinIO server the provider runs on premises (product-facts.md §4:
 * the storage-services vendor sells S3-compatible software-defined storage to backup products): a
 * bucket of the tenant's own, versioned, private, refusing requests without TLS and, with a key of
 * the server's KMS, encrypted by default; a MinIO user of its own whose policy reaches that bucket
 * only, and the dialog fields for it. Usable alone, with any MinIO provider (the stack's
 * default one is configured with `minio:minioServer`, `minio:minioUser`, `minio:minioPassword`,
 * `minio:minioSsl`).
 */
import * as minio from "@pulumi/minio";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { z } from "zod";
import type { MinioServer, MinioStorageFactory } from "./factory.js";
import { endpointProblems, serviceHostOf, STORAGE_TYPES, validated, type AddCloudStorageDialog, type StorageType, type Tags } from "../core/index.js";

/** MinIO's secret keys are 8 to 40 characters; Tenantry uses the longest. */
export const MINIO_SECRET_LENGTH = 40;

export interface MinioBackupStorageArgs {
  /** The MinIO server as AnyBackup reaches it: `https://host[:port]` (TLS required). */
  readonly endpoint: string;
  /**
   * The dialog's type for this store. The documents do not list MinIO among the dialog's types:
   * the operator chooses the one the vendor advises (e.g. `AnyShare Universal (S3)`).
   */
  readonly storageType: StorageType;
  /** The bucket's name on the server: 3 to 63 lowercase letters, digits and hyphens. */
  readonly bucketName: string;
  /** Tags of the MinIO user (MinIO buckets and policies take none). Default: none. */
  readonly tags?: Tags;
  /**
   * The key of the MinIO server's KMS (KES) that encrypts the bucket's objects by default (SSE-KMS).
   * Default: none, and then the bucket has no default encryption (the security pack's
   * storage-encrypted rule reports it): MinIO encrypts only with a KMS, which the server must have.
   */
  readonly kmsKeyId?: string;
  /** Keep the bucket and its settings (versioning, encryption, TLS-only policy) when removed from the program. Default `true`. */
  readonly retainOnDelete?: boolean;
}

const argsSchema = z.object({
  endpoint: z.string().superRefine((value, ctx) => {
    for (const message of endpointProblems(value)) ctx.addIssue({ code: "custom", message, input: value });
  }),
  storageType: z.enum(STORAGE_TYPES),
  bucketName: z.string().regex(/^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/, { error: "must be 3 to 63 lowercase letters, digits and hyphens" }),
  kmsKeyId: z.string().min(1).optional(),
  retainOnDelete: z.boolean().default(true),
});

/**
 * The policy of the tenant's MinIO user (AWS IAM syntax, which MinIO uses): that bucket and its
 * objects, nothing else.
 */
export function minioBucketPolicy(bucket: string) {
  return {
    Version: "2012-10-17",
    Statement: [
      { Sid: "Bucket", Effect: "Allow", Action: ["s3:ListBucket", "s3:GetBucketLocation", "s3:ListBucketMultipartUploads"], Resource: [`arn:aws:s3:::${bucket}`] },
      {
        Sid: "Objects",
        Effect: "Allow",
        Action: ["s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:AbortMultipartUpload", "s3:ListMultipartUploadParts"],
        Resource: [`arn:aws:s3:::${bucket}/*`],
      },
    ],
  };
}

/** The bucket policy that refuses every request made without TLS (`aws:SecureTransport`, which MinIO's policies support). */
export function minioTlsOnlyPolicy(bucket: string) {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "TlsOnly",
        Effect: "Deny",
        Principal: { AWS: ["*"] },
        Action: ["s3:*"],
        Resource: [`arn:aws:s3:::${bucket}`, `arn:aws:s3:::${bucket}/*`],
        Condition: { Bool: { "aws:SecureTransport": "false" } },
      },
    ],
  };
}

/** The factory a cloud's tenant uses for `minio` targets: one MinioBackupStorage per tenant on `server`. */
export function minioStorageFactory(server: MinioServer, provider?: pulumi.ProviderResource): MinioStorageFactory {
  return (name, tags, opts) =>
    new MinioBackupStorage(name, { endpoint: server.endpoint, storageType: server.storageType, bucketName: name, tags, ...(server.kmsKeyId ? { kmsKeyId: server.kmsKeyId } : {}) }, { ...opts, ...(provider ? { providers: [provider] } : {}) });
}

export class MinioBackupStorage extends pulumi.ComponentResource {
  public readonly bucketName: pulumi.Output<string>;
  public readonly dialog: AddCloudStorageDialog<pulumi.Output<string>>;

  constructor(name: string, args: MinioBackupStorageArgs, opts?: pulumi.ComponentResourceOptions) {
    super("tenantry:minio:BackupStorage", name, {}, opts);
    const a = validated(argsSchema, args, `arguments of MinioBackupStorage ${name}`, "args.");
    const parent = { parent: this };
    const kept = { parent: this, retainOnDelete: a.retainOnDelete };

    const bucket = new minio.S3Bucket(`${name}-bucket`, { bucket: a.bucketName, acl: "private", forceDestroy: false }, kept);
    new minio.S3BucketVersioning(`${name}-versioning`, { bucket: bucket.bucket, versioningConfiguration: { status: "Enabled" } }, kept);
    if (a.kmsKeyId) new minio.S3BucketServerSideEncryption(`${name}-encryption`, { bucket: bucket.bucket, encryptionType: "aws:kms", kmsKeyId: a.kmsKeyId }, kept);
    new minio.S3BucketPolicy(`${name}-tls-only`, { bucket: bucket.bucket, policy: bucket.bucket.apply((b) => JSON.stringify(minioTlsOnlyPolicy(b))) }, kept);
    const policy = new minio.IamPolicy(`${name}-access`, { name: `${a.bucketName}-access`, policy: bucket.bucket.apply((b) => JSON.stringify(minioBucketPolicy(b))) }, parent);
    const secret = new random.RandomPassword(`${name}-secret`, { length: MINIO_SECRET_LENGTH, special: false }, parent);
    const user = new minio.IamUser(
      `${name}-user`,
      { name: a.bucketName, secret: secret.result, ...(args.tags ? { tags: { ...args.tags } } : {}) },
      { parent: this, additionalSecretOutputs: ["secret"] },
    );
    new minio.IamUserPolicyAttachment(`${name}-user-access`, { userName: user.name, policyName: policy.name }, parent);

    this.bucketName = bucket.bucket;
    this.dialog = {
      name,
      type: a.storageType,
      serviceHost: pulumi.output(serviceHostOf(a.endpoint)),
      accessId: user.name,
      accessSecret: pulumi.secret(secret.result),
    };
    this.registerOutputs({ bucketName: this.bucketName, dialog: this.dialog });
  }
}
