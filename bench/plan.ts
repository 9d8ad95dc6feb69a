/**
 * `npm run bench`: how `tenantry plan` scales, measured as users run it. For fleets of 10, 100, 300
 * and 1,000 tenants (AnyShare, AnyBackup and an ops server each) it plans the aws stack with the
 * CLI's own Node flags and default heap (read from package.json's `tenantry` script), sharded across
 * worker processes as the CLI does. In the same run it measures two floors under the same mocks and
 * flags: plain resources (the bare SDK), and the plan's own provider resources registered directly
 * with their typed classes and recorded inputs (the SDK's cost for these resource types, without
 * Tenantry's components, validation, policies or document). A floor is one process, so it is
 * measured up to 100 tenants (its per-resource cost is flat); larger rows compare with the 100-tenant
 * floor. The floors run on the SDK's own `MockMonitor` (what `pulumi.runtime.setMocks` installs: the
 * floors the targets name); the plan runs on its own lighter monitor (plan/plan-monitor.ts), so the
 * same floors are measured on that monitor too and printed in a second, labelled table with their
 * ratios. Each figure comes from a fresh process: wall time, CPU time (all processes), the largest
 * process's peak RSS, and the plan's own (parent) process's peak RSS. `npm run bench -- 10,100` picks
 * the fleets, `--quick` checks the bench at 10 and 30 tenants, `--out <file.md>` also writes the
 * table (markdown, as printed) to a file.
 */
import { spawnSync } from "node:child_process";
import { rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, totalmem } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import * as alicloud from "@pulumi/alicloud";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { readFileSync } from "node:fs";
import { readStackFile } from "../stacks/stack-file.js";
import { tenantryProgram } from "../stacks/program.js";
import { writeFleet } from "./synthetic-fleet.js";
import { runUnderMocks } from "../plan/mock-run.js";
import { plainValue } from "../policies/harness.js";
import { plan } from "../plan/run.js";

/** `npm run bench [-- <sizes>] [--quick] [--out <file.md>]`: sizes as `10,100`; `--quick` is `10,30` (a check, not figures). */
const ARGS = process.argv.slice(2);
const OUT = ARGS.includes("--out") ? ARGS[ARGS.indexOf("--out") + 1] : undefined;
const SIZES = ARGS.find((a, i) => /^\d+(,\d+)*$/.test(a) && ARGS[i - 1] !== "--out");
const FLEETS = (ARGS.includes("--quick") ? "10,30" : (SIZES ?? "10,100,300,1000")).split(",").map(Number);
/** Floors run in one process: measured up to this fleet size. */
const FLOOR_MAX_TENANTS = 100;
const AT = new Date("2026-06-15T00:00:00Z");

/** The plainest custom resource: what the floor registers. */
class Thing extends pulumi.CustomResource {
  constructor(name: string, props: pulumi.Inputs) {
    super("bench:index:Thing", name, props);
  }
}

interface Measure {
  resources: number;
  seconds: number;
  /** CPU seconds of every process of the measurement. */
  cpuSeconds: number;
  /** Peak RSS of the largest process. */
  peakMiB: number;
  /** Peak RSS of the measuring process itself (the plan's parent). */
  ownMiB?: number;
  shards?: string;
}

/** The typed class of a provider resource token, e.g. `aws:ec2/subnet:Subnet` -> `aws.ec2.Subnet`. */
function typedClass(token: string): new (name: string, args: Record<string, unknown>) => pulumi.CustomResource {
  const [pkg, mod, cls] = token.split(":") as [string, string, string];
  const roots = { aws, alicloud, random } as Record<string, Record<string, any>>;
  // An explicit provider, e.g. `pulumi:providers:aws` -> `aws.Provider`.
  if (pkg === "pulumi" && mod === "providers") return roots[cls]!.Provider as never;
  const root = roots[pkg]!;
  const module = mod.split("/")[0]!;
  return (module === "index" ? root[cls] : root[module][cls]) as never;
}

interface Recording {
  type: string;
  name: string;
  inputs: Record<string, unknown>;
}


/** The monitor a floor runs on: the SDK's `MockMonitor` (the floors the targets name) or the plan's own (plan/plan-monitor.ts). */
type Monitor = "sdk" | "plan";

/** Child mode: one measurement, printed as JSON on the last line. `extra`: the output file (record) or the monitor (floors). */
async function child(kind: string, arg: string, extra?: string): Promise<void> {
  const out = extra;
  const monitor = (extra ?? "sdk") as Monitor;
  if (kind === "record") {
    const config = { ...(await readStackFile("aws-demo")), "tenantry:tenants": arg };
    const run = await runUnderMocks(tenantryProgram, config, "aws-demo");
    const recording: Recording[] = run.resources.filter((r) => r.custom).map((r) => ({ type: r.type, name: r.name, inputs: plainValue(r.inputs) as Record<string, unknown> }));
    writeFileSync(out!, JSON.stringify(recording));
    return;
  }
  const recording: Recording[] = kind === "typed" ? (JSON.parse(readFileSync(arg, "utf8")) as Recording[]) : [];
  const classes = recording.map((r) => typedClass(r.type));
  const start = performance.now();
  const cpu0 = process.cpuUsage();
  let resources: number;
  let workers: { cpu: number; peak: number; shards?: string } = { cpu: 0, peak: 0 };
  if (kind === "typed") {
    await runUnderMocks(() => recording.forEach((r, i) => new classes[i]!(r.name, r.inputs)), {}, "typed", { monitor });
    resources = recording.length;
  } else if (kind === "plan") {
    const doc = await plan({ stack: "aws-demo", tenants: arg, at: AT });
    resources = doc.totals.resources; // provider resources, as the floors count them
    const { lastShardStats: s } = await import("../plan/shard.js");
    if (s) workers = { cpu: s.workerCpuSeconds, peak: s.workerPeakRssMiB, shards: `${s.shards}x${s.workers}` };
  } else {
    const count = Number(arg);
    await runUnderMocks(() => {
      for (let i = 0; i < count; i++) new Thing(`thing-${i}`, { index: i, tags: { a: "b" } });
    }, {}, "floor", { monitor });
    resources = count;
  }
  const cpu = process.cpuUsage(cpu0);
  const measure: Measure = {
    resources,
    seconds: (performance.now() - start) / 1000,
    cpuSeconds: (cpu.user + cpu.system) / 1e6 + workers.cpu,
    peakMiB: Math.max(process.resourceUsage().maxRSS / 1024, workers.peak),
    ownMiB: process.resourceUsage().maxRSS / 1024,
    ...(workers.shards ? { shards: workers.shards } : {}),
  };
  console.log(JSON.stringify(measure));
}

/** The Node flags `npm run tenantry` gives the CLI (package.json), so the bench measures what users run. */
export function cliNodeFlags(): string[] {
  const script = (JSON.parse(readFileSync("package.json", "utf8")) as { scripts: Record<string, string> }).scripts.tenantry!;
  const words = script.split(/\s+/);
  return words.slice(1, words.indexOf("--import"));
}

function measure(kind: "plan" | "floor" | "typed" | "record", ...args: string[]): Measure {
  const run = spawnSync(process.execPath, [...cliNodeFlags(), "--import", "tsx", "bench/plan.ts", "--child", kind, ...args], { encoding: "utf8", maxBuffer: 1 << 26 });
  if (run.status !== 0) throw new Error(`${kind} ${args.join(" ")} failed:\n${run.stderr}`);
  return kind === "record" ? { resources: 0, seconds: 0, cpuSeconds: 0, peakMiB: 0 } : (JSON.parse(run.stdout.trim().split("\n").pop()!) as Measure);
}

async function main(): Promise<void> {
  const load = loadavg()[0]!.toFixed(1);
  const started = performance.now();
  const lines: string[] = [];
  const print = (line: string) => {
    console.log(line);
    lines.push(line);
    if (OUT) writeFileSync(OUT, `${lines.join("\n")}\n`);
  };
  print(`tenantry plan benchmark, ${new Date().toISOString().slice(0, 16)}Z, ${cpus().length} cores (${cpus()[0]?.model.trim() ?? "?"}), ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, flags ${cliNodeFlags().join(" ") || "(none)"} (plan workers add --expose-gc), load average ${load} at start`);
  print("");
  print("| tenants | resources | plan wall s | plan CPU s | wall ms/res | CPU ms/res | largest process MiB | plan process MiB | shards x workers | plain floor ms/res (SDK mocks) | typed floor ms/res (SDK mocks) | typed floor MiB (SDK mocks) | plan/plain (CPU) | plan/typed (CPU) | plan/typed (wall) |");
  print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
  let floors: { plain: Measure; typed: Measure; plainOnPlan: Measure; typedOnPlan: Measure; tenants: number } | undefined;
  const onPlanRows: string[] = [];
  for (const n of FLEETS) {
    const dir = writeFleet(n);
    const recording = join(dir, "recording.json");
    try {
      const p = measure("plan", dir);
      if (n <= FLOOR_MAX_TENANTS) {
        const plain = measure("floor", String(p.resources), "sdk");
        measure("record", dir, recording);
        floors = {
          plain,
          typed: measure("typed", recording, "sdk"),
          plainOnPlan: measure("floor", String(p.resources), "plan"),
          typedOnPlan: measure("typed", recording, "plan"),
          tenants: n,
        };
      }
      const per = (m: Measure, s: number) => (s * 1000) / m.resources;
      const f = floors!;
      const cells = [
        n,
        p.resources,
        p.seconds.toFixed(1),
        p.cpuSeconds.toFixed(1),
        per(p, p.seconds).toFixed(2),
        per(p, p.cpuSeconds).toFixed(2),
        p.peakMiB.toFixed(0),
        (p.ownMiB ?? p.peakMiB).toFixed(0),
        p.shards ?? "1 (in process)",
        `${per(f.plain, f.plain.cpuSeconds).toFixed(2)}${f.tenants === n ? "" : ` (${f.tenants})`}`,
        `${per(f.typed, f.typed.cpuSeconds).toFixed(2)}${f.tenants === n ? "" : ` (${f.tenants})`}`,
        f.typed.peakMiB.toFixed(0),
        (per(p, p.cpuSeconds) / per(f.plain, f.plain.cpuSeconds)).toFixed(2),
        (per(p, p.cpuSeconds) / per(f.typed, f.typed.cpuSeconds)).toFixed(2),
        (per(p, p.seconds) / per(f.typed, f.typed.seconds)).toFixed(2),
      ];
      print(`| ${cells.join(" | ")} |`);
      const mark = f.tenants === n ? "" : ` (${f.tenants})`;
      onPlanRows.push(
        `| ${[
          n,
          `${per(f.plainOnPlan, f.plainOnPlan.cpuSeconds).toFixed(2)}${mark}`,
          `${per(f.typedOnPlan, f.typedOnPlan.cpuSeconds).toFixed(2)}${mark}`,
          f.typedOnPlan.peakMiB.toFixed(0),
          (per(p, p.cpuSeconds) / per(f.plainOnPlan, f.plainOnPlan.cpuSeconds)).toFixed(2),
          (per(p, p.cpuSeconds) / per(f.typedOnPlan, f.typedOnPlan.cpuSeconds)).toFixed(2),
          (per(p, p.seconds) / per(f.typedOnPlan, f.typedOnPlan.seconds)).toFixed(2),
        ].join(" | ")} |`,
      );
    } finally {
      rmSync(dir, { recursive: true });
    }
  }
  print("");
  print("The same floors on the plan's own monitor (plan/plan-monitor.ts: the SDK's MockMonitor without the protobuf round trip per resource), which the plan runs on:");
  print("");
  print("| tenants | plain floor ms/res (plan's monitor) | typed floor ms/res (plan's monitor) | typed floor MiB (plan's monitor) | plan/plain (CPU) | plan/typed (CPU) | plan/typed (wall) |");
  print("|---:|---:|---:|---:|---:|---:|---:|");
  for (const row of onPlanRows) print(row);
  print("");
  print(`CPU: user+system seconds of every process of the plan (workers included); floors: ${FLOOR_MAX_TENANTS} tenants at most, in one process (a "(n)" mark: measured at n tenants). The whole run took ${((performance.now() - started) / 1000).toFixed(0)} s; load average ${loadavg()[0]!.toFixed(1)} at the end.`);
}

const at = process.argv.indexOf("--child");
if (at > 0) await child(process.argv[at + 1]!, process.argv[at + 2]!, process.argv[at + 3]);
else await main();
