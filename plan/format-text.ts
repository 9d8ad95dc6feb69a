/** `tenantry plan --format text`: a readable terminal rendering, in colour only when asked. */
import { styleText } from "node:util";
import type { PlanDocument } from "./document.js";
import { groupVerdicts, keyInputs, licencePhrase, plural, resourcesPhrase, resultPhrase, sizePhrase, tenantTree, totalsLine } from "./describe.js";
import type { PlanDiff } from "./diff.js";
import { monitorLines } from "./monitors.js";

type Style = Parameters<typeof styleText>[0];

export function renderText(doc: PlanDocument, diff: PlanDiff | undefined, options: { color: boolean }): string {
  const paint = (style: Style, text: string) => (options.color ? styleText(style, text) : text);
  const out: string[] = [];
  out.push(paint("bold", `Tenantry plan of stack ${doc.stack} (${doc.cloud}), licences judged at ${doc.at}`));
  out.push("Run under Pulumi's mocks: nothing was sent to a cloud. Values the cloud computes show as placeholders.");
  for (const tenant of doc.tenants) {
    out.push("", paint("bold", `${tenant.id} (${tenant.name}), ${tenant.cidr}, ${plural(tenant.resourceCount, "resource")}`));
    for (const alert of tenant.frozen?.alerts ?? []) {
      out.push(paint(["red", "bold"], `  ${alert}`));
      out.push(paint(["red", "bold"], `  FROZEN: ${tenant.id}'s existing resources are kept exactly as they are (no update, replacement or deletion); the rest of the fleet proceeds`));
    }
    for (const s of tenant.services) {
      const licence = s.licence ? `  ${licencePhrase(s.licence)}` : "";
      const licenceStyled = s.licence && s.licence.status !== "active" ? paint(s.licence.status === "expiring" ? "yellow" : "red", licence) : licence;
      out.push(`  ${s.product}${licenceStyled}`);
      out.push(paint("dim", `    size: ${sizePhrase(s)} (${s.documentedRow})`));
    }
    if (tenant.monitors) {
      const [head, ...missing] = monitorLines(tenant.monitors);
      out.push(`  ${missing.length ? paint("yellow", head!) : head}`);
      for (const line of missing) out.push(paint("yellow", `  ${line}`));
    }
    out.push("  resources:");
    for (const line of tenantTree(doc, tenant.id)) {
      const r = line.resource;
      const inputs = keyInputs(r);
      out.push(`${"  ".repeat(line.depth + 2)}${r.type} ${r.name}${inputs ? paint("dim", `  ${inputs}`) : ""}${r.retainOnDelete ? paint("cyan", "  [retained on delete]") : ""}${r.frozen ? paint("red", "  [frozen]") : ""}`);
    }
  }
  const shared = doc.resources.filter((r) => r.tenant === null && r.custom);
  if (shared.length > 0) {
    out.push("", paint("bold", "shared by the stack"));
    for (const r of shared) out.push(`  ${r.type} ${r.name}`);
  }
  out.push("", paint("bold", `Totals: ${totalsLine(doc)}`));
  if (diff) {
    out.push("", paint("bold", `Changes against the baseline (${diff.baseline.stack}, ${diff.baseline.at}):`));
    out.push(`  tenants added: ${diff.tenantsAdded.join(", ") || "none"}; removed: ${diff.tenantsRemoved.join(", ") || "none"}`);
    out.push(`  resources: ${diff.added.length} added, ${diff.removed.length} removed, ${diff.changed.length} changed`);
    for (const r of diff.retiring) out.push(`  retiring ${r.tenant}: ${r.kept} resources kept (its data and the network it stands on), ${r.deleted} deleted (its compute)`);
    for (const r of diff.added) out.push(paint("green", `  + ${r.type} ${r.name}`));
    for (const r of diff.removed) out.push(paint("red", `  - ${r.type} ${r.name}${r.stateful ? (r.retained ? "  (holds data: retained, left in the cloud)" : "  (holds data: DELETED)") : ""}`));
    for (const r of diff.changed) {
      out.push(paint("yellow", `  ~ ${r.type} ${r.name}`));
      for (const c of r.changes) out.push(`      ${c.path}: ${JSON.stringify(c.before)} -> ${JSON.stringify(c.after)}`);
    }
    for (const w of diff.warnings) out.push(paint(["red", "bold"], `  WARNING: ${w}`));
  }
  out.push("", paint("bold", `Policies: ${doc.result.mandatory} mandatory, ${doc.result.advisory} advisory, ${doc.result.acknowledged} acknowledged`));
  for (const g of groupVerdicts(doc)) {
    const level = g.level === "mandatory" ? paint("red", "mandatory") : g.level === "advisory" ? paint("yellow", "advisory ") : paint("cyan", "acknowledged");
    const on = resourcesPhrase(g);
    out.push(`  ${level}  ${g.pack}/${g.policy}: ${g.message}${on ? paint("dim", ` (${on})`) : ""}`);
  }
  out.push("", doc.result.ok ? paint("green", `Result: ${resultPhrase(doc)}`) : paint(["red", "bold"], `Result: ${resultPhrase(doc)}`));
  return `${out.join("\n")}\n`;
}
