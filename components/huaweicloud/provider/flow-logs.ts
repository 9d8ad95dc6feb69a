/** VPC flow logs and the Log Tank Service (LTS) group and stream they are written to. */
import type * as pulumi from "@pulumi/pulumi";
import { HuaweiResource } from "./plugin.js";

type Tags = pulumi.Input<{ [key: string]: pulumi.Input<string> }>;

export interface LtsGroupArgs {
  groupName: pulumi.Input<string>;
  /** Days logs are kept: 1 to 365. */
  ttlInDays: pulumi.Input<number>;
  enterpriseProjectId?: pulumi.Input<string>;
  region?: pulumi.Input<string>;
  tags?: Tags;
}

/** `huaweicloud_lts_group`. */
export class LtsGroup extends HuaweiResource {
  static readonly __pulumiType = "huaweicloud:Lts/group:Group";

  constructor(name: string, args: LtsGroupArgs, opts?: pulumi.CustomResourceOptions) {
    super(LtsGroup.__pulumiType, name, args, { outputs: [] }, opts);
  }
}

export interface LtsStreamArgs {
  groupId: pulumi.Input<string>;
  streamName: pulumi.Input<string>;
  /** Days logs are kept; default: the group's. */
  ttlInDays?: pulumi.Input<number>;
  enterpriseProjectId?: pulumi.Input<string>;
  region?: pulumi.Input<string>;
  tags?: Tags;
}

/** `huaweicloud_lts_stream`. */
export class LtsStream extends HuaweiResource {
  static readonly __pulumiType = "huaweicloud:Lts/stream:Stream";

  constructor(name: string, args: LtsStreamArgs, opts?: pulumi.CustomResourceOptions) {
    super(LtsStream.__pulumiType, name, args, { outputs: [] }, opts);
  }
}

export interface FlowLogArgs {
  /** `port`, `network` (a subnet) or `vpc`. */
  resourceType: pulumi.Input<string>;
  resourceId: pulumi.Input<string>;
  logGroupId: pulumi.Input<string>;
  logStreamId: pulumi.Input<string>;
  /** `all` (default), `accept` or `reject`. */
  trafficType?: pulumi.Input<string>;
  name?: pulumi.Input<string>;
  description?: pulumi.Input<string>;
  /** Default `true`. */
  enabled?: pulumi.Input<boolean>;
  region?: pulumi.Input<string>;
}

/** `huaweicloud_vpc_flow_log`. */
export class FlowLog extends HuaweiResource {
  static readonly __pulumiType = "huaweicloud:Vpc/flowLog:FlowLog";

  constructor(name: string, args: FlowLogArgs, opts?: pulumi.CustomResourceOptions) {
    super(FlowLog.__pulumiType, name, args, { outputs: [] }, opts);
  }
}
