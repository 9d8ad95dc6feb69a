/**
 * `--baseline`: what changes between an earlier plan (e.g. the main branch's) and this one. Names
 * are stable (derived from tenant ids and products), so adding a tenant shows only its resources.
 * Anything that would delete or replace a resource holding data is a warning.
 */
import { STATEFUL_TYPES } from "../policies/facts/index.js";
import type { PlanDocument, PlannedResourceEntry } from "./document.js";

/**
 * Inputs whose change makes the provider replace the resource (its ForceNew fields), for the types
 * that hold data. Partial: the fields Tenantry sets or users commonly change; a real preview decides.
 */
export const REPLACE_TRIGGERS: Readonly<Record<string, readonly string[]>> = {
  "aws:s3/bucket:Bucket": ["bucket", "bucketPrefix", "objectLockEnabled"],
  "aws:rds/instance:Instance": ["engine", "identifier", "identifierPrefix", "storageEncrypted", "kmsKeyId", "username", "availabilityZone", "characterSetName"],
  "aws:ebs/volume:Volume": ["availabilityZone", "encrypted", "kmsKeyId", "snapshotId"],
  "aws:kms/key:Key": ["customerMasterKeySpec", "keyUsage", "multiRegion"],
  "alicloud:oss/bucket:Bucket": ["bucket", "redundancyType"],
  "alicloud:rds/instance:Instance": ["engine", "zoneId"],
  "alicloud:ecs/ecsDisk:EcsDisk": ["zoneId", "availabilityZone", "encrypted", "kmsKeyId", "snapshotId"],
  "alicloud:kms/key:Key": ["keySpec", "keyUsage", "protectionLevel"],
  // Huawei Cloud (terraform-provider-huaweicloud v1.73.3 ForceNew fields, as the provider's docs give them).
  "huaweicloud:Obs/bucket:Bucket": ["bucket", "region", "multiAz", "enterpriseProjectId"],
  "huaweicloud:Rds/instance:Instance": ["availabilityZones", "db.type", "db.version", "db.port", "volume.type", "volume.diskEncryptionId", "vpcId", "subnetId", "region", "timeZone"],
  "huaweicloud:Evs/volume:Volume": ["availabilityZone", "volumeType", "kmsId", "region", "snapshotId", "imageId", "backupId", "multiattach"],
  "huaweicloud:Dew/key:Key": ["keyAlgorithm", "keyUsage", "origin", "keystoreId", "region"],
};

export interface ResourceRef {
  type: string;
  name: string;
  tenant: string | null;
}

export interface RemovedResource extends ResourceRef {
  /** Holds data (bucket, database, disk, key). */
  stateful: boolean;
  /** Pulumi keeps it in the cloud when it leaves the program (retainOnDelete or protect). */
  retained: boolean;
}

export interface InputChange {
  path: string;
  before: unknown;
  after: unknown;
}

export interface ChangedResource extends ResourceRef {
  stateful: boolean;
  changes: InputChange[];
  /** Changed inputs that replace the resource (see REPLACE_TRIGGERS). */
  replacedBy: string[];
}

/** A tenant whose network block moved: every subnet, and everything in them, is replaced. */
export interface NetworkChange {
  tenant: string;
  before: { cidr: string; zones?: number | undefined };
  after: { cidr: string; zones?: number | undefined };
}

export interface PlanDiff {
  baseline: { stack: string; at: string };
  tenantsAdded: string[];
  tenantsRemoved: string[];
  /** Tenants whose network CIDR or zone count changed. */
  networkChanged: NetworkChange[];
  added: ResourceRef[];
  removed: RemovedResource[];
  changed: ChangedResource[];
  /** Tenants retiring in this plan (`retire: true`): how many of their resources are kept and deleted. */
  retiring: { tenant: string; kept: number; deleted: number }[];
  /** Deletions and replacements of resources holding data; tenants removed while their data stands on what the update deletes. */
  warnings: string[];
}

/** Data resources that keep standing on their network when retained: removing their tenant at once fails half-way. */
const NETWORK_BOUND_DATA = new Set(["aws:rds/instance:Instance", "alicloud:rds/instance:Instance"]);

const keyOf = (r: PlannedResourceEntry) => `${r.type}::${r.name}`;
const ref = (r: PlannedResourceEntry): ResourceRef => ({ type: r.type, name: r.name, tenant: r.tenant });

/** Leaf-level differences between two input trees, as dotted paths. */
export function inputChanges(before: unknown, after: unknown, path = ""): InputChange[] {
  if (JSON.stringify(before) === JSON.stringify(after)) return [];
  const bothObjects = before && after && typeof before === "object" && typeof after === "object" && Array.isArray(before) === Array.isArray(after);
  if (!bothObjects) return [{ path: path || "(all)", before, after }];
  const keys = [...new Set([...Object.keys(before as object), ...Object.keys(after as object)])];
  return keys.flatMap((k) =>
    inputChanges((before as Record<string, unknown>)[k], (after as Record<string, unknown>)[k], path ? (Array.isArray(before) ? `${path}[${k}]` : `${path}.${k}`) : k),
  );
}

const networkPhrase = (n: NetworkChange["before"]) => (n.zones === undefined ? n.cidr : `${n.cidr} over ${n.zones} ${n.zones === 1 ? "zone" : "zones"}`);

/** Tenants present in both plans whose network block or zone count differs. */
export function networkChanges(baseline: PlanDocument, current: PlanDocument): NetworkChange[] {
  const before = new Map(baseline.tenants.map((t) => [t.id, t]));
  return current.tenants.flatMap((t): NetworkChange[] => {
    const b = before.get(t.id);
    if (!b) return [];
    const zonesChanged = b.zones !== undefined && t.zones !== undefined && b.zones !== t.zones;
    if (b.cidr === t.cidr && !zonesChanged) return [];
    return [{ tenant: t.id, before: { cidr: b.cidr, zones: b.zones }, after: { cidr: t.cidr, zones: t.zones } }];
  });
}

export function diffPlans(baseline: PlanDocument, current: PlanDocument): PlanDiff {
  const before = new Map(baseline.resources.filter((r) => r.custom).map((r) => [keyOf(r), r]));
  const after = new Map(current.resources.filter((r) => r.custom).map((r) => [keyOf(r), r]));
  const beforeTenants = new Set(baseline.tenants.map((t) => t.id));
  const afterTenants = new Set(current.tenants.map((t) => t.id));
  const diff: PlanDiff = {
    baseline: { stack: baseline.stack, at: baseline.at },
    tenantsAdded: [...afterTenants].filter((t) => !beforeTenants.has(t)),
    tenantsRemoved: [...beforeTenants].filter((t) => !afterTenants.has(t)),
    networkChanged: networkChanges(baseline, current),
    added: [],
    removed: [],
    changed: [],
    retiring: [],
    warnings: [],
  };
  for (const n of diff.networkChanged) {
    diff.warnings.push(
      `NETWORK of tenant ${n.tenant} changes from ${networkPhrase(n.before)} to ${networkPhrase(n.after)}: every subnet, and everything in them ` +
        `(hosts, databases, gateways), would be replaced; move a tenant's network only with a migration plan`,
    );
  }
  for (const [key, r] of after) {
    if (before.has(key)) continue;
    diff.added.push(ref(r));
    if (r.frozen) {
      diff.warnings.push(`CREATE ${r.type} ${r.name}: tenant ${r.tenant} is frozen (expired licence), but this resource is new and would be created; keep it out with pulumi up --exclude until the licence is renewed`);
    }
  }
  for (const [key, r] of before) {
    const stateful = STATEFUL_TYPES.includes(r.type);
    const next = after.get(key);
    if (!next) {
      const retained = r.retainOnDelete || r.protect;
      diff.removed.push({ ...ref(r), stateful, retained });
      if (stateful && !retained) diff.warnings.push(`DELETE ${r.type} ${r.name}: it holds data and is not retained; removing it deletes the data`);
      continue;
    }
    const changes = inputChanges(r.inputs, next.inputs);
    // A frozen resource keeps the inputs in the stack's state (ignoreChanges): nothing changes.
    if (changes.length === 0 || next.frozen) continue;
    const triggers = REPLACE_TRIGGERS[r.type] ?? [];
    const replacedBy = changes.map((c) => c.path).filter((p) => triggers.some((t) => p === t || p.startsWith(`${t}.`) || p.startsWith(`${t}[`)));
    diff.changed.push({ ...ref(r), stateful, changes, replacedBy });
    if (stateful && replacedBy.length > 0) {
      diff.warnings.push(`REPLACE ${r.type} ${r.name}: changing ${replacedBy.join(", ")} replaces it, and a new one starts empty`);
    }
  }
  for (const t of current.tenants.filter((t) => t.retiring && beforeTenants.has(t.id))) {
    diff.retiring.push({
      tenant: t.id,
      kept: current.resources.filter((r) => r.custom && r.tenant === t.id).length,
      deleted: diff.removed.filter((r) => r.tenant === t.id).length,
    });
  }
  for (const tenant of diff.tenantsRemoved) {
    const bound = diff.removed.filter((r) => r.tenant === tenant && r.retained && NETWORK_BOUND_DATA.has(r.type));
    if (bound.length > 0) {
      diff.warnings.push(
        `REMOVE tenant ${tenant}: its retained ${bound.map((r) => r.name).join(", ")} would stay attached to the subnets and security groups this update deletes, and a real pulumi up fails half-way: retire the tenant first (retire: true in its manifest, listed in tenantry:retired)`,
      );
    }
  }
  return diff;
}
