/**
 * Quota rules: per-tenant and per-stack limits from configuration, and the managed-operations
 * plan's monitor quotas (product-facts.md §5). The per-tenant defaults are the largest tenant the
 * documents describe (every product at its largest size), so a documented tenant always fits.
 */
import {
  ANYBACKUP_DEDUP_OFF,
  ANYBACKUP_DEDUP_ON,
  ANYSHARE_TIERS,
  MANAGED_OPS_MONITOR_QUOTAS,
  MAX_ZONES,
  monitorKindOf,
  OPS_SERVER,
  parseMonitorsTag,
  PRODUCTS,
  TAG_KEYS,
} from "../../components/core/index.js";
import { bucketFacts, databaseFacts, diskFacts, hostFacts, monitorKind, publicIps } from "../facts/index.js";
import { tenantOf, type Finding, type ResourceView, type StackRule } from "../framework.js";

const largestAnyShare = ANYSHARE_TIERS[ANYSHARE_TIERS.length - 1]!;
const largestAnyBackup = [ANYBACKUP_DEDUP_ON, ANYBACKUP_DEDUP_OFF].reduce((a, b) => (a.host.vcpu >= b.host.vcpu ? a : b));

/** The largest documented tenant: AnyShare at 5,000 users, AnyBackup with deduplication, the ops server. */
export const DOCUMENTED_TENANT_MAXIMUM = {
  vcpu: largestAnyShare.host.vcpu + largestAnyBackup.host.vcpu + OPS_SERVER.host.vcpu,
  memoryGiB: largestAnyShare.host.memoryGiB + largestAnyBackup.host.memoryGiB + OPS_SERVER.host.memoryGiB,
  diskGiB:
    largestAnyShare.host.systemDiskGiB +
    (largestAnyShare.host.cacheDiskGiB ?? 0) +
    largestAnyShare.database.storageGiB +
    largestAnyBackup.host.systemDiskGiB +
    OPS_SERVER.host.systemDiskGiB,
  /** The ops server's, plus one NAT gateway per zone at most. */
  publicIps: 1 + MAX_ZONES,
  /** AnyBackup's storage and its disaster-recovery copy (backup target `dr-copy`). */
  buckets: 2,
  /** One host per product. */
  hosts: PRODUCTS.length,
} as const;

type TenantLimits = { [K in keyof typeof DOCUMENTED_TENANT_MAXIMUM as `max${Capitalize<K>}`]: number };

const limitSchema = (def: number, what: string) => ({ type: "integer" as const, minimum: 0, default: def, description: what });

interface Usage {
  vcpu: number;
  memoryGiB: number;
  diskGiB: number;
  publicIps: number;
  buckets: number;
  hosts: number;
}

/** What each tenant's resources add up to. */
export function usageByTenant(resources: readonly ResourceView[]): Map<string, Usage> {
  const usage = new Map<string, Usage>();
  const of = (tenant: string) => usage.get(tenant) ?? usage.set(tenant, { vcpu: 0, memoryGiB: 0, diskGiB: 0, publicIps: 0, buckets: 0, hosts: 0 }).get(tenant)!;
  // Access-log buckets hold no tenant data: they do not count against the bucket quota.
  const data = bucketFacts(resources).filter((b) => b.logTarget !== true);
  const bucketUrns = new Set(data.map((b) => b.bucket.urn));
  // A bucket that takes no tags (MinIO) counts for the tenant its adapter knows.
  for (const b of data) if (!tenantOf(b.bucket) && b.tenant) of(b.tenant).buckets += 1;
  for (const r of resources) {
    const tenant = tenantOf(r);
    if (!tenant) continue;
    const u = of(tenant);
    const host = hostFacts(r);
    if (host) {
      u.hosts += 1;
      u.vcpu += host.vcpu ?? 0;
      u.memoryGiB += host.memoryGiB ?? 0;
      u.diskGiB += host.systemDiskGiB ?? 0;
    }
    u.diskGiB += diskFacts(r)?.sizeGiB ?? 0;
    u.diskGiB += databaseFacts(r)?.storageGiB ?? 0;
    u.publicIps += publicIps(r);
    if (bucketUrns.has(r.urn)) u.buckets += 1;
  }
  return usage;
}

const UNITS: Record<keyof Usage, string> = { vcpu: "vCPU", memoryGiB: "GiB memory", diskGiB: "GiB disk", publicIps: "public IPs", buckets: "buckets", hosts: "hosts" };

export const tenantQuota: StackRule<TenantLimits> = {
  kind: "stack",
  name: "tenant-quota",
  description: "Each tenant stays within its limits of vCPU, memory, disk, public IPs, buckets and hosts (defaults: the largest documented tenant)",
  level: "mandatory",
  configSchema: {
    properties: Object.fromEntries(
      Object.entries(DOCUMENTED_TENANT_MAXIMUM).map(([k, v]) => [`max${k[0]!.toUpperCase()}${k.slice(1)}`, limitSchema(v, `per-tenant limit of ${UNITS[k as keyof Usage]}`)]),
    ),
  },
  check(resources, limits) {
    const findings: Finding[] = [];
    for (const [tenant, usage] of usageByTenant(resources)) {
      for (const key of Object.keys(UNITS) as (keyof Usage)[]) {
        const limit = limits[`max${key[0]!.toUpperCase()}${key.slice(1)}` as keyof TenantLimits];
        if (usage[key] > limit) findings.push({ tenant, message: `tenant ${tenant} uses ${usage[key]} ${UNITS[key]}, over its limit of ${limit}` });
      }
    }
    return findings;
  },
};

export const stackQuota: StackRule<{ maxTenants: number; maxTotalVcpu: number }> = {
  kind: "stack",
  name: "stack-quota",
  description: "The stack stays within its limits of tenants and total vCPU (defaults are Tenantry's choice, not documented)",
  level: "mandatory",
  configSchema: {
    properties: {
      maxTenants: limitSchema(100, "tenants in one stack"),
      maxTotalVcpu: limitSchema(2000, "vCPU across all tenants of the stack"),
    },
  },
  check(resources, limits) {
    const usage = usageByTenant(resources);
    const findings: Finding[] = [];
    if (usage.size > limits.maxTenants) findings.push({ message: `the stack has ${usage.size} tenants, over its limit of ${limits.maxTenants}` });
    const vcpu = [...usage.values()].reduce((n, u) => n + u.vcpu, 0);
    if (vcpu > limits.maxTotalVcpu) findings.push({ message: `the stack's tenants use ${vcpu} vCPU, over its limit of ${limits.maxTotalVcpu}` });
    return findings;
  },
};

const COUNTED = ["middleware", "port", "url"] as const;

/**
 * Each tenant's managed-ops monitors per kind. A monitor is counted once however many resources
 * implement it: resources tagged `tenantry:monitor` count by distinct id, other probe resources
 * (e.g. a health check made by hand) one each; the ops server's `tenantry:monitors` tag declares
 * the plan's monitors, implemented on the ops server itself. The larger of the two counts holds.
 */
export function monitorsByTenant(resources: readonly ResourceView[]): Map<string, Record<(typeof COUNTED)[number], number>> {
  const seen = new Map<string, { ids: Set<string>; untagged: Record<string, number>; declared: Record<string, number> }>();
  for (const r of resources) {
    const tenant = tenantOf(r);
    if (!tenant) continue;
    const tags = (r.props.tags ?? {}) as Record<string, string>;
    const entry = seen.get(tenant) ?? seen.set(tenant, { ids: new Set(), untagged: {}, declared: {} }).get(tenant)!;
    const id = tags[TAG_KEYS.monitor];
    if (id && (COUNTED as readonly string[]).includes(monitorKindOf(id) ?? "")) entry.ids.add(id);
    else {
      const kind = monitorKind(r);
      if (kind) entry.untagged[kind] = (entry.untagged[kind] ?? 0) + 1;
    }
    for (const [kind, n] of Object.entries(parseMonitorsTag(tags[TAG_KEYS.monitors]))) entry.declared[kind] = Math.max(entry.declared[kind] ?? 0, n);
  }
  return new Map(
    [...seen].map(([tenant, e]) => [
      tenant,
      Object.fromEntries(
        COUNTED.map((kind) => [kind, Math.max(e.declared[kind] ?? 0, [...e.ids].filter((id) => monitorKindOf(id) === kind).length + (e.untagged[kind] ?? 0))]),
      ) as Record<(typeof COUNTED)[number], number>,
    ]),
  );
}

export const monitorQuota: StackRule<{ maxMiddlewareMonitors: number; maxPortMonitors: number; maxUrlMonitors: number }> = {
  kind: "stack",
  name: "monitor-quota",
  description: "Each tenant's monitors fit one managed-ops plan: 20 middleware, 50 port, 5 URL monitors (product-facts.md §5)",
  level: "mandatory",
  configSchema: {
    properties: {
      maxMiddlewareMonitors: limitSchema(MANAGED_OPS_MONITOR_QUOTAS.middleware, "middleware monitors per tenant"),
      maxPortMonitors: limitSchema(MANAGED_OPS_MONITOR_QUOTAS.port, "port monitors per tenant"),
      maxUrlMonitors: limitSchema(MANAGED_OPS_MONITOR_QUOTAS.url, "URL monitors per tenant"),
    },
  },
  check(resources, limits) {
    const counts = monitorsByTenant(resources);
    const findings: Finding[] = [];
    for (const [tenant, c] of counts) {
      const limit = { middleware: limits.maxMiddlewareMonitors, port: limits.maxPortMonitors, url: limits.maxUrlMonitors };
      for (const kind of COUNTED) {
        if (c[kind]! > limit[kind]) findings.push({ tenant, message: `tenant ${tenant} has ${c[kind]} ${kind} monitors, over the plan's ${limit[kind]}` });
      }
    }
    return findings;
  },
};

export const QUOTA_RULES = [tenantQuota, stackQuota, monitorQuota] as const;
