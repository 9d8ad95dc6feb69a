/** The README's table of policy rules, generated from the packs so that it cannot drift. */
import { acknowledgedPolicyName } from "./framework.js";
import { PACKS } from "./packs.js";

function configCell(schema: { properties?: Record<string, { default?: unknown; description?: string }> } | undefined): string {
  const entries = Object.entries(schema?.properties ?? {});
  if (entries.length === 0) return "";
  return entries.map(([k, p]) => `\`${k}\`${"default" in p ? ` = ${JSON.stringify(p.default)}` : ""}`).join(", ");
}

export function rulesTable(): string {
  const rows = ["| pack | rule | default level | config (defaults) | checks |", "|---|---|---|---|---|"];
  for (const pack of PACKS) {
    for (const rule of pack.rules) {
      rows.push(`| ${pack.name} | \`${rule.name}\` | ${rule.level} | ${configCell(rule.configSchema)} | ${rule.description} |`);
    }
    rows.push(`| ${pack.name} | \`${acknowledgedPolicyName(pack)}\` | advisory | | findings a tenant acknowledges, with the reason |`);
  }
  return rows.join("\n");
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(rulesTable());
