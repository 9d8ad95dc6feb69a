/**
 * S3 cross-region replication (CRR) from a tenant's backup bucket to its disaster-recovery copy
 * (product-facts.md §3: same-city / remote disaster recovery): a role S3 assumes, allowed to read
 * that source and write that destination only, and the bucket's replication configuration. Both
 * buckets must be versioned (BackupStorage always is); SSE-KMS objects are re-encrypted with the
 * destination's key.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { Tags } from "../core/index.js";
import { awsTags } from "./naming.js";
import type { PolicyDocument, PolicyStatement } from "./policies.js";

/** The trust policy of a replication role: only S3 may assume it. */
export const S3_REPLICATION_TRUST_POLICY = {
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Principal: { Service: "s3.amazonaws.com" }, Action: "sts:AssumeRole" }],
} as const;

/**
 * What the replication role may do (AWS's documented replication permissions): read the source
 * bucket's configuration and object versions, replicate into the destination, and use each side's
 * KMS key; on these buckets and keys only.
 */
export function replicationPolicy(sourceArn: string, destinationArn: string, keys: { source?: string; destination?: string } = {}): PolicyDocument {
  const statements: PolicyStatement[] = [
    { Sid: "SourceBucket", Effect: "Allow", Action: ["s3:GetReplicationConfiguration", "s3:ListBucket"], Resource: sourceArn },
    {
      Sid: "SourceObjects",
      Effect: "Allow",
      // Retention and legal hold travel with the objects when the buckets use S3 Object Lock.
      Action: ["s3:GetObjectVersionForReplication", "s3:GetObjectVersionAcl", "s3:GetObjectVersionTagging", "s3:GetObjectRetention", "s3:GetObjectLegalHold"],
      Resource: `${sourceArn}/*`,
    },
    { Sid: "DestinationObjects", Effect: "Allow", Action: ["s3:ReplicateObject", "s3:ReplicateDelete", "s3:ReplicateTags"], Resource: `${destinationArn}/*` },
  ];
  if (keys.source) statements.push({ Sid: "SourceKey", Effect: "Allow", Action: ["kms:Decrypt"], Resource: keys.source });
  if (keys.destination) statements.push({ Sid: "DestinationKey", Effect: "Allow", Action: ["kms:Encrypt", "kms:GenerateDataKey"], Resource: keys.destination });
  return { Version: "2012-10-17", Statement: statements };
}

export interface S3ReplicationArgs {
  /** The source bucket's name and ARN. */
  readonly sourceBucket: pulumi.Input<string>;
  readonly sourceBucketArn: pulumi.Input<string>;
  /** The KMS key of that bucket, when it encrypts with one. Default: none. */
  readonly sourceKmsKeyArn?: pulumi.Input<string> | undefined;
  readonly destinationBucketArn: pulumi.Input<string>;
  /** The KMS key of that bucket, when it encrypts with one. Default: none. */
  readonly destinationKmsKeyArn?: pulumi.Input<string> | undefined;
  readonly tags: Tags;
}

export class S3Replication extends pulumi.ComponentResource {
  public readonly roleArn: pulumi.Output<string>;

  /** Pass `dependsOn` both buckets' components: replication needs their versioning in place. */
  constructor(name: string, args: S3ReplicationArgs, opts?: pulumi.ComponentResourceOptions) {
    super("tenantry:aws:S3Replication", name, {}, opts);
    const parent = { parent: this };
    const role = new aws.iam.Role(`${name}-role`, { assumeRolePolicy: JSON.stringify(S3_REPLICATION_TRUST_POLICY), tags: awsTags(args.tags, `${name}-role`) }, parent);
    const kms = args.sourceKmsKeyArn !== undefined && args.destinationKmsKeyArn !== undefined;
    const policy = new aws.iam.RolePolicy(
      `${name}-policy`,
      {
        role: role.id,
        policy: pulumi
          .all([args.sourceBucketArn, args.destinationBucketArn, args.sourceKmsKeyArn, args.destinationKmsKeyArn])
          .apply(([source, destination, sourceKey, destinationKey]) =>
            JSON.stringify(replicationPolicy(source, destination, kms ? { source: sourceKey!, destination: destinationKey! } : {})),
          ),
      },
      parent,
    );
    new aws.s3.BucketReplicationConfig(
      `${name}-config`,
      {
        bucket: args.sourceBucket,
        role: role.arn,
        rules: [
          {
            id: "disaster-recovery-copy",
            status: "Enabled",
            filter: {},
            deleteMarkerReplication: { status: "Enabled" },
            destination: {
              bucket: args.destinationBucketArn,
              ...(kms ? { encryptionConfiguration: { replicaKmsKeyId: args.destinationKmsKeyArn! } } : {}),
            },
            ...(kms ? { sourceSelectionCriteria: { sseKmsEncryptedObjects: { status: "Enabled" } } } : {}),
          },
        ],
      },
      { parent: this, dependsOn: [policy] },
    );
    this.roleArn = role.arn;
    this.registerOutputs({ roleArn: this.roleArn });
  }
}
