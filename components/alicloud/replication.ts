/**
 * OSS cross-region replication (CRR) from a tenant's backup bucket to its disaster-recovery copy
 * (product-facts.md §3: same-city / remote disaster recovery): a RAM role OSS assumes, allowed to
 * replicate from that source into that destination only (and to use each side's KMS key), and the
 * bucket's replication rule. Both buckets are versioned (AlicloudBackupStorage always is).
 */
import * as alicloud from "@pulumi/alicloud";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import type { Tags } from "../core/index.js";
import type { AlicloudPolicyDocument, AlicloudStatement } from "./policies.js";

/** Only OSS may assume a replication role. */
export const OSS_REPLICATION_TRUST_POLICY = {
  Version: "1",
  Statement: [{ Action: "sts:AssumeRole", Effect: "Allow", Principal: { Service: ["oss.aliyuncs.com"] } }],
} as const;

/**
 * The replication role's policy: OSS's replication actions on the source (read, list) and the
 * destination (write, delete), and each side's KMS key; these buckets and keys only.
 */
export function ossReplicationPolicy(source: string, destination: string, keys: { source?: string; destination?: string } = {}): AlicloudPolicyDocument {
  const statements: AlicloudStatement[] = [
    { Effect: "Allow", Action: ["oss:ReplicateList", "oss:ReplicateGet"], Resource: [`acs:oss:*:*:${source}`, `acs:oss:*:*:${source}/*`] },
    { Effect: "Allow", Action: ["oss:ReplicateGet", "oss:ReplicatePut", "oss:ReplicateDelete"], Resource: [`acs:oss:*:*:${destination}`, `acs:oss:*:*:${destination}/*`] },
  ];
  if (keys.source) statements.push({ Effect: "Allow", Action: ["kms:Decrypt"], Resource: [`acs:kms:*:*:key/${keys.source}`] });
  if (keys.destination) statements.push({ Effect: "Allow", Action: ["kms:Encrypt", "kms:GenerateDataKey"], Resource: [`acs:kms:*:*:key/${keys.destination}`] });
  return { Version: "1", Statement: statements };
}

export interface OssReplicationArgs {
  readonly sourceBucket: pulumi.Input<string>;
  /** The KMS key of that bucket, when it encrypts with one. Default: none. */
  readonly sourceKmsKeyId?: pulumi.Input<string> | undefined;
  readonly destinationBucket: pulumi.Input<string>;
  /** The destination's region id (e.g. `cn-shanghai`). */
  readonly destinationRegion: pulumi.Input<string>;
  /** The KMS key of that bucket, when it encrypts with one. Default: none. */
  readonly destinationKmsKeyId?: pulumi.Input<string> | undefined;
  readonly tags: Tags;
}

export class OssReplication extends pulumi.ComponentResource {
  public readonly roleName: pulumi.Output<string>;

  /** Pass `dependsOn` both buckets' components. */
  constructor(name: string, args: OssReplicationArgs, opts?: pulumi.ComponentResourceOptions) {
    super("tenantry:alicloud:OssReplication", name, {}, opts);
    const parent = { parent: this };
    const kms = args.sourceKmsKeyId !== undefined && args.destinationKmsKeyId !== undefined;
    // RAM role names are unique per account and at most 64 characters: a short random suffix keeps them apart.
    const suffix = new random.RandomString(`${name}-role-suffix`, { length: 6, special: false, upper: false }, parent);
    const role = new alicloud.ram.Role(
      `${name}-role`,
      { roleName: pulumi.interpolate`${name.slice(0, 50)}-${suffix.result}`, assumeRolePolicyDocument: JSON.stringify(OSS_REPLICATION_TRUST_POLICY), description: `${name}: OSS replication (tenantry)`, tags: args.tags },
      parent,
    );
    const policy = new alicloud.ram.Policy(
      `${name}-policy`,
      {
        policyName: pulumi.interpolate`${name.slice(0, 50)}-${suffix.result}`,
        description: `${name}: replicate this bucket to its copy only (tenantry)`,
        policyDocument: pulumi
          .all([args.sourceBucket, args.destinationBucket, args.sourceKmsKeyId, args.destinationKmsKeyId])
          .apply(([source, destination, sourceKey, destinationKey]) =>
            JSON.stringify(ossReplicationPolicy(source, destination, kms ? { source: sourceKey!, destination: destinationKey! } : {})),
          ),
      },
      parent,
    );
    const attachment = new alicloud.ram.RolePolicyAttachment(`${name}-access`, { roleName: role.roleName, policyName: policy.policyName, policyType: "Custom" }, parent);
    new alicloud.oss.BucketReplication(
      `${name}-rule`,
      {
        bucket: args.sourceBucket,
        action: "ALL",
        historicalObjectReplication: "enabled",
        destination: { bucket: args.destinationBucket, location: pulumi.interpolate`oss-${args.destinationRegion}` },
        syncRole: role.roleName,
        ...(kms
          ? { encryptionConfiguration: { replicaKmsKeyId: args.destinationKmsKeyId! }, sourceSelectionCriteria: { sseKmsEncryptedObjects: { status: "Enabled" } } }
          : {}),
      },
      { parent: this, dependsOn: [attachment] },
    );
    this.roleName = role.roleName;
    this.registerOutputs({ roleName: this.roleName });
  }
}
