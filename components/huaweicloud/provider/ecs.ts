/** Elastic Cloud Server: instances, EIP association, volume attachment. */
import type * as pulumi from "@pulumi/pulumi";
import { HuaweiResource } from "./plugin.js";

export interface InstanceNetwork {
  /** The subnet's network id (`Subnet.id`). */
  uuid?: pulumi.Input<string>;
  fixedIpV4?: pulumi.Input<string>;
  sourceDestCheck?: pulumi.Input<boolean>;
}

export interface InstanceArgs {
  networks: pulumi.Input<pulumi.Input<InstanceNetwork>[]>;
  name?: pulumi.Input<string>;
  /** e.g. `c7.xlarge.4`; set this or `flavorName`. */
  flavorId?: pulumi.Input<string>;
  imageId?: pulumi.Input<string>;
  securityGroupIds?: pulumi.Input<pulumi.Input<string>[]>;
  availabilityZone?: pulumi.Input<string>;
  /** `SAS`, `SSD`, `GPSSD` (default), `ESSD`, `GPSSD2`, `ESSD2`. */
  systemDiskType?: pulumi.Input<string>;
  /** GB, 1-1024. */
  systemDiskSize?: pulumi.Input<number>;
  /** A KMS key: the system disk is encrypted with it. */
  systemDiskKmsKeyId?: pulumi.Input<string>;
  /** `prePaid`, `postPaid` (default) or `spot`. */
  chargingMode?: pulumi.Input<string>;
  period?: pulumi.Input<number>;
  /** `month` or `year`. */
  periodUnit?: pulumi.Input<string>;
  autoRenew?: pulumi.Input<string>;
  /** An IAM agency the instance acts as. */
  agencyName?: pulumi.Input<string>;
  keyPair?: pulumi.Input<string>;
  /** The login password. Secret. */
  adminPass?: pulumi.Input<string>;
  userData?: pulumi.Input<string>;
  deleteDisksOnTermination?: pulumi.Input<boolean>;
  description?: pulumi.Input<string>;
  enterpriseProjectId?: pulumi.Input<string>;
  region?: pulumi.Input<string>;
  tags?: pulumi.Input<{ [key: string]: pulumi.Input<string> }>;
}

/** `huaweicloud_compute_instance`. */
export class Instance extends HuaweiResource {
  static readonly __pulumiType = "huaweicloud:Ecs/instance:Instance";
  declare readonly accessIpV4: pulumi.Output<string>;
  declare readonly availabilityZone: pulumi.Output<string>;
  declare readonly systemDiskId: pulumi.Output<string>;

  constructor(name: string, args: InstanceArgs, opts?: pulumi.CustomResourceOptions) {
    super(Instance.__pulumiType, name, args, { outputs: ["accessIpV4", "availabilityZone", "systemDiskId"], secrets: ["adminPass"] }, opts);
  }
}

export interface EipAssociateArgs {
  instanceId: pulumi.Input<string>;
  /** The EIP's address (`Eip.address`). */
  publicIp?: pulumi.Input<string>;
  fixedIp?: pulumi.Input<string>;
  bandwidthId?: pulumi.Input<string>;
  region?: pulumi.Input<string>;
}

/** `huaweicloud_compute_eip_associate`: an EIP bound to an instance. */
export class EipAssociate extends HuaweiResource {
  static readonly __pulumiType = "huaweicloud:Ecs/eipAssociate:EipAssociate";

  constructor(name: string, args: EipAssociateArgs, opts?: pulumi.CustomResourceOptions) {
    super(EipAssociate.__pulumiType, name, args, { outputs: [] }, opts);
  }
}

export interface VolumeAttachArgs {
  instanceId: pulumi.Input<string>;
  volumeId: pulumi.Input<string>;
  device?: pulumi.Input<string>;
  region?: pulumi.Input<string>;
}

/** `huaweicloud_compute_volume_attach`. */
export class VolumeAttach extends HuaweiResource {
  static readonly __pulumiType = "huaweicloud:Ecs/volumeAttach:VolumeAttach";

  constructor(name: string, args: VolumeAttachArgs, opts?: pulumi.CustomResourceOptions) {
    super(VolumeAttach.__pulumiType, name, args, { outputs: [] }, opts);
  }
}
