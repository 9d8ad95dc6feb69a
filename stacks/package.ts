/**
 * Where the installed `tenantry` package is, and what it ships: the demo stack configurations and
 * demo tenants (`--cloud`), and the peer ranges a missing provider is installed with. Works from the
 * TypeScript source (a clone) and from the compiled `dist/` (an installed package) alike.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

interface PackageJson {
  name: string;
  version: string;
  peerDependencies?: Record<string, string>;
  dependencies?: Record<string, string>;
}

let root: string | undefined;

/** The directory of Tenantry's own package.json (the clone, or `node_modules/tenantry`). */
export function packageRoot(): string {
  if (root) return root;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const file = join(dir, "package.json");
    if (existsSync(file) && (JSON.parse(readFileSync(file, "utf8")) as PackageJson).name === "tenantry") return (root = dir);
    const up = dirname(dir);
    if (up === dir) throw new Error("tenantry's package.json not found above its code");
    dir = up;
  }
}

export function packageJson(): PackageJson {
  return JSON.parse(readFileSync(join(packageRoot(), "package.json"), "utf8")) as PackageJson;
}

/** The demo stacks' configuration files (`Pulumi.<cloud>-demo.yaml`), shipped with the package. */
export function demoStackDir(): string {
  return join(packageRoot(), "stacks");
}

/** The demo tenants, shipped with the package. */
export function demoTenantsDir(): string {
  return join(packageRoot(), "stacks", "tenants");
}

/** A package that Tenantry loads on demand (a cloud's provider, the Pulumi SDK) is not installed. */
export class MissingPackageError extends Error {
  override name = "MissingPackageError";
  constructor(
    /** The package that is missing, e.g. `@pulumi/aws`. */
    readonly pkg: string,
    /** The version range to install: the peer range Tenantry declares. */
    readonly range: string,
    /** The cloud whose stack needed it, when one did. */
    readonly cloud?: string,
  ) {
    super(`needs ${pkg}: npm i ${pkg}@${range}`);
  }
}

/** The package an ESM or CommonJS "not found" error names, when it names a package (not a file). */
export function missingPackage(error: unknown): string | undefined {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code !== "ERR_MODULE_NOT_FOUND" && code !== "MODULE_NOT_FOUND") return undefined;
  const match = /Cannot find (?:package|module) '(@[^/']+\/[^/']+|[^@./'][^/']*)/.exec((error as Error).message);
  return match?.[1];
}

/** The range Tenantry declares for `pkg` (as a peer or a dependency). */
export function declaredRange(pkg: string): string {
  try {
    const pkgJson = packageJson();
    return pkgJson.peerDependencies?.[pkg] ?? pkgJson.dependencies?.[pkg] ?? "latest";
  } catch {
    return "latest";
  }
}

/** Runs `load` (a dynamic import, for `cloud` when given); a missing package becomes a {@link MissingPackageError}. */
export async function importOnDemand<T>(load: () => Promise<T>, cloud?: string): Promise<T> {
  try {
    return await load();
  } catch (error) {
    const pkg = missingPackage(error);
    if (pkg) throw new MissingPackageError(pkg, declaredRange(pkg), cloud);
    throw error;
  }
}
