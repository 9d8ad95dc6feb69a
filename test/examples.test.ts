import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";

describe("examples/library/size-a-tenant.ts", () => {
  it("runs, and prints the documented size with the row it came from", () => {
    const run = spawnSync(process.execPath, ["--import", "tsx", "examples/library/size-a-tenant.ts"], { encoding: "utf8" });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    const [size, licence] = run.stdout.trim().split("\n");
    expect(size).toBe("anyshare-cloud: 2 vCPU / 8 GiB (product-facts.md §1 AnyShare Cloud, 300 users)");
    // The example reads the real clock, so the status depends on the day the test runs.
    expect(licence).toMatch(/^as_example_1: (active|expiring|expired)$/);
  });
});
