/**
 * `npm run bench`: how `tenantry plan` scales. For fleets of 10, 100 and 300 tenants (AnyShare,
 * AnyBackup and an ops server each) it plans the aws stack and, in the same run, measures two
 * floors under the same mocks: the same number of plain resources (the bare SDK), and the plan's own
 * provider resources registered directly with their typed classes and recorded inputs (the SDK's
 * cost for these resource types, without Tenantry's components, validation, policies or document).
 * Each measurement runs in a fresh process; it prints wall time, peak memory and time per resource.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { cpus, totalmem, tmpdir } from "node:os";
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

const FLEETS = [10, 100, 300];
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
  peakMiB: number;
}

/** The typed class of a provider resource token, e.g. `aws:ec2/subnet:Subnet` -> `aws.ec2.Subnet`. */
function typedClass(token: string): new (name: string, args: Record<string, unknown>) => pulumi.CustomResource {
  const [pkg, mod, cls] = token.split(":") as [string, string, string];
  const root = ({ aws, alicloud, random } as Record<string, Record<string, any>>)[pkg]!;
  const module = mod.split("/")[0]!;
  return (module === "index" ? root[cls] : root[module][cls]) as never;
}

interface Recording {
  type: string;
  name: string;
  inputs: Record<string, unknown>;
}


/** Child mode: one measurement, printed as JSON on the last line. */
async function child(kind: string, arg: string, out?: string): Promise<void> {
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
  let resources: number;
  if (kind === "typed") {
    await runUnderMocks(() => recording.forEach((r, i) => new classes[i]!(r.name, r.inputs)), {}, "typed");
    resources = recording.length;
  } else if (kind === "plan") {
    const doc = await plan({ stack: "aws-demo", tenants: arg, at: AT });
    resources = doc.totals.resources; // provider resources, as the floors count them
  } else {
    const count = Number(arg);
    await runUnderMocks(() => {
      for (let i = 0; i < count; i++) new Thing(`thing-${i}`, { index: i, tags: { a: "b" } });
    }, {}, "floor");
    resources = count;
  }
  const measure: Measure = { resources, seconds: (performance.now() - start) / 1000, peakMiB: process.resourceUsage().maxRSS / 1024 };
  console.log(JSON.stringify(measure));
}

function measure(kind: "plan" | "floor" | "typed" | "record", ...args: string[]): Measure {
  // The same Node flags for every measurement: room for 300 tenants, and the larger young
  // generation `npm run tenantry` uses (fewer scavenges of the SDK's short-lived promises).
  const flags = ["--max-old-space-size=20000", "--max-semi-space-size=128"];
  const run = spawnSync(process.execPath, [...flags, "--import", "tsx", "bench/plan.ts", "--child", kind, ...args], { encoding: "utf8", maxBuffer: 1 << 26 });
  if (run.status !== 0) throw new Error(`${kind} ${args.join(" ")} failed:\n${run.stderr}`);
  return kind === "record" ? { resources: 0, seconds: 0, peakMiB: 0 } : (JSON.parse(run.stdout.trim().split("\n").pop()!) as Measure);
}

async function main(): Promise<void> {
  console.log(`tenantry plan benchmark, ${new Date().toISOString().slice(0, 10)}, ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`);
  console.log("| tenants | resources | plan s | plan ms/res | plan MiB | plain floor s | ms/res | MiB | typed floor s | ms/res | MiB | plan / plain | plan / typed |");
  console.log("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
  for (const n of FLEETS) {
    const dir = writeFleet(n);
    const recording = join(dir, "recording.json");
    try {
      const p = measure("plan", dir);
      const f = measure("floor", String(p.resources));
      measure("record", dir, recording);
      const t = measure("typed", recording);
      const per = (m: Measure) => (m.seconds * 1000) / m.resources;
      console.log(
        `| ${[n, p.resources, p.seconds.toFixed(1), per(p).toFixed(2), p.peakMiB.toFixed(0), f.seconds.toFixed(1), per(f).toFixed(2), f.peakMiB.toFixed(0), t.seconds.toFixed(1), per(t).toFixed(2), t.peakMiB.toFixed(0), (per(p) / per(f)).toFixed(2), (per(p) / per(t)).toFixed(2)].join(" | ")} |`,
      );
    } finally {
      rmSync(dir, { recursive: true });
    }
  }
}

const at = process.argv.indexOf("--child");
if (at > 0) await child(process.argv[at + 1]!, process.argv[at + 2]!, process.argv[at + 3]);
else await main();
