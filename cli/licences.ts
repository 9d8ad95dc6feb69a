/**
 * `tenantry licences [paths...]`: every licence of the tenant manifests with its status, the
 * documented "licence expired" (urgent) and "expiring soon" (warning) alerts, as text or JSON.
 * Exit codes: 0 nothing expired or expiring within the threshold, 1 something is, 2 bad input.
 */
import type { Command } from "commander";
import { formatProblem, licenceReport, loadFleet, type LicenceReport } from "../components/core/index.js";
import { DEFAULT_TENANTS_DIR } from "../stacks/config.js";

export const LICENCE_FORMATS = ["text", "json"] as const;

export interface LicencesOptions {
  readonly within?: string;
  readonly format?: string;
  readonly now?: string;
}

export interface LicencesResult {
  readonly out: string;
  readonly err: string;
  readonly exitCode: 0 | 1 | 2;
}

export function renderLicenceText(report: LicenceReport): string {
  const lines = report.licences.map((l) => `${l.severity ? `[${l.severity.toUpperCase()}] ` : ""}${l.message}`);
  lines.push(
    report.alerts === 0
      ? `${report.licences.length} licences: none expired or expiring within ${report.withinDays} days`
      : `${report.licences.length} licences: ${report.alerts} expired or expiring within ${report.withinDays} days`,
  );
  return `${lines.join("\n")}\n`;
}

export async function licencesCommand(paths: readonly string[], options: LicencesOptions): Promise<LicencesResult> {
  const within = options.within === undefined ? undefined : Number(options.within);
  const at = options.now ? new Date(options.now) : new Date();
  const format = options.format ?? "text";
  const usage: string[] = [];
  if (within !== undefined && !(Number.isInteger(within) && within >= 0)) usage.push(`--within: must be a whole number of days (got ${JSON.stringify(options.within)})`);
  if (Number.isNaN(at.getTime())) usage.push(`--now: must be an ISO 8601 date-time (got ${JSON.stringify(options.now)})`);
  if (!(LICENCE_FORMATS as readonly string[]).includes(format)) usage.push(`--format: must be one of ${LICENCE_FORMATS.join(", ")} (got ${JSON.stringify(format)})`);
  if (usage.length > 0) return { out: "", err: `${usage.join("\n")}\n`, exitCode: 2 };
  const fleet = await loadFleet(paths.length > 0 ? paths : [DEFAULT_TENANTS_DIR]);
  if (!fleet.ok) return { out: "", err: `${fleet.files.flatMap((f) => f.problems).map(formatProblem).join("\n")}\n`, exitCode: 2 };
  const report = licenceReport(fleet.tenants.map((t) => t.tenant), at, within);
  return { out: format === "json" ? `${JSON.stringify(report, null, 2)}\n` : renderLicenceText(report), err: "", exitCode: report.alerts > 0 ? 1 : 0 };
}

/** Adds `tenantry licences` to the command line. */
export function registerLicencesCommand(program: Command): void {
  program
    .command("licences")
    .description("report every licence of the tenant manifests: expired (urgent) and expiring soon (warning); exit 1 when any is")
    .argument("[paths...]", `tenant manifest files or directories (default ${DEFAULT_TENANTS_DIR})`)
    .option("--within <days>", "the 'expiring soon' threshold in days (default 7, consistent with the documented console)")
    .option("--format <format>", LICENCE_FORMATS.join(", "), "text")
    .option("--now <iso-date-time>", "judge licences at this moment instead of now")
    .action(async (paths: string[], options: LicencesOptions) => {
      const result = await licencesCommand(paths, options);
      process.stdout.write(result.out);
      process.stderr.write(result.err);
      process.exitCode = result.exitCode;
    });
}
