/**
 * What every hand-written Huawei Cloud binding shares: the provider plugin it needs (version and
 * where a real `pulumi up` downloads it), registration of a resource with its output-only
 * properties, secrets, and invokes. The provider's Node SDK (`@huaweicloudos/pulumi`) is not on the
 * npm registry, so Tenantry binds the few resources it uses itself; test/huaweicloud/bindings.test.ts
 * checks every binding against the SDK's own sources (test/fixtures/huaweicloud-sdk-table.json).
 */
import * as pulumi from "@pulumi/pulumi";

/** The provider release the bindings were checked against (tag `v0.0.11`; bridges terraform-provider-huaweicloud v1.73.3). */
export const HUAWEICLOUD_PROVIDER_VERSION = "0.0.11";

/**
 * Where the engine downloads the plugin. The SDK's own `pulumi.server` is `…/releases/download/${VERSION}`,
 * which the engine expands without the `v` the release tags carry (provider issues #25 and #30):
 * Tenantry gives the URL with the `v`, where the release assets really are.
 */
export const HUAWEICLOUD_PLUGIN_DOWNLOAD_URL = `https://github.com/huaweicloud/pulumi-huaweicloud/releases/download/v${HUAWEICLOUD_PROVIDER_VERSION}`;

/** The Pulumi package name: resource tokens start with `huaweicloud:`, stack config keys with `huaweicloud:`. */
export const HUAWEICLOUD_PACKAGE = "huaweicloud";

/** `opts` plus the plugin's version and download URL, and `secretOutputs` marked secret. */
export function withPlugin<O extends pulumi.CustomResourceOptions | pulumi.InvokeOptions>(opts: O | undefined, secretOutputs: readonly string[] = []): O {
  const merged = { ...opts, version: HUAWEICLOUD_PROVIDER_VERSION, pluginDownloadURL: HUAWEICLOUD_PLUGIN_DOWNLOAD_URL } as O;
  if (secretOutputs.length > 0) {
    const given = (opts as pulumi.CustomResourceOptions | undefined)?.additionalSecretOutputs ?? [];
    (merged as pulumi.CustomResourceOptions).additionalSecretOutputs = [...new Set([...given, ...secretOutputs])];
  }
  return merged;
}

/** How a binding registers: its output-only properties, and which of its properties hold secrets. */
export interface BindingSpec {
  /** Properties the binding reads back: registered (as undefined when not given, as the SDK does) so the engine resolves them. */
  readonly outputs: readonly string[];
  /** Properties (inputs or outputs) that hold secrets: inputs are wrapped in `pulumi.secret`, outputs marked secret. */
  readonly secrets?: readonly string[];
}

/**
 * The base of every binding. Subclasses declare their properties with `declare readonly`, so that
 * class fields never overwrite what the engine resolves.
 */
export abstract class HuaweiResource extends pulumi.CustomResource {
  protected constructor(type: string, name: string, args: object, spec: BindingSpec, opts?: pulumi.CustomResourceOptions) {
    const props: Record<string, unknown> = { ...args };
    for (const output of spec.outputs) if (!(output in props)) props[output] = undefined;
    for (const secret of spec.secrets ?? []) if (props[secret] !== undefined) props[secret] = pulumi.secret(props[secret]);
    super(type, name, props, withPlugin(opts, spec.secrets ?? []));
  }
}

/** Calls a data source of the provider, as an output. */
export function invoke<T>(token: string, args: pulumi.Inputs, opts?: pulumi.InvokeOutputOptions): pulumi.Output<T> {
  return pulumi.runtime.invokeOutput<T>(token, args, withPlugin(opts));
}
