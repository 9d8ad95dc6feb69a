/** Helpers shared by the AWS components: names and tags. */
import type { Tags } from "../core/index.js";

/** A resource-name-safe form of a free value such as a CIDR or an email (`10.0.0.0/8` -> `10-0-0-0-8`). */
export function nameSafe(value: string): string {
  return value.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
}

/** The tenant tags plus AWS's `Name` tag, which the console shows. */
export function awsTags(tags: Tags, name: string): Record<string, string> {
  return { ...tags, Name: name };
}
