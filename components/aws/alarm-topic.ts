/** The stack's one SNS topic for alarms, with an email subscription per address. */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { nameSafe, validated, type Tags } from "../core/index.js";
import { awsTags } from "./naming.js";

export interface AlarmTopicArgs {
  /** Addresses that receive every alarm; each must confirm the subscription AWS mails it. */
  readonly emails: readonly string[];
  readonly tags: Tags;
}

const argsSchema = z.object({ emails: z.array(z.email({ error: "must be an email address" })) });

export class AlarmTopic extends pulumi.ComponentResource {
  public readonly topicArn: pulumi.Output<string>;

  constructor(name: string, args: AlarmTopicArgs, opts?: pulumi.ComponentResourceOptions) {
    super("tenantry:aws:AlarmTopic", name, {}, opts);
    const a = validated(argsSchema, args, `arguments of AlarmTopic ${name}`, "args.");
    // Not encrypted with the AWS-managed SNS key: CloudWatch could not publish to it.
    const topic = new aws.sns.Topic(`${name}-topic`, { tags: awsTags(args.tags, `${name}-topic`) }, { parent: this });
    for (const email of new Set(a.emails)) {
      new aws.sns.TopicSubscription(`${name}-${nameSafe(email)}`, { topic: topic.arn, protocol: "email", endpoint: email }, { parent: this });
    }
    this.topicArn = topic.arn;
    this.registerOutputs({ topicArn: this.topicArn });
  }
}
