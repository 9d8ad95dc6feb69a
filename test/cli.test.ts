import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

/** Runs the real command the way the README does (`npm run tenantry -- ...` runs `tsx cli/tenantry.ts`). */
function tenantry(...args: string[]) {
  const run = spawnSync(process.execPath, ["--import", "tsx", "cli/tenantry.ts", ...args], { encoding: "utf8" });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe("tenantry validate", () => {
  it("prints ok per valid file and exits 0 on the demo tenants", () => {
    const run = tenantry("validate", "stacks/tenants");
    expect(run.stdout.split("\n")).toEqual([
      "stacks/tenants/acme.yaml: ok",
      "stacks/tenants/globex.yaml: ok",
      "stacks/tenants/initech.yaml: ok",
      "3 files: all valid",
      "",
    ]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
  });

  it("prints every problem, one per line, and exits 1", () => {
    const run = tenantry("validate", "stacks/tenants/acme.yaml", "test/fixtures/malformed/many-problems.yaml");
    expect(run.stdout.split("\n")).toEqual([
      "stacks/tenants/acme.yaml: ok",
      'test/fixtures/malformed/many-problems.yaml: contact: must be an email address (got "nobody")',
      'test/fixtures/malformed/many-problems.yaml: network.cidr: must start at its network address: 10.16.0.0/12 (host bits set) (got "10.20.0.0/12")',
      'test/fixtures/malformed/many-problems.yaml: network.cidr: must be a /16 to /24 block, large enough for 16 subnets of at least /28 (got "10.20.0.0/12")',
      "test/fixtures/malformed/many-problems.yaml: services[0].licence.users: has no documented sizing: AnyShare tiers stop at 5000 users (product-facts.md §1) (got 6000)",
      "2 files: 1 valid, 1 with problems (4 problems)",
      "",
    ]);
    expect(run.code).toBe(1);
  });

  it("reports an unreadable path without a stack trace", () => {
    const run = tenantry("validate", "no/such/tenant.yaml");
    expect(run.stdout).toContain("no/such/tenant.yaml: (file): cannot be read: no such file or directory");
    expect(run.stderr).toBe("");
    expect(run.code).toBe(1);
  });

  it("exits 2 on a wrong command line", () => {
    expect(tenantry("validate").code).toBe(2);
    expect(tenantry("frobnicate").code).toBe(2);
  });

  it("exits 0 for --help", () => {
    const run = tenantry("--help");
    expect(run.stdout).toContain("validate <paths...>");
    expect(run.code).toBe(0);
  });
});

describe("the package's bin", () => {
  it("points at the compiled cli/tenantry.ts, which has a node shebang", () => {
    const pkg = JSON.parse(readFileSync("package.json", "utf8")) as { bin: Record<string, string> };
    const build = JSON.parse(readFileSync("tsconfig.build.json", "utf8")) as { compilerOptions: { outDir: string }; include: string[] };
    expect(pkg.bin.tenantry).toBe(`./${build.compilerOptions.outDir}/cli/tenantry.js`);
    expect(build.include).toContain("cli");
    expect(readFileSync("cli/tenantry.ts", "utf8").startsWith("#!/usr/bin/env node\n")).toBe(true);
  });
});
