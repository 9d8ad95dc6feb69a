/** Helpers shared by the AWS components: names and tags. */
import * as pulumi from "@pulumi/pulumi";
import type { Tags } from "../core/index.js";

/**
 * What physical names (alarm names, KMS aliases) carry to stay unique per stack: `tenantry:scope`
 * when set, else the stack's name. Per-tenant stacks set it to the all-in-one stack's name they were
 * split from (or to the fleet's name), so a tenant's names do not change with the stack it is in.
 */
export function stackScope(): string {
  return new pulumi.Config("tenantry").get("scope") ?? pulumi.getStack();
}

/** The tenant tags plus AWS's `Name` tag, which the console shows. */
export function awsTags(tags: Tags, name: string): Record<string, string> {
  return { ...tags, Name: name };
}
