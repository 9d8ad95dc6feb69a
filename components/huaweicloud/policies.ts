/**
 * Huawei IAM and OBS policy documents for tenant storage, as pure functions of names so that tests
 * can evaluate them. IAM custom policies use `"Version": "1.1"` and resources written
 * `<SERVICE>:<region>:<account>:<type>:<path>`; OBS bucket policies (OBS format) have no version,
 * name principals by `ID`, and write actions without the `obs:` prefix.
 */

export interface HuaweiStatement {
  Effect: "Allow" | "Deny";
  Action: string[];
  Resource?: string[];
  Condition?: Record<string, Record<string, string[]>>;
}

export interface HuaweiPolicyDocument {
  Version: "1.1";
  Statement: HuaweiStatement[];
}

export interface ObsBucketPolicyStatement {
  Sid: string;
  Effect: "Allow" | "Deny";
  Principal: { ID: string[] };
  Action: string[];
  Resource: string[];
  Condition?: Record<string, Record<string, string[]>>;
}

export interface ObsBucketPolicyDocument {
  Statement: ObsBucketPolicyStatement[];
}

/** Bucket-level actions a backup client needs: list the bucket, read its location and its uploads. */
export const OBS_BUCKET_ACTIONS = ["obs:bucket:ListBucket", "obs:bucket:GetBucketLocation", "obs:bucket:ListBucketMultipartUploads"] as const;
/** Object-level actions: read, write, delete (backup retention), multipart uploads. */
export const OBS_OBJECT_ACTIONS = ["obs:object:GetObject", "obs:object:PutObject", "obs:object:DeleteObject", "obs:object:AbortMultipartUpload", "obs:object:ListMultipartUploadParts"] as const;
/** What a client needs of the bucket's KMS key for SSE-KMS objects: read the key, make and use data keys. */
export const KMS_ACTIONS = ["kms:cmk:get", "kms:dek:create", "kms:dek:crypto"] as const;

export const obsBucketResource = (bucket: string) => `OBS:*:*:bucket:${bucket}`;
export const obsObjectResource = (bucket: string, key = "*") => `OBS:*:*:object:${bucket}/${key}`;
export const kmsKeyResource = (keyId: string) => `KMS:*:*:KeyId:${keyId}`;

/** The IAM policy (global service OBS, type `AX`) of a tenant's storage credentials: that bucket and its objects. */
export function obsAccessPolicy(bucket: string): HuaweiPolicyDocument {
  return {
    Version: "1.1",
    Statement: [
      { Effect: "Allow", Action: [...OBS_BUCKET_ACTIONS], Resource: [obsBucketResource(bucket)] },
      { Effect: "Allow", Action: [...OBS_OBJECT_ACTIONS], Resource: [obsObjectResource(bucket)] },
    ],
  };
}

/**
 * The IAM policy (global service OBS, type `AX`) of the agency through which OBS writes a bucket's
 * access logs: put objects into that tenant's log bucket, nothing else (OBS: "Configuring Logging
 * for a Bucket", the agency's permissions).
 */
export function obsLogDeliveryPolicy(logBucket: string): HuaweiPolicyDocument {
  return { Version: "1.1", Statement: [{ Effect: "Allow", Action: ["obs:object:PutObject"], Resource: [obsObjectResource(logBucket)] }] };
}

/** The cloud service name of OBS, which an agency for bucket logging delegates to. */
export const OBS_SERVICE_AGENCY = "op_svc_obs";

/** The IAM policy (project-level service KMS, type `XA`) of a tenant's storage credentials: that key only. */
export function kmsAccessPolicy(keyId: string): HuaweiPolicyDocument {
  return { Version: "1.1", Statement: [{ Effect: "Allow", Action: [...KMS_ACTIONS], Resource: [kmsKeyResource(keyId)] }] };
}

/** The bucket policy (OBS format): every request over plain HTTP is denied, whoever makes it. */
export function tlsOnlyObsBucketPolicy(bucket: string): ObsBucketPolicyDocument {
  return {
    Statement: [
      {
        Sid: "tls-only",
        Effect: "Deny",
        Principal: { ID: ["*"] },
        Action: ["*"],
        Resource: [bucket, `${bucket}/*`],
        Condition: { Bool: { SecureTransport: ["false"] } },
      },
    ],
  };
}
