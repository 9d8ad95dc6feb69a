/**
 * The fleet runner's orchestration against a fake workspace (there is no Pulumi CLI here): order,
 * bounded concurrency, failure isolation, the report and the command's exit codes.
 */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { fleetCommand } from "../../cli/fleet.js";
import { runFleet, summaryTable, type Changes, type FleetOperation, type FleetWorkspace } from "../../fleet/runner.js";
import { fleetUnits } from "../../fleet/units.js";

const baseConfig = { "tenantry:cloud": "aws", "aws:region": "ap-southeast-1", "tenantry:aws": '{"images":{}}' };
const ids = ["t1", "t2", "t3", "t4", "t5", "t6"];

/** A workspace whose stacks take `ms` each and fail when `fail` says so; it records what ran. */
function fakeWorkspace(fail: (stack: string) => boolean = () => false, ms = 5) {
  const log: { stack: string; operation: FleetOperation; config: Record<string, string> }[] = [];
  let running = 0;
  let maxRunning = 0;
  const workspace: FleetWorkspace = {
    async stack(name, config) {
      return {
        async run(operation, onOutput): Promise<Changes> {
          log.push({ stack: name, operation, config: { ...config } });
          maxRunning = Math.max(maxRunning, ++running);
          try {
            onOutput(`Previewing update (${name}):\n`);
            await new Promise((r) => setTimeout(r, ms));
            if (fail(name)) {
              onOutput("error: creating EC2 Instance: InsufficientInstanceCapacity\n");
              throw new Error(`stack ${name}: update failed`);
            }
            return { create: 3, same: 10 };
          } finally {
            running--;
          }
        },
      };
    },
  };
  return { workspace, log, maxRunning: () => maxRunning };
}

describe("fleetUnits", () => {
  it("makes a fleet stack and a stack per tenant or group, each with its role, selection and the fleet stack to read", () => {
    const units = fleetUnits({ base: "aws-prod", baseConfig, tenantIds: ids, groups: { small: ["t2", "t3"] }, org: "acme-ops" });
    expect(units.map((u) => [u.stack, u.role, u.tenants.join(",")])).toEqual([
      ["acme-ops/tenantry/aws-prod-fleet", "fleet", ""],
      ["acme-ops/tenantry/aws-prod-t1", "tenants", "t1"],
      ["acme-ops/tenantry/aws-prod-small", "tenants", "t2,t3"],
      ["acme-ops/tenantry/aws-prod-t4", "tenants", "t4"],
      ["acme-ops/tenantry/aws-prod-t5", "tenants", "t5"],
      ["acme-ops/tenantry/aws-prod-t6", "tenants", "t6"],
    ]);
    expect(units[2]!.config).toEqual({
      ...baseConfig,
      "tenantry:role": "tenants",
      "tenantry:select": "t2,t3",
      "tenantry:fleetStack": "acme-ops/tenantry/aws-prod-fleet",
      "tenantry:scope": "aws-prod",
    });
    expect(units[0]!.config["tenantry:role"]).toBe("fleet");
  });

  it("with --tenants, runs only those (a tenant in a group runs its group) and leaves the fleet stack out", () => {
    const units = fleetUnits({ base: "aws-prod", baseConfig, tenantIds: ids, groups: { small: ["t2", "t3"] }, only: ["t3", "t5"] });
    expect(units.map((u) => u.stack)).toEqual(["aws-prod-small", "aws-prod-t5"]);
  });

  it("reports every problem at once", () => {
    expect(() =>
      fleetUnits({ base: "aws-prod", baseConfig: { ...baseConfig, "tenantry:select": "t1" }, tenantIds: ids, groups: { t1: ["t2"], other: ["t2", "zz"] }, only: ["nope"] }),
    ).toThrow(
      [
        "invalid fleet:",
        'tenantry:select: is set by the fleet runner per stack: the base stack aws-prod must not set it (got "t1")',
        "groups.t1: is a tenant id: a group needs a name of its own",
        'groups.other: names a tenant already in group t1 (got "t2")',
        'groups.other: names a tenant that is not in the fleet (got "zz")',
        '--tenants: names no tenant or group of the fleet (t1, t3, t4, t5, t6) (got "nope")',
      ].join("\n"),
    );
  });
});

describe("runFleet", () => {
  const units = fleetUnits({ base: "aws-prod", baseConfig, tenantIds: ids });

  it("runs the fleet stack first, then tenant stacks at most N at a time, and sets each stack's config", async () => {
    const fake = fakeWorkspace();
    const report = await runFleet({ operation: "up", units, concurrency: 2, workspace: fake.workspace });
    expect(fake.log[0]!.stack).toBe("aws-prod-fleet");
    expect(fake.log.map((l) => l.stack).sort()).toEqual(units.map((u) => u.stack).sort());
    expect(fake.maxRunning()).toBe(2);
    expect(fake.log.find((l) => l.stack === "aws-prod-t4")!.config["tenantry:select"]).toBe("t4");
    expect(report.ok).toBe(true);
    expect(report.totals).toEqual({ succeeded: 7, failed: 0, skipped: 0 });
    expect(report.stacks[1]).toMatchObject({ stack: "aws-prod-t1", status: "succeeded", changes: { create: 3, same: 10 } });
  });

  it("isolates failures: the others still run and succeed; the report keeps the failed stack's output", async () => {
    const fake = fakeWorkspace((s) => s === "aws-prod-t2" || s === "aws-prod-t5");
    const events: string[] = [];
    const report = await runFleet({ operation: "up", units, concurrency: 3, workspace: fake.workspace, onEvent: (e) => e.kind === "done" && events.push(`${e.result.stack}:${e.result.status}`) });
    expect(report.ok).toBe(false);
    expect(report.totals).toEqual({ succeeded: 5, failed: 2, skipped: 0 });
    expect(events.sort()).toEqual(units.map((u) => `${u.stack}:${["aws-prod-t2", "aws-prod-t5"].includes(u.stack) ? "failed" : "succeeded"}`).sort());
    expect(report.stacks.find((s) => s.stack === "aws-prod-t2")).toMatchObject({
      status: "failed",
      error: "stack aws-prod-t2: update failed",
      outputTail: ["Previewing update (aws-prod-t2):", "error: creating EC2 Instance: InsufficientInstanceCapacity"],
    });
    const table = summaryTable(report);
    expect(table).toContain("aws-prod-t2");
    expect(table).toMatch(/aws-prod-t1\s+t1\s+succeeded\s+\d+\.\d s\s+3 create/);
    expect(table.trimEnd().split("\n").pop()).toBe("up: 5 succeeded, 2 failed, 0 skipped");
  });

  it("skips the tenant stacks when the fleet stack's up fails (they read its outputs)", async () => {
    const fake = fakeWorkspace((s) => s.endsWith("-fleet"));
    const report = await runFleet({ operation: "up", units, concurrency: 4, workspace: fake.workspace });
    expect(fake.log.map((l) => l.stack)).toEqual(["aws-prod-fleet"]);
    expect(report.totals).toEqual({ succeeded: 0, failed: 1, skipped: 6 });
    expect(report.stacks[3]!.error).toBe("the fleet stack aws-prod-fleet failed");
  });

  it("destroys tenant stacks first and the fleet stack only when all of them are gone", async () => {
    const fake = fakeWorkspace();
    await runFleet({ operation: "destroy", units, concurrency: 4, workspace: fake.workspace });
    expect(fake.log.at(-1)!.stack).toBe("aws-prod-fleet");
    const failing = fakeWorkspace((s) => s === "aws-prod-t3");
    const report = await runFleet({ operation: "destroy", units, concurrency: 4, workspace: failing.workspace });
    expect(failing.log.map((l) => l.stack)).not.toContain("aws-prod-fleet");
    expect(report.stacks[0]).toMatchObject({ stack: "aws-prod-fleet", status: "skipped", error: "tenant stacks still hold resources: aws-prod-t3" });
  });
});

describe("tenantry fleet", () => {
  const io = () => {
    const out: string[] = [];
    const err: string[] = [];
    return { out, err, io: { out: (t: string) => void out.push(t), err: (t: string) => void err.push(t) } };
  };

  it("--dry-run shows the demo fleet's stacks and runs nothing", async () => {
    const o = io();
    const code = await fleetCommand("preview", { stack: "aws-demo", concurrency: "4", dryRun: true }, { ...o.io, workspace: () => Promise.reject(new Error("must not run")) });
    expect(code).toBe(0);
    const text = o.out.join("");
    expect(text).toContain("tenantry fleet preview would run 4 stacks");
    for (const stack of ["aws-demo-fleet", "aws-demo-acme", "aws-demo-globex", "aws-demo-initech"]) expect(text).toContain(`  ${stack}  `);
    expect(text).toContain("tenantry:role=tenants tenantry:select=globex tenantry:fleetStack=aws-demo-fleet tenantry:scope=aws-demo");
  });

  it("prints progress and the summary, writes the report, and exits 1 when a stack failed", async () => {
    const o = io();
    const report = join(mkdtempSync(join(tmpdir(), "tenantry-fleet-")), "report.json");
    const fake = fakeWorkspace((s) => s === "aws-demo-globex");
    const code = await fleetCommand("preview", { stack: "aws-demo", concurrency: "2", report }, { ...o.io, workspace: async () => fake.workspace });
    expect(code).toBe(1);
    expect(o.err.join("")).toContain("aws-demo-globex: failed: stack aws-demo-globex: update failed");
    expect(o.out.join("")).toContain("preview: 3 succeeded, 1 failed, 0 skipped");
    const json = JSON.parse(readFileSync(report, "utf8")) as { schema: string; ok: boolean; stacks: { stack: string; status: string }[] };
    expect(json.schema).toBe("tenantry-fleet-report/v1");
    expect(json.stacks.map((s) => `${s.stack}:${s.status}`)).toEqual(["aws-demo-fleet:succeeded", "aws-demo-acme:succeeded", "aws-demo-globex:failed", "aws-demo-initech:succeeded"]);
  });

  it("exits 2 naming every bad option", async () => {
    const o = io();
    expect(await fleetCommand("apply", { stack: "aws-demo", concurrency: "1" }, o.io)).toBe(2);
    expect(await fleetCommand("up", { stack: "aws-demo", concurrency: "0", tenants: "umbrella" }, o.io)).toBe(2);
    expect(o.err.join("")).toBe(
      [
        'operation: must be one of preview, up, refresh, destroy (got "apply")',
        '--concurrency: must be a whole number of at least 1 (got "0")',
        '--tenants: names no tenant or group of the fleet (acme, globex, initech) (got "umbrella")',
        "",
      ].join("\n"),
    );
  });
});
