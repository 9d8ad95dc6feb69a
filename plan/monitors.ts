/**
 * What a plan says of each tenant's monitors (product-facts.md §5): the tenant components' output
 * `monitors` (core `monitorCoverage`), read from the program's outputs, so that a monitor nothing
 * implements is shown with its reason instead of missing silently.
 */
import { z } from "zod";
import type { MonitorCoverage } from "../components/core/index.js";

const coverageSchema = z.object({
  rendered: z.array(z.string()),
  notRendered: z.array(z.object({ id: z.string(), reason: z.string() })),
});

/** Each tenant's monitor coverage from the program's `tenants` outputs; tenants whose cloud reports none (Kubernetes) are left out. */
export function monitorsOf(tenants: Readonly<Record<string, unknown>> | undefined): Record<string, MonitorCoverage> {
  const out: Record<string, MonitorCoverage> = {};
  for (const [id, outputs] of Object.entries(tenants ?? {})) {
    const parsed = coverageSchema.safeParse((outputs as { monitors?: unknown } | undefined)?.monitors);
    if (parsed.success) out[id] = { rendered: parsed.data.rendered, notRendered: parsed.data.notRendered };
  }
  return out;
}

/** The text lines of a tenant's monitors: how many are implemented, and each missing one with its reason. */
export function monitorLines(m: { rendered: readonly string[]; notRendered: readonly { id: string; reason: string }[] }): string[] {
  const head = `monitors: ${m.rendered.length} implemented, ${m.notRendered.length === 0 ? "none missing" : `${m.notRendered.length} NOT implemented:`}`;
  return [head, ...m.notRendered.map((n) => `  ${n.id}: ${n.reason}`)];
}
