/** The region's availability zones. */
import type * as pulumi from "@pulumi/pulumi";
import { invoke } from "./plugin.js";

export const GET_AVAILABILITY_ZONES = "huaweicloud:index/getAvailabilityZones:getAvailabilityZones";

export interface GetAvailabilityZonesArgs {
  region?: pulumi.Input<string>;
  /** e.g. `available`. */
  state?: pulumi.Input<string>;
}

export interface GetAvailabilityZonesResult {
  readonly names: string[];
  readonly region: string;
}

export function getAvailabilityZones(args: GetAvailabilityZonesArgs, opts?: pulumi.InvokeOutputOptions): pulumi.Output<GetAvailabilityZonesResult> {
  return invoke<GetAvailabilityZonesResult>(GET_AVAILABILITY_ZONES, args, opts);
}
