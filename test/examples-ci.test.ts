/** The CI examples parse, need no secrets where they run pull-request code, and run the README's commands. */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

const read = (file: string) => readFileSync(`examples/ci/${file}`, "utf8");
const workflow = (file: string) => parse(read(file)) as { on: Record<string, unknown>; permissions: Record<string, string>; jobs: Record<string, { steps: { uses?: string; run?: string; with?: Record<string, string> }[] }> };

describe("examples/ci", () => {
  it("tenantry-plan.yml: every pull request, read-only, no secrets, plans each stack against the base branch", () => {
    const text = read("tenantry-plan.yml");
    const wf = workflow("tenantry-plan.yml");
    expect(Object.keys(wf.on)).toEqual(["pull_request"]);
    expect(wf.permissions).toEqual({ contents: "read" });
    expect(text).not.toContain("secrets.");
    expect(text).toContain("tenantry -- plan --stack \"${{ matrix.stack }}\" --format json");
    expect(text).toContain("--format markdown ${{ steps.baseline.outputs.args }}");
  });

  it("tenantry-plan-comment.yml: trusted, never checks out code, one comment per stack by its marker", () => {
    const text = read("tenantry-plan-comment.yml");
    const wf = workflow("tenantry-plan-comment.yml");
    expect(Object.keys(wf.on)).toEqual(["workflow_run"]);
    expect(wf.jobs.comment!.steps.map((s) => s.uses)).toEqual(["actions/download-artifact@v4", "actions/github-script@v7"]);
    expect(text).toContain("<!-- tenantry-plan: ${stack} -->");
  });

  it("pulumi-preview.yml: trusted branches only, the packs passed as policyPacks", () => {
    const wf = workflow("pulumi-preview.yml");
    const steps = wf.jobs.preview!.steps;
    const pulumi = steps.find((s) => s.uses?.startsWith("pulumi/actions@"))!;
    expect(pulumi.with).toMatchObject({ command: "preview", "comment-on-pr": true });
    expect(pulumi.with!.policyPacks!.trim().split("\n")).toEqual(["policies/licence", "policies/quota", "policies/security"]);
    expect(read("pulumi-preview.yml")).toContain("github.event.pull_request.head.repo.full_name == github.repository");
  });
});
