/** Pulumi.yaml is a valid Node.js project whose main, config and stack files agree with the code. */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { DEFAULT_TENANTS_DIR, STACK_CONFIG_KEYS } from "../stacks/config.js";

const project = parse(readFileSync("Pulumi.yaml", "utf8")) as {
  name: string;
  runtime: { name: string; options: Record<string, unknown> };
  main: string;
  stackConfigDir: string;
  config: Record<string, { type: string; default?: string }>;
};

describe("Pulumi.yaml", () => {
  it("names the project tenantry, runs TypeScript ESM through tsx, and points at the program", () => {
    expect(project.name).toBe("tenantry");
    expect(project.runtime).toEqual({ name: "nodejs", options: { typescript: false, nodeargs: "--import tsx" } });
    expect(existsSync(project.main)).toBe(true);
    expect(project.stackConfigDir).toBe("stacks");
  });

  it("declares the keys the program reads, with the same default", () => {
    expect(Object.keys(project.config).sort()).toEqual([...STACK_CONFIG_KEYS].sort());
    expect(project.config.tenants!.default).toBe(DEFAULT_TENANTS_DIR);
    expect(project.config.role!.default).toBe("all");
    expect(project.config.cloud!.default).toBeUndefined();
  });

  it("has a stack file per demo stack, each naming its cloud", () => {
    const stacks = readdirSync("stacks").filter((f) => /^Pulumi\..+\.yaml$/.test(f)).sort();
    expect(stacks).toEqual(["Pulumi.alicloud-demo.yaml", "Pulumi.aws-demo.yaml", "Pulumi.huaweicloud-demo.yaml", "Pulumi.kubernetes-demo.yaml"]);
    for (const file of stacks) {
      const config = (parse(readFileSync(`stacks/${file}`, "utf8")) as { config: Record<string, unknown> }).config;
      expect(config["tenantry:cloud"], file).toBe(file.split(".")[1]!.replace(/-demo$/, ""));
    }
  });
});
