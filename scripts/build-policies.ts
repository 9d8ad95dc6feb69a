/**
 * Builds each policy pack into a ready-to-run folder, `policy-packs/<pack>/` (shipped in the npm
 * package): its `PulumiPolicy.yaml` and `package.json`, `dist/index.cjs` (policies/<pack>/index.ts
 * and the Tenantry code it uses, bundled by esbuild, so no TypeScript loader is needed),
 * `config.example.json`, and `config.schema.json` (the JSON Schema of its `--policy-pack-config`
 * file). `@pulumi/policy` and `@pulumi/pulumi` stay external: Node finds them in the project's
 * node_modules above the pack (Tenantry depends on `@pulumi/policy`; `@pulumi/pulumi` is its peer).
 */
import { build } from "esbuild";
import { copyFileSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { packConfigJsonSchema } from "../policies/config-schema.js";
import { PACKS } from "../policies/packs.js";

export const POLICY_PACK_DIRS = ["licence", "quota", "security"] as const;

/** Where `npm run build:policies` (and `npm pack`) puts the built packs. */
export const POLICY_PACKS_OUT = "policy-packs";

export async function buildPolicyPacks(root = "policies", outRoot = POLICY_PACKS_OUT): Promise<string[]> {
  const outputs: string[] = [];
  for (const pack of POLICY_PACK_DIRS) {
    const dir = join(outRoot, pack);
    const outfile = join(dir, "dist", "index.cjs");
    mkdirSync(join(dir, "dist"), { recursive: true });
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
    for (const file of ["PulumiPolicy.yaml", "package.json", "config.example.json"]) copyFileSync(join(root, pack, file), join(dir, file));
    const definition = PACKS.find((p) => p.name === `tenantry-${pack}`);
    if (!definition) throw new Error(`no pack definition named tenantry-${pack}`);
    writeFileSync(join(dir, "config.schema.json"), `${JSON.stringify(packConfigJsonSchema(definition), null, 2)}\n`);
    outputs.push(outfile);
  }
  return outputs;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const file of await buildPolicyPacks()) console.log(`built ${file}`);
}
