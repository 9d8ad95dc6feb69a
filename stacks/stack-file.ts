/** Reading a stack's configuration file (`stacks/Pulumi.<stack>.yaml`) as Pulumi would pass it. */
import { join } from "node:path";
import { InputError, readYamlFile } from "../components/core/index.js";

export const STACK_CONFIG_DIR = "stacks";

/**
 * The `config:` of `<dir>/Pulumi.<stack>.yaml`, flattened the way Pulumi hands configuration to a
 * program: keys as written (`tenantry:cloud`), strings as they are, anything else as JSON, secret
 * values as {@link UNDECRYPTED_SECRET}. A file that is missing, unreadable, not YAML or not a stack
 * file is an {@link InputError}.
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
  const read = await readYamlFile(file);
  if (!read.ok) throw new InputError(`stack configuration ${file}`, read.problems);
  const doc = read.data;
  const isMapping = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);
  if (doc !== null && doc !== undefined && !isMapping(doc)) {
    throw new InputError(`stack configuration ${file}`, [{ file, path: "(document)", message: "must be a mapping with a config: key", received: doc }]);
  }
  const config = doc?.config ?? {};
  if (!isMapping(config)) throw new InputError(`stack configuration ${file}`, [{ file, path: "config", message: "must be a mapping of configuration keys", received: config }]);
  return Object.fromEntries(
    Object.entries(config).map(([key, raw]) => {
      const value = withoutCiphertexts(raw);
      return [key, typeof value === "string" ? value : JSON.stringify(value)];
    }),
  );
}
