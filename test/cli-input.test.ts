/**
 * Hostile and malformed input to the command: every problem told at once, with the documented
 * exit code, never a stack trace and never a hang.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InputError, MAX_YAML_FILE_BYTES, readYamlFile } from "../components/core/index.js";
import { colorWanted } from "../cli/plan-options.js";
import { importOnDemand, MissingPackageError, missingPackage } from "../stacks/package.js";
import { readStackFile } from "../stacks/stack-file.js";

function tenantry(...args: string[]) {
  const run = spawnSync(process.execPath, ["--import", "tsx", "cli/tenantry.ts", ...args], { encoding: "utf8", timeout: 60_000 });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

const VALID = `id: good
name: Good Co
contact: ops@good.example
network: { cidr: 10.50.0.0/20 }
services:
  - product: ops-server
`;

const ALIAS_BOMB = `a: &a [x, x, x, x, x, x, x, x, x]
b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]
e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]
f: [*e, *e, *e, *e, *e, *e, *e, *e, *e]
`;

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "tenantry-hostile-"));
  writeFileSync(join(dir, "good.yaml"), VALID);
  writeFileSync(join(dir, "bomb.yaml"), ALIAS_BOMB);
  writeFileSync(join(dir, "deep.yaml"), `a: ${"[".repeat(50_000)}${"]".repeat(50_000)}\n`);
  writeFileSync(join(dir, "huge.yaml"), `# ${"x".repeat(MAX_YAML_FILE_BYTES)}\n`);
  mkdirSync(join(dir, "folder.yaml"));
  symlinkSync("loop-b.yaml", join(dir, "loop-a.yaml"));
  symlinkSync("loop-a.yaml", join(dir, "loop-b.yaml"));
  const fifo = spawnSync("mkfifo", [join(dir, "pipe.yaml")]);
  if (fifo.status !== 0) throw new Error(`mkfifo failed: ${fifo.stderr}`);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("tenantry validate on a directory of hostile files", () => {
  it("reports every one in a single run, exits 1, and neither hangs nor prints a stack trace", () => {
    const run = tenantry("validate", dir);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(1);
    const lines = run.stdout.trim().split("\n").map((l) => l.replace(`${dir}/`, ""));
    expect(lines).toEqual([
      expect.stringMatching(/^bomb\.yaml: \(file\): expands too many aliases \(at most 100\)/),
      expect.stringMatching(/^deep\.yaml: line \d+, column \d+: is not valid YAML: nests too deeply$/),
      "folder.yaml: (file): cannot be read: is a directory, not a regular file",
      "good.yaml: ok",
      `huge.yaml: (file): is too large: at most ${MAX_YAML_FILE_BYTES} bytes (got "${MAX_YAML_FILE_BYTES + 3} bytes")`,
      "loop-a.yaml: (file): cannot be read: is a loop of symbolic links",
      "loop-b.yaml: (file): cannot be read: is a loop of symbolic links",
      "pipe.yaml: (file): cannot be read: is a FIFO (named pipe), not a regular file",
      "8 files: 1 valid, 7 with problems (7 problems)",
    ]);
  });

  it("refuses a device given by name", async () => {
    expect(await readYamlFile("/dev/zero")).toEqual({ ok: false, problems: [{ file: "/dev/zero", path: "(file)", message: "cannot be read: is a device, not a regular file" }] });
  });
});

describe("stack files", () => {
  it("a stack file that is not YAML, or not a mapping, is an InputError naming the file", async () => {
    const stacks = mkdtempSync(join(tmpdir(), "tenantry-stacks-"));
    writeFileSync(join(stacks, "Pulumi.broken.yaml"), "config: { tenantry:cloud: aws\n");
    writeFileSync(join(stacks, "Pulumi.list.yaml"), "- a\n- b\n");
    writeFileSync(join(stacks, "Pulumi.scalar.yaml"), "config: 42\n");
    const problems = async (stack: string) => {
      const error = await readStackFile(stack, stacks).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InputError);
      return (error as InputError).problems.map((p) => `${p.path}: ${p.message}`);
    };
    expect((await problems("broken"))[0]).toMatch(/^line \d+, column \d+: is not valid YAML/);
    expect(await problems("list")).toEqual(["(document): must be a mapping with a config: key"]);
    expect(await problems("scalar")).toEqual(["config: must be a mapping of configuration keys"]);
    rmSync(stacks, { recursive: true });
  });
});

describe("tenantry plan: its input files are checked before anything runs", () => {
  it("a policy config with unknown rules, wrong types and bad levels, and a malformed baseline: every problem at once, exit 2", () => {
    const config = join(dir, "policy.json");
    writeFileSync(config, JSON.stringify({ "tenant-quota": { maxVcpu: "40", enforcementLevel: "warn" }, "tenant-qouta": "advisory", "tenantry-quota": {}, "no-world-admin-ports": { ports: [22], extra: 1 } }));
    const baseline = join(dir, "baseline.json");
    writeFileSync(baseline, JSON.stringify({ schema: "tenantry-plan/v1", stack: "aws-demo", at: "2026-01-01T00:00:00Z", tenants: [{ id: "acme" }], resources: [] }));
    const run = tenantry("plan", "--stack", "aws-demo", "--policy-config", config, "--baseline", baseline, "--now", "yesterday");
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    const lines = run.stderr.trim().split("\n");
    expect(lines).toContain("--now: must be an ISO 8601 date-time (got \"yesterday\")");
    expect(lines).toContain(`${baseline}: tenants[0].cidr: expected string, received undefined (not a plan written by --format json?)`);
    expect(lines).toContain(`${config}: tenant-quota.maxVcpu: must be a number (got "40")`);
    expect(lines).toContain(`${config}: tenant-quota.enforcementLevel: must be one of advisory, mandatory, disabled (got "warn")`);
    expect(lines.some((l) => l.startsWith(`${config}: tenant-qouta: is not a rule of tenantry-licence, tenantry-quota, tenantry-security: one of licence-expired,`))).toBe(true);
    expect(lines).toContain(`${config}: tenantry-quota: is a pack, not a rule: give its rules at the top level (all packs in one object): tenant-quota, stack-quota, monitor-quota (got {})`);
    expect(lines).toContain(`${config}: no-world-admin-ports.extra: is not a setting of no-world-admin-ports: enforcementLevel, ports (got 1)`);
    expect(lines).toHaveLength(7);
  });

  it("a baseline or policy config that is not JSON, or not there: one line each, exit 2", () => {
    const notJson = join(dir, "not.json");
    writeFileSync(notJson, "{ nope");
    const run = tenantry("plan", "--stack", "aws-demo", "--baseline", notJson, "--policy-config", join(dir, "missing.json"));
    expect(run.code).toBe(2);
    const lines = run.stderr.trim().split("\n");
    expect(lines[0]).toMatch(new RegExp(`^${notJson}: cannot be read as JSON: `));
    expect(lines[1]).toBe(`${join(dir, "missing.json")}: cannot be read: no such file or directory`);
    expect(lines).toHaveLength(2);
  });
});

describe("packages loaded on demand", () => {
  it("a missing package is named with the range to install", async () => {
    const error = await importOnDemand(() => import(["@pulumi", "not-installed"].join("/")), "aws").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MissingPackageError);
    expect((error as MissingPackageError).message).toBe("needs @pulumi/not-installed: npm i @pulumi/not-installed@latest");
    expect((error as MissingPackageError).cloud).toBe("aws");
  });

  it("reads the package from Node's ESM and CommonJS errors, and only packages", () => {
    expect(missingPackage(Object.assign(new Error("Cannot find package '@pulumi/aws' imported from /x/y.js"), { code: "ERR_MODULE_NOT_FOUND" }))).toBe("@pulumi/aws");
    expect(missingPackage(Object.assign(new Error("Cannot find module 'yaml'\nRequire stack:"), { code: "MODULE_NOT_FOUND" }))).toBe("yaml");
    expect(missingPackage(Object.assign(new Error("Cannot find module '/x/dist/aws.js' imported from /x/y.js"), { code: "ERR_MODULE_NOT_FOUND" }))).toBeUndefined();
    expect(missingPackage(new Error("Cannot find package 'x'"))).toBeUndefined();
  });
});

describe("colour", () => {
  it("only on a terminal, and never with NO_COLOR set to anything but empty", () => {
    expect(colorWanted(true, {})).toBe(true);
    expect(colorWanted(false, {})).toBe(false);
    expect(colorWanted(true, { NO_COLOR: "1" })).toBe(false);
    expect(colorWanted(true, { NO_COLOR: "" })).toBe(true);
  });
});
