/**
 * An SNS topic for alarms, with an email subscription per address, encrypted with a KMS key of its
 * own that CloudWatch may use to publish (the AWS-managed SNS key would refuse CloudWatch).
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { nameSafe, retainedTags, validated, type Tags } from "../core/index.js";
import { awsTags } from "./naming.js";
import type { PolicyDocument } from "./policies.js";

export interface AlarmTopicArgs {
  /** Addresses that receive every alarm; each must confirm the subscription AWS mails it. */
  readonly emails: readonly string[];
  readonly tags: Tags;
}

const argsSchema = z.object({ emails: z.array(z.email({ error: "must be an email address" })) });

/** The topic key's policy: the account administers it; CloudWatch alarms of this account may encrypt messages to the topic. */
export function alarmTopicKeyPolicy(partition: string, account: string): PolicyDocument {
  return {
    Version: "2012-10-17",
    Statement: [
      { Sid: "AccountAdministers", Effect: "Allow", Principal: { AWS: `arn:${partition}:iam::${account}:root` }, Action: "kms:*", Resource: "*" },
      {
        Sid: "CloudWatchPublishes",
        Effect: "Allow",
        Principal: { Service: "cloudwatch.amazonaws.com" },
        Action: ["kms:Decrypt", "kms:GenerateDataKey*"],
        Resource: "*",
        Condition: { StringEquals: { "aws:SourceAccount": account } },
      },
    ],
  };
}

export class AlarmTopic extends pulumi.ComponentResource {
  public readonly topicArn: pulumi.Output<string>;

  constructor(name: string, args: AlarmTopicArgs, opts?: pulumi.ComponentResourceOptions) {
    super("tenantry:aws:AlarmTopic", name, {}, opts);
    const a = validated(argsSchema, args, `arguments of AlarmTopic ${name}`, "args.");
    const parent = { parent: this };
    const partition = aws.getPartitionOutput({}, parent).partition;
    const account = aws.getCallerIdentityOutput({}, parent).accountId;
    const key = new aws.kms.Key(
      `${name}-key`,
      {
        description: `${name}: alarm notifications (tenantry)`,
        enableKeyRotation: true,
        policy: pulumi.all([partition, account]).apply(([p, acct]) => JSON.stringify(alarmTopicKeyPolicy(p, acct))),
        tags: awsTags(retainedTags(args.tags, true), `${name}-key`),
      },
      // Kept like every key: messages still queued for delivery may need it.
      { parent: this, retainOnDelete: true },
    );
    const topic = new aws.sns.Topic(`${name}-topic`, { kmsMasterKeyId: key.arn, tags: awsTags(args.tags, `${name}-topic`) }, parent);
    for (const email of new Set(a.emails)) {
      new aws.sns.TopicSubscription(`${name}-${nameSafe(email)}`, { topic: topic.arn, protocol: "email", endpoint: email }, parent);
    }
    this.topicArn = topic.arn;
    this.registerOutputs({ topicArn: this.topicArn });
  }
}
