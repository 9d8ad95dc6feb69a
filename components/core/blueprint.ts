/**
 * A tenant's cloud-neutral blueprint: what it needs, with documented sizes, before any cloud is
 * chosen. Each cloud's components render this description, so clouds stay at parity.
 */
import { z } from "zod";
import { BASIC_HOST_ALARMS, type AlarmRule } from "./alarms.js";
import {
  OPS_SERVER,
  sizeForAnyBackup,
  sizeForAnyShare,
  type DatabaseSize,
  type DocumentedRow,
  type HostSize,
} from "./catalog.js";
import { resolveBackupTarget, type BackupTarget, type DefaultTargetKind } from "./backup-target.js";
import { capacityMeter, type CapacityMeter } from "./capacity.js";
import { planSubnets, type PlannedSubnet, type SubnetTier } from "./cidr.js";
import { DEFAULT_LOG_RETENTION_DAYS } from "./defaults.js";
import { tenantFreeze, type Freeze } from "./freeze.js";
import { licenceOf, type Product, type Tenant, type TenantService } from "./manifest.js";
import type { Licence } from "./licence.js";
import { entryPointNeeds, monitorCounts, monitorNeeds, type EntryPointNeed, type MonitorNeed, type ServiceParams } from "./reach.js";
import type { Middleware } from "./monitoring.js";
import { monitorsTagValue, TAG_KEYS, tenantTags, type Tags } from "./tags.js";

export interface HostNeed {
  /** Stable key within the tenant (one host per product). */
  readonly key: Product;
  readonly size: HostSize;
  readonly source: DocumentedRow;
  /** The subnet tier the host lives in. */
  readonly tier: SubnetTier;
  readonly alarms: readonly AlarmRule[];
  /** The middleware the host runs (the stack's `middleware` parameter table). */
  readonly middleware: readonly Middleware[];
  readonly tags: Tags;
}

export interface DatabaseNeed {
  readonly key: Product;
  readonly size: DatabaseSize;
  readonly source: DocumentedRow;
  readonly tier: SubnetTier;
  readonly tags: Tags;
}

/** AnyBackup's "cloud storage" (product-facts.md §4): one private bucket per tenant. */
export interface BucketNeed {
  readonly key: Product;
  readonly purpose: "backup-storage";
  readonly tags: Tags;
  /** Where the backups go: the manifest's `backup` section, else the stack's default (see backup-target.ts). */
  readonly target: BackupTarget;
  /** The licensed capacity to alarm the bucket's size against; absent for `unlimited` licences. */
  readonly capacity?: CapacityMeter;
}

/**
 * The tenant's entry points log every request they take (load-balancer access logs) into a log
 * store of the tenant's own, kept `retentionDays` (Tenantry's choice, `DEFAULT_LOG_RETENTION_DAYS`).
 * Present when the tenant has entry points; kept while it retires (the logs are records, like its data).
 */
export interface AccessLogNeed {
  readonly retentionDays: number;
  readonly tags: Tags;
}

export interface ServiceNeed {
  readonly product: Product;
  readonly licence?: Licence;
}

export interface TenantBlueprint {
  readonly tenant: string;
  readonly network: { readonly cidr: string; readonly zones: number; readonly subnets: readonly PlannedSubnet[]; readonly tags: Tags };
  readonly services: readonly ServiceNeed[];
  readonly hosts: readonly HostNeed[];
  readonly databases: readonly DatabaseNeed[];
  readonly buckets: readonly BucketNeed[];
  /** Public entry points of the web-facing services (AnyShare web; AnyBackup console and backup clients). */
  readonly entryPoints: readonly EntryPointNeed[];
  /** Access logs of the entry points (load balancers); absent when the tenant has no entry point. */
  readonly entryLogs?: AccessLogNeed;
  /** Middleware, port and URL monitors (product-facts.md §5), each with who implements it. */
  readonly monitors: readonly MonitorNeed[];
  /** Present when a licence has expired (and is not acknowledged): the stack keeps the tenant as it is. */
  readonly freeze?: Freeze;
  /**
   * The tenant is retiring (`retire: true`): no hosts, entry points or monitors; its databases,
   * buckets and network stay (clouds drop the NAT gateway too).
   */
  readonly retired?: boolean;
}

/** What the stack decides for every tenant; each has a default. */
export interface BlueprintOptions {
  /** The backup target of tenants whose manifest has no `backup` section. Default `same-cloud`. */
  readonly backupTarget?: DefaultTargetKind;
  /** The share of licensed capacity that raises the capacity warning. Default `DEFAULT_CAPACITY_WARNING_SHARE`. */
  readonly capacityWarningShare?: number;
  /** The moment licences are judged at, for the freeze. Without it nothing is frozen. */
  readonly at?: Date;
  /** Days the entry points' access logs are kept. Default `DEFAULT_LOG_RETENTION_DAYS`. */
  readonly accessLogRetentionDays?: number;
}

function host(tenant: Tenant, service: TenantService, size: { host: HostSize; source: DocumentedRow }, tier: SubnetTier, params: ServiceParams): HostNeed {
  const tags: Record<string, string> = { ...tenantTags(tenant, service) };
  if (size.host.bandwidthMbps !== undefined) tags[TAG_KEYS.bandwidthMbps] = String(size.host.bandwidthMbps);
  const middleware = service.product === "ops-server" ? [] : (params.middleware?.[service.product] ?? []);
  return { key: service.product, size: size.host, source: size.source, tier, alarms: BASIC_HOST_ALARMS, middleware, tags };
}

/**
 * What a validated tenant needs, on any cloud. `params` are the stack's cloud-neutral service
 * parameters (backup-client ports, middleware per product, login paths, DNS domain): without them
 * the blueprint has no backup-client listeners, no middleware monitors and no login probes.
 * `options` are the stack's backup-target default, capacity warning share and licence moment.
 */
export function tenantBlueprint(tenant: Tenant, params: ServiceParams = {}, options: BlueprintOptions = {}): TenantBlueprint {
  const hosts: HostNeed[] = [];
  const databases: DatabaseNeed[] = [];
  const buckets: BucketNeed[] = [];
  for (const service of tenant.services) {
    switch (service.product) {
      case "anyshare-cloud": {
        const size = sizeForAnyShare(service.licence.users);
        hosts.push(host(tenant, service, size, "app", params));
        databases.push({ key: service.product, size: size.database, source: size.source, tier: "data", tags: tenantTags(tenant, service) });
        break;
      }
      case "anybackup-cloud": {
        hosts.push(host(tenant, service, sizeForAnyBackup(service), "app", params));
        const capacity = capacityMeter(service.licence.capacityTb, options.capacityWarningShare);
        buckets.push({
          key: service.product,
          purpose: "backup-storage",
          tags: tenantTags(tenant, service),
          target: resolveBackupTarget(tenant.backup, options.backupTarget),
          ...(capacity ? { capacity } : {}),
        });
        break;
      }
      case "ops-server":
        hosts.push(host(tenant, service, OPS_SERVER, "management", params));
        break;
    }
  }
  const entryPoints = entryPointNeeds(
    tenant.id,
    hosts.map((h) => ({ product: h.key, bandwidthMbps: h.size.bandwidthMbps, source: h.source })),
    params,
  );
  const monitors = monitorNeeds(
    hosts.map((h) => h.key),
    (p) => databases.some((d) => d.key === p),
    entryPoints,
    params,
  );
  // The ops server declares the plan's monitor counts (the quota policy reads them).
  const ops = hosts.findIndex((h) => h.key === "ops-server");
  if (ops >= 0) hosts[ops] = { ...hosts[ops]!, tags: { ...hosts[ops]!.tags, [TAG_KEYS.monitors]: monitorsTagValue(monitorCounts(monitors)) } };
  return {
    tenant: tenant.id,
    network: {
      cidr: tenant.network.cidr,
      zones: tenant.network.zones,
      subnets: planSubnets(tenant.network.cidr, tenant.network.zones),
      tags: tenantTags(tenant),
    },
    services: tenant.services.map((s) => {
      const licence = licenceOf(s);
      return licence ? { product: s.product, licence } : { product: s.product };
    }),
    ...(entryPoints.length > 0 ? { entryLogs: { retentionDays: options.accessLogRetentionDays ?? DEFAULT_LOG_RETENTION_DAYS, tags: { ...tenantTags(tenant), [TAG_KEYS.logStore]: "true" } } } : {}),
    // Retiring: compute goes, data and what it stands on stay.
    ...(tenant.retire ? { hosts: [], entryPoints: [], monitors: [], retired: true } : { hosts, entryPoints, monitors }),
    databases,
    buckets,
    ...freezeAt(tenant, options.at),
  };
}

function freezeAt(tenant: Tenant, at: Date | undefined): { freeze?: Freeze } {
  const freeze = at ? tenantFreeze(tenant, at) : undefined;
  return freeze ? { freeze } : {};
}

/**
 * What a cloud's tenant component must be given for a blueprint: an image for every host, database
 * settings when it has a database, storage settings when it has a bucket (plus `extra` checks of
 * the cloud's own). The schema validates the component's arguments; `imageWhat` names an image.
 */
export function blueprintArgsSchema(blueprint: TenantBlueprint, imageWhat: string, extra: Record<string, z.ZodType> = {}) {
  const required = (what: string) => z.any().refine((v) => v !== undefined, { error: `is required: ${what}` });
  return z.object({
    images: z.object(Object.fromEntries(blueprint.hosts.map((h) => [h.key, required(imageWhat)]))),
    database: blueprint.databases.length > 0 ? z.object({ engineVersion: z.string() }, { error: "is required: the tenant has a database" }) : z.any(),
    backupStorage: blueprint.buckets.some((b) => b.target.target === "same-cloud" || b.target.target === "dr-copy")
      ? z.object({ noncurrentVersionExpirationDays: z.number() }, { error: "is required: the tenant has backup storage on the cloud" })
      : z.any(),
    ...extra,
  });
}

/** What a tenant host came to, as every cloud reports it: class, whether it is exact, the documented row, addresses. */
export interface HostSummary<O> {
  instanceId: O;
  instanceType: string;
  exactSize: boolean;
  documentedRow: string;
  privateIp: O;
  publicIp?: O;
  bandwidthMbps?: number;
}

export function hostSummary<O>(
  need: HostNeed,
  host: { instanceId: O; instanceType: string; exactSize: boolean; privateIp: O; publicIp?: O | undefined; bandwidthMbps?: number | undefined },
): HostSummary<O> {
  return {
    instanceId: host.instanceId,
    instanceType: host.instanceType,
    exactSize: host.exactSize,
    documentedRow: `${need.source.table}: ${need.source.row}`,
    privateIp: host.privateIp,
    ...(host.publicIp !== undefined ? { publicIp: host.publicIp } : {}),
    ...(host.bandwidthMbps !== undefined ? { bandwidthMbps: host.bandwidthMbps } : {}),
  };
}
