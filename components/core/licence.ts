/**
 * Licence models, as documented in `docs/product-facts.md` §2 (partner-guide).
 * Pure functions of their arguments: the current time is always passed in, never read here.
 */

export type LicensedProduct = "anyshare-cloud" | "anybackup-cloud";

/** §2: AnyShare Cloud user licence packs of 10 / 100 / 1,000 / 5,000 / 10,000 users. */
export const ANYSHARE_USER_PACKS: readonly number[] = [10, 100, 1000, 5000, 10000];

/** §2: "Customised edition: 50 users or more". */
export const ANYSHARE_CUSTOMISED_MIN_USERS = 50;

/** §2: licence object names, `as_` = AnyShare, `ab_` = AnyBackup (`on_trial` for trials). */
export const LICENCE_ID_PREFIX: Readonly<Record<LicensedProduct, string>> = {
  "anyshare-cloud": "as_",
  "anybackup-cloud": "ab_",
};

/**
 * §2: "a configurable threshold (7 days is consistent with the document)": licences 5 and 6 days
 * from expiry show "expiring soon", 13 and 14 days away show "active".
 */
export const DEFAULT_EXPIRING_WITHIN_DAYS = 7;

export type CapacityTierId = "0-20" | "20-50" | "50-100" | "over-100";

export interface CapacityTier {
  readonly id: CapacityTierId;
  /** Lower bound in TB, exclusive (except the first tier, which starts at 0). */
  readonly aboveTb: number;
  /** Upper bound in TB, inclusive; `null` for the open-ended top tier. */
  readonly upToTb: number | null;
}

/**
 * §2: AnyBackup capacity tiers "0–20 TB, 20–50 TB, 50–100 TB, over 100 TB". The document does not
 * say which tier a boundary value belongs to; Tenantry puts it in the lower one (20 TB is "0-20").
 */
export const ANYBACKUP_CAPACITY_TIERS: readonly CapacityTier[] = [
  { id: "0-20", aboveTb: 0, upToTb: 20 },
  { id: "20-50", aboveTb: 20, upToTb: 50 },
  { id: "50-100", aboveTb: 50, upToTb: 100 },
  { id: "over-100", aboveTb: 100, upToTb: null },
];

interface LicenceCommon {
  /** The vendor's licence object name, e.g. `as_acme_1`. */
  readonly id: string;
  /** ISO date (YYYY-MM-DD): valid from 00:00 UTC that day. */
  readonly start: string;
  /** ISO date (YYYY-MM-DD): the expiry date; the licence is no longer valid from 00:00 UTC that day. */
  readonly end: string;
  readonly trial?: boolean | undefined;
}

export interface AnyShareLicence extends LicenceCommon {
  readonly product: "anyshare-cloud";
  /** Licensed users: a sum of documented packs. */
  readonly users: number;
  /** `customised` needs at least 50 users (§2). */
  readonly edition?: "customised" | undefined;
}

export interface AnyBackupLicence extends LicenceCommon {
  readonly product: "anybackup-cloud";
  /** Licensed front-end capacity in TB, or `unlimited` (e.g. trials). */
  readonly capacityTb: number | "unlimited";
}

export type Licence = AnyShareLicence | AnyBackupLicence;

export type LicenceStatus = "active" | "expiring" | "expired" | "not-yet-valid";

/** The documented capacity tier of an AnyBackup licence; `unlimited` is in the top tier. */
export function capacityTier(capacityTb: number | "unlimited"): CapacityTier {
  if (capacityTb !== "unlimited" && !(capacityTb >= 0)) {
    throw new RangeError(`AnyBackup capacity must be 0 TB or more, or "unlimited" (got ${capacityTb})`);
  }
  const tier = ANYBACKUP_CAPACITY_TIERS.find(
    (t) => capacityTb !== "unlimited" && (t.upToTb === null || capacityTb <= t.upToTb),
  );
  return tier ?? ANYBACKUP_CAPACITY_TIERS[ANYBACKUP_CAPACITY_TIERS.length - 1]!;
}

/**
 * Splits a licensed user count into documented packs, largest first (1,500 -> 1 x 1,000 + 5 x 100).
 * Returns `undefined` when no combination of packs adds up to `users`.
 */
export function userPacks(users: number): { pack: number; count: number }[] | undefined {
  if (!Number.isInteger(users) || users < 1) return undefined;
  const packs: { pack: number; count: number }[] = [];
  let rest = users;
  for (const pack of [...ANYSHARE_USER_PACKS].sort((a, b) => b - a)) {
    const count = Math.floor(rest / pack);
    if (count > 0) packs.push({ pack, count });
    rest -= count * pack;
  }
  return rest === 0 ? packs : undefined;
}

const DAY_MS = 86_400_000;

function utcMidnight(isoDate: string): number {
  const ms = Date.parse(`${isoDate}T00:00:00Z`);
  if (Number.isNaN(ms)) throw new RangeError(`not an ISO date (YYYY-MM-DD): ${JSON.stringify(isoDate)}`);
  return ms;
}

/** Days from `at` until the licence expires (negative once expired), rounded up to whole days. */
export function daysUntilExpiry(licence: Pick<Licence, "end">, at: Date): number {
  return Math.ceil((utcMidnight(licence.end) - at.getTime()) / DAY_MS);
}

/**
 * The documented licence status at an explicit moment (§2: active, expiring soon, expired),
 * plus `not-yet-valid` before the licence's start date.
 */
export function licenceStatus(
  licence: Pick<Licence, "start" | "end">,
  at: Date,
  { expiringWithinDays = DEFAULT_EXPIRING_WITHIN_DAYS }: { expiringWithinDays?: number } = {},
): LicenceStatus {
  const now = at.getTime();
  if (Number.isNaN(now)) throw new RangeError("licenceStatus needs a valid date for `at`");
  if (now < utcMidnight(licence.start)) return "not-yet-valid";
  const end = utcMidnight(licence.end);
  if (now >= end) return "expired";
  return end - now <= expiringWithinDays * DAY_MS ? "expiring" : "active";
}
