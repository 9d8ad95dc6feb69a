/** Helpers shared by the AWS components: names and tags. */
import type { Tags } from "../core/index.js";

/** The tenant tags plus AWS's `Name` tag, which the console shows. */
export function awsTags(tags: Tags, name: string): Record<string, string> {
  return { ...tags, Name: name };
}
