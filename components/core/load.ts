/**
 * Loading tenant manifests from YAML files and directories of them.
 */
import { readdir, stat } from "node:fs/promises";
import { basename, extname, join } from "node:path";
import { tenantBlueprint, type TenantBlueprint } from "./blueprint.js";
import type { ServiceParams } from "./reach.js";
import { fleetProblems, type TenantSource } from "./fleet.js";
import { parseTenant, type Tenant } from "./manifest.js";
import { InputError, type Problem } from "./problems.js";
import { fileErrorText, parseYaml, readRegularFile, type YamlFileResult } from "./yaml-file.js";

export const MANIFEST_EXTENSIONS = [".yaml", ".yml"];

/** The outcome for one file: its tenant when valid, and its problems (file-level and fleet-level). */
export interface FileReport {
  readonly file: string;
  readonly tenant?: TenantSource["tenant"];
  readonly problems: readonly Problem[];
}

export interface FleetReport {
  readonly files: readonly FileReport[];
  /** The valid tenants, in file order; complete only when `ok`. */
  readonly tenants: readonly TenantSource[];
  readonly ok: boolean;
}

/** Expands directories into their manifest files (sorted, not recursive); keeps files as given. */
export async function manifestFiles(paths: readonly string[]): Promise<{ files: string[]; problems: Problem[] }> {
  const files: string[] = [];
  const problems: Problem[] = [];
  for (const path of paths) {
    try {
      if ((await stat(path)).isDirectory()) {
        const entries = (await readdir(path)).filter((name) => MANIFEST_EXTENSIONS.includes(extname(name))).sort();
        if (entries.length === 0) {
          problems.push({ file: path, path: "(directory)", message: `holds no tenant manifests (${MANIFEST_EXTENSIONS.join(", ")} files)` });
        }
        files.push(...entries.map((name) => join(path, name)));
      } else {
        files.push(path);
      }
    } catch (error) {
      problems.push({ file: path, path: "(file)", message: `cannot be read: ${fileErrorText(error)}` });
    }
  }
  return { files, problems };
}

/**
 * Reads and validates one manifest file. Special files (FIFOs, devices), files over the size limit,
 * alias bombs and deep nesting are problems, never a hang or an exception.
 */
export async function loadTenantFile(file: string): Promise<FileReport> {
  const read = await readRegularFile(file);
  if (!read.ok) return { file, problems: [read.problem] };
  const key = `${file}\0${read.text}`;
  const known = reportsByText.get(key);
  if (known) return known;
  const report = tenantReport(file, parseYaml(read.text, file));
  if (reportsByText.size >= REPORTS_KEPT) reportsByText.clear();
  reportsByText.set(key, report);
  return report;
}

/**
 * Reports of manifests already checked, by file and text: a process that loads the same fleet
 * again (a plan's worker loads the whole fleet for every shard it plans; 1,000 manifests take most
 * of a second) parses and validates each manifest once. Keyed by the text, so a changed file is
 * checked afresh; at most {@link REPORTS_KEPT} kept.
 */
const reportsByText = new Map<string, FileReport>();
const REPORTS_KEPT = 20_000;

function tenantReport(file: string, read: YamlFileResult): FileReport {
  if (!read.ok) return { file, problems: read.problems };
  const data = read.data;
  if (data === null || data === undefined) {
    return { file, problems: [{ file, path: "(document)", message: "is empty: expected a tenant manifest (id, name, contact, network, services)" }] };
  }
  const result = parseTenant(data, file);
  if (!result.ok) return { file, problems: result.problems };
  const expectedId = basename(file, extname(file));
  if (result.tenant.id !== expectedId) {
    return {
      file,
      problems: [{ file, path: "id", message: `must match the file name '${expectedId}' (one file per tenant, named after its id)`, received: result.tenant.id }],
    };
  }
  return { file, tenant: result.tenant, problems: [] };
}

/**
 * Loads every manifest under `paths` (files, or directories of `.yaml`/`.yml` files) and checks
 * the fleet-wide rules across them. Never throws for bad input: everything wrong is a problem.
 */
export async function loadFleet(paths: readonly string[]): Promise<FleetReport> {
  const { files, problems: pathProblems } = await manifestFiles(paths);
  // A bounded number of files open at once, so that a directory of thousands never runs out of descriptors.
  const reports: FileReport[] = [];
  for (let i = 0; i < files.length; i += 64) reports.push(...(await Promise.all(files.slice(i, i + 64).map(loadTenantFile))));
  const tenants = reports.flatMap((r) => (r.tenant ? [{ file: r.file, tenant: r.tenant }] : []));
  const fleet = fleetProblems(tenants);
  const withFleet: FileReport[] = reports.map((r) => ({
    ...r,
    problems: [...r.problems, ...fleet.filter((p) => p.file === r.file)],
  }));
  const unreadable: FileReport[] = pathProblems.map((p) => ({ file: p.file!, problems: [p] }));
  const all = [...unreadable, ...withFleet];
  return { files: all, tenants, ok: all.every((r) => r.problems.length === 0) };
}

/** A fleet that passed every check: its tenants and their cloud-neutral blueprints, in file order. */
export interface Fleet {
  readonly tenants: readonly Tenant[];
  readonly blueprints: readonly TenantBlueprint[];
}

/**
 * The library's way into a fleet: loads every manifest under `paths` (files, or directories of
 * them), checks each and the fleet-wide rules, and returns the tenants with their blueprints, ready
 * for a cloud's components (`new AwsTenant(bp.tenant, { blueprint: bp, ... })`); `params` are the
 * service parameters every blueprint gets (entry points, monitoring; see `ServiceParams`). Throws one
 * {@link InputError} listing every problem of every file.
 */
export async function readFleet(paths: readonly string[], params: ServiceParams = {}): Promise<Fleet> {
  const report = await loadFleet(paths);
  if (!report.ok) throw new InputError(`tenant manifests in ${paths.join(", ")}`, report.files.flatMap((f) => f.problems));
  const tenants = report.tenants.map((t) => t.tenant);
  return { tenants, blueprints: tenants.map((t) => tenantBlueprint(t, params)) };
}
