/** Virtual Private Cloud: VPCs, subnets, security groups and their rules, EIPs. */
import type * as pulumi from "@pulumi/pulumi";
import { HuaweiResource } from "./plugin.js";

type Tags = pulumi.Input<{ [key: string]: pulumi.Input<string> }>;

export interface VpcArgs {
  cidr: pulumi.Input<string>;
  name?: pulumi.Input<string>;
  description?: pulumi.Input<string>;
  enterpriseProjectId?: pulumi.Input<string>;
  region?: pulumi.Input<string>;
  tags?: Tags;
}

/** `huaweicloud_vpc`. */
export class Vpc extends HuaweiResource {
  static readonly __pulumiType = "huaweicloud:Vpc/vpc:Vpc";
  declare readonly cidr: pulumi.Output<string>;
  declare readonly status: pulumi.Output<string>;

  constructor(name: string, args: VpcArgs, opts?: pulumi.CustomResourceOptions) {
    super(Vpc.__pulumiType, name, args, { outputs: ["cidr", "status"] }, opts);
  }
}

export interface SubnetArgs {
  vpcId: pulumi.Input<string>;
  cidr: pulumi.Input<string>;
  /** An address inside `cidr`, usually its first host. */
  gatewayIp: pulumi.Input<string>;
  name?: pulumi.Input<string>;
  availabilityZone?: pulumi.Input<string>;
  description?: pulumi.Input<string>;
  dhcpEnable?: pulumi.Input<boolean>;
  primaryDns?: pulumi.Input<string>;
  secondaryDns?: pulumi.Input<string>;
  region?: pulumi.Input<string>;
  tags?: Tags;
}

/** `huaweicloud_vpc_subnet`. Its `id` is the network id (what ECS, RDS and NAT take as subnet); `ipv4SubnetId` the IPv4 subnet id. */
export class Subnet extends HuaweiResource {
  static readonly __pulumiType = "huaweicloud:Vpc/subnet:Subnet";
  declare readonly cidr: pulumi.Output<string>;
  declare readonly ipv4SubnetId: pulumi.Output<string>;

  constructor(name: string, args: SubnetArgs, opts?: pulumi.CustomResourceOptions) {
    super(Subnet.__pulumiType, name, args, { outputs: ["cidr", "ipv4SubnetId"] }, opts);
  }
}

export interface SecgroupArgs {
  name?: pulumi.Input<string>;
  description?: pulumi.Input<string>;
  /** Remove the allow-all egress rules Huawei creates with every group. */
  deleteDefaultRules?: pulumi.Input<boolean>;
  enterpriseProjectId?: pulumi.Input<string>;
  region?: pulumi.Input<string>;
  tags?: Tags;
}

/** `huaweicloud_networking_secgroup`. */
export class Secgroup extends HuaweiResource {
  static readonly __pulumiType = "huaweicloud:Vpc/secgroup:Secgroup";
  declare readonly name: pulumi.Output<string>;

  constructor(name: string, args: SecgroupArgs, opts?: pulumi.CustomResourceOptions) {
    super(Secgroup.__pulumiType, name, args, { outputs: ["name"] }, opts);
  }
}

export interface SecgroupRuleArgs {
  securityGroupId: pulumi.Input<string>;
  /** `ingress` or `egress`. */
  direction: pulumi.Input<string>;
  /** `IPv4` or `IPv6`. */
  ethertype: pulumi.Input<string>;
  /** `tcp`, `udp`, `icmp`; omitted = every protocol. */
  protocol?: pulumi.Input<string>;
  portRangeMin?: pulumi.Input<number>;
  portRangeMax?: pulumi.Input<number>;
  /** A CIDR; empty means 0.0.0.0/0. */
  remoteIpPrefix?: pulumi.Input<string>;
  remoteGroupId?: pulumi.Input<string>;
  /** `allow` or `deny`. */
  action?: pulumi.Input<string>;
  priority?: pulumi.Input<number>;
  description?: pulumi.Input<string>;
  region?: pulumi.Input<string>;
}

/** `huaweicloud_networking_secgroup_rule`. Every input forces replacement. */
export class SecgroupRule extends HuaweiResource {
  static readonly __pulumiType = "huaweicloud:Vpc/secgroupRule:SecgroupRule";

  constructor(name: string, args: SecgroupRuleArgs, opts?: pulumi.CustomResourceOptions) {
    super(SecgroupRule.__pulumiType, name, args, { outputs: [] }, opts);
  }
}

export interface EipBandwidth {
  /** `PER` (dedicated: then `name` and `size` are required) or `WHOLE` (shared: then `id`). */
  shareType: pulumi.Input<string>;
  name?: pulumi.Input<string>;
  /** Mbit/s. */
  size?: pulumi.Input<number>;
  /** `traffic` or `bandwidth`. */
  chargeMode?: pulumi.Input<string>;
  id?: pulumi.Input<string>;
}

export interface EipPublicip {
  /** `5_bgp` (dynamic BGP, the default) or `5_sbgp`. */
  type?: pulumi.Input<string>;
  ipVersion?: pulumi.Input<number>;
  ipAddress?: pulumi.Input<string>;
  portId?: pulumi.Input<string>;
}

export interface EipArgs {
  publicip: pulumi.Input<EipPublicip>;
  bandwidth: pulumi.Input<EipBandwidth>;
  name?: pulumi.Input<string>;
  /** `prePaid` or `postPaid` (default). */
  chargingMode?: pulumi.Input<string>;
  period?: pulumi.Input<number>;
  periodUnit?: pulumi.Input<string>;
  autoRenew?: pulumi.Input<string>;
  enterpriseProjectId?: pulumi.Input<string>;
  region?: pulumi.Input<string>;
  tags?: Tags;
}

/** `huaweicloud_vpc_eip`. `address` is the public IP. */
export class Eip extends HuaweiResource {
  static readonly __pulumiType = "huaweicloud:Vpc/eip:Eip";
  declare readonly address: pulumi.Output<string>;

  constructor(name: string, args: EipArgs, opts?: pulumi.CustomResourceOptions) {
    super(Eip.__pulumiType, name, args, { outputs: ["address"] }, opts);
  }
}
