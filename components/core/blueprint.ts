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
import { planSubnets, type PlannedSubnet, type SubnetTier } from "./cidr.js";
import { licenceOf, type Product, type Tenant, type TenantService } from "./manifest.js";
import type { Licence } from "./licence.js";
import { TAG_KEYS, tenantTags, type Tags } from "./tags.js";

export interface HostNeed {
  /** Stable key within the tenant (one host per product). */
  readonly key: Product;
  readonly size: HostSize;
  readonly source: DocumentedRow;
  /** The subnet tier the host lives in. */
  readonly tier: SubnetTier;
  readonly alarms: readonly AlarmRule[];
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
}

function host(tenant: Tenant, service: TenantService, size: { host: HostSize; source: DocumentedRow }, tier: SubnetTier): HostNeed {
  const tags: Record<string, string> = { ...tenantTags(tenant, service) };
  if (size.host.bandwidthMbps !== undefined) tags[TAG_KEYS.bandwidthMbps] = String(size.host.bandwidthMbps);
  return { key: service.product, size: size.host, source: size.source, tier, alarms: BASIC_HOST_ALARMS, tags };
}

/** What a validated tenant needs, on any cloud. */
export function tenantBlueprint(tenant: Tenant): TenantBlueprint {
  const hosts: HostNeed[] = [];
  const databases: DatabaseNeed[] = [];
  const buckets: BucketNeed[] = [];
  for (const service of tenant.services) {
    switch (service.product) {
      case "anyshare-cloud": {
        const size = sizeForAnyShare(service.licence.users);
        hosts.push(host(tenant, service, size, "app"));
        databases.push({ key: service.product, size: size.database, source: size.source, tier: "data", tags: tenantTags(tenant, service) });
        break;
      }
      case "anybackup-cloud":
        hosts.push(host(tenant, service, sizeForAnyBackup(service), "app"));
        buckets.push({ key: service.product, purpose: "backup-storage", tags: tenantTags(tenant, service) });
        break;
      case "ops-server":
        hosts.push(host(tenant, service, OPS_SERVER, "management"));
        break;
    }
  }
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
    hosts,
    databases,
    buckets,
  };
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
    backupStorage: blueprint.buckets.length > 0 ? z.object({ noncurrentVersionExpirationDays: z.number() }, { error: "is required: the tenant has backup storage" }) : z.any(),
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
