/** Each policy pack bundles into the file its package.json names, needing only the Pulumi packages at run time. */
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildPolicyPacks, POLICY_PACK_DIRS } from "../../scripts/build-policies.js";

describe("policy pack bundles", () => {
  it("build into ready-to-run folders, and require nothing but @pulumi/policy, @pulumi/pulumi and Node's own modules", async () => {
    const out = mkdtempSync(join(tmpdir(), "tenantry-packs-"));
    try {
      const files = await buildPolicyPacks("policies", out);
      expect(files).toHaveLength(POLICY_PACK_DIRS.length);
      for (const pack of POLICY_PACK_DIRS) {
        for (const file of ["PulumiPolicy.yaml", "package.json", "config.example.json", "config.schema.json"]) expect(existsSync(join(out, pack, file)), `${pack}/${file}`).toBe(true);
      }
      for (const file of files) {
        const required = new Set([...readFileSync(file, "utf8").matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]!));
        for (const name of required) expect(name, file).toMatch(/^(@pulumi\/(policy|pulumi)(\/.*)?|node:.+|buffer|process|fs|path|os|util|events|stream|crypto|url|net)$/);
        expect(required.has("@pulumi/policy"), file).toBe(true);
      }
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  it.each(POLICY_PACK_DIRS)("%s is a valid pack: PulumiPolicy.yaml, a versioned package.json whose main is the bundle", (pack) => {
    const pkg = JSON.parse(readFileSync(join("policies", pack, "package.json"), "utf8")) as { name: string; version: string; main: string; dependencies: Record<string, string> };
    expect(pkg).toMatchObject({ name: `tenantry-${pack}`, main: "dist/index.cjs" });
    expect(pkg.version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(Object.keys(pkg.dependencies).sort()).toEqual(["@pulumi/policy", "@pulumi/pulumi"]);
    expect(readFileSync(join("policies", pack, "PulumiPolicy.yaml"), "utf8")).toContain("runtime: nodejs");
    expect(readFileSync(join("policies", pack, "index.ts"), "utf8")).toContain("new PolicyPack(");
  });
});

describe("example policy-pack configs", () => {
  it.each(POLICY_PACK_DIRS)("%s: every key names a rule of the pack and one of its config properties", async (dir) => {
    const { PACKS } = await import("../../policies/packs.js");
    const pack = PACKS.find((p) => p.name === `tenantry-${dir}`)!;
    const config = JSON.parse(readFileSync(join("policies", dir, "config.example.json"), "utf8")) as Record<string, unknown>;
    for (const [policy, value] of Object.entries(config)) {
      const rule = pack.rules.find((r) => r.name === policy);
      expect(rule, policy).toBeDefined();
      if (typeof value === "string") expect(["advisory", "mandatory", "disabled"]).toContain(value);
      else for (const key of Object.keys(value as object)) expect(key === "enforcementLevel" || key in (rule!.configSchema?.properties ?? {}), `${policy}.${key}`).toBe(true);
    }
    const { policyConfigProblems } = await import("../../policies/config-schema.js");
    expect(policyConfigProblems([pack], config)).toEqual([]);
  });
});

describe("the README", () => {
  it("lists every rule with its default level and config, as generated from the packs", async () => {
    const { rulesTable } = await import("../../policies/rules-table.js");
    expect(readFileSync("README.md", "utf8")).toContain(rulesTable());
  });
});
