/**
 * `tenantry plan`: the offline plan. Runs a stack's program under Pulumi's mocks and prints what
 * `pulumi up` would create, its capacity, every licence's status and every policy's verdict.
 * Exit codes: 0 no mandatory violation, 1 a mandatory violation, 2 bad input or configuration.
 */
import { readFile } from "node:fs/promises";
import { formatProblem, InputError } from "../components/core/index.js";
import { PLAN_SCHEMA, type PlanDocument } from "../plan/document.js";
import { diffPlans } from "../plan/diff.js";
import { renderMarkdown } from "../plan/format-markdown.js";
import { renderText } from "../plan/format-text.js";
import { plan } from "../plan/run.js";
import type { PolicyConfig } from "../policies/harness.js";

export const FORMATS = ["text", "markdown", "json"] as const;
export type Format = (typeof FORMATS)[number];

export interface PlanCommandOptions {
  stack?: string;
  cloud?: string;
  tenants?: string;
  format: Format;
  baseline?: string;
  now?: string;
  policyConfig?: string;
  /** Large fleets: worker processes, tenants per shard, memory budget in MiB (plan/shard.ts). */
  workers?: string;
  shardTenants?: string;
  memoryBudget?: string;
}

export interface PlanCommandIO {
  out: (text: string) => void;
  err: (text: string) => void;
  /** Colour and progress go to terminals only. */
  tty: boolean;
}

async function readJson(path: string, what: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(path, "utf8"));
  } catch (error) {
    throw new InputError(what, [{ path, message: `cannot be read as JSON: ${(error as Error).message}` }]);
  }
}

/** `--workers`, `--shard-tenants`, `--memory-budget` as numbers; InputError naming each bad one. */
function shardingOptions(options: PlanCommandOptions): { workers?: number; shardTenants?: number; memoryBudgetMiB?: number } {
  const problems: { path: string; message: string; received: string }[] = [];
  const whole = (value: string | undefined, option: string): number | undefined => {
    if (value === undefined) return undefined;
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1) problems.push({ path: option, message: "must be a whole number of at least 1", received: value });
    return n;
  };
  const workers = whole(options.workers, "--workers");
  const shardTenants = whole(options.shardTenants, "--shard-tenants");
  const memoryBudgetMiB = whole(options.memoryBudget, "--memory-budget");
  if (problems.length > 0) throw new InputError("plan options", problems);
  return { ...(workers ? { workers } : {}), ...(shardTenants ? { shardTenants } : {}), ...(memoryBudgetMiB ? { memoryBudgetMiB } : {}) };
}

export async function planCommand(options: PlanCommandOptions, io: PlanCommandIO): Promise<0 | 1 | 2> {
  try {
    if (!FORMATS.includes(options.format)) {
      throw new InputError("plan options", [{ path: "--format", message: `must be one of ${FORMATS.join(", ")}`, received: options.format }]);
    }
    const at = options.now ? new Date(options.now) : new Date();
    if (Number.isNaN(at.getTime())) throw new InputError("plan options", [{ path: "--now", message: "must be an ISO 8601 date-time", received: options.now }]);
    const baseline = options.baseline ? ((await readJson(options.baseline, "baseline")) as PlanDocument) : undefined;
    if (baseline && baseline.schema !== PLAN_SCHEMA) {
      throw new InputError("baseline", [{ path: options.baseline!, message: `is not a plan written by --format json (schema ${PLAN_SCHEMA})`, received: baseline.schema }]);
    }
    const policyConfig = options.policyConfig ? ((await readJson(options.policyConfig, "policy config")) as PolicyConfig) : undefined;
    const sharding = shardingOptions(options);
    let shown = 0;
    const doc = await plan({
      ...sharding,
      ...(options.stack ? { stack: options.stack } : {}),
      ...(options.cloud ? { cloud: options.cloud } : {}),
      ...(options.tenants ? { tenants: options.tenants } : {}),
      at,
      ...(policyConfig ? { policyConfig } : {}),
      ...(io.tty
        ? {
            onResource: (count: number) => {
              if (count - shown >= 25) {
                shown = count;
                io.err(`\rplanning: ${count} resources registered`);
              }
            },
          }
        : {}),
    });
    if (io.tty && shown > 0) io.err("\r\x1b[K");
    const diff = baseline ? diffPlans(baseline, doc) : undefined;
    if (options.format === "json") io.out(`${JSON.stringify(diff ? { ...doc, diff } : doc, null, 2)}\n`);
    else if (options.format === "markdown") io.out(renderMarkdown(doc, diff));
    else io.out(renderText(doc, diff, { color: io.tty && !process.env.NO_COLOR }));
    return doc.result.ok ? 0 : 1;
  } catch (error) {
    if (error instanceof InputError) {
      io.err(`${error.problems.map(formatProblem).join("\n")}\n`);
      return 2;
    }
    throw error;
  }
}
