/**
 * `tenantry plan`: the offline plan. Runs a stack's program under Pulumi's mocks and prints what
 * `pulumi up` would create, its capacity, every licence's status and every policy's verdict.
 * Exit codes: 0 no mandatory violation, 1 a mandatory violation, 2 bad input or configuration.
 */
import { z } from "zod";
import { formatProblem, InputError, readRegularFile, type Problem } from "../components/core/index.js";
import { PLAN_SCHEMA, type PlanDocument } from "../plan/document.js";
import { diffPlans } from "../plan/diff.js";
import { plural } from "../plan/describe.js";
import { renderMarkdown } from "../plan/format-markdown.js";
import { jsonTextChunks } from "../plan/json-text.js";
import { renderSummary } from "../plan/format-summary.js";
import { renderText } from "../plan/format-text.js";
import { plan } from "../plan/run.js";
import { policyConfigProblems } from "../policies/config-schema.js";
import type { PolicyConfig } from "../policies/harness.js";
import { PACKS } from "../policies/packs.js";
import { MissingPackageError } from "../stacks/package.js";
import { FORMATS, type PlanCommandIO, type PlanCommandOptions } from "./plan-options.js";

export { FORMATS, type Format, type PlanCommandIO, type PlanCommandOptions } from "./plan-options.js";

/** The largest JSON file (`--baseline`, `--policy-config`) read, in bytes: Tenantry's choice, room for a plan of thousands of tenants. */
export const MAX_JSON_FILE_BYTES = 512 * 1024 * 1024;

async function readJson(path: string, what: string): Promise<unknown> {
  const read = await readRegularFile(path, MAX_JSON_FILE_BYTES);
  if (!read.ok) throw new InputError(what, [{ path, message: read.problem.message, ...("received" in read.problem ? { received: read.problem.received } : {}) }]);
  try {
    return JSON.parse(read.text);
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

/** The parts of a plan document `--baseline` compares; anything else in the file is left alone. */
const baselineSchema = z.looseObject({
  schema: z.literal(PLAN_SCHEMA, { error: `must be ${PLAN_SCHEMA}: a plan written by --format json` }),
  stack: z.string(),
  at: z.string(),
  tenants: z.array(z.looseObject({ id: z.string(), cidr: z.string(), zones: z.number().int().optional() })),
  resources: z.array(
    z.looseObject({ type: z.string(), name: z.string(), tenant: z.string().nullable(), custom: z.boolean(), inputs: z.record(z.string(), z.unknown()), retainOnDelete: z.boolean(), protect: z.boolean() }),
  ),
});

async function readBaseline(path: string): Promise<PlanDocument> {
  const raw = await readJson(path, "baseline");
  const result = baselineSchema.safeParse(raw, { reportInput: true });
  if (result.success) return raw as PlanDocument;
  const issues = result.error.issues;
  const shown = issues.slice(0, 20).map((i) => {
    const where = i.path.map((k) => (typeof k === "number" ? `[${k}]` : `.${String(k)}`)).join("");
    const input = (i as { input?: unknown }).input;
    return { path: `${path}${where ? `: ${where.replace(/^\./, "")}` : ""}`, message: i.message.startsWith("Invalid input") ? `${i.message.replace(/^Invalid input: /, "")} (not a plan written by --format json?)` : i.message, ...(input === undefined ? {} : { received: input }) };
  });
  if (issues.length > shown.length) shown.push({ path, message: `and ${issues.length - shown.length} more problems` });
  throw new InputError("baseline", shown);
}

async function readPolicyConfig(path: string): Promise<PolicyConfig> {
  const raw = await readJson(path, "policy config");
  const problems = policyConfigProblems(PACKS, raw, path);
  if (problems.length > 0) throw new InputError("policy config", problems);
  return raw as PolicyConfig;
}

/** How often a progress line is written where stderr is not a terminal. */
const PROGRESS_EVERY_MS = 2000;

export async function planCommand(options: PlanCommandOptions, io: PlanCommandIO): Promise<0 | 1 | 2> {
  const progress = !options.quiet;
  try {
    const problems: Problem[] = [];
    if (!FORMATS.includes(options.format)) problems.push({ path: "--format", message: `must be one of ${FORMATS.join(", ")}`, received: options.format });
    if (options.summary && options.format !== "text") problems.push({ path: "--summary", message: "goes with --format text (markdown is a summary already; json is the whole document)", received: options.format });
    const at = options.now ? new Date(options.now) : new Date();
    if (Number.isNaN(at.getTime())) problems.push({ path: "--now", message: "must be an ISO 8601 date-time", received: options.now });
    // Every input file is read and checked before anything runs, and all their problems are told at once.
    const inputs = await Promise.allSettled([options.baseline ? readBaseline(options.baseline) : undefined, options.policyConfig ? readPolicyConfig(options.policyConfig) : undefined]);
    for (const r of inputs) if (r.status === "rejected") problems.push(...(r.reason instanceof InputError ? r.reason.problems : [{ path: "(input)", message: String(r.reason) }]));
    let sharding: ReturnType<typeof shardingOptions> = {};
    try {
      sharding = shardingOptions(options);
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      problems.push(...error.problems);
    }
    if (problems.length > 0) throw new InputError("plan options", problems);
    const baseline = (inputs[0] as PromiseFulfilledResult<PlanDocument | undefined>).value;
    const policyConfig = (inputs[1] as PromiseFulfilledResult<PolicyConfig | undefined>).value;

    const started = Date.now();
    let count = 0;
    let shownCount = 0;
    let shownAt = started;
    const doc = await plan({
      ...sharding,
      ...(options.stack ? { stack: options.stack } : {}),
      ...(options.cloud ? { cloud: options.cloud } : {}),
      ...(options.tenants ? { tenants: options.tenants } : {}),
      at,
      ...(policyConfig ? { policyConfig } : {}),
      ...(progress
        ? {
            // A terminal gets one line redrawn; a log (CI) a line every few seconds.
            onResource: (registered: number) => {
              count = registered;
              if (io.tty && count - shownCount >= 25) {
                shownCount = count;
                io.err(`\rplanning: ${count} resources registered`);
              } else if (!io.tty && Date.now() - shownAt >= PROGRESS_EVERY_MS) {
                shownAt = Date.now();
                io.err(`tenantry plan: ${count} resources registered\n`);
              }
            },
          }
        : {}),
    });
    if (progress) {
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      const t = doc.totals;
      io.err(`${io.tty ? "\r\x1b[K" : ""}tenantry plan: ${plural(t.resources, "resource")} of ${plural(t.tenants, "tenant")} planned and checked in ${seconds} s\n`);
    }
    const diff = baseline ? diffPlans(baseline, doc) : undefined;
    if (options.format === "json") {
      // A fleet's plan is ~170 MB of JSON at 1,000 tenants: written a batch of resources at a time.
      for (const chunk of jsonTextChunks(diff ? { ...doc, diff } : doc)) io.out(chunk);
      io.out("\n");
    }
    else if (options.format === "markdown") io.out(renderMarkdown(doc, diff));
    else if (options.summary) io.out(renderSummary(doc, diff, { color: io.color }));
    else io.out(renderText(doc, diff, { color: io.color }));
    return doc.result.ok ? 0 : 1;
  } catch (error) {
    if (error instanceof InputError) {
      io.err(`${error.problems.map(formatProblem).join("\n")}\n`);
      return 2;
    }
    if (error instanceof MissingPackageError) {
      const subject = error.cloud ?? options.cloud;
      io.err(`planning${subject ? ` ${subject}` : ""} ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}
