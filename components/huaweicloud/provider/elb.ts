/**
 * Dedicated Elastic Load Balance (`huaweicloud_elb_*`, module `DedicatedElb`): load balancers,
 * listeners, L7 policies and their rules, back-end pools, members, health monitors and IP address groups.
 */
import type * as pulumi from "@pulumi/pulumi";
import { HuaweiResource } from "./plugin.js";

type Tags = pulumi.Input<{ [key: string]: pulumi.Input<string> }>;

export interface LoadbalancerArgs {
  /** At least one availability zone; the balancer runs in each. */
  availabilityZones: pulumi.Input<pulumi.Input<string>[]>;
  vpcId?: pulumi.Input<string>;
  /** The IPv4 subnet id (a subnet's `ipv4SubnetId`) of the balancer's private address. */
  ipv4SubnetId?: pulumi.Input<string>;
  /** The subnets the balancer reaches back ends from. Default: `ipv4SubnetId`'s. */
  backendSubnets?: pulumi.Input<pulumi.Input<string>[]>;
  /** An existing EIP to bind (its bandwidth is the EIP's). */
  ipv4EipId?: pulumi.Input<string>;
  /** Layer-4 and layer-7 flavour ids (per region: `huaweicloud:DedicatedElb/getFlavors`). */
  l4FlavorId?: pulumi.Input<string>;
  l7FlavorId?: pulumi.Input<string>;
  name?: pulumi.Input<string>;
  description?: pulumi.Input<string>;
  deletionProtectionEnable?: pulumi.Input<boolean>;
  enterpriseProjectId?: pulumi.Input<string>;
  region?: pulumi.Input<string>;
  tags?: Tags;
}

/** `huaweicloud_elb_loadbalancer` (dedicated). `ipv4Eip` is the bound public address. */
export class Loadbalancer extends HuaweiResource {
  static readonly __pulumiType = "huaweicloud:DedicatedElb/loadbalancer:Loadbalancer";
  declare readonly ipv4Eip: pulumi.Output<string>;
  declare readonly ipv4Address: pulumi.Output<string>;

  constructor(name: string, args: LoadbalancerArgs, opts?: pulumi.CustomResourceOptions) {
    super(Loadbalancer.__pulumiType, name, args, { outputs: ["ipv4Eip", "ipv4Address"] }, opts);
  }
}

export interface ListenerArgs {
  loadbalancerId: pulumi.Input<string>;
  /** `TCP`, `UDP`, `HTTP`, `HTTPS`, `QUIC`, `TLS`. Forces replacement. */
  protocol: pulumi.Input<string>;
  protocolPort?: pulumi.Input<number>;
  /** The certificate id: required with `HTTPS`. */
  serverCertificate?: pulumi.Input<string>;
  /** e.g. `tls-1-2-fs-with-1-3`. Default `tls-1-0`. */
  tlsCiphersPolicy?: pulumi.Input<string>;
  defaultPoolId?: pulumi.Input<string>;
  /** An IP address group, with `accessPolicy` `white` (only those) or `black`. */
  ipGroup?: pulumi.Input<string>;
  accessPolicy?: pulumi.Input<string>;
  /** Pass the balancer's EIP to the back end in the `X-Forward-EIP` header (HTTP/HTTPS). Default false. */
  forwardEip?: pulumi.Input<boolean>;
  name?: pulumi.Input<string>;
  description?: pulumi.Input<string>;
  region?: pulumi.Input<string>;
  tags?: Tags;
}

/** `huaweicloud_elb_listener`. */
export class Listener extends HuaweiResource {
  static readonly __pulumiType = "huaweicloud:DedicatedElb/listener:Listener";

  constructor(name: string, args: ListenerArgs, opts?: pulumi.CustomResourceOptions) {
    super(Listener.__pulumiType, name, args, { outputs: [] }, opts);
  }
}

export interface L7policyArgs {
  listenerId: pulumi.Input<string>;
  /** `REDIRECT_TO_POOL` (default), `REDIRECT_TO_LISTENER` (HTTP to an HTTPS listener), `REDIRECT_TO_URL`, `FIXED_RESPONSE`. */
  action?: pulumi.Input<string>;
  redirectListenerId?: pulumi.Input<string>;
  /** With `REDIRECT_TO_POOL`: the pool requests go to (not the listener's default pool). */
  redirectPoolId?: pulumi.Input<string>;
  name?: pulumi.Input<string>;
  description?: pulumi.Input<string>;
  region?: pulumi.Input<string>;
}

/** `huaweicloud_elb_l7policy`. */
export class L7policy extends HuaweiResource {
  static readonly __pulumiType = "huaweicloud:DedicatedElb/l7policy:L7policy";

  constructor(name: string, args: L7policyArgs, opts?: pulumi.CustomResourceOptions) {
    super(L7policy.__pulumiType, name, args, { outputs: [] }, opts);
  }
}

export interface L7ruleArgs {
  l7policyId: pulumi.Input<string>;
  /** `HOST_NAME`, `PATH`, `METHOD`, `HEADER`, `QUERY_STRING`, `SOURCE_IP`, `COOKIE`. */
  type: pulumi.Input<string>;
  /** `EQUAL_TO`, `REGEX`, `STARTS_WITH`. */
  compareType: pulumi.Input<string>;
  /** With `PATH`: the request path (starting with `/`, up to 128 characters). */
  value?: pulumi.Input<string>;
  region?: pulumi.Input<string>;
}

/** `huaweicloud_elb_l7rule`: what requests an L7 policy applies to. */
export class L7rule extends HuaweiResource {
  static readonly __pulumiType = "huaweicloud:DedicatedElb/l7rule:L7rule";

  constructor(name: string, args: L7ruleArgs, opts?: pulumi.CustomResourceOptions) {
    super(L7rule.__pulumiType, name, args, { outputs: [] }, opts);
  }
}

export interface PoolArgs {
  /** `TCP`, `UDP`, `HTTP`, `HTTPS`, ... (an `HTTPS` listener's pool may be `HTTP`). */
  protocol: pulumi.Input<string>;
  /** `ROUND_ROBIN`, `LEAST_CONNECTIONS`, `SOURCE_IP`, ... */
  lbMethod: pulumi.Input<string>;
  listenerId?: pulumi.Input<string>;
  loadbalancerId?: pulumi.Input<string>;
  name?: pulumi.Input<string>;
  description?: pulumi.Input<string>;
  region?: pulumi.Input<string>;
}

/** `huaweicloud_elb_pool`. */
export class Pool extends HuaweiResource {
  static readonly __pulumiType = "huaweicloud:DedicatedElb/pool:Pool";

  constructor(name: string, args: PoolArgs, opts?: pulumi.CustomResourceOptions) {
    super(Pool.__pulumiType, name, args, { outputs: [] }, opts);
  }
}

export interface MemberArgs {
  poolId: pulumi.Input<string>;
  /** The back end's private address. */
  address: pulumi.Input<string>;
  protocolPort?: pulumi.Input<number>;
  /** The IPv4 subnet id (`ipv4SubnetId`) the back end is reached in. */
  subnetId?: pulumi.Input<string>;
  weight?: pulumi.Input<number>;
  name?: pulumi.Input<string>;
  region?: pulumi.Input<string>;
}

/** `huaweicloud_elb_member`. */
export class Member extends HuaweiResource {
  static readonly __pulumiType = "huaweicloud:DedicatedElb/member:Member";

  constructor(name: string, args: MemberArgs, opts?: pulumi.CustomResourceOptions) {
    super(Member.__pulumiType, name, args, { outputs: [] }, opts);
  }
}

export interface MonitorArgs {
  poolId: pulumi.Input<string>;
  /** `TCP`, `HTTP`, `HTTPS`, ... */
  protocol: pulumi.Input<string>;
  /** Seconds between checks, 1-50. */
  interval: pulumi.Input<number>;
  /** Seconds to wait for an answer, 1-50. */
  timeout: pulumi.Input<number>;
  /** Consecutive checks before a back end comes back online, 1-10. */
  maxRetries: pulumi.Input<number>;
  maxRetriesDown?: pulumi.Input<number>;
  /** With `HTTP`/`HTTPS`. Default `/`. */
  urlPath?: pulumi.Input<string>;
  /** e.g. `200`, `200,202`, `200-399`. */
  statusCode?: pulumi.Input<string>;
  port?: pulumi.Input<number>;
  name?: pulumi.Input<string>;
  region?: pulumi.Input<string>;
}

/** `huaweicloud_elb_monitor`. */
export class Monitor extends HuaweiResource {
  static readonly __pulumiType = "huaweicloud:DedicatedElb/monitor:Monitor";

  constructor(name: string, args: MonitorArgs, opts?: pulumi.CustomResourceOptions) {
    super(Monitor.__pulumiType, name, args, { outputs: [] }, opts);
  }
}

export interface IpgroupIpList {
  /** An address or CIDR block. */
  ip: pulumi.Input<string>;
  description?: pulumi.Input<string>;
}

export interface IpgroupArgs {
  ipLists: pulumi.Input<pulumi.Input<IpgroupIpList>[]>;
  name?: pulumi.Input<string>;
  description?: pulumi.Input<string>;
  enterpriseProjectId?: pulumi.Input<string>;
  region?: pulumi.Input<string>;
}

/** `huaweicloud_elb_ipgroup`: the addresses a listener admits (`accessPolicy: white`). */
export class Ipgroup extends HuaweiResource {
  static readonly __pulumiType = "huaweicloud:DedicatedElb/ipgroup:Ipgroup";

  constructor(name: string, args: IpgroupArgs, opts?: pulumi.CustomResourceOptions) {
    super(Ipgroup.__pulumiType, name, args, { outputs: [] }, opts);
  }
}

export interface LogtankArgs {
  /** The dedicated ELB whose access logs are sent. Forces replacement. */
  loadbalancerId: pulumi.Input<string>;
  /** The LTS log group (`huaweicloud_lts_group` id). */
  logGroupId: pulumi.Input<string>;
  /** The LTS log stream (`huaweicloud_lts_stream` id), the "log topic" of the ELB API. */
  logTopicId: pulumi.Input<string>;
  region?: pulumi.Input<string>;
}

/** `huaweicloud_elb_logtank`: a dedicated ELB's access logs into an LTS group and stream (layer-7 requests; layer-4 connections where the flavour logs them). */
export class Logtank extends HuaweiResource {
  static readonly __pulumiType = "huaweicloud:DedicatedElb/logtank:Logtank";

  constructor(name: string, args: LogtankArgs, opts?: pulumi.CustomResourceOptions) {
    super(Logtank.__pulumiType, name, args, { outputs: [] }, opts);
  }
}
