/**
 * The package test's directories (test/package/package.test.ts): each run works in directories of
 * its own, so that concurrent runs (two worktrees, CI and a developer) never share one, and removes
 * them afterwards; what makes runs fast is a read-only template of each cloud's dependencies, made
 * once per set of package versions and only ever copied from.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

/** Temp directories made by one run, all removed by `removeAll` (the test's `afterAll`). */
export function tempDirectories(base: string = tmpdir()) {
  const made: string[] = [];
  return {
    /** A new, empty directory of this run's own (`mkdtemp`). */
    make(prefix: string): string {
      const dir = mkdtempSync(join(base, prefix));
      made.push(dir);
      return dir;
    },
    removeAll(): void {
      for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * The run's working directory: `given` (TENANTRY_PACKAGE_DIR: the script makes one per run, shared
 * by its Node versions and removed by it), else a new one of this run's own.
 */
export function runDirectory(temp: ReturnType<typeof tempDirectories>, given: string | undefined = process.env.TENANTRY_PACKAGE_DIR): string {
  if (!given) return temp.make("tenantry-package-test-");
  mkdirSync(given, { recursive: true });
  return resolve(given);
}

/**
 * A project with `packages` installed (by `install`, into the directory it is given) and nothing
 * else, shared by every run on the machine, and therefore never written to once made: installed
 * into a directory of its own and published by renaming that directory into place (atomic), so no
 * run ever sees half a template. A run that loses the race to another discards its own. The name
 * holds the package versions: a new version makes a new template.
 */
export function dependencyTemplate(root: string, name: string, packages: readonly string[], install: (dir: string, packages: readonly string[]) => void): string {
  const template = join(root, `${name}-${createHash("sha256").update(packages.join(" ")).digest("hex").slice(0, 12)}`);
  if (existsSync(template)) return template;
  mkdirSync(root, { recursive: true });
  const building = mkdtempSync(join(root, `.${name}-`));
  try {
    writeFileSync(join(building, "package.json"), `${JSON.stringify({ name: `consumer-${name}`, private: true, type: "module" }, null, 2)}\n`);
    install(building, packages);
    try {
      renameSync(building, template);
    } catch (e) {
      // Another run published the same template first (the target exists and is not empty): use it.
      if (!existsSync(template)) throw e;
    }
  } finally {
    rmSync(building, { recursive: true, force: true });
  }
  return template;
}
