/**
 * The fleet runner's orchestration: runs one Pulumi operation over the fleet's stacks with bounded
 * concurrency. The fleet stack goes first (last for destroy); a tenant stack's failure never stops,
 * cancels or rolls back another's. It talks to Pulumi through {@link FleetWorkspace}, which
 * `fleet/automation.ts` implements on the Automation API and tests implement with a fake.
 */
import pLimit from "p-limit";
import type { FleetUnit } from "./units.js";

export const OPERATIONS = ["preview", "up", "refresh", "destroy"] as const;
export type FleetOperation = (typeof OPERATIONS)[number];

/** Resource changes by kind, as Pulumi counts them (`create`, `update`, `delete`, `same`, ...). */
export type Changes = Readonly<Record<string, number>>;

/** A stack, selected or created, with its configuration set. */
export interface FleetStackHandle {
  run(operation: FleetOperation, onOutput: (text: string) => void): Promise<Changes>;
}

/** Where stacks come from: the Automation API's LocalWorkspace, or a fake in tests. */
export interface FleetWorkspace {
  /** Selects the stack, creating it when missing, and sets all of `config` on it. */
  stack(name: string, config: Readonly<Record<string, string>>): Promise<FleetStackHandle>;
}

export type UnitStatus = "succeeded" | "failed" | "skipped";

export interface UnitResult {
  stack: string;
  role: FleetUnit["role"];
  tenants: string[];
  status: UnitStatus;
  seconds: number;
  changes: Changes;
  /** Why it failed or was skipped. */
  error?: string;
  /** The end of its Pulumi output, when it failed. */
  outputTail?: string[];
}

export const REPORT_SCHEMA = "tenantry-fleet-report/v1";

export interface FleetReport {
  schema: typeof REPORT_SCHEMA;
  operation: FleetOperation;
  concurrency: number;
  startedAt: string;
  finishedAt: string;
  stacks: UnitResult[];
  totals: Record<UnitStatus, number>;
  ok: boolean;
}

export type FleetEvent =
  | { kind: "start"; unit: FleetUnit; index: number; total: number }
  | { kind: "done"; result: UnitResult; done: number; total: number };

export interface RunFleetOptions {
  operation: FleetOperation;
  units: readonly FleetUnit[];
  concurrency: number;
  workspace: FleetWorkspace;
  onEvent?: (event: FleetEvent) => void;
  /** The clock (tests pass a fake). */
  now?: () => number;
}

const TAIL_LINES = 40;

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export async function runFleet(o: RunFleetOptions): Promise<FleetReport> {
  if (!Number.isInteger(o.concurrency) || o.concurrency < 1) throw new RangeError(`concurrency must be a whole number of at least 1 (got ${o.concurrency})`);
  const now = o.now ?? Date.now;
  const startedAt = new Date(now()).toISOString();
  const total = o.units.length;
  const results = new Map<FleetUnit, UnitResult>();
  let started = 0;

  const base = (unit: FleetUnit) => ({ stack: unit.stack, role: unit.role, tenants: [...unit.tenants] });
  const skip = (unit: FleetUnit, why: string) => {
    const result: UnitResult = { ...base(unit), status: "skipped", seconds: 0, changes: {}, error: why };
    results.set(unit, result);
    o.onEvent?.({ kind: "done", result, done: results.size, total });
  };
  const runOne = async (unit: FleetUnit): Promise<UnitResult> => {
    o.onEvent?.({ kind: "start", unit, index: ++started, total });
    const t0 = now();
    const output: string[] = [];
    const onOutput = (text: string) => {
      output.push(...text.split("\n").filter((line) => line.trim() !== ""));
      if (output.length > TAIL_LINES * 2) output.splice(0, output.length - TAIL_LINES);
    };
    let result: UnitResult;
    try {
      const stack = await o.workspace.stack(unit.stack, unit.config);
      const changes = await stack.run(o.operation, onOutput);
      result = { ...base(unit), status: "succeeded", seconds: (now() - t0) / 1000, changes };
    } catch (error) {
      result = { ...base(unit), status: "failed", seconds: (now() - t0) / 1000, changes: {}, error: message(error), outputTail: output.slice(-TAIL_LINES) };
    }
    results.set(unit, result);
    o.onEvent?.({ kind: "done", result, done: results.size, total });
    return result;
  };

  const fleetUnits = o.units.filter((u) => u.role === "fleet");
  const tenantUnits = o.units.filter((u) => u.role !== "fleet");
  const limit = pLimit(o.concurrency);
  const runTenants = () => Promise.all(tenantUnits.map((u) => limit(() => runOne(u))));

  if (o.operation === "destroy") {
    // Tenant stacks read the fleet stack: it goes only once every one of them is gone.
    const done = await runTenants();
    const left = done.filter((r) => r.status !== "succeeded").map((r) => r.stack);
    for (const u of fleetUnits) {
      if (left.length > 0) skip(u, `tenant stacks still hold resources: ${left.join(", ")}`);
      else await runOne(u);
    }
  } else {
    const fleet = await Promise.all(fleetUnits.map(runOne));
    const failed = fleet.filter((r) => r.status === "failed");
    if (o.operation === "up" && failed.length > 0) {
      // Tenant stacks read the fleet stack's outputs: without them there is nothing to update to.
      for (const u of tenantUnits) skip(u, `the fleet stack ${failed[0]!.stack} failed`);
    } else {
      await runTenants();
    }
  }

  const stacks = o.units.map((u) => results.get(u)!);
  const totals = { succeeded: 0, failed: 0, skipped: 0 };
  for (const r of stacks) totals[r.status] += 1;
  return {
    schema: REPORT_SCHEMA,
    operation: o.operation,
    concurrency: o.concurrency,
    startedAt,
    finishedAt: new Date(now()).toISOString(),
    stacks,
    totals,
    ok: totals.failed === 0 && totals.skipped === 0,
  };
}

/** `3 create, 1 update`: the changes worth showing (leaves out `same`). */
export function changesPhrase(changes: Changes): string {
  const shown = Object.entries(changes).filter(([kind, n]) => kind !== "same" && n > 0);
  return shown.length === 0 ? "no changes" : shown.map(([kind, n]) => `${n} ${kind}`).join(", ");
}

/** The summary table, one row per stack. */
export function summaryTable(report: FleetReport): string {
  const rows = report.stacks.map((r) => [r.stack, r.role === "fleet" ? "(fleet)" : r.tenants.join(","), r.status, r.status === "skipped" ? "-" : `${r.seconds.toFixed(1)} s`, r.status === "succeeded" ? changesPhrase(r.changes) : (r.error ?? "").split("\n")[0]!]);
  const header = ["stack", "tenants", "status", "time", "changes / error"];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!))).join("  ").trimEnd();
  const t = report.totals;
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line), "", `${report.operation}: ${t.succeeded} succeeded, ${t.failed} failed, ${t.skipped} skipped`].join("\n") + "\n";
}
