/** Simple Message Notification: topics and subscriptions. */
import type * as pulumi from "@pulumi/pulumi";
import { HuaweiResource } from "./plugin.js";

export interface TopicArgs {
  /** 1-255 letters, digits, `_` or `-`; forces replacement. */
  name?: pulumi.Input<string>;
  displayName?: pulumi.Input<string>;
  enterpriseProjectId?: pulumi.Input<string>;
  region?: pulumi.Input<string>;
  tags?: pulumi.Input<{ [key: string]: pulumi.Input<string> }>;
}

/** `huaweicloud_smn_topic`. Refer to it by `topicUrn`, not `id`. */
export class Topic extends HuaweiResource {
  static readonly __pulumiType = "huaweicloud:Smn/topic:Topic";
  declare readonly topicUrn: pulumi.Output<string>;

  constructor(name: string, args: TopicArgs, opts?: pulumi.CustomResourceOptions) {
    super(Topic.__pulumiType, name, args, { outputs: ["topicUrn"] }, opts);
  }
}

export interface SubscriptionArgs {
  topicUrn: pulumi.Input<string>;
  /** `email`, `sms`, `http`, `https`, … */
  protocol: pulumi.Input<string>;
  endpoint: pulumi.Input<string>;
  remark?: pulumi.Input<string>;
  region?: pulumi.Input<string>;
}

/** `huaweicloud_smn_subscription`. An email subscription waits for the recipient's confirmation. */
export class Subscription extends HuaweiResource {
  static readonly __pulumiType = "huaweicloud:Smn/subscription:Subscription";

  constructor(name: string, args: SubscriptionArgs, opts?: pulumi.CustomResourceOptions) {
    super(Subscription.__pulumiType, name, args, { outputs: [] }, opts);
  }
}
