/**
 * The documented host sizing, as typed data.
 *
 * Every number here is copied from `docs/product-facts.md` §1 (source document:
 * partner-guide, except the ops server: managed-ops). Nothing else in Tenantry may restate
 * these numbers: components, stacks and policies look them up here.
 */

/** Where a size comes from, so every resource can say which documented row it was built from. */
export interface DocumentedRow {
  /** The table, as named in product-facts.md. */
  readonly table: string;
  /** The row within that table, in the table's own words. */
  readonly row: string;
}

/** A host (VM) size. Memory and disks in GiB, bandwidth in Mbit/s. */
export interface HostSize {
  readonly vcpu: number;
  readonly memoryGiB: number;
  readonly systemDiskGiB: number;
  /** A separate cache/data disk, where the document names one. */
  readonly cacheDiskGiB?: number;
  /** Documented internet bandwidth, where the document names one. */
  readonly bandwidthMbps?: number;
  /** The document asks for a public IP (EIP) on this host. */
  readonly publicIp: boolean;
  /** The operating system the document names (all are end-of-life: images are a parameter). */
  readonly documentedOs?: string;
}

/** A managed MySQL size. */
export interface DatabaseSize {
  readonly vcpu: number;
  readonly memoryGiB: number;
  readonly storageGiB: number;
  /** The engine the document names (MySQL 5.6 is no longer sold: the engine version is a parameter). */
  readonly documentedEngine: string;
}

export interface AnyBackupSize {
  readonly product: "anybackup-cloud";
  readonly source: DocumentedRow;
  readonly host: HostSize;
}

export interface AnyShareSize {
  readonly product: "anyshare-cloud";
  readonly source: DocumentedRow;
  /** The licence pack (users) this tier is documented for. */
  readonly users: number;
  readonly host: HostSize;
  readonly database: DatabaseSize;
}

export interface OpsServerSize {
  readonly product: "ops-server";
  readonly source: DocumentedRow;
  readonly host: HostSize;
}

const ANYBACKUP_TABLE = "product-facts.md §1 AnyBackup Cloud server";
const ANYSHARE_TABLE = "product-facts.md §1 AnyShare Cloud";
const CENTOS_6 = "Linux CentOS 6";
const CENTOS_65_68 = "CentOS 6.5 / 6.8";
const MYSQL_56 = "MySQL 5.6";

/** product-facts.md §1 AnyBackup Cloud server, configuration 1: deduplication on. */
export const ANYBACKUP_DEDUP_ON: AnyBackupSize = {
  product: "anybackup-cloud",
  source: { table: ANYBACKUP_TABLE, row: "configuration 1 (deduplication on)" },
  host: { vcpu: 8, memoryGiB: 32, systemDiskGiB: 40, publicIp: false, documentedOs: CENTOS_6 },
};

/** product-facts.md §1 AnyBackup Cloud server, configuration 2: deduplication off. */
export const ANYBACKUP_DEDUP_OFF: AnyBackupSize = {
  product: "anybackup-cloud",
  source: { table: ANYBACKUP_TABLE, row: "configuration 2 (deduplication off)" },
  host: { vcpu: 4, memoryGiB: 16, systemDiskGiB: 40, publicIp: false, documentedOs: CENTOS_6 },
};

/** product-facts.md §1: the host recommended on the Huawei Cloud marketplace listing of AnyBackup. */
export const ANYBACKUP_MARKETPLACE_RECOMMENDED: AnyBackupSize = {
  product: "anybackup-cloud",
  source: { table: ANYBACKUP_TABLE, row: "Huawei Cloud marketplace recommended host" },
  host: { vcpu: 8, memoryGiB: 16, systemDiskGiB: 60, publicIp: false },
};

/** product-facts.md §1: capacity specs of the Huawei Cloud marketplace listing, in TB (plus "trial"). */
export const ANYBACKUP_MARKETPLACE_CAPACITY_SPECS_TB: readonly number[] = [
  1, 2, 3, 4, 5, 10, 15, 30, 50, 75,
];

function anyShareTier(
  users: number,
  server: [memoryGiB: number, vcpu: number, systemDiskGiB: number, cacheDiskGiB: number, bandwidthMbps: number],
  db: [vcpu: number, memoryGiB: number, storageGiB: number],
): AnyShareSize {
  const [memoryGiB, vcpu, systemDiskGiB, cacheDiskGiB, bandwidthMbps] = server;
  return {
    product: "anyshare-cloud",
    source: { table: ANYSHARE_TABLE, row: `${users} users` },
    users,
    host: { vcpu, memoryGiB, systemDiskGiB, cacheDiskGiB, bandwidthMbps, publicIp: false, documentedOs: CENTOS_65_68 },
    database: { vcpu: db[0], memoryGiB: db[1], storageGiB: db[2], documentedEngine: MYSQL_56 },
  };
}

/**
 * product-facts.md §1 AnyShare Cloud: one row per licence pack, smallest first.
 * Columns in the table's order: server memory, vCPU, system disk, cache disk, bandwidth;
 * then the database's vCPU, memory and storage.
 */
export const ANYSHARE_TIERS: readonly AnyShareSize[] = [
  anyShareTier(100, [4, 1, 40, 100, 1], [1, 2, 60]),
  anyShareTier(300, [8, 2, 40, 100, 2], [1, 2, 60]),
  anyShareTier(500, [8, 4, 40, 100, 5], [1, 4, 60]),
  anyShareTier(1000, [16, 8, 40, 100, 10], [2, 4, 100]),
  anyShareTier(1500, [32, 8, 40, 100, 15], [2, 8, 120]),
  anyShareTier(2000, [32, 16, 40, 150, 20], [4, 8, 120]),
  anyShareTier(5000, [64, 16, 40, 150, 50], [8, 16, 150]),
];

/** The largest user count with a documented AnyShare sizing ("The table stops at 5,000 users"). */
export const ANYSHARE_MAX_DOCUMENTED_USERS = ANYSHARE_TIERS[ANYSHARE_TIERS.length - 1]!.users;

/**
 * product-facts.md §1 Managed operations server (managed-ops): "4 vCPU / 8 GiB, 200 GiB disk,
 * with an EIP or public IP". The document names one disk; Tenantry uses it as the system disk.
 */
export const OPS_SERVER: OpsServerSize = {
  product: "ops-server",
  source: { table: "product-facts.md §1 Managed operations server", row: "operations server" },
  host: { vcpu: 4, memoryGiB: 8, systemDiskGiB: 200, publicIp: true },
};

/** Thrown when a lookup has no documented answer. The message says what was asked and what exists. */
export class NoDocumentedSizeError extends RangeError {
  override name = "NoDocumentedSizeError";
}

/**
 * The smallest documented AnyShare tier that covers `users` (301 users -> the 500-user tier).
 * Throws {@link NoDocumentedSizeError} above 5,000 users, and for anything but a positive whole number.
 */
export function sizeForAnyShare(users: number): AnyShareSize {
  if (!Number.isInteger(users) || users < 1) {
    throw new NoDocumentedSizeError(`AnyShare users must be a whole number of at least 1 (got ${users})`);
  }
  const tier = ANYSHARE_TIERS.find((t) => t.users >= users);
  if (!tier) {
    throw new NoDocumentedSizeError(
      `AnyShare sizing is documented up to ${ANYSHARE_MAX_DOCUMENTED_USERS} users (got ${users}): ` +
        `product-facts.md §1 has no tier above that`,
    );
  }
  return tier;
}

/** The documented AnyBackup host for a deduplication setting: configuration 1 (on) or 2 (off). */
export function sizeForAnyBackup(options: { deduplication: boolean }): AnyBackupSize {
  return options.deduplication ? ANYBACKUP_DEDUP_ON : ANYBACKUP_DEDUP_OFF;
}
