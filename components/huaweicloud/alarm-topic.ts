/** The stack's SMN topic for alarms, with an email subscription per address (each must be confirmed by its recipient). */
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { nameSafe, validated, type Tags } from "../core/index.js";
import { stackScope } from "./naming.js";
import { Subscription, Topic } from "./provider/index.js";

export interface HuaweiAlarmTopicArgs {
  /** Addresses that receive every alarm. */
  readonly emails: readonly string[];
  readonly tags: Tags;
}

const argsSchema = z.object({ emails: z.array(z.email({ error: "must be an email address" })) });

export class HuaweiAlarmTopic extends pulumi.ComponentResource {
  /** The topic's URN, which Cloud Eye alarm actions name. */
  public readonly topicUrn: pulumi.Output<string>;

  constructor(name: string, args: HuaweiAlarmTopicArgs, opts?: pulumi.ComponentResourceOptions) {
    super("tenantry:huaweicloud:AlarmTopic", name, {}, opts);
    const a = validated(argsSchema, args, `arguments of HuaweiAlarmTopic ${name}`, "args.");
    const topic = new Topic(`${name}-topic`, { name: `tenantry-${stackScope()}-${name}`.replace(/[^A-Za-z0-9_-]/g, "-").slice(0, 255), displayName: "tenantry alarms", tags: args.tags }, { parent: this });
    for (const email of new Set(a.emails)) {
      new Subscription(`${name}-${nameSafe(email)}`, { topicUrn: topic.topicUrn, protocol: "email", endpoint: email, remark: "tenantry alarms" }, { parent: this });
    }
    this.topicUrn = topic.topicUrn;
    this.registerOutputs({ topicUrn: this.topicUrn });
  }
}
