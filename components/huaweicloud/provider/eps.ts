/** Enterprise Project Management Service: one enterprise project per tenant (the unit Huawei IAM can scope grants to). */
import type * as pulumi from "@pulumi/pulumi";
import { HuaweiResource } from "./plugin.js";

export interface EnterpriseProjectArgs {
  /** 1-64 characters, unique in the account, must not contain "default". */
  name?: pulumi.Input<string>;
  description?: pulumi.Input<string>;
  /** `prod` (default) or `poc`. */
  type?: pulumi.Input<string>;
  enable?: pulumi.Input<boolean>;
  /** Enterprise projects cannot be deleted: destroy disables them unless this is true. */
  skipDisableOnDestroy?: pulumi.Input<boolean>;
}

/** `huaweicloud_enterprise_project`. Its `id` is the `enterpriseProjectId` of the resources in it. */
export class EnterpriseProject extends HuaweiResource {
  static readonly __pulumiType = "huaweicloud:Eps/project:Project";
  declare readonly name: pulumi.Output<string>;
  declare readonly status: pulumi.Output<number>;

  constructor(name: string, args: EnterpriseProjectArgs, opts?: pulumi.CustomResourceOptions) {
    super(EnterpriseProject.__pulumiType, name, args, { outputs: ["name", "status"] }, opts);
  }
}
