/**
 * Capacity metering (product-facts.md §2): AnyBackup is licensed by front-end capacity, "metered on
 * the storage actually used", in tiers per customer project. Each AnyBackup tenant's bucket size is
 * alarmed against its licensed capacity, with a warning at a share of it, so the provider sees a
 * customer outgrow what it bought before it does.
 */
import { DEFAULT_CAPACITY_WARNING_SHARE } from "./defaults.js";
import { capacityTier, type CapacityTierId } from "./licence.js";

/**
 * Bytes in a licensed TB. The documents write capacities in TB and GB without saying which; Tenantry
 * reads them as decimal units (1 TB = 10^12 bytes), as storage is sold.
 */
export const BYTES_PER_TB = 1e12;

export interface CapacityMeter {
  /** The licensed front-end capacity. */
  readonly licensedTb: number;
  readonly licensedBytes: number;
  /** Its documented tier (0-20, 20-50, 50-100, over-100 TB). */
  readonly tier: CapacityTierId;
  /** The share of the licensed capacity that raises the warning. */
  readonly warningShare: number;
  readonly warningBytes: number;
}

/**
 * The meter of a licence's capacity, or `undefined` for `unlimited` (trials): there is nothing to
 * outgrow. Throws for a warning share outside (0, 1).
 */
export function capacityMeter(capacityTb: number | "unlimited", warningShare: number = DEFAULT_CAPACITY_WARNING_SHARE): CapacityMeter | undefined {
  if (!(warningShare > 0 && warningShare < 1)) throw new RangeError(`the capacity warning share must be between 0 and 1, exclusive (got ${warningShare})`);
  if (capacityTb === "unlimited") return undefined;
  const licensedBytes = Math.round(capacityTb * BYTES_PER_TB);
  return { licensedTb: capacityTb, licensedBytes, tier: capacityTier(capacityTb).id, warningShare, warningBytes: Math.round(licensedBytes * warningShare) };
}
