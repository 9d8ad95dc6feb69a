/**
 * Per-tenant licence freeze. product-facts.md §2: an expired licence raises an urgent alert
 * "licence expired" naming the customer and the licence object. One customer's lapsed licence must
 * not stop every other customer's changes: the expired tenant is frozen (its existing resources
 * kept exactly as they are) and the rest of the fleet proceeds. An acknowledgement of the
 * `licence-expired` rule in the tenant's manifest (with its reason) lifts the freeze, so an
 * operator can change the tenant while the vendor renews the licence.
 */
import { licenceStatus } from "./licence.js";
import { licenceOf, type Tenant } from "./manifest.js";

/** The policy rule (and acknowledgement) name for expired licences. */
export const LICENCE_EXPIRED_RULE = "licence-expired";

export interface ExpiredLicence {
  readonly product: string;
  /** The licence object, as the vendor names it. */
  readonly id: string;
  /** The expiry date (YYYY-MM-DD). */
  readonly end: string;
  /** The documented urgent alert for it. */
  readonly alert: string;
}

export interface Freeze {
  readonly tenant: string;
  readonly customer: string;
  readonly licences: readonly ExpiredLicence[];
}

/**
 * The documented urgent alert (product-facts.md §2): "licence expired", naming the customer and the
 * licence object.
 */
export function licenceExpiredAlert(customer: string, licenceId: string, end: string): string {
  return `URGENT: licence expired: customer ${customer}, licence object ${licenceId} (expired ${end})`;
}

/** The expired licences of a tenant at `at`, each with its alert (whether acknowledged or not). */
export function expiredLicences(tenant: Pick<Tenant, "name" | "services">, at: Date): ExpiredLicence[] {
  return tenant.services.flatMap((service) => {
    const licence = licenceOf(service);
    if (!licence || licenceStatus(licence, at) !== "expired") return [];
    return [{ product: service.product, id: licence.id, end: licence.end, alert: licenceExpiredAlert(tenant.name, licence.id, licence.end) }];
  });
}

/** Whether the tenant's manifest acknowledges expired licences (which lifts the freeze). */
export function acknowledgesExpiry(tenant: Pick<Tenant, "acknowledge">): boolean {
  return (tenant.acknowledge ?? []).some((a) => a.rule === LICENCE_EXPIRED_RULE);
}

/** The tenant's freeze at `at`: when a licence has expired and the manifest does not acknowledge it. */
export function tenantFreeze(tenant: Pick<Tenant, "id" | "name" | "services" | "acknowledge">, at: Date): Freeze | undefined {
  const licences = expiredLicences(tenant, at);
  if (licences.length === 0 || acknowledgesExpiry(tenant)) return undefined;
  return { tenant: tenant.id, customer: tenant.name, licences };
}

/**
 * The `ignoreChanges` that freezes a resource: every property in the props a resource is constructed
 * with (Pulumi's SDKs pass each input the schema declares, set or not, and each output). Pulumi then
 * takes each of them from the stack's state, so an existing resource is neither updated nor replaced,
 * even where the program no longer sets a property. Pulumi has no "ignore everything" wildcard
 * (pulumi/pulumi#6710); listing top-level properties is the way, and a top-level name absent from
 * the state is simply skipped.
 */
export function frozenIgnoreChanges(props: Readonly<Record<string, unknown>>): string[] {
  return Object.keys(props).sort();
}
