/** `tenantry plan --format markdown`: a pull-request comment, summary first, details folded. */
import type { PlanDocument } from "./document.js";
import { groupVerdicts, keyInputs, licencePhrase, plural, resourcesPhrase, resultPhrase, sizePhrase, tenantTree } from "./describe.js";
import type { PlanDiff } from "./diff.js";

/** GitHub refuses comments over 65,536 characters: beyond this, per-tenant details are left out. */
export const COMMENT_LIMIT = 60_000;

/** The first line of every comment: CI finds and updates a stack's own comment by it. */
export const commentMarker = (stack: string) => `<!-- tenantry-plan: ${stack} -->`;

const cell = (text: string) => text.replace(/\|/g, "\\|");

export function renderMarkdown(doc: PlanDocument, diff: PlanDiff | undefined): string {
  const t = doc.totals;
  const out: string[] = [commentMarker(doc.stack), `### Tenantry plan: \`${doc.stack}\` (${doc.cloud})`, ""];
  out.push(`**Result:** ${resultPhrase(doc)}.`, "");
  out.push("| tenants | resources | vCPU | memory | disk | public IPs | buckets | databases | mandatory | advisory | acknowledged |");
  out.push("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
  out.push(`| ${t.tenants} | ${t.resources} | ${t.vcpu} | ${t.memoryGiB} GiB | ${t.diskGiB} GiB | ${t.publicIps} | ${t.buckets} | ${t.databases} | ${doc.result.mandatory} | ${doc.result.advisory} | ${doc.result.acknowledged} |`);
  if (diff) {
    out.push("", `**Against the baseline:** tenants added: ${diff.tenantsAdded.join(", ") || "none"}; removed: ${diff.tenantsRemoved.join(", ") || "none"}; resources ${diff.added.length} added, ${diff.removed.length} removed, ${diff.changed.length} changed.`);
    for (const w of diff.warnings) out.push("", `> [!WARNING]\n> ${w}`);
    for (const r of diff.retiring) out.push("", `**Retiring ${r.tenant}:** ${r.kept} resources kept (its data and the network it stands on), ${r.deleted} deleted (its compute).`);
    const retained = diff.removed.filter((r) => r.stateful && r.retained);
    if (retained.length) out.push("", `Retained (left in the cloud, no longer managed): ${retained.map((r) => `\`${r.name}\``).join(", ")}`);
  }
  for (const tenant of doc.tenants) {
    for (const alert of tenant.frozen?.alerts ?? []) {
      out.push("", `> [!CAUTION]\n> **${alert}.** Tenant \`${tenant.id}\` is **frozen**: its existing resources are kept exactly as they are; the rest of the fleet proceeds.`);
    }
  }
  const groups = groupVerdicts(doc);
  const blocking = groups.filter((g) => g.level === "mandatory");
  if (blocking.length) {
    out.push("", "**Mandatory violations**", "");
    for (const g of blocking) out.push(`- \`${g.policy}\`: ${g.message}${g.resources.length ? ` (${resourcesPhrase(g)})` : ""}`);
  }
  out.push("", "| tenant | services | licences |", "|---|---|---|");
  for (const tenant of doc.tenants) {
    out.push(`| ${tenant.id} | ${tenant.services.map((s) => s.product).join(", ")} | ${cell(tenant.services.flatMap((s) => (s.licence ? [licencePhrase(s.licence)] : [])).join("; ") || "none")} |`);
  }
  const unmonitored = doc.tenants.filter((t) => t.monitors?.notRendered.length);
  if (unmonitored.length) {
    out.push("", "**Monitors not implemented** (nothing watches them on this cloud)", "");
    for (const t of unmonitored) for (const n of t.monitors!.notRendered) out.push(`- ${t.id}: \`${n.id}\`: ${n.reason}`);
  }
  if (diff && diff.added.length + diff.removed.length + diff.changed.length > 0) {
    out.push("", "<details><summary>Resource changes</summary>", "", "```diff");
    for (const r of diff.added) out.push(`+ ${r.type} ${r.name}`);
    for (const r of diff.removed) out.push(`- ${r.type} ${r.name}${r.stateful ? (r.retained ? "  (retained)" : "  (DELETED with its data)") : ""}`);
    for (const r of diff.changed) out.push(`! ${r.type} ${r.name}: ${r.changes.map((c) => c.path).join(", ")}`);
    out.push("```", "", "</details>");
  }
  const details: string[] = [];
  for (const tenant of doc.tenants) {
    details.push("", `<details><summary>${tenant.id}: ${plural(tenant.resourceCount, "resource")}</summary>`, "");
    for (const s of tenant.services) details.push(`- **${s.product}**: ${sizePhrase(s)} (${s.documentedRow})${s.licence ? `; ${licencePhrase(s.licence)}` : ""}`);
    details.push("", "```");
    for (const line of tenantTree(doc, tenant.id)) details.push(`${"  ".repeat(line.depth)}${line.resource.type} ${line.resource.name} ${keyInputs(line.resource)}`.trimEnd());
    details.push("```", "", "</details>");
  }
  const detailsText = details.join("\n");
  if (out.join("\n").length + detailsText.length < COMMENT_LIMIT) out.push(detailsText);
  else out.push("", "_Per-tenant resource trees are left out: they would not fit in one comment. `--format text` or `--format json` has them._");
  out.push("", `<details><summary>Policy verdicts (${doc.verdicts.length})</summary>`, "", "| level | policy | message | resources |", "|---|---|---|---|");
  for (const g of groups) out.push(`| ${g.level} | ${g.pack}/${g.policy} | ${cell(g.message)} | ${cell(resourcesPhrase(g))} |`);
  out.push("", "</details>", "", `<sub>Run under Pulumi's mocks by \`tenantry plan\`; no cloud was contacted. Licences judged at ${doc.at}.</sub>`);
  return `${out.join("\n")}\n`;
}
