/** NAT Gateway: a public NAT gateway and its SNAT rules. */
import type * as pulumi from "@pulumi/pulumi";
import { HuaweiResource } from "./plugin.js";

export interface NatGatewayArgs {
  vpcId: pulumi.Input<string>;
  /** The subnet (network id) of the gateway's downstream interface. */
  subnetId: pulumi.Input<string>;
  /** `"1"` small (10,000 SNAT connections), `"2"` medium, `"3"` large, `"4"` extra-large. */
  spec: pulumi.Input<string>;
  name?: pulumi.Input<string>;
  description?: pulumi.Input<string>;
  chargingMode?: pulumi.Input<string>;
  enterpriseProjectId?: pulumi.Input<string>;
  region?: pulumi.Input<string>;
  tags?: pulumi.Input<{ [key: string]: pulumi.Input<string> }>;
}

/** `huaweicloud_nat_gateway`. */
export class NatGateway extends HuaweiResource {
  static readonly __pulumiType = "huaweicloud:Nat/gateway:Gateway";

  constructor(name: string, args: NatGatewayArgs, opts?: pulumi.CustomResourceOptions) {
    super(NatGateway.__pulumiType, name, args, { outputs: [] }, opts);
  }
}

export interface SnatRuleArgs {
  natGatewayId: pulumi.Input<string>;
  /** The EIP id(s), comma-separated. */
  floatingIpId?: pulumi.Input<string>;
  /** The subnet (network id) whose traffic goes out (VPC scenario). */
  subnetId?: pulumi.Input<string>;
  cidr?: pulumi.Input<string>;
  /** `0` VPC (default), `1` Direct Connect. */
  sourceType?: pulumi.Input<number>;
  description?: pulumi.Input<string>;
  region?: pulumi.Input<string>;
}

/** `huaweicloud_nat_snat_rule`. */
export class SnatRule extends HuaweiResource {
  static readonly __pulumiType = "huaweicloud:Nat/snatRule:SnatRule";

  constructor(name: string, args: SnatRuleArgs, opts?: pulumi.CustomResourceOptions) {
    super(SnatRule.__pulumiType, name, args, { outputs: [] }, opts);
  }
}
