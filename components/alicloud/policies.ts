/**
 * RAM and OSS policy documents for tenant storage, as pure functions of names so that tests can
 * read them (Alibaba policies use `"Version": "1"`).
 */

export interface AlicloudStatement {
  Effect: "Allow" | "Deny";
  Action: string[];
  Resource: string[];
  Principal?: string[];
  Condition?: Record<string, Record<string, string[]>>;
}

export interface AlicloudPolicyDocument {
  Version: "1";
  Statement: AlicloudStatement[];
}

/** Bucket-level actions a backup client needs: list the bucket, read its location and uploads. */
export const OSS_BUCKET_ACTIONS = ["oss:ListObjects", "oss:GetBucketLocation", "oss:ListMultipartUploads"] as const;
/** Object-level actions: read, write, delete (backup retention), multipart uploads. */
export const OSS_OBJECT_ACTIONS = ["oss:GetObject", "oss:PutObject", "oss:DeleteObject", "oss:AbortMultipartUpload", "oss:ListParts"] as const;
/** What a client needs of the bucket's KMS key for SSE-KMS objects. */
export const KMS_ACTIONS = ["kms:Encrypt", "kms:Decrypt", "kms:GenerateDataKey", "kms:DescribeKey"] as const;

/** What the tenant's own credentials may never do: delete versions for good, or lift the retention and versioning that keep them. */
export const OSS_PERMANENT_DELETE_ACTIONS = [
  "oss:DeleteObjectVersion",
  "oss:PutBucketVersioning",
  "oss:AbortBucketWorm",
  "oss:PutBucketLifecycle",
  "oss:DeleteBucketLifecycle",
  "oss:PutBucketPolicy",
  "oss:DeleteBucketPolicy",
  "oss:DeleteBucket",
] as const;

/** Where a tenant's storage credentials may be used from; empty lists mean anywhere. */
export interface AlicloudSourceRestriction {
  /** Source CIDRs (`acs:SourceIp`). */
  readonly cidrs?: readonly string[];
  /** VPC ids (`acs:SourceVpc`), for a backup server inside Alibaba Cloud. */
  readonly vpcs?: readonly string[];
}

/**
 * The RAM policy of a tenant's storage credentials: that bucket, its objects and its key; nothing
 * else. Versions are never deleted for good, and with `source` the credentials work only from the
 * tenant's networks (OSS only: OSS calls KMS on the caller's behalf, and the KMS statement names
 * the tenant's key alone).
 */
export function ramBucketAccessPolicy(bucket: string, kmsKeyId?: string, source: AlicloudSourceRestriction = {}): AlicloudPolicyDocument {
  const statements: AlicloudStatement[] = [
    { Effect: "Allow", Action: [...OSS_BUCKET_ACTIONS], Resource: [`acs:oss:*:*:${bucket}`] },
    { Effect: "Allow", Action: [...OSS_OBJECT_ACTIONS], Resource: [`acs:oss:*:*:${bucket}/*`] },
  ];
  if (kmsKeyId) statements.push({ Effect: "Allow", Action: [...KMS_ACTIONS], Resource: [`acs:kms:*:*:key/${kmsKeyId}`] });
  statements.push({ Effect: "Deny", Action: [...OSS_PERMANENT_DELETE_ACTIONS], Resource: [`acs:oss:*:*:${bucket}`, `acs:oss:*:*:${bucket}/*`] });
  const cidrs = source.cidrs ?? [];
  const vpcs = source.vpcs ?? [];
  if (cidrs.length || vpcs.length) {
    statements.push({
      Effect: "Deny",
      Action: ["oss:*"],
      Resource: [`acs:oss:*:*:${bucket}`, `acs:oss:*:*:${bucket}/*`],
      Condition: { ...(cidrs.length ? { NotIpAddress: { "acs:SourceIp": [...cidrs] } } : {}), ...(vpcs.length ? { StringNotEquals: { "acs:SourceVpc": [...vpcs] } } : {}) },
    });
  }
  return { Version: "1", Statement: statements };
}

/**
 * Reads no RAM policy can confine to one tenant's resources in a shared account (list and metric
 * APIs without resource-level authorization): granted to the ops server only, listed by the
 * isolation proof as documented exceptions, gone with an account per tenant.
 */
export const ALICLOUD_UNSCOPABLE_READS: Readonly<Record<string, string>> = {
  "ecs:DescribeInstances": "instance inventory and state",
  "ecs:DescribeInstanceStatus": "instance state",
  "ecs:DescribeDisks": "disk state",
  "cms:DescribeMetricList": "metric values",
  "cms:DescribeMetricLast": "latest metric values",
  "cms:DescribeMetricRuleList": "alarm rules",
  "cms:DescribeAlertHistoryList": "alarm history",
};

/**
 * The ops server's read-only monitoring of its own tenant: its databases (by the tenant tag,
 * `acs:ResourceTag`), plus the unscopable reads. Replaces the system policies
 * `AliyunECSReadOnlyAccess`, `AliyunRDSReadOnlyAccess`, `AliyunVPCReadOnlyAccess` and
 * `AliyunCloudMonitorReadOnlyAccess`, which read every tenant's resources.
 */
export function ramOpsMonitoringPolicy(account: string, tenant: string): AlicloudPolicyDocument {
  return {
    Version: "1",
    Statement: [
      { Effect: "Allow", Action: Object.keys(ALICLOUD_UNSCOPABLE_READS), Resource: ["*"] },
      {
        Effect: "Allow",
        Action: ["rds:DescribeDBInstanceAttribute", "rds:DescribeDBInstancePerformance", "rds:DescribeSlowLogs", "rds:DescribeErrorLogs"],
        Resource: [`acs:rds:*:${account}:dbinstance/*`],
        Condition: { StringEquals: { "acs:ResourceTag/tenantry:tenant": [tenant] } },
      },
    ],
  };
}

/** The bucket policy: every request over plain HTTP is denied, whoever makes it. */
export function tlsOnlyOssBucketPolicy(bucket: string, accountId: string): AlicloudPolicyDocument {
  return {
    Version: "1",
    Statement: [
      {
        Effect: "Deny",
        Principal: ["*"],
        Action: ["oss:*"],
        Resource: [`acs:oss:*:${accountId}:${bucket}`, `acs:oss:*:${accountId}:${bucket}/*`],
        Condition: { Bool: { "acs:SecureTransport": ["false"] } },
      },
    ],
  };
}
