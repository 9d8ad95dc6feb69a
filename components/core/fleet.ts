/**
 * Fleet-wide rules: what must hold across all tenants of a fleet, beyond each manifest on its own.
 */
import { cidrRange, rangesOverlap, type AddressRange } from "./cidr.js";
import { licenceIdLabel } from "./licence-id.js";
import { licenceOf, type Tenant } from "./manifest.js";
import type { Problem } from "./problems.js";

/** A validated tenant and the file it came from. */
export interface TenantSource {
  readonly file: string;
  readonly tenant: Tenant;
}

/**
 * Unique tenant ids, unique licence ids, non-overlapping network blocks. Each problem is
 * reported on the later file and names the earlier one.
 */
export function fleetProblems(sources: readonly TenantSource[]): Problem[] {
  const problems: Problem[] = [];
  const ids = new Map<string, string>();
  /** By Kubernetes label form (which is the id itself unless it holds `@`): the first file and id. */
  const licences = new Map<string, { file: string; id: string }>();
  // Each block parsed once: every tenant's block is compared with every earlier one (a fleet of
  // 1,000 tenants makes half a million comparisons, which parsing per pair made seconds long).
  const blocks: { file: string; cidr: string; range: AddressRange }[] = [];
  for (const { file, tenant } of sources) {
    const firstWithId = ids.get(tenant.id);
    if (firstWithId !== undefined) {
      problems.push({ file, path: "id", message: `is already used by ${firstWithId}: tenant ids are unique across the fleet`, received: tenant.id });
    } else {
      ids.set(tenant.id, file);
    }
    tenant.services.forEach((service, i) => {
      const licence = licenceOf(service);
      if (!licence) return;
      const label = licenceIdLabel(licence.id);
      const first = licences.get(label);
      if (first !== undefined) {
        problems.push({
          file,
          path: `services[${i}].licence.id`,
          message:
            first.id === licence.id
              ? `is already used by ${first.file}: licence ids are unique across the fleet`
              : `reads as the same Kubernetes label value (${label}) as licence ${first.id} of ${first.file}: label values of licence ids are unique across the fleet`,
          received: licence.id,
        });
      } else {
        licences.set(label, { file, id: licence.id });
      }
    });
    const range = cidrRange(tenant.network.cidr);
    const clash = blocks.find((b) => rangesOverlap(b.range, range));
    if (clash) {
      problems.push({
        file,
        path: "network.cidr",
        message: `overlaps ${clash.cidr} of ${clash.file}: tenant blocks must not overlap`,
        received: tenant.network.cidr,
      });
    }
    blocks.push({ file, cidr: tenant.network.cidr, range });
  }
  return problems;
}
