/** Reading a stack's configuration file (`stacks/Pulumi.<stack>.yaml`) as Pulumi would pass it. */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { parse } from "yaml";

export const STACK_CONFIG_DIR = "stacks";

/**
 * The `config:` of `stacks/Pulumi.<stack>.yaml`, flattened the way Pulumi hands configuration to a
 * program: keys as written (`tenantry:cloud`), strings as they are, anything else as JSON.
 */
export async function readStackFile(stack: string, dir = STACK_CONFIG_DIR): Promise<Record<string, string>> {
  const file = join(dir, `Pulumi.${stack}.yaml`);
  const doc = parse(await readFile(file, "utf8")) as { config?: Record<string, unknown> } | null;
  return Object.fromEntries(
    Object.entries(doc?.config ?? {}).map(([key, value]) => [key, typeof value === "string" ? value : JSON.stringify(value)]),
  );
}
