/**
 * An EC2 instance role and profile with AWS-managed policies attached (by name, in the current
 * partition, so that it works in AWS China as well).
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { Tags } from "../core/index.js";
import { awsTags } from "./naming.js";

/** What every tenant host needs: Systems Manager (no SSH keys needed) and the CloudWatch agent. */
export const HOST_MANAGED_POLICIES = ["AmazonSSMManagedInstanceCore", "CloudWatchAgentServerPolicy"] as const;

export interface InstanceRoleArgs {
  /** Names of AWS-managed policies to attach. */
  readonly managedPolicies: readonly string[];
  readonly tags: Tags;
  readonly description: string;
}

/** The trust policy that lets EC2 instances assume a role. */
export const EC2_TRUST_POLICY = {
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }],
} as const;

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
    const partition = aws.getPartitionOutput({}, parent).partition;
    for (const policy of args.managedPolicies) {
      new aws.iam.RolePolicyAttachment(
        `${name}-${policy}`,
        { role: role.name, policyArn: pulumi.interpolate`arn:${partition}:iam::aws:policy/${policy}` },
        parent,
      );
    }
    const profile = new aws.iam.InstanceProfile(`${name}-profile`, { role: role.name, tags: awsTags(args.tags, `${name}-profile`) }, parent);
    this.roleName = role.name;
    this.roleArn = role.arn;
    this.instanceProfileName = profile.name;
    this.registerOutputs({ roleArn: this.roleArn, instanceProfileName: this.instanceProfileName });
  }
}
