/** Reading a stack's configuration file (`stacks/Pulumi.<stack>.yaml`) as Pulumi would pass it. */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { parse } from "yaml";

export const STACK_CONFIG_DIR = "stacks";

/**
 * The `config:` of `stacks/Pulumi.<stack>.yaml`, flattened the way Pulumi hands configuration to a
 * program: keys as written (`tenantry:cloud`), strings as they are, anything else as JSON, secret
 * values as {@link UNDECRYPTED_SECRET}.
 */
/**
 * What a secret (`secure:`) value of a stack file reads as here: only the Pulumi CLI can decrypt
 * it, so the offline plan runs with this text in its place (the program keeps it secret).
 */
export const UNDECRYPTED_SECRET = "(secret, not decrypted offline)";

function withoutCiphertexts(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutCiphertexts);
  if (value && typeof value === "object") {
    const o = value as Record<string, unknown>;
    if (Object.keys(o).length === 1 && typeof o.secure === "string") return UNDECRYPTED_SECRET;
    return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, withoutCiphertexts(v)]));
  }
  return value;
}

export async function readStackFile(stack: string, dir = STACK_CONFIG_DIR): Promise<Record<string, string>> {
  const file = join(dir, `Pulumi.${stack}.yaml`);
  const doc = parse(await readFile(file, "utf8")) as { config?: Record<string, unknown> } | null;
  return Object.fromEntries(
    Object.entries(doc?.config ?? {}).map(([key, raw]) => {
      const value = withoutCiphertexts(raw);
      return [key, typeof value === "string" ? value : JSON.stringify(value)];
    }),
  );
}
