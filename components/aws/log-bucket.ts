/**
 * A tenant's log buckets on AWS: private, SSE-S3 (the only encryption S3 server access logging and
 * Application Load Balancer access logs take), versioned, TLS-only, logs expiring after their
 * retention, retained on delete. {@link logBucket} makes one (the backup storage's server access
 * logs use it); {@link EntryLogBucket} is the one the tenant's load balancers write to (core
 * `AccessLogNeed`): a bucket of its own, so that it exists whether or not the tenant has backup
 * storage, and so that no backup-storage setting can switch it off.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { DEFAULT_ABORT_INCOMPLETE_UPLOAD_DAYS, retainedTags, validated, type Tags } from "../core/index.js";
import { awsTags } from "./naming.js";
import { ELB_LOG_PREFIX, elbLogDeliveryPolicy } from "./policies.js";

export interface LogBucketSettings {
  /** Days a log object is kept. */
  readonly retentionDays: number;
  readonly retainOnDelete: boolean;
  /** The bucket's tags (without `Name`, which each resource gets from its name). */
  readonly tags: Tags;
  /** The bucket policy, given the bucket's ARN: TLS only plus who may deliver logs. */
  readonly policy: (bucketArn: pulumi.Output<string>) => pulumi.Input<string>;
}

/**
 * The resources of a log bucket, named `<base>`, `<base>-public-access`, `-ownership`,
 * `-versioning`, `-encryption`, `-lifecycle` and `-policy` under `parent` (the names the backup
 * storage's log bucket has had since it was released). No object lock: S3 cannot deliver logs into
 * a locked bucket. Returns the bucket and its policy (log delivery checks the policy when logging
 * is switched on, so whatever switches it on waits for it).
 */
export function logBucket(parent: pulumi.Resource, base: string, s: LogBucketSettings): { bucket: aws.s3.Bucket; policy: aws.s3.BucketPolicy } {
  const kept = { parent, retainOnDelete: s.retainOnDelete };
  const bucket = new aws.s3.Bucket(base, { forceDestroy: false, tags: awsTags(retainedTags(s.tags, s.retainOnDelete), base) }, kept);
  const block = new aws.s3.BucketPublicAccessBlock(
    `${base}-public-access`,
    { bucket: bucket.id, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true },
    kept,
  );
  new aws.s3.BucketOwnershipControls(`${base}-ownership`, { bucket: bucket.id, rule: { objectOwnership: "BucketOwnerEnforced" } }, kept);
  new aws.s3.BucketVersioning(`${base}-versioning`, { bucket: bucket.id, versioningConfiguration: { status: "Enabled" } }, kept);
  new aws.s3.BucketServerSideEncryptionConfiguration(`${base}-encryption`, { bucket: bucket.id, rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }] }, kept);
  new aws.s3.BucketLifecycleConfiguration(
    `${base}-lifecycle`,
    {
      bucket: bucket.id,
      rules: [
        {
          id: "expire-logs",
          status: "Enabled",
          filter: {},
          expiration: { days: s.retentionDays },
          noncurrentVersionExpiration: { noncurrentDays: 1 },
          abortIncompleteMultipartUpload: { daysAfterInitiation: DEFAULT_ABORT_INCOMPLETE_UPLOAD_DAYS },
        },
      ],
    },
    kept,
  );
  const policy = new aws.s3.BucketPolicy(`${base}-policy`, { bucket: bucket.id, policy: s.policy(bucket.arn) }, { ...kept, dependsOn: [block] });
  return { bucket, policy };
}

export interface EntryLogBucketArgs {
  /** The tenant's tags (core `AccessLogNeed.tags`). */
  readonly tags: Tags;
  /** Days the access logs are kept (core `AccessLogNeed.retentionDays`). */
  readonly retentionDays: number;
  /** Keep the bucket and its logs when removed from the program. Default `true`. */
  readonly retainOnDelete?: boolean;
}

const argsSchema = z.object({ retentionDays: z.number().int().min(1), retainOnDelete: z.boolean().default(true) });

/**
 * The bucket a tenant's load balancers write their access logs to, each under
 * `elb/<entry point key>/`. Its policy lets Elastic Load Balancing's log delivery for the region
 * (service principal, and the region's ELB account where AWS documents one) and, for Network Load
 * Balancers, CloudWatch Logs' log delivery write there for the tenant's account only.
 */
export class EntryLogBucket extends pulumi.ComponentResource {
  public readonly bucketName: pulumi.Output<string>;
  /** What a load balancer's logging must wait for: the bucket policy (ELB tests its write access when logging is switched on). */
  public readonly ready: pulumi.Resource;

  constructor(name: string, args: EntryLogBucketArgs, opts?: pulumi.ComponentResourceOptions) {
    super("tenantry:aws:EntryLogBucket", name, {}, opts);
    const a = validated(argsSchema, args, `arguments of EntryLogBucket ${name}`, "args.");
    const parent = { parent: this };
    const scope = pulumi.all([aws.getPartitionOutput({}, parent).partition, aws.getRegionOutput({}, parent).region, aws.getCallerIdentityOutput({}, parent).accountId]);
    const { bucket, policy } = logBucket(this, `${name}-bucket`, {
      retentionDays: a.retentionDays,
      retainOnDelete: a.retainOnDelete,
      tags: args.tags,
      policy: (arn) => pulumi.all([arn, scope]).apply(([bucketArn, [partition, region, account]]) => JSON.stringify(elbLogDeliveryPolicy(bucketArn, { partition, region, account }))),
    });
    this.bucketName = bucket.bucket;
    this.ready = policy;
    this.registerOutputs({ bucketName: this.bucketName });
  }
}

/** The prefix a load balancer writes its access logs under in the tenant's {@link EntryLogBucket}. */
export const entryLogPrefix = (entryPointKey: string) => `${ELB_LOG_PREFIX}/${entryPointKey}`;
