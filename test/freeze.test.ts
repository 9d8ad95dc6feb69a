/**
 * A fleet with one expired tenant (test/fixtures/fleets/expired: alpha valid, beta's licence expired
 * on 2026-06-01) plans with exit 0: beta is frozen and says so with the documented urgent alert;
 * alpha plans as usual. An acknowledgement lifts the freeze.
 */
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { plan } from "../plan/run.js";

const FLEET = "test/fixtures/fleets/expired";
const AT = "2026-11-30T00:00:00Z";
const ALERT = "URGENT: licence expired: customer Beta GmbH, licence object as_auto_qiao.yifei@eisoo.com_1 (expired 2026-06-01)";

describe.each(["aws", "alicloud"])("a fleet with one expired tenant on %s", (cloud) => {
  it("plans the others, freezes the expired tenant, and has no mandatory violation", async () => {
    const doc = await plan({ cloud, tenants: FLEET, at: new Date(AT) });
    expect(doc.result).toMatchObject({ mandatory: 0, ok: true });
    const [alpha, beta] = doc.tenants;
    expect(alpha!.frozen).toBeUndefined();
    expect(beta!.frozen).toEqual({ alerts: [ALERT] });
    const custom = doc.resources.filter((r) => r.custom);
    expect(custom.filter((r) => r.tenant === "beta").every((r) => r.frozen && r.retainOnDelete)).toBe(true);
    expect(custom.filter((r) => r.tenant === "alpha").some((r) => r.frozen)).toBe(false);
    expect(doc.verdicts.filter((v) => v.policy === "licence-expired-frozen").map((v) => [v.level, v.message])).toEqual([
      ["advisory", "URGENT: licence expired: customer beta, licence object as_auto_qiao.yifei@eisoo.com_1 (expired 2026-06-01): tenant beta is frozen (its resources are kept as they are; the rest of the fleet proceeds)"],
    ]);
  });
});

describe("tenantry plan of that fleet", () => {
  it("exits 0 and shows the expired tenant frozen, loudly", () => {
    const run = spawnSync(process.execPath, ["--import", "tsx", "cli/tenantry.ts", "plan", "--cloud", "aws", "--tenants", FLEET, "--now", AT], { encoding: "utf8" });
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(`beta (Beta GmbH), 10.40.16.0/20`);
    expect(run.stdout).toContain(`  ${ALERT}\n  FROZEN: beta's existing resources are kept exactly as they are`);
    expect(run.stdout).toMatch(/aws:ec2\/instance:Instance beta-anyshare-cloud-instance .*\[frozen\]/);
    expect(run.stdout).toContain("Result: no mandatory policy is violated");
  });

  it("lets an operator change the tenant in place with an acknowledgement (and its reason)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tenantry-expired-"));
    cpSync(FLEET, dir, { recursive: true });
    const beta = readFileSync(join(dir, "beta.yaml"), "utf8");
    writeFileSync(join(dir, "beta.yaml"), `${beta}acknowledge:\n  - { rule: licence-expired, reason: renewal ordered 2026-11-20 }\n`);
    const doc = await plan({ cloud: "aws", tenants: dir, at: new Date(AT) });
    rmSync(dir, { recursive: true });
    expect(doc.tenants[1]!.frozen).toBeUndefined();
    expect(doc.resources.some((r) => r.frozen)).toBe(false);
    expect(doc.result).toMatchObject({ mandatory: 0, ok: true });
    expect(doc.verdicts.filter((v) => v.level === "acknowledged").map((v) => v.message)).toContain(
      "licence-expired acknowledged (renewal ordered 2026-11-20): licence as_auto_qiao.yifei@eisoo.com_1 of tenant beta expired on 2026-06-01, and this resource is not frozen: it would be changed",
    );
  });
});
