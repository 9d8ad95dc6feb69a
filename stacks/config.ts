/**
 * Stack configuration (the `tenantry:*` keys of `stacks/Pulumi.<stack>.yaml`), validated before
 * any resource is registered.
 */
import { z } from "zod";
import { validated } from "../components/core/index.js";

export const CLOUDS = ["aws", "alicloud", "huaweicloud", "kubernetes"] as const;
export type Cloud = (typeof CLOUDS)[number];

/** Where the demo tenants live; the default for `tenantry:tenants`. */
export const DEFAULT_TENANTS_DIR = "stacks/tenants";

export const stackConfigSchema = z.strictObject({
  cloud: z.enum(CLOUDS, { error: `must be one of ${CLOUDS.join(", ")}` }),
  tenants: z.string().min(1).default(DEFAULT_TENANTS_DIR),
});

export type StackConfig = z.output<typeof stackConfigSchema>;

/** The keys read from the `tenantry` config namespace. */
export const STACK_CONFIG_KEYS = Object.keys(stackConfigSchema.shape) as (keyof StackConfig)[];

/**
 * Reads and validates the stack configuration through `get` (e.g. `new pulumi.Config("tenantry").get`).
 * Throws an `InputError` listing every problem, each as `tenantry:<key>: <what is wrong> (got <value>)`.
 */
export function readStackConfig(get: (key: string) => string | undefined): StackConfig {
  const raw = Object.fromEntries(STACK_CONFIG_KEYS.flatMap((key) => {
    const value = get(key);
    return value === undefined ? [] : [[key, value]];
  }));
  return validated(stackConfigSchema, raw, "stack configuration", "tenantry:");
}
