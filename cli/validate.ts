/**
 * `tenantry validate <file-or-dir>...`: checks tenant manifests and the fleet-wide rules.
 */
import { formatProblem, loadFleet } from "../components/core/index.js";

export interface CommandResult {
  readonly lines: string[];
  /** 0 when every file is valid, 1 when any has a problem. */
  readonly exitCode: 0 | 1;
}

export async function validate(paths: readonly string[]): Promise<CommandResult> {
  const report = await loadFleet(paths);
  const lines: string[] = [];
  let problems = 0;
  for (const file of report.files) {
    if (file.problems.length === 0) lines.push(`${file.file}: ok`);
    for (const problem of file.problems) lines.push(formatProblem(problem));
    problems += file.problems.length;
  }
  const bad = report.files.filter((f) => f.problems.length > 0).length;
  const count = report.files.length;
  lines.push(
    bad === 0
      ? `${count} ${count === 1 ? "file" : "files"}: all valid`
      : `${count} ${count === 1 ? "file" : "files"}: ${count - bad} valid, ${bad} with problems (${problems} ${problems === 1 ? "problem" : "problems"})`,
  );
  return { lines, exitCode: report.ok ? 0 : 1 };
}
