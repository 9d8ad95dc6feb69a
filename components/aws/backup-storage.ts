/**
 * AnyBackup's "cloud storage" on AWS (product-facts.md §4): a tenant's own S3 bucket, private,
 * versioned, encrypted, TLS-only, kept when the tenant is removed, with credentials that reach
 * that bucket only. Its outputs are the fields of AnyBackup's "add cloud storage" dialog.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { retainedTags, validated, type Tags } from "../core/index.js";
import { awsTags, stackScope } from "./naming.js";
import { EC2_TRUST_POLICY } from "./instance-role.js";
import { bucketAccessPolicy, tlsOnlyBucketPolicy } from "./policies.js";

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
  /** Days after which incomplete multipart uploads are aborted. Default: no such rule. */
  readonly abortIncompleteUploadDays?: number;
  /** Keep the bucket, its configuration and its key when removed from the program. Default `true`. */
  readonly retainOnDelete?: boolean;
}

const argsSchema = z.object({
  noncurrentVersionExpirationDays: z.number().int().min(1),
  encryption: z.enum(["kms", "s3"]).default("kms"),
  credentials: z.enum(["access-key", "role"]).default("access-key"),
  abortIncompleteUploadDays: z.number().int().min(1).optional(),
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
    new aws.s3.BucketVersioning(`${name}-versioning`, { bucket: bucket.id, versioningConfiguration: { status: "Enabled" } }, kept);

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
            ...(a.abortIncompleteUploadDays ? { abortIncompleteMultipartUpload: { daysAfterInitiation: a.abortIncompleteUploadDays } } : {}),
          },
        ],
      },
      kept,
    );
    new aws.s3.BucketPolicy(
      `${name}-tls-only`,
      { bucket: bucket.id, policy: bucket.arn.apply((arn) => JSON.stringify(tlsOnlyBucketPolicy(arn))) },
      { ...kept, dependsOn: [publicAccess] },
    );

    const accessPolicy = new aws.iam.Policy(
      `${name}-access`,
      {
        description: `${name}: this bucket${key ? " and its key" : ""} only (tenantry)`,
        policy: pulumi.all([bucket.arn, key?.arn]).apply(([bucketArn, keyArn]) => JSON.stringify(bucketAccessPolicy(bucketArn, keyArn))),
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
      const accessKey = new aws.iam.AccessKey(`${name}-access-key`, { user: user.name }, { parent: this, additionalSecretOutputs: ["secret"] });
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
      bucketName: this.bucketName,
      bucketArn: this.bucketArn,
      kmsKeyArn: this.kmsKeyArn,
      roleArn: this.roleArn,
      addCloudStorage: this.addCloudStorage,
    });
  }
}
