/** Helpers shared by the Huawei Cloud components: names. */
import * as pulumi from "@pulumi/pulumi";

/**
 * What physical names (enterprise projects, the alarm topic) carry to stay unique per stack:
 * `tenantry:scope` when set, else the stack's name. Per-tenant stacks set it to the all-in-one
 * stack's name they were split from, so a tenant's names do not change with the stack it is in.
 */
export function stackScope(): string {
  return new pulumi.Config("tenantry").get("scope") ?? pulumi.getStack();
}

/**
 * The first `max` characters of a name-safe `base`, without the hyphens a cut can leave at its end:
 * physical names join it to a suffix with one hyphen (`<clip>-<suffix>`), and a cut that ends on a
 * hyphen would otherwise give a double one (`globex-anybackup-cloud--k3x9qa`).
 */
export function clipName(base: string, max: number): string {
  return base.slice(0, max).replace(/-+$/, "");
}
