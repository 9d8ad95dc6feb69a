/** `tenantry licences`, the licence report, and the scheduled example that posts it to a chat group. */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { licenceReport } from "../../components/core/index.js";
import { licencesCommand } from "../../cli/licences.js";
import { licenceAlertMessages } from "../../examples/licences/post-licence-alerts.js";
import { demoTenants } from "../helpers/fleet.js";

describe("licenceReport (product-facts.md §2)", () => {
  it("raises the urgent 'licence expired' naming customer and licence object, and the 'expiring soon' warning", async () => {
    const report = licenceReport(await demoTenants(), new Date("2027-11-27T00:00:00Z"));
    expect(report.licences.filter((l) => l.severity).map((l) => [l.severity, l.message])).toEqual([
      ["urgent", "licence expired: customer Initech (initech), licence as_auto_initech_1 (anyshare-cloud), expired on 2027-09-01"],
      ["warning", "licence expiring soon: customer Globex Corporation (globex), licence ab_globex_1 (anybackup-cloud), expires on 2027-12-01 (in 4 days)"],
    ]);
    expect(report.alerts).toBe(2);
  });

  it("takes the threshold as a parameter (7 days by default)", async () => {
    const at = new Date("2027-11-20T00:00:00Z");
    expect(licenceReport(await demoTenants(), at).licences.find((l) => l.licence === "ab_globex_1")!.status).toBe("active");
    expect(licenceReport(await demoTenants(), at, 14).licences.find((l) => l.licence === "ab_globex_1")!.status).toBe("expiring");
  });
});

describe("tenantry licences", () => {
  it("text: one line per licence, exit 1 when something expired or expires within N days", async () => {
    const late = await licencesCommand([], { now: "2027-11-27T00:00:00Z" });
    expect(late.exitCode).toBe(1);
    expect(late.out.split("\n")[0]).toBe("[URGENT] licence expired: customer Initech (initech), licence as_auto_initech_1 (anyshare-cloud), expired on 2027-09-01");
    expect(late.out).toContain("4 licences: 2 expired or expiring within 7 days");
    const early = await licencesCommand(["stacks/tenants"], { now: "2026-06-15T00:00:00Z" });
    expect(early.exitCode).toBe(0);
    expect(early.out).toContain("4 licences: none expired or expiring within 7 days");
  });

  it("json: the report; --within moves the threshold", async () => {
    const run = await licencesCommand([], { now: "2027-11-10T00:00:00Z", within: "30", format: "json" });
    expect(run.exitCode).toBe(1);
    const report = JSON.parse(run.out) as ReturnType<typeof licenceReport>;
    expect(report.withinDays).toBe(30);
    expect(report.licences.find((l) => l.licence === "ab_globex_1")).toMatchObject({ status: "expiring", severity: "warning", daysLeft: 21 });
  });

  it("exit 2 with every problem on bad options or manifests", async () => {
    const bad = await licencesCommand([], { within: "soon", format: "xml", now: "yesterday" });
    expect(bad.exitCode).toBe(2);
    expect(bad.err.trim().split("\n")).toHaveLength(3);
    expect((await licencesCommand(["test/fixtures/fleets/overlap"], {})).exitCode).toBe(2);
  });
});

describe("examples/licences", () => {
  it("runs daily, reads no pull-request code, and posts only when something expired or expires soon", () => {
    const text = readFileSync("examples/licences/licence-alerts.yml", "utf8");
    const wf = parse(text) as { on: Record<string, unknown>; permissions: Record<string, string>; jobs: { licences: { steps: { run?: string; if?: string }[] } } };
    expect(Object.keys(wf.on)).toEqual(["schedule", "workflow_dispatch"]);
    expect(wf.permissions).toEqual({ contents: "read" });
    const steps = wf.jobs.licences.steps;
    expect(steps.find((s) => s.run?.includes("tenantry -- licences"))!.run).toContain("--format json");
    expect(steps.find((s) => s.run?.includes("post-licence-alerts.ts"))!.if).toBe("steps.report.outputs.code == '1'");
  });

  it("formats one chat message per severity in the chat service's format", async () => {
    const report = licenceReport(await demoTenants(), new Date("2027-11-27T00:00:00Z"));
    const [urgent, warning] = licenceAlertMessages(report, "dingtalk") as { text: { content: string } }[];
    expect(urgent!.text.content).toMatch(/^\[URGENT\] 1 licence\(s\) expired\nlicence expired: customer Initech/);
    expect(warning!.text.content).toMatch(/^\[WARNING\] 1 licence\(s\) expiring soon\n/);
    expect(licenceAlertMessages(licenceReport(await demoTenants(), new Date("2026-06-15T00:00:00Z")), "slack")).toEqual([]);
  });
});
