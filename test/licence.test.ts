import { describe, expect, it } from "vitest";
import {
  ANYBACKUP_CAPACITY_TIERS,
  capacityTier,
  daysUntilExpiry,
  DEFAULT_EXPIRING_WITHIN_DAYS,
  licenceStatus,
  userPacks,
} from "../components/core/index.js";

const licence = { start: "2026-01-01", end: "2027-01-01" };
const at = (iso: string) => new Date(iso);

describe("licenceStatus", () => {
  it.each([
    ["2025-12-31T23:59:59.999Z", "not-yet-valid"],
    ["2026-01-01T00:00:00.000Z", "active"],
    ["2026-06-15T12:00:00.000Z", "active"],
    // product-facts.md §2: 13 and 14 days from expiry show "active" ...
    ["2026-12-18T00:00:00.000Z", "active"],
    ["2026-12-19T00:00:00.000Z", "active"],
    ["2026-12-25T00:00:00.000Z", "expiring"], // exactly 7 days before: within the threshold
    // ... 5 and 6 days from expiry show "expiring soon".
    ["2026-12-26T00:00:00.000Z", "expiring"],
    ["2026-12-27T00:00:00.000Z", "expiring"],
    ["2026-12-31T23:59:59.999Z", "expiring"],
    ["2027-01-01T00:00:00.000Z", "expired"],
    ["2030-01-01T00:00:00.000Z", "expired"],
  ])("at %s: %s", (when, status) => {
    expect(licenceStatus(licence, at(when))).toBe(status);
  });

  it("puts the default threshold at 7 days, between the document's 6 (expiring) and 13 (active)", () => {
    expect(DEFAULT_EXPIRING_WITHIN_DAYS).toBe(7);
    expect(licenceStatus(licence, at("2026-12-24T23:59:59.999Z"))).toBe("active");
  });

  it("takes the threshold as an option", () => {
    expect(licenceStatus(licence, at("2026-12-18T00:00:00.000Z"), { expiringWithinDays: 14 })).toBe("expiring");
    expect(licenceStatus(licence, at("2026-12-26T00:00:00.000Z"), { expiringWithinDays: 0 })).toBe("active");
  });

  it("rejects an invalid moment rather than guessing", () => {
    expect(() => licenceStatus(licence, new Date(Number.NaN))).toThrow("licenceStatus needs a valid date for `at`");
  });
});

describe("daysUntilExpiry", () => {
  it("counts whole days, rounding up, negative once expired", () => {
    expect(daysUntilExpiry(licence, at("2026-12-26T00:00:00Z"))).toBe(6);
    expect(daysUntilExpiry(licence, at("2026-12-26T12:00:00Z"))).toBe(6);
    expect(daysUntilExpiry(licence, at("2027-01-01T00:00:00Z"))).toBe(0);
    expect(daysUntilExpiry(licence, at("2027-01-03T00:00:00Z"))).toBe(-2);
  });
});

describe("capacityTier (product-facts.md §2: 0-20, 20-50, 50-100, over 100 TB)", () => {
  it.each([
    [0, "0-20"],
    [0.5, "0-20"],
    [20, "0-20"],
    [20.01, "20-50"],
    [50, "20-50"],
    [51, "50-100"],
    [100, "50-100"],
    [100.5, "over-100"],
    [5000, "over-100"],
    ["unlimited", "over-100"],
  ] as const)("%s TB -> %s", (capacity, tier) => {
    expect(capacityTier(capacity).id).toBe(tier);
  });

  it("has the four documented tiers", () => {
    expect(ANYBACKUP_CAPACITY_TIERS.map((t) => t.id)).toEqual(["0-20", "20-50", "50-100", "over-100"]);
  });

  it("rejects a negative capacity", () => {
    expect(() => capacityTier(-1)).toThrow('AnyBackup capacity must be 0 TB or more, or "unlimited" (got -1)');
  });
});

describe("userPacks (product-facts.md §2: packs of 10 / 100 / 1,000 / 5,000 / 10,000 users)", () => {
  it("splits a user count into documented packs, largest first", () => {
    expect(userPacks(1500)).toEqual([
      { pack: 1000, count: 1 },
      { pack: 100, count: 5 },
    ]);
    expect(userPacks(50)).toEqual([{ pack: 10, count: 5 }]);
    expect(userPacks(25000)).toEqual([
      { pack: 10000, count: 2 },
      { pack: 5000, count: 1 },
    ]);
  });

  it.each([0, 5, 505, 1.5, -10])("finds no packs for %s users", (users) => {
    expect(userPacks(users)).toBeUndefined();
  });
});
