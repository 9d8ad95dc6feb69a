/**
 * Bundles each policy pack (policies/<pack>/index.ts and the Tenantry code it uses) into
 * policies/<pack>/dist/index.cjs, the pack's `main`, so that `pulumi preview --policy-pack
 * policies/<pack>` runs it without a TypeScript loader. `@pulumi/policy` and `@pulumi/pulumi` stay
 * external: the pack's own package.json names them.
 */
import { build } from "esbuild";
import { join } from "node:path";

export const POLICY_PACK_DIRS = ["licence", "quota", "security"] as const;

export async function buildPolicyPacks(root = "policies", outRoot = root): Promise<string[]> {
  const outputs: string[] = [];
  for (const pack of POLICY_PACK_DIRS) {
    const outfile = join(outRoot, pack, "dist", "index.cjs");
    await build({
      entryPoints: [join(root, pack, "index.ts")],
      outfile,
      bundle: true,
      platform: "node",
      format: "cjs",
      target: "node20",
      external: ["@pulumi/policy", "@pulumi/pulumi"],
      logLevel: "warning",
    });
    outputs.push(outfile);
  }
  return outputs;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const file of await buildPolicyPacks()) console.log(`built ${file}`);
}
