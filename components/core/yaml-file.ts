/**
 * Reading one YAML file safely: only regular files (never a FIFO or a device, which would hang or
 * never end), at most {@link MAX_YAML_FILE_BYTES}, with alias expansion bounded and deep nesting
 * reported, so that hostile input is a problem and never a hang or a stack trace.
 */
import { open, stat } from "node:fs/promises";
import { parseDocument } from "yaml";
import { MAX_YAML_ALIASES, MAX_YAML_FILE_BYTES } from "./defaults.js";
import type { Problem } from "./problems.js";

export type YamlFileResult = { readonly ok: true; readonly data: unknown } | { readonly ok: false; readonly problems: Problem[] };

/** Why a path cannot be read, in words. */
export function fileErrorText(error: unknown): string {
  switch ((error as NodeJS.ErrnoException | undefined)?.code) {
    case "ENOENT":
      return "no such file or directory";
    case "EACCES":
    case "EPERM":
      return "permission denied";
    case "ELOOP":
      return "is a loop of symbolic links";
    case "ENOTDIR":
      return "a part of the path is not a directory";
    case "EISDIR":
      return "is a directory";
    case "ENAMETOOLONG":
      return "the path is too long";
    default:
      return error instanceof Error ? error.message : String(error);
  }
}

/** What kind of special file a path is, or undefined for a regular file. */
function specialKind(s: import("node:fs").Stats): string | undefined {
  if (s.isFile()) return undefined;
  if (s.isDirectory()) return "a directory";
  if (s.isFIFO()) return "a FIFO (named pipe)";
  if (s.isCharacterDevice() || s.isBlockDevice()) return "a device";
  if (s.isSocket()) return "a socket";
  return "not a regular file";
}

/** Reads a regular file of at most `maxBytes` as UTF-8, or says why not. */
export async function readRegularFile(file: string, maxBytes = MAX_YAML_FILE_BYTES): Promise<{ ok: true; text: string } | { ok: false; problem: Problem }> {
  const fail = (message: string, received?: unknown): { ok: false; problem: Problem } => ({
    ok: false,
    problem: { file, path: "(file)", message, ...(received === undefined ? {} : { received }) },
  });
  try {
    const before = await stat(file);
    const kind = specialKind(before);
    if (kind) return fail(`cannot be read: is ${kind}, not a regular file`);
    if (before.size > maxBytes) return fail(`is too large: at most ${maxBytes} bytes`, `${before.size} bytes`);
    // Opened only once known to be a regular file, and read no further than its size (it may grow).
    const handle = await open(file, "r");
    try {
      const buffer = Buffer.alloc(before.size + 1);
      let length = 0;
      for (;;) {
        const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length);
        if (bytesRead === 0) break;
        length += bytesRead;
        if (length > before.size) return fail("cannot be read: it changed while being read");
      }
      return { ok: true, text: buffer.subarray(0, length).toString("utf8") };
    } finally {
      await handle.close();
    }
  } catch (error) {
    return fail(`cannot be read: ${fileErrorText(error)}`);
  }
}

/** Parses YAML text; every syntax error, an alias bomb or nesting too deep is a problem. */
export function parseYaml(text: string, file?: string): YamlFileResult {
  const at = file === undefined ? {} : { file };
  let doc;
  try {
    doc = parseDocument(text);
  } catch (error) {
    return { ok: false, problems: [{ ...at, path: "(file)", message: `is not valid YAML: ${(error as Error).message}` }] };
  }
  if (doc.errors.length > 0) {
    return {
      ok: false,
      problems: doc.errors.map((e) => ({
        ...at,
        path: e.linePos ? `line ${e.linePos[0].line}, column ${e.linePos[0].col}` : "(file)",
        message: /Maximum call stack/.test(e.message)
          ? "is not valid YAML: nests too deeply"
          : `is not valid YAML: ${e.message.split("\n")[0]!.replace(/ at line \d+, column \d+:?$/, "")}`,
      })),
    };
  }
  try {
    return { ok: true, data: doc.toJS({ maxAliasCount: MAX_YAML_ALIASES }) };
  } catch (error) {
    const message =
      error instanceof RangeError
        ? "is not valid YAML: nests too deeply"
        : /alias/i.test((error as Error).message)
          ? `expands too many aliases (at most ${MAX_YAML_ALIASES}): refused as a resource-exhaustion attack`
          : `cannot be read as YAML: ${(error as Error).message}`;
    return { ok: false, problems: [{ ...at, path: "(file)", message }] };
  }
}

/** Reads and parses one YAML file (see the module's comment for what is refused). */
export async function readYamlFile(file: string, maxBytes = MAX_YAML_FILE_BYTES): Promise<YamlFileResult> {
  const read = await readRegularFile(file, maxBytes);
  if (!read.ok) return { ok: false, problems: [read.problem] };
  return parseYaml(read.text, file);
}
