/**
 * Licence rules (product-facts.md §1-2): what the documents sell a tenant, read from the
 * `tenantry:licence` tags of its resources, against what the resources are.
 */
import {
  ANYSHARE_CUSTOMISED_MIN_USERS,
  ANYSHARE_USER_PACKS,
  capacityTier,
  daysUntilExpiry,
  DEFAULT_EXPIRING_WITHIN_DAYS,
  LICENCE_EXPIRED_RULE,
  licenceExpiredAlert,
  licenceStatus,
  parseLicenceTag,
  sizeForAnyBackup,
  sizeForAnyShare,
  TAG_KEYS,
  userPacks,
  type LicenceTerms,
} from "../../components/core/index.js";
import { BUCKET_TYPES, databaseFacts, diskFacts, hostFacts, perResource, type SizeFacts } from "../facts/index.js";
import { isFrozen, tagsOf, type Finding, type ResourceRule, type ResourceView, type StackRule } from "../framework.js";

interface NowConfig {
  /** The moment licences are judged at (ISO 8601); default: the real time. */
  now?: string;
}

const nowSchema = {
  now: { type: "string" as const, description: "ISO 8601 date-time to judge licences at; default: the current time" },
};

function now(config: NowConfig): Date {
  const at = config.now ? new Date(config.now) : new Date();
  if (Number.isNaN(at.getTime())) throw new Error(`the 'now' config must be an ISO 8601 date-time (got ${JSON.stringify(config.now)})`);
  return at;
}

const licence = perResource((r: ResourceView): { id: string; terms: LicenceTerms; product: string | undefined } | undefined => {
  const tags = tagsOf(r);
  const terms = parseLicenceTag(tags[TAG_KEYS.licence]);
  return terms ? { id: tags[TAG_KEYS.licenceId] ?? "(no id)", terms, product: tags[TAG_KEYS.product] } : undefined;
});

const owner = (r: ResourceView) => tagsOf(r)[TAG_KEYS.tenant] ?? "(no tenant)";

/**
 * An expired licence blocks changes to its tenant only: the stack freezes an expired tenant
 * (every resource ignores changes to all its inputs), and this rule denies a resource of an expired
 * licence only when it is not frozen, i.e. when it would be changed. The rest of the fleet is not
 * held up; `licence-expired-frozen` reports the frozen tenant.
 */
export const licenceExpired: ResourceRule<NowConfig> = {
  kind: "resource",
  name: LICENCE_EXPIRED_RULE,
  description: "Denies changes to resources of a service whose licence has expired, unless the tenant is frozen (kept as it is) (product-facts.md §2)",
  level: "mandatory",
  configSchema: { properties: nowSchema },
  check(r, config) {
    const l = licence(r);
    if (!l || isFrozen(r) || licenceStatus(l.terms, now(config)) !== "expired") return [];
    return [`licence ${l.id} of tenant ${owner(r)} expired on ${l.terms.end}, and this resource is not frozen: it would be changed`];
  },
};

/** The documented urgent alert for each frozen tenant's expired licence, once per licence. */
export const licenceExpiredFrozen: StackRule<NowConfig> = {
  kind: "stack",
  name: "licence-expired-frozen",
  description: "Reports each tenant frozen for an expired licence, with the documented urgent alert naming the customer and the licence object (product-facts.md §2)",
  level: "advisory",
  configSchema: { properties: nowSchema },
  check(resources, config) {
    const at = now(config);
    const seen = new Map<string, Finding>();
    for (const r of resources) {
      const l = licence(r);
      if (!l || !isFrozen(r) || seen.has(l.id) || licenceStatus(l.terms, at) !== "expired") continue;
      const tenant = owner(r);
      seen.set(l.id, {
        message: `${licenceExpiredAlert(tenant, l.id, l.terms.end)}: tenant ${tenant} is frozen (its resources are kept as they are; the rest of the fleet proceeds)`,
        tenant,
      });
    }
    return [...seen.values()];
  },
};

export const licenceNotYetValid: ResourceRule<NowConfig> = {
  kind: "resource",
  name: "licence-not-yet-valid",
  description: "Denies resources of a service whose licence has not started yet",
  level: "mandatory",
  configSchema: { properties: nowSchema },
  check(r, config) {
    const l = licence(r);
    if (!l || licenceStatus(l.terms, now(config)) !== "not-yet-valid") return [];
    return [`licence ${l.id} of tenant ${owner(r)} is valid only from ${l.terms.start}`];
  },
};

export const licenceExpiring: ResourceRule<NowConfig & { expiringWithinDays: number }> = {
  kind: "resource",
  name: "licence-expiring",
  description: "Warns about resources of a service whose licence expires soon (product-facts.md §2: 'expiring soon')",
  level: "advisory",
  configSchema: {
    properties: {
      ...nowSchema,
      expiringWithinDays: { type: "integer", minimum: 0, default: DEFAULT_EXPIRING_WITHIN_DAYS, description: "days before expiry that count as 'expiring soon'" },
    },
  },
  check(r, config) {
    const l = licence(r);
    const at = now(config);
    if (!l || licenceStatus(l.terms, at, { expiringWithinDays: config.expiringWithinDays }) !== "expiring") return [];
    return [`licence ${l.id} of tenant ${owner(r)} expires on ${l.terms.end}, in ${daysUntilExpiry(l.terms, at)} days`];
  },
};

export const licensedUsers: ResourceRule = {
  kind: "resource",
  name: "licensed-users",
  description: "AnyShare licences are made of the documented user packs, and the customised edition has at least 50 users (product-facts.md §2)",
  level: "mandatory",
  check(r) {
    const l = licence(r);
    if (!l || l.terms.users === undefined) return [];
    const problems: string[] = [];
    if (userPacks(l.terms.users) === undefined) {
      problems.push(`licence ${l.id}: ${l.terms.users} users is not made of the documented packs (${ANYSHARE_USER_PACKS.join(", ")})`);
    }
    if (l.terms.edition === "customised" && l.terms.users < ANYSHARE_CUSTOMISED_MIN_USERS) {
      problems.push(`licence ${l.id}: the customised edition needs at least ${ANYSHARE_CUSTOMISED_MIN_USERS} users (has ${l.terms.users})`);
    }
    return problems;
  },
};

/** What falls short of a documented size: "2 vCPU < 4", ... */
function shortfalls(actual: SizeFacts & { disk?: number | undefined; diskSeparate?: boolean | undefined }, wanted: { vcpu: number; memoryGiB: number; disk?: number; diskName?: string }): string[] {
  if (actual.vcpu === undefined || actual.memoryGiB === undefined) {
    return [`class ${actual.className} is not in Tenantry's class tables, so it cannot be checked against ${wanted.vcpu} vCPU / ${wanted.memoryGiB} GiB`];
  }
  const out: string[] = [];
  if (actual.vcpu < wanted.vcpu) out.push(`${actual.vcpu} vCPU < ${wanted.vcpu}`);
  if (actual.memoryGiB < wanted.memoryGiB) out.push(`${actual.memoryGiB} GiB memory < ${wanted.memoryGiB}`);
  if (wanted.disk !== undefined && !actual.diskSeparate && (actual.disk ?? 0) < wanted.disk) out.push(`${actual.disk ?? 0} GiB ${wanted.diskName} < ${wanted.disk}`);
  return out;
}

/** A disk of its own (a Kubernetes PVC) below the documented size of its role, if it is one. */
function diskShortfall(sizeGiB: number | undefined, wanted: number | undefined, what: string): string[] {
  return wanted !== undefined && (sizeGiB ?? 0) < wanted ? [`${sizeGiB ?? 0} GiB ${what} < ${wanted}`] : [];
}

/** The documented AnyShare tier for a licence, or the reason there is none. */
function anyShareTier(r: ResourceView) {
  const l = licence(r);
  if (!l || l.product !== "anyshare-cloud" || l.terms.users === undefined) return undefined;
  try {
    return { l, tier: sizeForAnyShare(l.terms.users) };
  } catch (error) {
    return { l, error: (error as Error).message };
  }
}

export const anyShareHostSize: ResourceRule = {
  kind: "resource",
  name: "anyshare-host-size",
  description: "An AnyShare host (and its cache disk) is at least the documented tier for its licensed users (product-facts.md §1)",
  level: "mandatory",
  check(r) {
    const host = hostFacts(r);
    const disk = host ? undefined : diskFacts(r);
    if (!host && !disk) return [];
    const t = anyShareTier(r);
    if (!t) return [];
    if (!t.tier) return [`licence ${t.l.id}: ${t.error}`];
    const row = `${t.tier.source.row} tier`;
    if (disk?.role === "data") return [];
    const diskName = disk?.role === "system" ? "system disk" : "cache disk";
    const short = host
      ? shortfalls({ ...host, disk: host.systemDiskGiB, diskSeparate: host.systemDiskSeparate }, { vcpu: t.tier.host.vcpu, memoryGiB: t.tier.host.memoryGiB, disk: t.tier.host.systemDiskGiB, diskName: "system disk" })
      : diskShortfall(disk!.sizeGiB, disk!.role === "system" ? t.tier.host.systemDiskGiB : (t.tier.host.cacheDiskGiB ?? 0), diskName);
    return short.length ? [`AnyShare ${host ? "host" : diskName} for licence ${t.l.id} (${t.l.terms.users} users) is below the documented ${row}: ${short.join(", ")}`] : [];
  },
};

export const anyShareDatabaseSize: ResourceRule = {
  kind: "resource",
  name: "anyshare-database-size",
  description: "An AnyShare database is at least the documented database row of its tier (product-facts.md §1)",
  level: "mandatory",
  check(r) {
    const db = databaseFacts(r);
    const storage = db ? undefined : diskFacts(r);
    const t = (db || storage?.role === "data") && anyShareTier(r);
    if (!t) return [];
    if (!t.tier) return [`licence ${t.l.id}: ${t.error}`];
    const wanted = t.tier.database;
    const short = db
      ? shortfalls({ ...db, disk: db.storageGiB, diskSeparate: db.storageSeparate }, { vcpu: wanted.vcpu, memoryGiB: wanted.memoryGiB, disk: wanted.storageGiB, diskName: "storage" })
      : diskShortfall(storage!.sizeGiB, wanted.storageGiB, "database storage");
    return short.length ? [`AnyShare database for licence ${t.l.id} (${t.l.terms.users} users) is below the documented ${t.tier.source.row} row: ${short.join(", ")}`] : [];
  },
};

export const anyBackupHostSize: ResourceRule = {
  kind: "resource",
  name: "anybackup-host-size",
  description: "An AnyBackup host is at least the documented configuration for its deduplication setting (product-facts.md §1)",
  level: "mandatory",
  check(r) {
    const host = hostFacts(r);
    const disk = host ? undefined : diskFacts(r);
    const tags = tagsOf(r);
    if ((!host && disk?.role !== "system") || tags[TAG_KEYS.product] !== "anybackup-cloud") return [];
    const dedup = tags[TAG_KEYS.deduplication];
    if (dedup !== "true" && dedup !== "false") return [`AnyBackup host carries no ${TAG_KEYS.deduplication} tag: its documented size cannot be known`];
    const size = sizeForAnyBackup({ deduplication: dedup === "true" });
    const short = host
      ? shortfalls({ ...host, disk: host.systemDiskGiB, diskSeparate: host.systemDiskSeparate }, { vcpu: size.host.vcpu, memoryGiB: size.host.memoryGiB, disk: size.host.systemDiskGiB, diskName: "system disk" })
      : diskShortfall(disk!.sizeGiB, size.host.systemDiskGiB, "system disk");
    return short.length ? [`AnyBackup ${host ? "host" : "system disk"} is below the documented ${size.source.row}: ${short.join(", ")}`] : [];
  },
};

export const anyBackupCapacityTier: ResourceRule = {
  kind: "resource",
  name: "anybackup-capacity-tier",
  description: "Reports the documented capacity tier (0-20 / 20-50 / 50-100 / over 100 TB) of each AnyBackup storage licence (product-facts.md §2)",
  level: "advisory",
  types: BUCKET_TYPES,
  check(r) {
    const l = licence(r);
    if (!l || l.terms.capacityTb === undefined) return [];
    const capacity = l.terms.capacityTb === "unlimited" ? "unlimited capacity" : `${l.terms.capacityTb} TB`;
    return [`licence ${l.id} of tenant ${owner(r)}: ${capacity}, capacity tier ${capacityTier(l.terms.capacityTb).id} TB`];
  },
};

export const LICENCE_RULES = [
  licenceExpired,
  licenceExpiredFrozen,
  licenceNotYetValid,
  licenceExpiring,
  licensedUsers,
  anyShareHostSize,
  anyShareDatabaseSize,
  anyBackupHostSize,
  anyBackupCapacityTier,
] as const;
