/**
 * `tenantry fleet <preview|up|refresh|destroy>`: runs Pulumi over a fleet's stacks (a fleet stack and
 * a stack per tenant or group, fleet/units.ts) on the Automation API, with bounded concurrency and
 * failure isolation, per-stack progress, a summary table and a JSON report.
 * Exit codes: 0 every stack succeeded (or --dry-run), 1 a stack failed or was skipped, 2 bad input.
 */
import { writeFile } from "node:fs/promises";
import { formatProblem, InputError } from "../components/core/index.js";
import { planUnits, type UnitsOptions } from "../fleet/load-units.js";
import { OPERATIONS, runFleet, summaryTable, changesPhrase, type FleetOperation, type FleetWorkspace } from "../fleet/runner.js";
import type { FleetUnit } from "../fleet/units.js";

export interface FleetCommandOptions extends UnitsOptions {
  concurrency: string;
  dryRun?: boolean;
  report?: string;
  policyPack?: string[];
}

export interface FleetCommandIO {
  out: (text: string) => void;
  err: (text: string) => void;
  /** The workspace to run stacks in; the Automation API's by default. */
  workspace?: () => Promise<FleetWorkspace>;
}

function describeUnits(units: readonly FleetUnit[], operation: FleetOperation): string {
  const out = [`tenantry fleet ${operation} would run ${units.length} stacks (nothing was run: --dry-run):`];
  for (const u of units) {
    const keys = ["tenantry:role", "tenantry:select", "tenantry:fleetStack", "tenantry:scope"].filter((k) => u.config[k] !== undefined);
    out.push(`  ${u.stack}  ${u.role === "fleet" ? "fleet-wide resources" : `tenants ${u.tenants.join(", ")}`}`);
    out.push(`    config: ${keys.map((k) => `${k}=${u.config[k]}`).join(" ")} (+ ${Object.keys(u.config).length - keys.length} keys of the base stack)`);
  }
  return `${out.join("\n")}\n`;
}

export async function fleetCommand(operation: string, options: FleetCommandOptions, io: FleetCommandIO): Promise<0 | 1 | 2> {
  try {
    if (!(OPERATIONS as readonly string[]).includes(operation)) {
      throw new InputError("fleet options", [{ path: "operation", message: `must be one of ${OPERATIONS.join(", ")}`, received: operation }]);
    }
    const op = operation as FleetOperation;
    const concurrency = Number(options.concurrency);
    const bad = !Number.isInteger(concurrency) || concurrency < 1 ? [{ path: "--concurrency", message: "must be a whole number of at least 1", received: options.concurrency }] : [];
    let units: FleetUnit[];
    try {
      units = await planUnits(options);
    } catch (error) {
      // Every problem at once: the options' and the fleet's.
      if (error instanceof InputError && bad.length > 0) throw new InputError("fleet options", [...bad, ...error.problems]);
      throw error;
    }
    if (bad.length > 0) throw new InputError("fleet options", bad);
    if (options.dryRun) {
      io.out(describeUnits(units, op));
      if (options.report) await writeFile(options.report, `${JSON.stringify({ schema: "tenantry-fleet-plan/v1", operation: op, concurrency, stacks: units }, null, 2)}\n`);
      return 0;
    }
    const workspace = io.workspace
      ? await io.workspace()
      : (await import("../fleet/automation.js")).automationWorkspace({ workDir: process.cwd(), ...(options.policyPack ? { policyPacks: options.policyPack } : {}) });
    const report = await runFleet({
      operation: op,
      units,
      concurrency,
      workspace,
      onEvent: (e) => {
        if (e.kind === "start") io.err(`[${e.index}/${e.total}] ${e.unit.stack}: ${op} started\n`);
        else {
          const r = e.result;
          const what = r.status === "succeeded" ? `succeeded in ${r.seconds.toFixed(1)} s (${changesPhrase(r.changes)})` : `${r.status}: ${(r.error ?? "").split("\n")[0]}`;
          io.err(`[${e.done}/${e.total} done] ${r.stack}: ${what}\n`);
          for (const line of r.outputTail ?? []) io.err(`    ${line}\n`);
        }
      },
    });
    io.out(summaryTable(report));
    if (options.report) await writeFile(options.report, `${JSON.stringify(report, null, 2)}\n`);
    return report.ok ? 0 : 1;
  } catch (error) {
    if (error instanceof InputError) {
      io.err(`${error.problems.map(formatProblem).join("\n")}\n`);
      return 2;
    }
    throw error;
  }
}
