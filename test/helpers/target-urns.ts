/** The URNs a tenant's backup target registers directly under the tenant (what the core's dispatch decides). */
import type { RecordedResource } from "../../plan/mock-run.js";

/** URNs of the tenants' direct children that belong to a backup target (`<tenant>-<product>-storage...`), sorted. */
export function targetUrns(resources: readonly RecordedResource[]): string[] {
  return resources
    .filter((r) => /::tenantry:[a-z]+:Tenant\$[^$]+::/.test(r.urn) && /-storage(-|$)/.test(r.name))
    .map((r) => r.urn)
    .sort();
}
