/**
 * An EC2 instance role and profile whose permissions are customer-managed policies scoped to the
 * tenant (no AWS-managed policy: those allow their actions on every tenant's resources).
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { TAG_KEYS, tenantLogGroupPrefix, tenantMetricNamespace, tenantParameterPath, type Tags } from "../core/index.js";
import { awsTags, stackScope } from "./naming.js";
import { hostAgentPolicy, type AwsScope, type PolicyDocument } from "./policies.js";

export interface InstanceRoleArgs {
  /** Customer-managed policies to create and attach, by a short stable key (part of child names). */
  readonly policies: Readonly<Record<string, pulumi.Input<PolicyDocument>>>;
  readonly tags: Tags;
  readonly description: string;
}

/** The trust policy that lets EC2 instances assume a role. */
export const EC2_TRUST_POLICY = {
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }],
} as const;

/**
 * The partition, region and account a component's resources land in (through its provider), with
 * the stack and the tenant (from the `tenantry:tenant` tag): what scoped policies name.
 */
export function awsScope(tags: Tags, parent: pulumi.Resource): pulumi.Output<AwsScope> {
  const tenant = tags[TAG_KEYS.tenant];
  if (!tenant) throw new Error(`a tenant-scoped policy needs the ${TAG_KEYS.tenant} tag`);
  const opts = { parent };
  return pulumi
    .all([aws.getPartitionOutput({}, opts).partition, aws.getRegionOutput({}, opts).region, aws.getCallerIdentityOutput({}, opts).accountId])
    .apply(([partition, region, account]) => ({ partition, region, account, stack: stackScope(), tenant }));
}

/** The scoped policy of the SSM and CloudWatch agents on a tenant host (see `hostAgentPolicy`). */
export function hostAgentPolicyOf(scope: pulumi.Output<AwsScope>): pulumi.Output<PolicyDocument> {
  return scope.apply((s) =>
    hostAgentPolicy(s, {
      parameters: tenantParameterPath(s.stack, s.tenant),
      logGroups: tenantLogGroupPrefix(s.stack, s.tenant),
      namespace: tenantMetricNamespace(s.tenant),
    }),
  );
}

export class InstanceRole extends pulumi.ComponentResource {
  public readonly roleName: pulumi.Output<string>;
  public readonly roleArn: pulumi.Output<string>;
  public readonly instanceProfileName: pulumi.Output<string>;

  constructor(name: string, args: InstanceRoleArgs, opts?: pulumi.ComponentResourceOptions) {
    super("tenantry:aws:InstanceRole", name, {}, opts);
    const parent = { parent: this };
    const role = new aws.iam.Role(
      `${name}-role`,
      { assumeRolePolicy: JSON.stringify(EC2_TRUST_POLICY), description: args.description, tags: awsTags(args.tags, `${name}-role`) },
      parent,
    );
    for (const [key, document] of Object.entries(args.policies)) {
      const policy = new aws.iam.Policy(
        `${name}-${key}`,
        { description: `${name}: ${key} (tenantry)`, policy: pulumi.output(document).apply((d) => JSON.stringify(d)), tags: awsTags(args.tags, `${name}-${key}`) },
        parent,
      );
      new aws.iam.RolePolicyAttachment(`${name}-${key}-attachment`, { role: role.name, policyArn: policy.arn }, parent);
    }
    const profile = new aws.iam.InstanceProfile(`${name}-profile`, { role: role.name, tags: awsTags(args.tags, `${name}-profile`) }, parent);
    this.roleName = role.name;
    this.roleArn = role.arn;
    this.instanceProfileName = profile.name;
    this.registerOutputs({ roleArn: this.roleArn, instanceProfileName: this.instanceProfileName });
  }
}
