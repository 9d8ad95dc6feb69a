/**
 * An explicit Huawei Cloud provider (the SDK's `Provider`, package `huaweicloud`): for resources in
 * another region than the stack's (a backup's DR copy), or from a stack on another cloud. Only the
 * settings Tenantry passes are bound; their names are the SDK's `ProviderArgs` (camelCase).
 */
import * as pulumi from "@pulumi/pulumi";
import { HUAWEICLOUD_PACKAGE, withPlugin } from "./plugin.js";

export interface HuaweiProviderArgs {
  /** e.g. `cn-north-4`; the project defaults to the region's. */
  region: pulumi.Input<string>;
  /** The access key (AK); default: the environment's `HW_ACCESS_KEY`. */
  accessKey?: pulumi.Input<string>;
  /** The secret key (SK), kept secret; default: the environment's `HW_SECRET_KEY`. */
  secretKey?: pulumi.Input<string>;
}

/** `pulumi:providers:huaweicloud`. */
export class HuaweiProvider extends pulumi.ProviderResource {
  constructor(name: string, args: HuaweiProviderArgs, opts?: pulumi.ResourceOptions) {
    const props: pulumi.Inputs = { ...args, ...(args.secretKey !== undefined ? { secretKey: pulumi.secret(args.secretKey) } : {}) };
    super(HUAWEICLOUD_PACKAGE, name, props, withPlugin(opts as pulumi.CustomResourceOptions | undefined));
  }
}
