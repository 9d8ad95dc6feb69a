/** FunctionGraph: a function and its (timer or SMN) trigger. */
import type * as pulumi from "@pulumi/pulumi";
import { HuaweiResource } from "./plugin.js";

export interface FgsFunctionArgs {
  /** The function's name (letters, digits, `-` and `_`, starting with a letter). */
  name?: pulumi.Input<string>;
  /** The function group (`default`). */
  app?: pulumi.Input<string>;
  /** e.g. `Node.js18.15` (the newest Node.js runtime this provider release documents). */
  runtime: pulumi.Input<string>;
  /** The entry point, `<file>.<export>` (`index.handler`). */
  handler?: pulumi.Input<string>;
  /** MB. */
  memorySize: pulumi.Input<number>;
  /** Seconds, 3 to 259,200. */
  timeout: pulumi.Input<number>;
  /** `inline`: `funcCode` is the source of `index.js` (the provider base64-encodes it). */
  codeType?: pulumi.Input<string>;
  funcCode?: pulumi.Input<string>;
  /** The IAM agency the function acts through (its temporary credentials and token). */
  agency?: pulumi.Input<string>;
  description?: pulumi.Input<string>;
  /** The function's environment variables, a JSON object of strings (`context.getUserData(key)`). */
  userData?: pulumi.Input<string>;
  /**
   * Encrypted environment variables, the same form as `userData`, read the same way
   * (`context.getUserData(key)`); FunctionGraph shows them encrypted. A secret (the binding marks it).
   */
  encryptedUserData?: pulumi.Input<string>;
  /** Maximum concurrent instances, as a string (`-1` is unlimited). */
  maxInstanceNum?: pulumi.Input<string>;
  enterpriseProjectId?: pulumi.Input<string>;
  tags?: pulumi.Input<{ [key: string]: pulumi.Input<string> }>;
  region?: pulumi.Input<string>;
}

/**
 * `huaweicloud_fgs_function`. Refer to it by `id`: the provider's id is the function's URN
 * (`resourceFgsFunctionUrn(d.Id())`), and its `urn` output cannot be read from Pulumi, where every
 * resource's `urn` is its Pulumi URN.
 */
export class FgsFunction extends HuaweiResource {
  static readonly __pulumiType = "huaweicloud:FunctionGraph/function:Function";
  declare readonly name: pulumi.Output<string>;

  constructor(name: string, args: FgsFunctionArgs, opts?: pulumi.CustomResourceOptions) {
    super(FgsFunction.__pulumiType, name, args, { outputs: ["name"], secrets: ["encryptedUserData"] }, opts);
  }
}

export interface TriggerTimer {
  /** 1-64 letters, digits, `-` and `_`, starting with a letter. */
  name: pulumi.Input<string>;
  /** `Rate` (e.g. `1d`, `12h`, `30m`) or `Cron`. */
  scheduleType: pulumi.Input<string>;
  schedule: pulumi.Input<string>;
  /** The event the function receives. */
  additionalInformation?: pulumi.Input<string>;
}

export interface TriggerSmn {
  /** The SMN topic whose messages invoke the function (FunctionGraph subscribes the function to it). */
  topicUrn: pulumi.Input<string>;
}

export interface FgsTriggerArgs {
  /** The function's URN: `FgsFunction.id`. */
  functionUrn: pulumi.Input<string>;
  /** `TIMER`, `SMN`, `OBS`… */
  type: pulumi.Input<string>;
  /** `ACTIVE` or `DISABLED`. */
  status?: pulumi.Input<string>;
  timer?: pulumi.Input<TriggerTimer>;
  /** With `type: SMN`. */
  smn?: pulumi.Input<TriggerSmn>;
  region?: pulumi.Input<string>;
}

/** `huaweicloud_fgs_trigger`. Every input forces replacement. */
export class FgsTrigger extends HuaweiResource {
  static readonly __pulumiType = "huaweicloud:FunctionGraph/trigger:Trigger";

  constructor(name: string, args: FgsTriggerArgs, opts?: pulumi.CustomResourceOptions) {
    super(FgsTrigger.__pulumiType, name, args, { outputs: [] }, opts);
  }
}
