/** Elastic Volume Service: data disks. */
import type * as pulumi from "@pulumi/pulumi";
import { HuaweiResource } from "./plugin.js";

export interface VolumeArgs {
  availabilityZone: pulumi.Input<string>;
  /** `SAS`, `SSD`, `GPSSD`, `ESSD`, `GPSSD2`, `ESSD2`. */
  volumeType: pulumi.Input<string>;
  /** GB; data disks 10-32768. */
  size?: pulumi.Input<number>;
  name?: pulumi.Input<string>;
  /** A KMS key: the disk is encrypted with it. */
  kmsId?: pulumi.Input<string>;
  description?: pulumi.Input<string>;
  chargingMode?: pulumi.Input<string>;
  enterpriseProjectId?: pulumi.Input<string>;
  region?: pulumi.Input<string>;
  tags?: pulumi.Input<{ [key: string]: pulumi.Input<string> }>;
}

/** `huaweicloud_evs_volume`. */
export class Volume extends HuaweiResource {
  static readonly __pulumiType = "huaweicloud:Evs/volume:Volume";

  constructor(name: string, args: VolumeArgs, opts?: pulumi.CustomResourceOptions) {
    super(Volume.__pulumiType, name, args, { outputs: [] }, opts);
  }
}
