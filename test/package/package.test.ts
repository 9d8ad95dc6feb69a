/**
 * The published package, as a new user of one cloud gets it: the packed tarball installed in an
 * empty project with only `@pulumi/pulumi`, `@pulumi/random` and that cloud's provider. The bin
 * (`--version`, `--help`, `validate`, `plan`), a missing provider's one-line message, every
 * `exports` entry (types, and which Pulumi packages it loads), the example Pulumi program of that
 * cloud compiled and run under mocks, and the built policy packs.
 *
 * Run by `scripts/test-node-versions.sh` under Node 20, 22 and 24 (`npm test` runs it), with the
 * tarball packed once (TENANTRY_TARBALL) and one working directory for the run (TENANTRY_PACKAGE_DIR),
 * which the script removes afterwards. Run alone, the test makes its own and removes it. Each run
 * installs into its own projects: concurrent runs (two worktrees, CI and a developer) never share one.
 * What makes it fast is a read-only template of each cloud's dependencies (test/package/projects.ts):
 * made once per set of package versions, published by an atomic rename, and only ever copied from.
 */
import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, dirname, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dependencyTemplate, runDirectory, tempDirectories } from "./projects.js";

const ROOT = resolve(".");
const pkg = JSON.parse(readFileSync("package.json", "utf8")) as { version: string; dependencies: Record<string, string>; peerDependencies: Record<string, string>; exports: Record<string, unknown> };
const lock = JSON.parse(readFileSync("package-lock.json", "utf8")) as { packages: Record<string, { version: string }> };
/** The versions this repository develops against (already in npm's cache). */
const locked = (name: string) => `${name}@${lock.packages[`node_modules/${name}`]!.version}`;

/** Each cloud a user may install alone, with its provider package (Huawei Cloud has none: Tenantry binds its resources itself). */
const CLOUDS: readonly { cloud: string; provider?: string }[] = [
  { cloud: "aws", provider: "@pulumi/aws" },
  { cloud: "alicloud", provider: "@pulumi/alicloud" },
  { cloud: "kubernetes", provider: "@pulumi/kubernetes" },
  { cloud: "huaweicloud" },
];

/** The Pulumi packages each `exports` entry may load (a cloud's entry: its provider, the SDK and random). */
const ENTRY_LOADS: Record<string, readonly string[]> = {
  ".": [],
  "./core": [],
  "./aws": ["@pulumi/aws", "@pulumi/pulumi", "@pulumi/random"],
  "./alicloud": ["@pulumi/alicloud", "@pulumi/pulumi", "@pulumi/random"],
  "./kubernetes": ["@pulumi/kubernetes", "@pulumi/pulumi", "@pulumi/random"],
  "./huaweicloud": ["@pulumi/pulumi", "@pulumi/random"],
  "./minio": ["@pulumi/minio", "@pulumi/pulumi", "@pulumi/random"],
  "./s3-compatible": ["@pulumi/pulumi"],
  "./policies": ["@pulumi/policy", "@pulumi/pulumi"],
  "./plan": ["@pulumi/policy", "@pulumi/pulumi"],
};
const ENTRIES = Object.keys(pkg.exports).filter((e) => e !== "./package.json");
const specifier = (entry: string) => (entry === "." ? "tenantry" : `tenantry/${entry.slice(2)}`);

/**
 * A use of each cloud's tenant arguments that its stack configuration passes (keys added for stack
 * users: flow-log retention, zones, an old database identifier, an existing enterprise project), so
 * that the shipped types are checked to have them; and the plan document's entry points.
 */
const TYPE_USES: Record<string, string> = {
  aws: `import type { AwsTenantArgs } from "tenantry/aws";
export const awsNetwork: AwsTenantArgs["network"] = { flowLogRetentionDays: 30, availabilityZones: ["ap-southeast-1a"] };
export const awsDatabase: AwsTenantArgs["database"] = { engineVersion: "8.0", identifier: "legacy-mysql-0a1b2c" };
`,
  alicloud: `import type { AlicloudTenantArgs } from "tenantry/alicloud";
export const alicloudNetwork: AlicloudTenantArgs["network"] = { flowLogRetentionDays: 30, zoneIds: ["cn-hangzhou-h"] };
`,
  huaweicloud: `import type { HuaweiTenantArgs } from "tenantry/huaweicloud";
export const huaweiNetwork: HuaweiTenantArgs["network"] = { flowLogRetentionDays: 30 };
export const huaweiProject: HuaweiTenantArgs["enterpriseProjectId"] = "0a1b2c3d-0000-4000-8000-000000000001";
`,
  kubernetes: "",
};

/** The environment of every child: the same Node first on PATH (the bin's shebang finds it), no colour. */
const env = { ...process.env, PATH: `${dirname(process.execPath)}${delimiter}${process.env.PATH}`, NO_COLOR: "1" };

function run(command: string, args: readonly string[], cwd: string, timeout = 300_000) {
  const r = spawnSync(command, args, { cwd, env, encoding: "utf8", timeout, maxBuffer: 64 * 1024 * 1024 });
  return { code: r.status, stdout: r.stdout ?? "", stderr: r.stderr ?? "" };
}

function mustRun(command: string, args: readonly string[], cwd: string) {
  const r = run(command, args, cwd);
  if (r.code !== 0) throw new Error(`${command} ${args.join(" ")} failed (${r.code}):\n${r.stdout}\n${r.stderr}`);
  return r;
}

/** The packed tarball: TENANTRY_TARBALL, or packed here (npm pack runs the build) into a temp directory of this run. */
function tarball(): string {
  if (process.env.TENANTRY_TARBALL) return resolve(process.env.TENANTRY_TARBALL);
  const out = temp.make("tenantry-pack-");
  mustRun("npm", ["pack", "--silent", "--pack-destination", out], ROOT);
  const file = readdirSync(out).find((f) => f.endsWith(".tgz"));
  if (!file) throw new Error(`npm pack left no tarball in ${out}`);
  return join(out, file);
}

const NPM_FLAGS = ["--prefer-offline", "--no-audit", "--no-fund", "--loglevel=error"];

/** Where the dependency templates live: TENANTRY_PACKAGE_CACHE, else a directory of the system's temp directory. */
const TEMPLATES = process.env.TENANTRY_PACKAGE_CACHE ?? join(tmpdir(), "tenantry-package-templates");

/**
 * A project with the tarball and one cloud's packages installed, as an empty project gets them, in
 * the run's directory: a copy of the cloud's dependency template, with the tarball installed over it
 * (npm adds Tenantry; its dependencies are already there). Made once per run and tarball (the
 * script's Node versions share it).
 */
function project(work: string, tgz: string, cloud: (typeof CLOUDS)[number]): string {
  const digest = createHash("sha256").update(readFileSync(tgz)).digest("hex");
  const packages = [locked("@pulumi/pulumi"), locked("@pulumi/random"), ...(cloud.provider ? [locked(cloud.provider)] : [])];
  const own = Object.keys(pkg.dependencies).map(locked);
  const dir = join(work, cloud.cloud);
  const marker = join(dir, ".installed");
  if (existsSync(marker) && readFileSync(marker, "utf8") === digest) return dir;
  rmSync(dir, { recursive: true, force: true });
  const template = dependencyTemplate(TEMPLATES, cloud.cloud, [...packages, ...own], (building, list) => mustRun("npm", ["install", ...NPM_FLAGS, ...list], building));
  // Symlinks (node_modules/.bin) are copied as they are: relative, so they point into the copy, never the template.
  cpSync(template, dir, { recursive: true, verbatimSymlinks: true });
  mustRun("npm", ["install", ...NPM_FLAGS, tgz, ...packages], dir);
  writeFileSync(marker, digest);
  return dir;
}

const tenantry = (dir: string, ...args: string[]) => run(join(dir, "node_modules", ".bin", "tenantry"), args, dir);

/** Which @pulumi packages a fresh Node loads for `import(spec)` (they are CommonJS, so they show in the require cache). */
function loadedBy(dir: string, spec: string) {
  const script = `import { createRequire } from "node:module";
try { await import(${JSON.stringify(spec)}); } catch (e) { console.log(JSON.stringify({ error: e.code ?? e.message })); process.exit(0); }
const names = Object.keys(createRequire(import.meta.url).cache).flatMap((f) => { const m = /node_modules[\\\\/](@pulumi[\\\\/][^\\\\/]+)/.exec(f); return m ? [m[1].replace("\\\\", "/")] : []; });
console.log(JSON.stringify({ loaded: [...new Set(names)].sort() }));`;
  const r = run(process.execPath, ["--input-type=module", "-e", script], dir);
  return JSON.parse(r.stdout.trim().split("\n").pop() || "{}") as { loaded?: string[]; error?: string };
}

/** Starts a built policy pack the way the Pulumi CLI does (cwd = the pack) and returns the port it serves on. */
function servePack(packDir: string): Promise<string> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [join("dist", "index.cjs")], { cwd: packDir, env });
    let out = "";
    let err = "";
    const timer = setTimeout(() => {
      child.kill();
      fail(new Error(`${packDir} printed no port in 30 s: ${err}`));
    }, 30_000);
    child.stdout.on("data", (d: Buffer) => {
      out += d.toString();
      if (out.includes("\n")) {
        clearTimeout(timer);
        child.kill();
        done(out.split("\n")[0]!.trim());
      }
    });
    child.stderr.on("data", (d: Buffer) => (err += d.toString()));
    child.on("exit", (code) => {
      clearTimeout(timer);
      if (!out.includes("\n")) fail(new Error(`${packDir} exited ${code}: ${err}`));
    });
  });
}

const temp = tempDirectories();
let tgz: string;
let work: string;
beforeAll(() => {
  work = runDirectory(temp);
  tgz = tarball();
}, 600_000);

afterAll(() => temp.removeAll());

describe("the exports map", () => {
  it("names what each entry may load, for every entry", () => {
    expect(ENTRIES.sort()).toEqual(Object.keys(ENTRY_LOADS).sort());
  });
});

describe.each(CLOUDS)("installed for $cloud alone", (cloud) => {
  let dir: string;
  beforeAll(() => {
    dir = project(work, tgz, cloud);
  }, 600_000);

  it("the bin answers --version and --help", () => {
    const version = tenantry(dir, "--version");
    expect(version).toMatchObject({ code: 0, stdout: `${pkg.version}\n`, stderr: "" });
    const help = tenantry(dir, "--help");
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("validate <paths...>");
    expect(help.stdout).toContain("plan [options]");
  });

  it("validates the demo tenants shipped in the package", () => {
    const r = tenantry(dir, "validate", "node_modules/tenantry/stacks/tenants");
    expect(r.stdout.trim().split("\n").pop()).toBe("3 files: all valid");
    expect(r.code).toBe(0);
  });

  it(`plans ${cloud.cloud} with the shipped demo stack and tenants, as JSON`, () => {
    const r = tenantry(dir, "plan", "--cloud", cloud.cloud, "--format", "json", "--quiet", "--now", "2026-06-15T00:00:00Z");
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as { cloud: string; totals: { tenants: number; resources: number }; result: { ok: boolean } };
    expect(doc.cloud).toBe(cloud.cloud);
    expect(doc.totals.tenants).toBe(3);
    expect(doc.totals.resources).toBeGreaterThan(50);
    expect(doc.result.ok).toBe(true);
  });

  it("documents every key of its stack configuration (and of tenantry:*) in a table of the shipped README or docs", () => {
    const shipped = join(dir, "node_modules", "tenantry");
    const url = (file: string) => JSON.stringify(pathToFileURL(join(shipped, "dist", "stacks", file)).href);
    const script = `const { STACK_CONFIG_KEYS } = await import(${url("config.js")});
const stack = await import(${url(`${cloud.cloud}.js`)});
console.log(JSON.stringify({ top: STACK_CONFIG_KEYS.map((k) => "tenantry:" + k), cloud: Object.keys(stack.${cloud.cloud}StackConfigSchema.shape) }));`;
    const r = run(process.execPath, ["--input-type=module", "-e", script], dir);
    expect(r.stderr).toBe("");
    const keys = JSON.parse(r.stdout) as { top: string[]; cloud: string[] };
    expect(keys.cloud.length).toBeGreaterThan(20);
    const docs = ["README.md", ...readdirSync(join(shipped, "docs")).map((f) => join("docs", f))];
    const rows = docs.flatMap((f) => readFileSync(join(shipped, f), "utf8").split("\n")).filter((line) => line.startsWith("|"));
    const documented = (key: string) => rows.some((row) => row.includes(`\`${key}\``) || row.includes(`\`${key}.`));
    expect([...keys.top, ...keys.cloud].filter((k) => !documented(k))).toEqual([]);
  });

  it("names the missing provider of another cloud in one line, exit 2", () => {
    for (const other of CLOUDS.filter((c) => c !== cloud && c.provider)) {
      const r = tenantry(dir, "plan", "--cloud", other.cloud, "--quiet");
      expect(r.stderr).toBe(`planning ${other.cloud} needs ${other.provider}: npm i ${other.provider}@${pkg.peerDependencies[other.provider!]}\n`);
      expect(r.stdout).toBe("");
      expect(r.code).toBe(2);
    }
  });

  it.each(ENTRIES)("export %s loads only the Pulumi packages it needs (or needs a provider that is not installed)", (entry) => {
    const result = loadedBy(dir, specifier(entry));
    const needs = ENTRY_LOADS[entry]!;
    const missing = needs.filter((p) => !existsSync(join(dir, "node_modules", p)));
    if (missing.length > 0) expect(result.error).toBe("ERR_MODULE_NOT_FOUND");
    else expect(result.loaded).toEqual([...needs].sort());
  });

  it(`compiles examples/${cloud.cloud} and a use of every entry's types against the package, and runs the example under mocks`, () => {
    const example = join(dir, "example");
    rmSync(example, { recursive: true, force: true });
    cpSync(join(ROOT, "examples", cloud.cloud), example, { recursive: true });
    // Every entry this project can load, with a value of each, so that missing types fail the build.
    const usable = ENTRIES.filter((e) => ENTRY_LOADS[e]!.every((p) => existsSync(join(dir, "node_modules", p))));
    writeFileSync(
      join(example, "entries.ts"),
      usable.map((e, i) => `import * as entry${i} from "${specifier(e)}";\nexport const keys${i}: string[] = Object.keys(entry${i});\n`).join("") +
        `import { readFleet, type Fleet } from "tenantry/core";\nexport const read: (paths: readonly string[]) => Promise<Fleet> = readFleet;\n` +
        `import type { PlannedTenant } from "tenantry/plan";\nexport const entryPoints: PlannedTenant["entryPoints"] = [{ key: "anyshare-cloud-web", purpose: "web", listeners: ["443/https"] }];\n` +
        TYPE_USES[cloud.cloud],
    );
    // One compiler run over the example (emitting dist/index.js, Pulumi.yaml's main) and the entries' use.
    writeFileSync(join(example, "tsconfig.test.json"), JSON.stringify({ extends: "./tsconfig.json", include: ["index.ts", "entries.ts"] }));
    const tsc = join(ROOT, "node_modules", "typescript", "bin", "tsc");
    const compiled = run(process.execPath, [tsc, "-p", join(example, "tsconfig.test.json"), "--typeRoots", join(ROOT, "node_modules", "@types")], dir);
    expect(compiled.stdout + compiled.stderr).toBe("");
    const settings: Record<string, Record<string, string>> = {
      aws: { "tenantry:ami": "ami-0123456789abcdef0" },
      alicloud: { "tenantry:image": "aliyun_3_x64_20G_alibase_20240819.vhd" },
      huaweicloud: { "tenantry:image": "00000000-0000-4000-8000-000000000001", "tenantry:region": "cn-north-4" },
      kubernetes: { "tenantry:anyshareImage": "registry.example.com/vendor/anyshare-cloud:7.0", "tenantry:anysharePort": "8080", "tenantry:anyshareUser": "10001", "tenantry:domain": "tenants.example.com" },
    };
    const config = { ...settings[cloud.cloud], "tenantry:tenants": "example/tenants", "tenantry:alarmEmails": '["ops@example.com"]', "tenantry:adminCidrs": '["198.51.100.0/24"]' };
    writeFileSync(
      join(dir, "run-example.mjs"),
      `import { runUnderMocks } from "tenantry/plan";
import { PACKS, runPolicyPacks } from "tenantry/policies";
const run = await runUnderMocks(() => import("./example/dist/index.js"), ${JSON.stringify(config)}, "dev");
const policies = await runPolicyPacks(PACKS, run.resources, { "licence-expired": { now: "2026-06-15T00:00:00Z" }, "licence-not-yet-valid": { now: "2026-06-15T00:00:00Z" } });
console.log(JSON.stringify({
  tenants: Object.keys(run.outputs.tenants),
  types: [...new Set(run.resources.map((r) => r.type))],
  mandatory: policies.verdicts.filter((v) => v.level === "mandatory").map((v) => v.policy + ": " + v.message),
}));
`,
    );
    const ran = run(process.execPath, ["run-example.mjs"], dir);
    expect(ran.stderr).toBe("");
    expect(ran.code).toBe(0);
    const result = JSON.parse(ran.stdout) as { tenants: string[]; types: string[]; mandatory: string[] };
    expect(result.tenants).toEqual([cloud.cloud === "kubernetes" ? "initrode" : "northwind"]);
    expect(result.types).toContain(`tenantry:${cloud.cloud}:Tenant`);
    expect(result.types.filter((t) => t.startsWith(`${cloud.cloud}:`)).length).toBeGreaterThan(5);
    expect(result.mandatory).toEqual([]);
  });
});

describe("the built policy packs in the installed package", () => {
  let packs: string;
  beforeAll(() => {
    packs = join(project(work, tgz, CLOUDS[0]!), "node_modules", "tenantry", "policy-packs");
  }, 600_000);

  it("each has its PulumiPolicy.yaml, package.json, bundle and config schema, and serves when started as the Pulumi CLI starts it", async () => {
    const names = readdirSync(packs).sort();
    expect(names).toEqual(["licence", "quota", "security"]);
    for (const name of names) {
      const dir = join(packs, name);
      for (const file of ["PulumiPolicy.yaml", "package.json", "dist/index.cjs", "config.schema.json", "config.example.json"]) expect(existsSync(join(dir, file)), `${name}/${file}`).toBe(true);
      expect(await servePack(dir)).toMatch(/^\d+$/);
    }
  });
});
