/**
 * The offline plan of a large fleet, in shards: the tenants are split into contiguous shards, each
 * planned under mocks in a worker process (plan/shard-worker.ts) with `tenantry:select` naming its
 * tenants, at most as many workers at once as the cores and the memory budget allow. The workers
 * send back the recorded resources (plain data: no SDK objects); this process drops the fleet-wide
 * resources every shard registers again (same URN), puts the resources in the plan's order, runs the
 * policy packs over the whole fleet (stack policies see every tenant) and builds the same document
 * a single process would.
 */
import { fork } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { availableParallelism, freemem, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { PlanDocument } from "./document.js";
import type { MonitorCoverage } from "../components/core/index.js";
import { SecretValue, type RecordedResource } from "./mock-run.js";
import type { PolicyConfig, ResourcePolicyResults } from "../policies/harness.js";
import { finishPlan, planOrder, planPolicyConfig, type PlanOptions, type PreparedPlan } from "./run.js";

/** Tenants per shard: about 100 provider resources each, so a worker stays well under 1.5 GB. */
export const DEFAULT_SHARD_TENANTS = 30;
/** What one worker is allowed for a shard of DEFAULT_SHARD_TENANTS tenants, in MiB (measured: 40 tenants peak at ~1.1 GB; our margin). */
export const WORKER_BUDGET_MIB = 1536;

export interface ShardLayout {
  /** Tenants per shard. */
  readonly size: number;
  readonly shards: number;
  /** Workers at once. */
  readonly workers: number;
}

/** How many shards and workers: shards of `shardTenants`, workers bounded by cores, shards and the memory budget. */
export function shardLayout(
  tenants: number,
  options: Pick<PlanOptions, "workers" | "shardTenants" | "memoryBudgetMiB">,
  machine: { cores: number; freeMiB: number } = { cores: availableParallelism(), freeMiB: freemem() / 2 ** 20 },
): ShardLayout {
  const size = Math.max(1, options.shardTenants ?? DEFAULT_SHARD_TENANTS);
  if (options.workers === 1 || tenants <= size) return { size, shards: 1, workers: 1 };
  const shards = Math.ceil(tenants / size);
  const budget = options.memoryBudgetMiB ?? (machine.freeMiB * 3) / 4;
  const byMemory = Math.max(1, Math.floor(budget / WORKER_BUDGET_MIB));
  const workers = Math.max(1, Math.min(options.workers ?? machine.cores, byMemory, shards));
  return { size, shards, workers };
}

/** What a worker is asked to do, and what it answers. */
export interface ShardRequest {
  stack: string;
  config: Record<string, string>;
  select: string[];
  /** The moment licences are judged at (ISO 8601): an expired licence freezes its tenant. */
  at: string;
  /** The policy configuration (as {@link planPolicyConfig} makes it): the worker runs the resource policies on its shard. */
  policyConfig: PolicyConfig;
  out: string;
}
export interface ShardReply {
  out?: string;
  /** Resources recorded. */
  count?: number;
  /** What the resource policies found on the shard's resources. */
  policies?: ResourcePolicyResults;
  /** The monitor coverage of the shard's tenants (plan/monitors.ts). */
  monitors?: Record<string, MonitorCoverage>;
  /** CPU seconds the worker has used so far. */
  cpuSeconds: number;
  error?: string;
  peakRssMiB: number;
}

const SECRET = "$tenantry-secret";

/**
 * JSON of recorded resources, with secrets marked so that {@link reviveResources} restores them.
 * Outputs are the inputs plus what the mocks computed: only that difference is written, and the
 * revived outputs share the inputs' values (half the memory of two copies).
 */
export function serializeResources(resources: readonly RecordedResource[]): string {
  const slim = resources.map((r) => {
    const extra = Object.fromEntries(Object.entries(r.outputs).filter(([k, v]) => r.inputs[k] !== v));
    const { outputs: _outputs, ...rest } = r;
    return { ...rest, outputsExtra: extra };
  });
  return JSON.stringify(slim, (_key, value: unknown) => (value instanceof SecretValue ? { [SECRET]: value.value } : value));
}

/**
 * Strings that recur across resources (URNs in parents and dependencies, types, tag values) are
 * kept once: `pool` maps each string to its first copy (share one pool across shards).
 */
export function reviveResources(text: string, pool: Map<string, string> = new Map()): RecordedResource[] {
  // Secrets are marked in inputs and outputs only: they are restored in the walk that interns those
  // (a reviver function would be called for every value of the text, and slows the parse severalfold).
  const slim = JSON.parse(text) as (Omit<RecordedResource, "outputs"> & { outputsExtra: Record<string, unknown> })[];
  const intern = (s: string): string => {
    if (s.length > INTERN_MAX_LENGTH) return s;
    const kept = pool.get(s);
    if (kept !== undefined) return kept;
    pool.set(s, s);
    return s;
  };
  const deep = (value: unknown): unknown => {
    if (typeof value === "string") return intern(value);
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) value[i] = deep(value[i]);
    } else if (value && typeof value === "object") {
      const o = value as Record<string, unknown>;
      if (SECRET in o) return new SecretValue(deep(o[SECRET]));
      for (const k in o) o[k] = deep(o[k]);
    }
    return value;
  };
  return slim.map(({ outputsExtra, ...r }) => {
    const inputs = deep(r.inputs) as Record<string, unknown>;
    const propertyDependencies = Object.fromEntries(Object.entries(r.propertyDependencies).map(([k, urns]) => [k, urns.map(intern)]));
    return {
      ...r,
      type: intern(r.type),
      urn: intern(r.urn),
      ...(r.parent !== undefined ? { parent: intern(r.parent) } : {}),
      ...(r.parentUrn !== undefined ? { parentUrn: intern(r.parentUrn) } : {}),
      inputs,
      outputs: { ...inputs, ...(deep(outputsExtra) as Record<string, unknown>) },
      propertyDependencies,
      dependencies: r.dependencies.map(intern),
      ignoreChanges: r.ignoreChanges.map(intern),
    };
  });
}

/** Longer strings (scripts, policy documents) are rarely repeated: not worth a lookup. */
const INTERN_MAX_LENGTH = 512;

/** The worker script, as TypeScript (run through tsx) or as compiled JavaScript. */
function workerScript(): { path: string; execArgv: string[] } {
  const self = fileURLToPath(import.meta.url);
  const ts = self.endsWith(".ts");
  const path = join(self, "..", ts ? "shard-worker.ts" : "shard-worker.js");
  // The parent's Node flags (the CLI's), and gc() to free one shard's garbage before the next.
  // (`--single-threaded-gc` was tried: less CPU in some runs, none in others, ~150-200 MB more
  // peak memory per worker.)
  const execArgv = [...process.execArgv.filter((a) => !a.startsWith("--cpu-prof") && !a.startsWith("--inspect")), "--expose-gc"];
  if (ts && !execArgv.some((a, i) => a === "tsx" && execArgv[i - 1] === "--import") && !execArgv.includes("--import=tsx")) execArgv.push("--import", "tsx");
  return { path, execArgv };
}

let workerCpu = 0;

/** Runs the shards on `layout.workers` worker processes, each taking the next shard when done. */
export async function runShards(requests: readonly ShardRequest[], workers: number, onShard?: (reply: ShardReply, index: number) => void): Promise<ShardReply[]> {
  const script = workerScript();
  const replies: ShardReply[] = new Array(requests.length);
  workerCpu = 0;
  let next = 0;
  const worker = () =>
    new Promise<void>((resolve, reject) => {
      const child = fork(script.path, [], { execArgv: script.execArgv, stdio: ["ignore", "inherit", "inherit", "ipc"] });
      let current = -1;
      let cpu = 0;
      const give = () => {
        if (next >= requests.length) return void child.send({ exit: true });
        current = next++;
        child.send(requests[current]!);
      };
      child.on("message", (reply: ShardReply) => {
        if (reply.error) {
          child.kill();
          return reject(new Error(`shard ${current + 1} of ${requests.length} failed: ${reply.error}`));
        }
        replies[current] = reply;
        workerCpu += reply.cpuSeconds - cpu;
        cpu = reply.cpuSeconds;
        try {
          onShard?.(reply, current);
        } catch (error) {
          child.kill();
          return reject(error);
        }
        give();
      });
      child.on("error", reject);
      child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`a plan worker exited with code ${code}`))));
      give();
    });
  await Promise.all(Array.from({ length: Math.min(workers, requests.length) }, worker));
  return replies;
}

export interface ShardStats {
  shards: number;
  workers: number;
  /** The largest peak RSS of a worker, in MiB. */
  workerPeakRssMiB: number;
  /** CPU seconds of all workers together. */
  workerCpuSeconds: number;
}

/** The last sharded plan's figures (for the bench). */
export let lastShardStats: ShardStats | undefined;

export async function planInShards(prepared: PreparedPlan, layout: ShardLayout, options: PlanOptions): Promise<PlanDocument> {
  const ids = prepared.tenants.map((t) => t.id);
  const dir = mkdtempSync(join(tmpdir(), "tenantry-plan-"));
  try {
    const requests: ShardRequest[] = [];
    const policyConfig = planPolicyConfig(prepared, options.policyConfig);
    for (let i = 0; i * layout.size < ids.length; i++) {
      const select = ids.slice(i * layout.size, (i + 1) * layout.size);
      requests.push({ stack: prepared.stack, config: prepared.config, select, at: prepared.at.toISOString(), policyConfig, out: join(dir, `shard-${i}.json`) });
    }
    let registered = 0;
    // Each shard's resources are read as soon as it is done (while the workers plan the next ones).
    const pool = new Map<string, string>();
    const shards: RecordedResource[][] = [];
    const replies = await runShards(requests, layout.workers, (reply, index) => {
      registered += reply.count ?? 0;
      options.onResource?.(registered);
      shards[index] = reviveResources(readFileSync(reply.out!, "utf8"), pool);
      rmSync(reply.out!);
    });
    pool.clear();
    const seen = new Set<string>();
    const merged: RecordedResource[] = [];
    for (const [index, shard] of shards.entries()) {
      for (const r of shard) {
        // Fleet-wide resources come back from every shard, with the same URN: keep the first.
        if (seen.has(r.urn)) continue;
        seen.add(r.urn);
        merged.push(r);
      }
      shards[index] = [];
    }
    lastShardStats = { shards: requests.length, workers: layout.workers, workerPeakRssMiB: Math.max(...replies.map((r) => r.peakRssMiB)), workerCpuSeconds: workerCpu };
    const monitors = Object.assign({}, ...replies.map((r) => r.monitors ?? {})) as Record<string, MonitorCoverage>;
    return await finishPlan(prepared, planOrder(merged, ids), options.policyConfig, replies.map((r) => r.policies!), monitors);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
