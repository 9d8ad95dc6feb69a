/**
 * The undocumented service parameters (backup-client ports, the middleware table, login paths,
 * Alibaba's expiry event names) have no defaults in code: every cloud's stack refuses to run without
 * them, naming the key, and the demo stack files label their values as examples.
 */
import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import type { TenantBlueprint } from "../../components/core/index.js";
import { demoBlueprints } from "../helpers/fleet.js";
import { runAlicloudStack, runAwsStack, runHuaweicloudStack } from "../helpers/stacks.js";

const PLACEHOLDER_KEYS = ["anybackupClientPorts", "middleware", "loginPaths"] as const;
const WITHOUT = { anybackupClientPorts: undefined, middleware: undefined, loginPaths: undefined };
const REQUIRED = ["anybackupClientPorts", "middleware.anyshare-cloud", "middleware.anybackup-cloud", "loginPaths.anyshare-cloud", "loginPaths.anybackup-cloud"];

let blueprints: TenantBlueprint[];
beforeAll(async () => {
  blueprints = await demoBlueprints();
});

describe("undocumented service parameters are required, never defaulted", () => {
  it.each([
    ["aws", runAwsStack],
    ["alicloud", runAlicloudStack],
    ["huaweicloud", runHuaweicloudStack],
  ] as const)("%s: the stack fails without them, naming each key", async (cloud, run) => {
    const error = await run(blueprints, WITHOUT).then(
      () => undefined,
      (e: unknown) => String(e),
    );
    expect(error).toBeDefined();
    for (const key of REQUIRED) expect(error).toContain(`tenantry:${cloud}.${key}: is required`);
  });

  it("alicloud: yearly billing needs the expiry event names (no default list)", async () => {
    await expect(runAlicloudStack(blueprints, { billing: "yearly" })).rejects.toThrow("tenantry:alicloud.subscriptionExpiryEvents: is required");
  });

  it("huaweicloud: yearly billing needs the billing service's endpoint (the account's site; no default)", async () => {
    await expect(runHuaweicloudStack(blueprints, { billing: "yearly" })).rejects.toThrow("tenantry:huaweicloud.billingEndpoint: is required");
  });
});

describe("the demo stack files label the values as examples", () => {
  it.each(["aws", "alicloud", "huaweicloud", "kubernetes"])("%s-demo", (cloud) => {
    const lines = readFileSync(`stacks/Pulumi.${cloud}-demo.yaml`, "utf8").split("\n");
    for (const key of PLACEHOLDER_KEYS) {
      const at = lines.findIndex((l) => l.trimStart().startsWith(`${key}:`));
      expect(at, `${cloud}: ${key}`).toBeGreaterThan(0);
      // The comment block right above the parameters (they follow each other) says they are examples.
      const above = lines.slice(Math.max(0, at - 8), at).filter((l) => l.trimStart().startsWith("#")).join(" ");
      expect(above, `${cloud}: ${key}`).toMatch(/EXAMPLE VALUES/);
    }
  });
});
