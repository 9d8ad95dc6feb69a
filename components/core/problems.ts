/**
 * Problems: one finding about one input, naming where it is, what is wrong (and what is allowed),
 * and what was received. Every validator in Tenantry reports all its problems at once as these.
 */
import type { z } from "zod";

export interface Problem {
  /** The file the problem is in, when the input came from a file. */
  readonly file?: string;
  /** Field path, e.g. `services[0].licence.users`; `(file)` for the file as a whole. */
  readonly path: string;
  /** What is wrong, and what is allowed. */
  readonly message: string;
  /** The value received; absent when nothing was given. */
  readonly received?: unknown;
}

/** Renders a field path: `services[0].licence.users`. */
export function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return "(document)";
  return path
    .map((key, i) => (typeof key === "number" ? `[${key}]` : `${i === 0 ? "" : "."}${String(key)}`))
    .join("");
}

const MAX_SHOWN = 60;

/** A short, single-line rendering of a received value. */
export function formatReceived(value: unknown): string {
  if (value === undefined) return "nothing";
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN - 3)}...` : text;
}

/**
 * `<file>: <field.path>: <what is wrong> (got <value>)`, as `tenantry validate` prints it; without
 * `(got ...)` when nothing was received (a missing field, an unreadable file).
 */
export function formatProblem(problem: Problem): string {
  const where = problem.file ? `${problem.file}: ` : "";
  const got = "received" in problem ? ` (got ${formatReceived(problem.received)})` : "";
  return `${where}${problem.path}: ${problem.message}${got}`;
}

function withArticle(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

const TYPE_NAMES: Record<string, string> = { int: "whole number", object: "mapping (key: value)", array: "list" };

/** Turns zod issues (parsed with `reportInput: true`) into problems, one per issue. */
export function problemsFromZod(issues: readonly z.core.$ZodIssue[], file?: string): Problem[] {
  return issues.flatMap((issue): Problem[] => {
    const base = file === undefined ? {} : { file };
    const path = formatPath(issue.path);
    const input = (issue as { input?: unknown }).input;
    switch (issue.code) {
      case "unrecognized_keys":
        return issue.keys.map((key) => ({
          ...base,
          path: formatPath([...issue.path, key]),
          message: issue.message,
          received: (input as Record<string, unknown>)[key],
        }));
      case "invalid_union":
        if (issue.discriminator !== undefined) {
          const value = (input as Record<string, unknown> | undefined)?.[issue.discriminator];
          const options = ((issue as { options?: unknown[] }).options ?? []).map(String).join(", ");
          return [
            value === undefined
              ? { ...base, path, message: `is required: one of ${options}` }
              : { ...base, path, message: `must be one of ${options}`, received: value },
          ];
        }
        break;
      case "invalid_type":
        if (input === undefined) {
          return [{ ...base, path, message: issue.message.startsWith("is required") ? issue.message : "is required" }];
        }
        if (issue.message.startsWith("Invalid input")) {
          const expected = TYPE_NAMES[issue.expected] ?? issue.expected;
          return [{ ...base, path, message: `must be ${withArticle(expected)}`, received: input }];
        }
        break;
      case "invalid_value":
        if (input === undefined) return [{ ...base, path, message: `is required: one of ${issue.values.map(String).join(", ")}` }];
        break;
      case "too_small":
      case "too_big": {
        if (!issue.message.startsWith("Too ")) break;
        const small = issue.code === "too_small";
        const limit = small ? issue.minimum : issue.maximum;
        const unit = issue.origin === "string" ? " characters" : issue.origin === "array" ? " items" : "";
        const bound = issue.inclusive === false ? (small ? "greater than" : "less than") : small ? "at least" : "at most";
        const message = issue.origin === "string" || issue.origin === "array" ? `must have ${bound} ${limit}${unit}` : `must be ${bound} ${limit}`;
        return [{ ...base, path, message, received: input }];
      }
    }
    return [{ ...base, path, message: issue.message, ...(input === undefined ? {} : { received: input }) }];
  });
}

/** Bad input to a component or a stack: carries every problem, and says them all in its message. */
export class InputError extends Error {
  override name = "InputError";
  constructor(
    readonly what: string,
    readonly problems: readonly Problem[],
  ) {
    super(`invalid ${what}:\n${problems.map(formatProblem).join("\n")}`);
  }
}

/**
 * Validates `value` against `schema`; returns the parsed value, or throws an {@link InputError}
 * listing every problem, each path prefixed with `prefix` (e.g. `tenantry:` or `args.`).
 */
export function validated<S extends z.ZodType>(schema: S, value: unknown, what: string, prefix = ""): z.output<S> {
  const result = schema.safeParse(value, { reportInput: true });
  if (result.success) return result.data;
  const problems = problemsFromZod(result.error.issues).map((p) => ({ ...p, path: `${prefix}${p.path}` }));
  throw new InputError(what, problems);
}
