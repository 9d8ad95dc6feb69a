/** Object Storage Service: buckets and bucket policies. */
import type * as pulumi from "@pulumi/pulumi";
import { HuaweiResource } from "./plugin.js";

export interface BucketLifecycleRule {
  name: pulumi.Input<string>;
  enabled: pulumi.Input<boolean>;
  prefix?: pulumi.Input<string>;
  expirations?: pulumi.Input<pulumi.Input<{ days: pulumi.Input<number> }>[]>;
  noncurrentVersionExpirations?: pulumi.Input<pulumi.Input<{ days: pulumi.Input<number> }>[]>;
  abortIncompleteMultipartUploads?: pulumi.Input<pulumi.Input<{ days: pulumi.Input<number> }>[]>;
}

export interface BucketLogging {
  /** The bucket the access logs go to (same region and account). */
  targetBucket: pulumi.Input<string>;
  /** The prefix of the log objects' names. */
  targetPrefix?: pulumi.Input<string>;
  /** The IAM agency OBS writes the logs through (it needs `obs:object:PutObject` on the target bucket). */
  agency?: pulumi.Input<string>;
}

export interface BucketArgs {
  /** Globally unique, 3-63 characters; not auto-named; forces replacement. */
  bucket: pulumi.Input<string>;
  /** `private` (default), `public-read`, `public-read-write`, `log-delivery-write`. */
  acl?: pulumi.Input<string>;
  /** `STANDARD` (default), `WARM`, `COLD`. */
  storageClass?: pulumi.Input<string>;
  /** Once enabled, versioning can only be suspended. */
  versioning?: pulumi.Input<boolean>;
  /** Default server-side encryption. */
  encryption?: pulumi.Input<boolean>;
  /** `kms` or `AES256` (SSE-OBS). */
  sseAlgorithm?: pulumi.Input<string>;
  kmsKeyId?: pulumi.Input<string>;
  kmsKeyProjectId?: pulumi.Input<string>;
  lifecycleRules?: pulumi.Input<pulumi.Input<BucketLifecycleRule>[]>;
  /** Access logs into a target bucket, written by OBS through an agency. */
  loggings?: pulumi.Input<pulumi.Input<BucketLogging>[]>;
  /** Delete every object when the bucket is destroyed. */
  forceDestroy?: pulumi.Input<boolean>;
  multiAz?: pulumi.Input<boolean>;
  enterpriseProjectId?: pulumi.Input<string>;
  region?: pulumi.Input<string>;
  tags?: pulumi.Input<{ [key: string]: pulumi.Input<string> }>;
}

/** `huaweicloud_obs_bucket`. `id` is the bucket name. */
export class Bucket extends HuaweiResource {
  static readonly __pulumiType = "huaweicloud:Obs/bucket:Bucket";
  declare readonly bucket: pulumi.Output<string>;
  declare readonly bucketDomainName: pulumi.Output<string>;

  constructor(name: string, args: BucketArgs, opts?: pulumi.CustomResourceOptions) {
    super(Bucket.__pulumiType, name, args, { outputs: ["bucket", "bucketDomainName"] }, opts);
  }
}

export interface BucketPolicyArgs {
  bucket: pulumi.Input<string>;
  /** The policy document (JSON). */
  policy: pulumi.Input<string>;
  /** `obs` (default) or `s3`. */
  policyFormat?: pulumi.Input<string>;
  region?: pulumi.Input<string>;
}

/** `huaweicloud_obs_bucket_policy`. */
export class BucketPolicy extends HuaweiResource {
  static readonly __pulumiType = "huaweicloud:Obs/bucketPolicy:BucketPolicy";

  constructor(name: string, args: BucketPolicyArgs, opts?: pulumi.CustomResourceOptions) {
    super(BucketPolicy.__pulumiType, name, args, { outputs: [] }, opts);
  }
}
