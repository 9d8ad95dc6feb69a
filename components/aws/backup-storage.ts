/**
 * AnyBackup's "cloud storage" on AWS (product-facts.md §4): a tenant's own S3 bucket, private,
 * versioned, encrypted, TLS-only, kept when the tenant is removed, with credentials that reach
 * that bucket only. Its outputs are the fields of AnyBackup's "add cloud storage" dialog.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { DEFAULT_ABORT_INCOMPLETE_UPLOAD_DAYS, DEFAULT_BACKUP_LOCK_DAYS, DEFAULT_LOG_RETENTION_DAYS, retainedTags, TAG_KEYS, validated, type Tags } from "../core/index.js";
import { awsTags, stackScope } from "./naming.js";
import { EC2_TRUST_POLICY } from "./instance-role.js";
import { logBucket } from "./log-bucket.js";
import { accessLogDeliveryPolicy, bucketAccessPolicy, tlsOnlyBucketPolicy } from "./policies.js";

/** S3 Object Lock modes: `governance` (lifted only with s3:BypassGovernanceRetention, which the tenant's credentials never get), `compliance` (nobody, not even the account's root, can), `off`. */
export const OBJECT_LOCK_MODES = ["governance", "compliance", "off"] as const;
export type ObjectLockMode = (typeof OBJECT_LOCK_MODES)[number];

/** The storage type as AnyBackup's "add cloud storage" dialog names it (product-facts.md §4). */
export const ANYBACKUP_STORAGE_TYPE = "AWS (S3)";

export interface BackupStorageArgs {
  readonly tags: Tags;
  /** Days a replaced or deleted object version is kept before it expires. Not documented: required. */
  readonly noncurrentVersionExpirationDays: number;
  /** Default encryption: `kms` (SSE-KMS with a key of the tenant's own) or `s3` (SSE-S3). Default `kms`. */
  readonly encryption?: "kms" | "s3";
  /**
   * How the backup software authenticates: `access-key` (an IAM user and access key, what AnyBackup's
   * dialog asks for) or `role` (an EC2 role, for a consumer running in AWS). Default `access-key`.
   */
  readonly credentials?: "access-key" | "role";
  /** Days after which incomplete multipart uploads are aborted. Default 7 (Tenantry's choice, `DEFAULT_ABORT_INCOMPLETE_UPLOAD_DAYS`). */
  readonly abortIncompleteUploadDays?: number;
  /**
   * Immutable backups: S3 Object Lock with a default retention, so that no one holding the tenant's
   * credentials (ransomware included) can delete or overwrite a backup version before it ends.
   * Default `governance` for `DEFAULT_BACKUP_LOCK_DAYS` (30) days. Once on, a bucket's lock cannot
   * be turned off (S3's rule): `off` applies to new buckets only.
   */
  readonly objectLock?: { readonly mode: ObjectLockMode; readonly days?: number };
  /** Server access logs to a log bucket of the tenant's own. Default `true`. */
  readonly accessLogs?: boolean;
  /** Days the access logs are kept. Default 365 (Tenantry's choice). */
  readonly logRetentionDays?: number;
  /** With `access-key`: public CIDRs the key works from (`aws:SourceIp`). Default: anywhere. */
  readonly allowedSourceCidrs?: readonly string[];
  /** With `access-key`: VPC endpoint ids the key works through (`aws:SourceVpce`). Default: any. */
  readonly allowedVpcEndpoints?: readonly string[];
  /**
   * With `access-key`: the key's version. Raising it rotates the key: a new key is created, the
   * outputs carry it, and the old one is deleted in the same update (update AnyBackup's storage
   * settings with the new secret). Default 1.
   */
  readonly accessKeyVersion?: number;
  /** Keep the bucket, its configuration and its key when removed from the program. Default `true`. */
  readonly retainOnDelete?: boolean;
}

const argsSchema = z.object({
  noncurrentVersionExpirationDays: z.number().int().min(1),
  encryption: z.enum(["kms", "s3"]).default("kms"),
  credentials: z.enum(["access-key", "role"]).default("access-key"),
  abortIncompleteUploadDays: z.number().int().min(1).default(DEFAULT_ABORT_INCOMPLETE_UPLOAD_DAYS),
  objectLock: z.object({ mode: z.enum(OBJECT_LOCK_MODES), days: z.number().int().min(1).max(36500).default(DEFAULT_BACKUP_LOCK_DAYS) }).default({ mode: "governance", days: DEFAULT_BACKUP_LOCK_DAYS }),
  accessLogs: z.boolean().default(true),
  logRetentionDays: z.number().int().min(1).default(DEFAULT_LOG_RETENTION_DAYS),
  allowedSourceCidrs: z.array(z.cidrv4({ error: "must be an IPv4 CIDR" })).default([]),
  allowedVpcEndpoints: z.array(z.string().regex(/^vpce-[0-9a-f]{8,17}$/, { error: "must be a VPC endpoint id (vpce-...)" })).default([]),
  accessKeyVersion: z.number().int().min(1).default(1),
  retainOnDelete: z.boolean().default(true),
});

/** The fields of AnyBackup's "add cloud storage" dialog (product-facts.md §4: name, type, service host, access ID, access secret; plus the bucket). */
export interface AddCloudStorageFields {
  /** A name for the storage in AnyBackup: the component's name. */
  readonly name: string;
  readonly type: string;
  readonly serviceHost: pulumi.Output<string>;
  readonly bucket: pulumi.Output<string>;
  readonly accessId?: pulumi.Output<string>;
  /** A Pulumi secret. */
  readonly accessSecret?: pulumi.Output<string>;
}

export class BackupStorage extends pulumi.ComponentResource {
  public readonly bucketName: pulumi.Output<string>;
  public readonly bucketArn: pulumi.Output<string>;
  public readonly kmsKeyArn?: pulumi.Output<string>;
  /** With `credentials: "role"`: the role a consumer in AWS assumes. */
  public readonly roleArn?: pulumi.Output<string>;
  public readonly addCloudStorage: AddCloudStorageFields;
  /** The tenant's access-log bucket, when access logs are on. */
  public readonly logBucketName?: pulumi.Output<string>;

  constructor(name: string, args: BackupStorageArgs, opts?: pulumi.ComponentResourceOptions) {
    super("tenantry:aws:BackupStorage", name, {}, opts);
    const a = validated(argsSchema, args, `arguments of BackupStorage ${name}`, "args.");
    const parent = { parent: this };
    const kept = { parent: this, retainOnDelete: a.retainOnDelete };
    const tags = (suffix: string) => awsTags(args.tags, `${name}-${suffix}`);
    const keptTags = (suffix: string) => awsTags(retainedTags(args.tags, a.retainOnDelete), `${name}-${suffix}`);

    const bucket = new aws.s3.Bucket(`${name}-bucket`, { forceDestroy: false, tags: keptTags("bucket") }, kept);
    this.bucketName = bucket.bucket;
    this.bucketArn = bucket.arn;

    const publicAccess = new aws.s3.BucketPublicAccessBlock(
      `${name}-public-access`,
      { bucket: bucket.id, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true },
      kept,
    );
    new aws.s3.BucketOwnershipControls(`${name}-ownership`, { bucket: bucket.id, rule: { objectOwnership: "BucketOwnerEnforced" } }, kept);
    const versioning = new aws.s3.BucketVersioning(`${name}-versioning`, { bucket: bucket.id, versioningConfiguration: { status: "Enabled" } }, kept);

    let key: aws.kms.Key | undefined;
    if (a.encryption === "kms") {
      key = new aws.kms.Key(`${name}-key`, { description: `${name} backup storage (tenantry)`, enableKeyRotation: true, tags: keptTags("key") }, kept);
      new aws.kms.Alias(`${name}-key-alias`, { name: `alias/tenantry/${stackScope()}/${name}`, targetKeyId: key.keyId }, parent);
      this.kmsKeyArn = key.arn;
    }
    new aws.s3.BucketServerSideEncryptionConfiguration(
      `${name}-encryption`,
      {
        bucket: bucket.id,
        rules: [
          key
            ? { applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: key.arn }, bucketKeyEnabled: true }
            : { applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } },
        ],
      },
      kept,
    );
    new aws.s3.BucketLifecycleConfiguration(
      `${name}-lifecycle`,
      {
        bucket: bucket.id,
        rules: [
          {
            id: "expire-noncurrent-versions",
            status: "Enabled",
            filter: {},
            noncurrentVersionExpiration: { noncurrentDays: a.noncurrentVersionExpirationDays },
            abortIncompleteMultipartUpload: { daysAfterInitiation: a.abortIncompleteUploadDays },
          },
        ],
      },
      kept,
    );
    if (a.objectLock.mode !== "off") {
      // Works on new and existing versioned buckets; once on, S3 never lets it be turned off.
      new aws.s3.BucketObjectLockConfiguration(
        `${name}-object-lock`,
        { bucket: bucket.id, objectLockEnabled: "Enabled", rule: { defaultRetention: { mode: a.objectLock.mode.toUpperCase(), days: a.objectLock.days } } },
        { ...kept, dependsOn: [versioning] },
      );
    }
    if (a.accessLogs) {
      // The log bucket holds no licensed data: the tenant's tags without the licence terms.
      const { [TAG_KEYS.licence]: _l, [TAG_KEYS.licenceId]: _i, [TAG_KEYS.deduplication]: _d, ...logTags } = args.tags;
      this.logBucketName = this.accessLogging(name, bucket, a.logRetentionDays, a.retainOnDelete, logTags);
    }
    new aws.s3.BucketPolicy(
      `${name}-tls-only`,
      { bucket: bucket.id, policy: bucket.arn.apply((arn) => JSON.stringify(tlsOnlyBucketPolicy(arn))) },
      { ...kept, dependsOn: [publicAccess] },
    );

    const accessPolicy = new aws.iam.Policy(
      `${name}-access`,
      {
        description: `${name}: this bucket${key ? " and its key" : ""} only (tenantry)`,
        policy: pulumi
          .all([bucket.arn, key?.arn])
          .apply(([bucketArn, keyArn]) =>
            JSON.stringify(bucketAccessPolicy(bucketArn, keyArn, a.credentials === "access-key" ? { cidrs: a.allowedSourceCidrs, vpcEndpoints: a.allowedVpcEndpoints } : {})),
          ),
        tags: tags("access"),
      },
      parent,
    );

    const partition = aws.getPartitionOutput({}, parent);
    const region = aws.getRegionOutput({}, parent);
    const serviceHost = pulumi.interpolate`s3.${region.region}.${partition.dnsSuffix}`;

    if (a.credentials === "access-key") {
      const user = new aws.iam.User(`${name}-user`, { tags: tags("user") }, parent);
      new aws.iam.UserPolicyAttachment(`${name}-user-access`, { user: user.name, policyArn: accessPolicy.arn }, parent);
      // A new version is a new resource: created first, the old one deleted at the end of the update.
      const keyName = a.accessKeyVersion === 1 ? `${name}-access-key` : `${name}-access-key-v${a.accessKeyVersion}`;
      const accessKey = new aws.iam.AccessKey(keyName, { user: user.name }, { parent: this, additionalSecretOutputs: ["secret"] });
      this.addCloudStorage = {
        name,
        type: ANYBACKUP_STORAGE_TYPE,
        serviceHost,
        bucket: bucket.bucket,
        accessId: accessKey.id,
        accessSecret: pulumi.secret(accessKey.secret),
      };
    } else {
      const role = new aws.iam.Role(`${name}-role`, { assumeRolePolicy: JSON.stringify(EC2_TRUST_POLICY), tags: tags("role") }, parent);
      new aws.iam.RolePolicyAttachment(`${name}-role-access`, { role: role.name, policyArn: accessPolicy.arn }, parent);
      this.roleArn = role.arn;
      this.addCloudStorage = { name, type: ANYBACKUP_STORAGE_TYPE, serviceHost, bucket: bucket.bucket };
    }

    this.registerOutputs({
      logBucketName: this.logBucketName,
      bucketName: this.bucketName,
      bucketArn: this.bucketArn,
      kmsKeyArn: this.kmsKeyArn,
      roleArn: this.roleArn,
      addCloudStorage: this.addCloudStorage,
    });
  }

  /**
   * A log bucket of the tenant's own receives the bucket's server access logs ({@link logBucket}),
   * written only by S3's log delivery for this bucket.
   */
  private accessLogging(name: string, source: aws.s3.Bucket, retentionDays: number, retain: boolean, tags: Tags): pulumi.Output<string> {
    const account = aws.getCallerIdentityOutput({}, { parent: this }).accountId;
    const { bucket: logs } = logBucket(this, `${name}-logs`, {
      retentionDays,
      retainOnDelete: retain,
      tags,
      policy: (logsArn) => pulumi.all([logsArn, source.arn, account]).apply(([arn, sourceArn, acct]) => JSON.stringify(accessLogDeliveryPolicy(arn, sourceArn, acct))),
    });
    new aws.s3.BucketLogging(`${name}-access-logs`, { bucket: source.id, targetBucket: logs.id, targetPrefix: "s3-access/" }, { parent: this, retainOnDelete: retain });
    return logs.bucket;
  }
}
