/**
 * AnyBackup's "cloud storage" on Alibaba Cloud (product-facts.md §4): a tenant's own OSS bucket,
 * private, versioned, encrypted with a KMS key of its own, TLS-only, kept when the tenant is
 * removed, with a RAM user whose policy reaches that bucket only. Its outputs are the fields of
 * AnyBackup's "add cloud storage" dialog, for the S3-compatible endpoint.
 */
import * as alicloud from "@pulumi/alicloud";
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import {
  DEFAULT_ABORT_INCOMPLETE_UPLOAD_DAYS,
  DEFAULT_BACKUP_LOCK_DAYS,
  DEFAULT_LOG_RETENTION_DAYS,
  KEY_ROTATION_DAYS,
  retainedTags,
  TAG_KEYS,
  validated,
  type Tags,
} from "../core/index.js";
import { ramBucketAccessPolicy, tlsOnlyOssBucketPolicy } from "./policies.js";
import { stackScope } from "./naming.js";

/** The storage type as AnyBackup's "add cloud storage" dialog names it (product-facts.md §4). */
export const ANYBACKUP_STORAGE_TYPE = "Alibaba public cloud (S3)";

export interface AlicloudBackupStorageArgs {
  readonly tags: Tags;
  /** Days a replaced or deleted object version is kept before it expires. Not documented: required. */
  readonly noncurrentVersionExpirationDays: number;
  /** `kms` (SSE-KMS with a key of the tenant's own) or `oss` (OSS-managed AES256). Default `kms`. */
  readonly encryption?: "kms" | "oss";
  /** Days after which incomplete multipart uploads are aborted. Default 7 (Tenantry's choice). */
  readonly abortIncompleteUploadDays?: number;
  /**
   * Immutable backups: an OSS retention policy (WORM), locked, keeping every object version for
   * this many days; `0` for none (new buckets only: a locked policy cannot be removed). Default 30.
   */
  readonly wormDays?: number;
  /** Access logs into a log bucket of the tenant's own. Default `true`. */
  readonly accessLogs?: boolean;
  /** CIDRs the access key works from (`acs:SourceIp`). Default: anywhere. */
  readonly allowedSourceCidrs?: readonly string[];
  /** VPC ids the access key works from (`acs:SourceVpc`). Default: any. */
  readonly allowedVpcs?: readonly string[];
  /** The access key's version: raising it rotates the key (a new one, then the old one deleted). Default 1. */
  readonly accessKeyVersion?: number;
  /** Keep the bucket, its settings and its key when removed from the program. Default `true`. */
  readonly retainOnDelete?: boolean;
}

const argsSchema = z.object({
  noncurrentVersionExpirationDays: z.number().int().min(1),
  encryption: z.enum(["kms", "oss"]).default("kms"),
  abortIncompleteUploadDays: z.number().int().min(1).default(DEFAULT_ABORT_INCOMPLETE_UPLOAD_DAYS),
  wormDays: z.number().int().min(0).max(25550).default(DEFAULT_BACKUP_LOCK_DAYS),
  accessLogs: z.boolean().default(true),
  allowedSourceCidrs: z.array(z.cidrv4({ error: "must be an IPv4 CIDR" })).default([]),
  allowedVpcs: z.array(z.string().regex(/^vpc-[0-9a-z]+$/, { error: "must be a VPC id (vpc-...)" })).default([]),
  accessKeyVersion: z.number().int().min(1).default(1),
  retainOnDelete: z.boolean().default(true),
});

export interface AlicloudAddCloudStorageFields {
  /** A name for the storage in AnyBackup: the component's name. */
  readonly name: string;
  readonly type: string;
  readonly serviceHost: pulumi.Output<string>;
  readonly bucket: pulumi.Output<string>;
  readonly accessId: pulumi.Output<string>;
  /** A Pulumi secret. */
  readonly accessSecret: pulumi.Output<string>;
}

export class AlicloudBackupStorage extends pulumi.ComponentResource {
  public readonly bucketName: pulumi.Output<string>;
  public readonly kmsKeyId?: pulumi.Output<string>;
  /** The tenant's access-log bucket, when access logs are on. */
  public readonly logBucketName?: pulumi.Output<string>;
  public readonly addCloudStorage: AlicloudAddCloudStorageFields;

  constructor(name: string, args: AlicloudBackupStorageArgs, opts?: pulumi.ComponentResourceOptions) {
    super("tenantry:alicloud:BackupStorage", name, {}, opts);
    const a = validated(argsSchema, args, `arguments of AlicloudBackupStorage ${name}`, "args.");
    const parent = { parent: this };
    const kept = { parent: this, retainOnDelete: a.retainOnDelete };

    let key: alicloud.kms.Key | undefined;
    if (a.encryption === "kms") {
      key = new alicloud.kms.Key(
        `${name}-key`,
        { description: `${name} backup storage (tenantry)`, keySpec: "Aliyun_AES_256", keyUsage: "ENCRYPT/DECRYPT", automaticRotation: "Enabled", rotationInterval: `${KEY_ROTATION_DAYS}d`, tags: retainedTags(args.tags, a.retainOnDelete) },
        kept,
      );
      this.kmsKeyId = key.id;
    }
    const bucket = new alicloud.oss.Bucket(
      `${name}-bucket`,
      {
        storageClass: "Standard",
        forceDestroy: false,
        versioning: { status: "Enabled" },
        serverSideEncryptionRule: key ? { sseAlgorithm: "KMS", kmsMasterKeyId: key.id } : { sseAlgorithm: "AES256" },
        lifecycleRules: [
          {
            id: "expire-noncurrent-versions",
            enabled: true,
            noncurrentVersionExpirations: [{ days: a.noncurrentVersionExpirationDays }],
            abortMultipartUploads: [{ days: a.abortIncompleteUploadDays }],
          },
        ],
        tags: retainedTags(args.tags, a.retainOnDelete),
      },
      kept,
    );
    this.bucketName = bucket.bucket;
    if (a.wormDays > 0) {
      // Locked at once: OSS drops a retention policy left unlocked for 24 hours. Versioning stays on (OSS allows both).
      new alicloud.oss.BucketWorm(`${name}-worm`, { bucket: bucket.bucket, retentionPeriodInDays: a.wormDays, status: "Locked" }, kept);
    }
    if (a.accessLogs) {
      // The log bucket holds no licensed data: the tenant's tags without the licence terms.
      const { [TAG_KEYS.licence]: _l, [TAG_KEYS.licenceId]: _i, [TAG_KEYS.deduplication]: _d, ...logTags } = args.tags;
      const logs = new alicloud.oss.Bucket(
        `${name}-logs`,
        {
          storageClass: "Standard",
          forceDestroy: false,
          versioning: { status: "Enabled" },
          serverSideEncryptionRule: { sseAlgorithm: "AES256" },
          lifecycleRules: [
            {
              id: "expire-logs",
              enabled: true,
              expirations: [{ days: DEFAULT_LOG_RETENTION_DAYS }],
              noncurrentVersionExpirations: [{ days: 1 }],
              abortMultipartUploads: [{ days: DEFAULT_ABORT_INCOMPLETE_UPLOAD_DAYS }],
            },
          ],
          tags: retainedTags(logTags, a.retainOnDelete),
        },
        kept,
      );
      new alicloud.oss.BucketAcl(`${name}-logs-acl`, { bucket: logs.bucket, acl: "private" }, kept);
      new alicloud.oss.BucketPublicAccessBlock(`${name}-logs-public-access`, { bucket: logs.bucket, blockPublicAccess: true }, kept);
      const logAccount = alicloud.getAccountOutput(parent);
      new alicloud.oss.BucketPolicy(
        `${name}-logs-tls-only`,
        { bucket: logs.bucket, policy: pulumi.all([logs.bucket, logAccount.id]).apply(([b, acct]) => JSON.stringify(tlsOnlyOssBucketPolicy(b, acct))) },
        kept,
      );
      new alicloud.oss.BucketLogging(`${name}-access-logs`, { bucket: bucket.bucket, targetBucket: logs.bucket, targetPrefix: "oss-access/" }, kept);
      this.logBucketName = logs.bucket;
    }
    new alicloud.oss.BucketAcl(`${name}-acl`, { bucket: bucket.bucket, acl: "private" }, kept);
    new alicloud.oss.BucketPublicAccessBlock(`${name}-public-access`, { bucket: bucket.bucket, blockPublicAccess: true }, kept);
    const account = alicloud.getAccountOutput(parent);
    new alicloud.oss.BucketPolicy(
      `${name}-tls-only`,
      { bucket: bucket.bucket, policy: pulumi.all([bucket.bucket, account.id]).apply(([b, acct]) => JSON.stringify(tlsOnlyOssBucketPolicy(b, acct))) },
      kept,
    );

    const policy = new alicloud.ram.Policy(
      `${name}-access`,
      {
        policyName: `tenantry-${stackScope()}-${name}`,
        description: `${name}: this bucket${key ? " and its key" : ""} only (tenantry)`,
        policyDocument: pulumi
          .all([bucket.bucket, key?.id])
          .apply(([b, k]) => JSON.stringify(ramBucketAccessPolicy(b, k, { cidrs: a.allowedSourceCidrs, vpcs: a.allowedVpcs }))),
      },
      parent,
    );
    const user = new alicloud.ram.User(`${name}-user`, { displayName: `${name} (tenantry)`, comments: "AnyBackup cloud storage credentials" }, parent);
    new alicloud.ram.UserPolicyAttachment(`${name}-user-access`, { policyName: policy.policyName, policyType: "Custom", userName: user.name }, parent);
    // A new version is a new resource: created first, the old one deleted at the end of the update.
    const keyName = a.accessKeyVersion === 1 ? `${name}-access-key` : `${name}-access-key-v${a.accessKeyVersion}`;
    const accessKey = new alicloud.ram.AccessKey(keyName, { userName: user.name }, { parent: this, additionalSecretOutputs: ["secret"] });

    const region = alicloud.getRegionsOutput({ current: true }, parent).regions.apply((r) => r[0]!.id);
    this.addCloudStorage = {
      name,
      type: ANYBACKUP_STORAGE_TYPE,
      serviceHost: pulumi.interpolate`s3.oss-${region}.aliyuncs.com`,
      bucket: bucket.bucket,
      accessId: accessKey.id,
      accessSecret: pulumi.secret(accessKey.secret),
    };
    this.registerOutputs({ bucketName: this.bucketName, kmsKeyId: this.kmsKeyId, addCloudStorage: this.addCloudStorage });
  }
}
