/**
 * How MinIO's resources (@pulumi/minio, on the provider's MinIO server, from any cloud's stack) read
 * as cloud-neutral facts: each `S3Bucket` is a bucket, with what its settings resources say:
 * - private: its ACL is `private` (the provider's default) and no bucket policy allows anyone;
 * - versioned: an `S3BucketVersioning` with status `Enabled`;
 * - encrypted: an `S3BucketServerSideEncryption` (SSE-KMS with a key of the server's KMS);
 * - TLS only: a bucket policy denying requests without TLS (`aws:SecureTransport`, a condition key
 *   MinIO's policies support).
 * Not given, because MinIO's resource model has no such setting for a bucket: access logs (MinIO
 * audits server-wide, to a webhook), a default retention period (the provider offers object
 * locking at creation, but no default retention), aborting incomplete uploads (its lifecycle rules
 * only expire objects). Rules judge what is given. MinIO buckets take no tags: a bucket's tenant is
 * that of the MinIO user of the same name (the user `MinioBackupStorage` makes for it, tagged).
 */
import type { ResourceView } from "../framework.js";
import { tenantOf } from "../framework.js";
import { byType, settingsOf } from "./related.js";
import type { BucketFacts, CloudAdapter } from "./types.js";

export const MINIO_TYPES = {
  bucket: "minio:index/s3Bucket:S3Bucket",
  versioning: "minio:index/s3BucketVersioning:S3BucketVersioning",
  encryption: "minio:index/s3BucketServerSideEncryption:S3BucketServerSideEncryption",
  bucketPolicy: "minio:index/s3BucketPolicy:S3BucketPolicy",
  user: "minio:index/iamUser:IamUser",
} as const;
const T = MINIO_TYPES;

interface Statement {
  Effect?: string;
  Principal?: unknown;
  Condition?: { Bool?: Record<string, unknown> };
}

function statements(policy: unknown): Statement[] {
  try {
    const doc = typeof policy === "string" ? JSON.parse(policy) : policy;
    const list = doc?.Statement ?? [];
    return Array.isArray(list) ? list : [list];
  } catch {
    return [];
  }
}

/** A principal that is anyone: `*`, or `{ AWS: "*" }` / `{ AWS: ["*"] }`. */
function anyone(principal: unknown): boolean {
  if (principal === "*") return true;
  const aws = (principal as { AWS?: unknown } | undefined)?.AWS;
  return aws === "*" || (Array.isArray(aws) && aws.includes("*"));
}

/** Whether a bucket policy denies every request made without TLS. */
export function deniesPlainHttp(policy: unknown): boolean {
  return statements(policy).some((s) => s.Effect === "Deny" && String(s.Condition?.Bool?.["aws:SecureTransport"]) === "false");
}

/** Whether a bucket policy allows anyone (anonymous access), whatever the condition. */
export function allowsAnyone(policy: unknown): boolean {
  return statements(policy).some((s) => s.Effect === "Allow" && anyone(s.Principal));
}

export const minioAdapter: CloudAdapter = {
  cloud: "minio",
  host: () => undefined,
  disk: () => undefined,
  database: () => undefined,
  ingress: () => [],
  publicIps: () => 0,
  monitor: () => undefined,
  buckets(resources): BucketFacts[] {
    const of = byType(resources);
    const buckets = of(T.bucket);
    if (buckets.length === 0) return [];
    const bucketName = (b: ResourceView) => b.props.bucket;
    const users = new Map<unknown, ResourceView>();
    for (const u of of(T.user)) if (!users.has(u.props.name)) users.set(u.props.name, u);
    return buckets.map((bucket) => {
      const related = (type: string) => settingsOf(bucket, of(type), "bucket", bucketName);
      const policies = related(T.bucketPolicy);
      const user = users.get(bucketName(bucket));
      const tenant = user ? tenantOf(user) : undefined;
      return {
        bucket,
        ...(tenant ? { tenant } : {}),
        private: (bucket.props.acl ?? "private") === "private" && !policies.some((p) => allowsAnyone(p.props.policy)),
        encrypted: related(T.encryption).some((e) => !!e.props.encryptionType && !!e.props.kmsKeyId),
        versioned: related(T.versioning).some((v) => (v.props.versioningConfiguration as { status?: string } | undefined)?.status === "Enabled"),
        tlsOnly: policies.some((p) => deniesPlainHttp(p.props.policy)),
      };
    });
  },
  statefulTypes: [],
  tenantTaggedTypes: [T.user],
  bucketTypes: [T.bucket],
};
