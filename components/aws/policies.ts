/**
 * IAM policy documents for tenant storage, as pure functions of ARNs so that they can be checked
 * with an IAM policy evaluator (see test/aws/isolation.test.ts).
 */

export interface PolicyStatement {
  Sid?: string;
  Effect: "Allow" | "Deny";
  Principal?: "*" | { AWS: string | string[] };
  Action: string | string[];
  Resource: string | string[];
  Condition?: Record<string, Record<string, string | string[]>>;
}

export interface PolicyDocument {
  Version: "2012-10-17";
  Statement: PolicyStatement[];
}

/** Bucket-level actions a backup client needs. */
export const BUCKET_ACTIONS = ["s3:ListBucket", "s3:GetBucketLocation", "s3:ListBucketMultipartUploads"] as const;
/** Object-level actions: read, write, delete (backup retention), multipart uploads. */
export const OBJECT_ACTIONS = [
  "s3:GetObject",
  "s3:PutObject",
  "s3:DeleteObject",
  "s3:AbortMultipartUpload",
  "s3:ListMultipartUploadParts",
] as const;
/** What a client needs of the bucket's KMS key to read and write SSE-KMS objects. */
export const KMS_ACTIONS = ["kms:Encrypt", "kms:Decrypt", "kms:GenerateDataKey", "kms:DescribeKey"] as const;

/**
 * The identity policy of a tenant's storage credentials: that bucket, its objects and (with
 * SSE-KMS) its key; nothing else.
 */
export function bucketAccessPolicy(bucketArn: string, kmsKeyArn?: string): PolicyDocument {
  const statements: PolicyStatement[] = [
    { Sid: "Bucket", Effect: "Allow", Action: [...BUCKET_ACTIONS], Resource: bucketArn },
    { Sid: "Objects", Effect: "Allow", Action: [...OBJECT_ACTIONS], Resource: `${bucketArn}/*` },
  ];
  if (kmsKeyArn) statements.push({ Sid: "Key", Effect: "Allow", Action: [...KMS_ACTIONS], Resource: kmsKeyArn });
  return { Version: "2012-10-17", Statement: statements };
}

/** The bucket policy: every request over plain HTTP is denied, whoever makes it. */
export function tlsOnlyBucketPolicy(bucketArn: string): PolicyDocument {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "DenyInsecureTransport",
        Effect: "Deny",
        Principal: "*",
        Action: "s3:*",
        Resource: [bucketArn, `${bucketArn}/*`],
        Condition: { Bool: { "aws:SecureTransport": "false" } },
      },
    ],
  };
}
