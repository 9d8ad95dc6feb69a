/**
 * What each cloud's users load: the program loads a cloud's stack only when that cloud is built, a
 * Huawei Cloud user's stack reaches neither @pulumi/aws nor @pulumi/alicloud, and the AWS and
 * Alibaba Cloud stacks reach none of Tenantry's Huawei components or bindings, nor each other's SDK
 * (a DR copy on another cloud loads that cloud's only when a tenant keeps one there). Read from esbuild's
 * module graph of each entry point (dynamic imports left out: they load only when taken).
 */
import { build, type Plugin } from "esbuild";
import { describe, expect, it } from "vitest";

const staticOnly: Plugin = {
  name: "static-only",
  setup(b) {
    b.onResolve({ filter: /.*/ }, (args) => (args.kind === "dynamic-import" ? { path: args.path, external: true } : undefined));
  },
};

/** Every file of ours the entry point loads statically, and every package it imports (packages are not followed). */
async function loads(entry: string): Promise<string[]> {
  const result = await build({ entryPoints: [entry], bundle: true, write: false, metafile: true, platform: "node", format: "esm", logLevel: "silent", packages: "external", plugins: [staticOnly] });
  const inputs = result.metafile.inputs;
  const packages = Object.values(inputs).flatMap((i) => i.imports.filter((x) => x.external && x.kind !== "dynamic-import").map((x) => /^((?:@[^/]+\/)?[^/]+)/.exec(x.path)![1]!));
  return [...new Set([...Object.keys(inputs), ...packages])];
}

const HUAWEI_CODE = /^components\/huaweicloud\/(?!flavors\.ts$)/;

describe("module loading per cloud", () => {
  it("the program loads no cloud's stack, components or provider until it builds that cloud", async () => {
    const files = await loads("stacks/index.ts");
    expect(files.filter((f) => ["@pulumi/aws", "@pulumi/alicloud"].includes(f) || /^(components\/(aws|alicloud|huaweicloud)\/|stacks\/(aws|alicloud|huaweicloud)\.ts)/.test(f))).toEqual([]);
  });

  it("a Huawei Cloud user loads neither @pulumi/aws nor @pulumi/alicloud", async () => {
    const files = await loads("stacks/huaweicloud.ts");
    expect(files.some((f) => f.startsWith("components/huaweicloud/provider/"))).toBe(true);
    expect(files.filter((f) => f === "@pulumi/aws" || f === "@pulumi/alicloud")).toEqual([]);
  });

  it.each(["stacks/aws.ts", "stacks/alicloud.ts"])("%s loads no Huawei Cloud components or bindings", async (entry) => {
    const files = await loads(entry);
    expect(files).toContain(entry === "stacks/aws.ts" ? "@pulumi/aws" : "@pulumi/alicloud");
    expect(files.filter((f) => HUAWEI_CODE.test(f))).toEqual([]);
  });

  it("a DR copy on another cloud loads that cloud's SDK only when a tenant keeps one there (a dynamic import)", async () => {
    const files = await loads("stacks/other-cloud-copies.ts");
    expect(files.filter((f) => ["@pulumi/aws", "@pulumi/alicloud"].includes(f) || /^components\/(aws|alicloud|huaweicloud)\//.test(f))).toEqual([]);
    expect((await loads("stacks/aws.ts")).filter((f) => f === "@pulumi/alicloud" || /^components\/alicloud\//.test(f))).toEqual([]);
    expect((await loads("stacks/alicloud.ts")).filter((f) => f === "@pulumi/aws" || /^components\/aws\//.test(f))).toEqual([]);
  });
});
