/** AWS and Alibaba Cloud users need not install @pulumi/kubernetes: their plans never load it. */
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";

function planWithoutKubernetes(stack: string) {
  const run = spawnSync(process.execPath, ["--import", "./test/helpers/without-kubernetes.mjs", "--import", "tsx", "cli/tenantry.ts", "plan", "--stack", stack, "--format", "json"], { encoding: "utf8" });
  return { code: run.status, stderr: run.stderr };
}

describe("without @pulumi/kubernetes installed", () => {
  it("the aws-demo plan runs", () => {
    expect(planWithoutKubernetes("aws-demo").code).toBe(0);
  });

  it("the kubernetes-demo plan cannot (so the check above means something)", () => {
    const run = planWithoutKubernetes("kubernetes-demo");
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain("@pulumi/kubernetes is not installed");
  });
});
