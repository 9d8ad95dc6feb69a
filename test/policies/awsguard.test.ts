/**
 * The peer rule pack `@pulumi/awsguard` over the AWS demo plan, offline (scripts/awsguard.ts): every
 * rule it registers runs; every violation is acknowledged in docs/security.md; weakening a secure
 * default makes the matching awsguard rule fire (the run reaches the rules).
 */
import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import type { PlannedResource } from "../../policies/harness.js";
import { AWSGUARD_ACKNOWLEDGED, awsguardRules, awsguardView, runAwsGuard, type RuleVerdict } from "../../scripts/awsguard.js";
import { demoResources, mutate } from "../helpers/policies.js";

let base: PlannedResource[];
let verdicts: RuleVerdict[];
const verdict = (vs: readonly RuleVerdict[], name: string) => vs.find((v) => v.name === name)!;

beforeAll(async () => {
  base = await demoResources("aws");
  verdicts = await runAwsGuard(base);
});

describe("awsguard over the AWS demo plan", () => {
  it("runs every rule the package registers, without constructing its pack", () => {
    expect(awsguardRules().length).toBeGreaterThanOrEqual(26);
    expect(verdicts.map((v) => v.name)).toEqual(awsguardRules().map((r) => r.policy.name));
  });

  it("judges the plan's instances, databases, keys, buckets and load balancers", () => {
    const judged = Object.fromEntries(verdicts.map((v) => [v.name, v.judged]));
    expect(judged).toMatchObject({ "encrypted-volumes": 6, "rds-storage-encrypted": 2, "cmk-backing-key-rotation-enabled": 11, "s3-bucket-logging-enabled": 7, "alb-http-to-https-redirection": 12, "elb-logging-enabled": 6 });
  });

  it("finds no violation that is not acknowledged, and every acknowledgement still fires", () => {
    const violated = verdicts.filter((v) => v.outcome === "violated").map((v) => v.name);
    expect(violated.sort()).toEqual(Object.keys(AWSGUARD_ACKNOWLEDGED).sort());
  });

  it("passes elb-logging-enabled: every load balancer (ALB and NLB) writes access logs into its tenant's log bucket", () => {
    expect(verdict(verdicts, "elb-logging-enabled")).toMatchObject({ outcome: "passed", judged: 6 });
    expect(AWSGUARD_ACKNOWLEDGED["elb-logging-enabled"]).toBeUndefined();
  });

  it("reports the rule that asks AWS as not judged (no request is sent)", () => {
    expect(verdict(verdicts, "access-keys-rotated")).toMatchObject({ outcome: "not judged offline", judged: 2 });
  });

  it("docs/security.md names every rule and its verdict", () => {
    const doc = readFileSync("docs/security.md", "utf8");
    for (const v of verdicts) expect(doc, v.name).toMatch(new RegExp(`\\| \`${v.name}\` \\| ${v.outcome === "violated" ? `violated \\(${AWSGUARD_ACKNOWLEDGED[v.name]!.kind}\\)` : v.outcome} \\|`));
  });

  it("shows separate BucketLogging resources as the bucket's inline loggings", () => {
    const bucket = awsguardView(base).find((r) => r.name === "acme-anybackup-cloud-storage-bucket")!;
    expect(bucket.inputs.loggings).toEqual([expect.objectContaining({ targetPrefix: expect.any(String) })]);
  });

  it.each([
    ["rds-instance-public-access", (rs: PlannedResource[]) => mutate(rs, "acme-anyshare-cloud-db-mysql", (p) => ({ ...p, publiclyAccessible: true }))],
    ["encrypted-volumes", (rs: PlannedResource[]) => mutate(rs, "globex-ops-server-host-instance", (p) => ({ ...p, rootBlockDevice: { ...p.rootBlockDevice, encrypted: false } }))],
    ["cmk-backing-key-rotation-enabled", (rs: PlannedResource[]) => mutate(rs, "globex-anybackup-cloud-storage-key", (p) => ({ ...p, enableKeyRotation: false }))],
    ["s3-bucket-logging-enabled", (rs: PlannedResource[]) => rs.filter((r) => r.name !== "acme-anybackup-cloud-storage-access-logs")],
    ["elb-logging-enabled", (rs: PlannedResource[]) => mutate(rs, "acme-entry-anyshare-cloud-web-lb", (p) => ({ ...p, accessLogs: { ...p.accessLogs, enabled: false } }))],
  ] as const)("%s fires when the plan weakens what it checks", async (name, change) => {
    const before = verdict(verdicts, name).violations.length;
    expect(verdict(await runAwsGuard(change(base)), name).violations.length).toBe(before + 1);
  });
});
