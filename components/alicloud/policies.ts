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

/** The RAM policy of a tenant's storage credentials: that bucket, its objects and its key; nothing else. */
export function ramBucketAccessPolicy(bucket: string, kmsKeyId?: string): AlicloudPolicyDocument {
  const statements: AlicloudStatement[] = [
    { Effect: "Allow", Action: [...OSS_BUCKET_ACTIONS], Resource: [`acs:oss:*:*:${bucket}`] },
    { Effect: "Allow", Action: [...OSS_OBJECT_ACTIONS], Resource: [`acs:oss:*:*:${bucket}/*`] },
  ];
  if (kmsKeyId) statements.push({ Effect: "Allow", Action: [...KMS_ACTIONS], Resource: [`acs:kms:*:*:key/${kmsKeyId}`] });
  return { Version: "1", Statement: statements };
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
