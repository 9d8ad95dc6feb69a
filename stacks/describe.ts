/** The cloud-neutral plan of a fleet, as a plain (exportable) value. */
import { tenantBlueprint, type Tenant, type TenantBlueprint } from "../components/core/index.js";

export function describeFleet(tenants: readonly Tenant[]): Record<string, TenantBlueprint> {
  return Object.fromEntries(tenants.map((t) => [t.id, tenantBlueprint(t)]));
}
