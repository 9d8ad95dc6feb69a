/** `tenantry plan --summary`: one line per tenant, the totals, the verdicts and the result; no resource trees. */
import { styleText } from "node:util";
import type { PlanDocument } from "./document.js";
import { groupVerdicts, plural, resourcesPhrase, resultPhrase, totalsLine } from "./describe.js";
import type { PlanDiff } from "./diff.js";

type Style = Parameters<typeof styleText>[0];

/** A tenant's verdict counts, from the verdicts on its resources. */
function tenantVerdicts(doc: PlanDocument): Map<string, { mandatory: number; advisory: number; acknowledged: number }> {
  const tenantOf = new Map(doc.resources.map((r) => [r.name, r.tenant]));
  const counts = new Map(doc.tenants.map((t) => [t.id, { mandatory: 0, advisory: 0, acknowledged: 0 }]));
  for (const v of doc.verdicts) {
    const tenant = v.resource ? tenantOf.get(v.resource) : null;
    const c = tenant ? counts.get(tenant) : undefined;
    if (c) c[v.level] += 1;
  }
  return counts;
}

export function renderSummary(doc: PlanDocument, diff: PlanDiff | undefined, options: { color: boolean }): string {
  const paint = (style: Style, text: string) => (options.color ? styleText(style, text) : text);
  const out: string[] = [paint("bold", `Tenantry plan of stack ${doc.stack} (${doc.cloud}), licences judged at ${doc.at}`)];
  const width = Math.max(0, ...doc.tenants.map((t) => t.id.length));
  const cidrWidth = Math.max(0, ...doc.tenants.map((t) => t.cidr.length));
  const verdicts = tenantVerdicts(doc);
  for (const t of doc.tenants) {
    const licences = t.services.flatMap((s) => (s.licence ? [`${s.licence.id} ${s.licence.status}`] : []));
    const v = verdicts.get(t.id)!;
    const verdict = v.mandatory > 0 ? paint("red", `${v.mandatory} mandatory`) : "ok";
    out.push(
      `  ${t.id.padEnd(width)}  ${t.cidr.padEnd(cidrWidth)}  ${t.services.map((s) => s.product).join(", ")}; ${plural(t.resourceCount, "resource")}` +
        `${licences.length ? `; licences: ${licences.join(", ")}` : ""}${t.monitors?.notRendered.length ? `; ${paint("yellow", `${t.monitors.notRendered.length} monitors not implemented`)}` : ""}; ${verdict}${v.advisory ? `, ${v.advisory} advisory` : ""}${v.acknowledged ? `, ${v.acknowledged} acknowledged` : ""}`,
    );
  }
  out.push(`Totals: ${totalsLine(doc)}`);
  out.push(`Policies: ${doc.result.mandatory} mandatory, ${doc.result.advisory} advisory, ${doc.result.acknowledged} acknowledged`);
  for (const g of groupVerdicts(doc).filter((g) => g.level === "mandatory")) {
    const on = resourcesPhrase(g);
    out.push(paint("red", `  mandatory  ${g.pack}/${g.policy}: ${g.message}${on ? ` (${on})` : ""}`));
  }
  if (diff) {
    out.push(
      `Changes against the baseline (${diff.baseline.stack}, ${diff.baseline.at}): tenants added: ${diff.tenantsAdded.join(", ") || "none"}; removed: ${diff.tenantsRemoved.join(", ") || "none"}; ` +
        `resources ${diff.added.length} added, ${diff.removed.length} removed, ${diff.changed.length} changed`,
    );
    for (const w of diff.warnings) out.push(paint(["red", "bold"], `  WARNING: ${w}`));
  }
  out.push(doc.result.ok ? paint("green", `Result: ${resultPhrase(doc)}`) : paint(["red", "bold"], `Result: ${resultPhrase(doc)}`));
  return `${out.join("\n")}\n`;
}
