/**
 * The licence report over a fleet (product-facts.md §2): every licence's status at a moment, and
 * the alerts the document describes: an urgent "licence expired" naming the customer and the
 * licence object, and an "expiring soon" warning within the threshold (7 days by default).
 */
import type { Severity } from "./alarms.js";
import { daysUntilExpiry, DEFAULT_EXPIRING_WITHIN_DAYS, licenceStatus, type LicenceStatus } from "./licence.js";
import { licenceOf, type Tenant } from "./manifest.js";
import { LICENCE_SEVERITY } from "./monitoring.js";

export interface LicenceReportEntry {
  readonly tenant: string;
  /** The customer's name, as the manifest gives it. */
  readonly customer: string;
  readonly product: string;
  /** The licence object, e.g. `as_acme_1`. */
  readonly licence: string;
  readonly start: string;
  readonly end: string;
  readonly status: LicenceStatus;
  /** Whole days until expiry (negative once expired). */
  readonly daysLeft: number;
  /** Set for expired (urgent) and expiring (warning) licences. */
  readonly severity?: Severity;
  readonly message: string;
}

export interface LicenceReport {
  readonly at: string;
  readonly withinDays: number;
  readonly licences: readonly LicenceReportEntry[];
  /** Licences expired or expiring within `withinDays`. */
  readonly alerts: number;
}

/** The documented alert texts (§2): "licence expired" (urgent) and "expiring soon" (warning). */
export function licenceMessage(e: Omit<LicenceReportEntry, "message" | "severity">): string {
  const who = `customer ${e.customer} (${e.tenant}), licence ${e.licence} (${e.product})`;
  switch (e.status) {
    case "expired":
      return `licence expired: ${who}, expired on ${e.end}`;
    case "expiring":
      return `licence expiring soon: ${who}, expires on ${e.end} (in ${e.daysLeft} day${e.daysLeft === 1 ? "" : "s"})`;
    case "not-yet-valid":
      return `licence not yet valid: ${who}, valid from ${e.start}`;
    default:
      return `licence active: ${who}, until ${e.end} (${e.daysLeft} days)`;
  }
}

/** Every licence of the fleet at `at`; `withinDays` is the "expiring soon" threshold. */
export function licenceReport(tenants: readonly Tenant[], at: Date, withinDays = DEFAULT_EXPIRING_WITHIN_DAYS): LicenceReport {
  const licences: LicenceReportEntry[] = [];
  for (const tenant of tenants) {
    for (const service of tenant.services) {
      const licence = licenceOf(service);
      if (!licence) continue;
      const base = {
        tenant: tenant.id,
        customer: tenant.name,
        product: licence.product,
        licence: licence.id,
        start: licence.start,
        end: licence.end,
        status: licenceStatus(licence, at, { expiringWithinDays: withinDays }),
        daysLeft: daysUntilExpiry(licence, at),
      };
      const severity = base.status === "expired" ? LICENCE_SEVERITY.expired : base.status === "expiring" ? LICENCE_SEVERITY.expiring : undefined;
      licences.push({ ...base, ...(severity ? { severity } : {}), message: licenceMessage(base) });
    }
  }
  const order: Record<LicenceStatus, number> = { expired: 0, expiring: 1, "not-yet-valid": 2, active: 3 };
  licences.sort((a, b) => order[a.status] - order[b.status] || a.daysLeft - b.daysLeft || a.licence.localeCompare(b.licence));
  return { at: at.toISOString(), withinDays, licences, alerts: licences.filter((l) => l.severity !== undefined).length };
}
