/** Data Encryption Workshop: KMS keys (module `Dew`). */
import type * as pulumi from "@pulumi/pulumi";
import { HuaweiResource } from "./plugin.js";

export interface KmsKeyArgs {
  /** The key's alias, unique in the region. */
  keyAlias: pulumi.Input<string>;
  keyDescription?: pulumi.Input<string>;
  /** e.g. `AES_256` (default). */
  keyAlgorithm?: pulumi.Input<string>;
  /** e.g. `ENCRYPT_DECRYPT`. */
  keyUsage?: pulumi.Input<string>;
  isEnabled?: pulumi.Input<boolean>;
  rotationEnabled?: pulumi.Input<boolean>;
  /** Days between rotations (30-365). */
  rotationInterval?: pulumi.Input<number>;
  /** Days before a deleted key is gone (7-1096). */
  pendingDays?: pulumi.Input<string>;
  enterpriseProjectId?: pulumi.Input<string>;
  region?: pulumi.Input<string>;
  tags?: pulumi.Input<{ [key: string]: pulumi.Input<string> }>;
}

/** `huaweicloud_kms_key`. `id` is the key id. */
export class KmsKey extends HuaweiResource {
  static readonly __pulumiType = "huaweicloud:Dew/key:Key";
  declare readonly keyId: pulumi.Output<string>;
  declare readonly domainId: pulumi.Output<string>;

  constructor(name: string, args: KmsKeyArgs, opts?: pulumi.CustomResourceOptions) {
    super(KmsKey.__pulumiType, name, args, { outputs: ["keyId", "domainId"] }, opts);
  }
}
