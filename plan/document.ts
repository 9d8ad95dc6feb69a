/**
 * The plan document: what `tenantry plan` knows about a stack, in one stable, JSON-serialisable
 * shape (schema `tenantry-plan/v1`, documented in the README). Text and markdown are renderings
 * of it; `--baseline` compares two of them.
 */
import {
  capacityTier,
  daysUntilExpiry,
  licenceStatus,
  TAG_KEYS,
  tenantBlueprint,
  type LicenceStatus,
  type TenantBlueprint,
} from "../components/core/index.js";
import type { EntryPointNeed, Tenant } from "../components/core/index.js";
import { BUCKET_TYPES, databaseFacts, diskFacts, hostFacts, publicIps } from "../policies/facts/index.js";
import { mapIfChanged } from "../policies/copy-on-write.js";
import { isFrozen, type ResourceView } from "../policies/framework.js";
import type { Verdict } from "../policies/harness.js";
import { SecretValue, type RecordedResource } from "./mock-run.js";

export const PLAN_SCHEMA = "tenantry-plan/v1";

export interface PlannedService {
  product: string;
  /** The documented row the sizes come from, e.g. "product-facts.md §1 AnyShare Cloud: 500 users". */
  documentedRow: string;
  /** AnyBackup's setting, which picks its documented host. */
  deduplication?: boolean;
  host: { vcpu: number; memoryGiB: number; systemDiskGiB: number; cacheDiskGiB?: number; bandwidthMbps?: number; publicIp: boolean };
  database?: { vcpu: number; memoryGiB: number; storageGiB: number };
  licence?: {
    id: string;
    start: string;
    end: string;
    status: LicenceStatus;
    daysUntilExpiry: number;
    users?: number;
    capacityTb?: number | "unlimited";
    capacityTier?: string;
    trial?: boolean;
  };
}

export interface PlannedTenant {
  id: string;
  name: string;
  cidr: string;
  /** Availability zones the network spans (absent in plans written before 0.1.0's release). */
  zones?: number;
  services: PlannedService[];
  /** The public entry points of its web-facing services, as its blueprint asks the stack to render them (absent without any). */
  entryPoints?: PlannedEntryPoint[];
  resourceCount: number;
  /** Present when an expired licence freezes the tenant: the documented urgent alert per licence. */
  frozen?: { alerts: string[] };
  /** The tenant is retiring (`retire: true`): its compute is gone, its data and network kept. */
  retiring?: boolean;
  /**
   * Its monitors (product-facts.md §5) as its cloud's tenant component reports them: those
   * implemented (by the cloud or the ops server) and those nothing implements, each with the reason.
   * Absent where the cloud reports none (Kubernetes) and in plans written before 0.1.0's release.
   */
  monitors?: { rendered: string[]; notRendered: { id: string; reason: string }[] };
}

/** An entry point of a tenant's blueprint (core `EntryPointNeed`). */
export interface PlannedEntryPoint {
  key: string;
  purpose: string;
  /** `<port>/<protocol>`, as the clouds' tenants output them: `443/https`, `80/http-redirect`, `9801/tcp`. */
  listeners: string[];
  /** The documented bandwidth (AnyShare's tier), in Mbit/s. */
  bandwidthMbps?: number;
  /** The DNS name users type, with the stack's `dnsDomain`. */
  dnsName?: string;
}

/** A blueprint's entry point as the plan document lists it. */
export function plannedEntryPoint(e: EntryPointNeed): PlannedEntryPoint {
  return {
    key: e.key,
    purpose: e.purpose,
    listeners: e.listeners.map((l) => `${l.port}/${l.protocol}`),
    ...(e.bandwidthMbps !== undefined ? { bandwidthMbps: e.bandwidthMbps } : {}),
    ...(e.dnsName !== undefined ? { dnsName: e.dnsName } : {}),
  };
}

export interface PlannedResourceEntry {
  type: string;
  name: string;
  /** The parent's name; null for the stack's direct children. */
  parent: string | null;
  /** The tenant it belongs to (its tag, or its tenant component); null for shared resources. */
  tenant: string | null;
  /** Whether a provider manages it (false for Tenantry's components). */
  custom: boolean;
  /** Inputs as the provider would receive them; secrets read "[secret]"; values the cloud computes read "<resource>-id" and the like. */
  inputs: Record<string, unknown>;
  retainOnDelete: boolean;
  protect: boolean;
  /** Its tenant is frozen: it ignores changes to every input (an existing resource is kept as it is). */
  frozen: boolean;
}

export interface PlanTotals {
  tenants: number;
  resources: number;
  vcpu: number;
  memoryGiB: number;
  diskGiB: number;
  publicIps: number;
  buckets: number;
  databases: number;
}

export interface PlanVerdict {
  pack: string;
  policy: string;
  level: Verdict["level"];
  message: string;
  /** The resource's name, when the verdict is about one. */
  resource: string | null;
}

export interface PlanDocument {
  schema: typeof PLAN_SCHEMA;
  stack: string;
  cloud: string;
  /** The moment licences were judged at (ISO 8601). */
  at: string;
  tenants: PlannedTenant[];
  totals: PlanTotals;
  resources: PlannedResourceEntry[];
  verdicts: PlanVerdict[];
  result: { mandatory: number; advisory: number; acknowledged: number; ok: boolean };
}

export const SECRET_PLACEHOLDER = "[secret]";

/** Inputs with secrets redacted. A value holding no secret is returned as it is, not copied. */
export function redact(value: unknown): unknown {
  if (value instanceof SecretValue) return SECRET_PLACEHOLDER;
  // Nothing is allocated until a value differs (most hold no secret).
  if (Array.isArray(value)) {
    return mapIfChanged(value as unknown[], redact);
  }
  if (value && typeof value === "object") {
    const o = value as Record<string, unknown>;
    const keys = Object.keys(o);
    let redacted: [string, unknown][] | undefined;
    for (let i = 0; i < keys.length; i++) {
      const v = redact(o[keys[i]!]);
      if (v !== o[keys[i]!] && !redacted) redacted = keys.slice(0, i).map((k) => [k, o[k]]);
      redacted?.push([keys[i]!, v]);
    }
    return redacted ? Object.fromEntries(redacted) : value;
  }
  return value;
}

function service(tenant: Tenant, given: TenantBlueprint, product: string, at: Date): PlannedService {
  // A retiring tenant's blueprint has no hosts: its services are described by their documented sizes all the same.
  const blueprint = given.retired ? tenantBlueprint({ ...tenant, retire: false }) : given;
  const host = blueprint.hosts.find((h) => h.key === product)!;
  const db = blueprint.databases.find((d) => d.key === product);
  const licence = blueprint.services.find((s) => s.product === product)?.licence;
  const configured = tenant.services.find((s) => s.product === product);
  return {
    product,
    documentedRow: `${host.source.table}: ${host.source.row}`,
    host: {
      vcpu: host.size.vcpu,
      memoryGiB: host.size.memoryGiB,
      systemDiskGiB: host.size.systemDiskGiB,
      ...(host.size.cacheDiskGiB !== undefined ? { cacheDiskGiB: host.size.cacheDiskGiB } : {}),
      ...(host.size.bandwidthMbps !== undefined ? { bandwidthMbps: host.size.bandwidthMbps } : {}),
      publicIp: host.size.publicIp,
    },
    ...(db ? { database: { vcpu: db.size.vcpu, memoryGiB: db.size.memoryGiB, storageGiB: db.size.storageGiB } } : {}),
    ...(licence
      ? {
          licence: {
            id: licence.id,
            start: licence.start,
            end: licence.end,
            status: licenceStatus(licence, at),
            daysUntilExpiry: daysUntilExpiry(licence, at),
            ...(licence.product === "anyshare-cloud" ? { users: licence.users } : {}),
            ...(licence.product === "anybackup-cloud" ? { capacityTb: licence.capacityTb, capacityTier: capacityTier(licence.capacityTb).id } : {}),
            ...(licence.trial ? { trial: true } : {}),
          },
        }
      : {}),
    ...(configured?.product === "anybackup-cloud" ? { deduplication: configured.deduplication } : {}),
  };
}

const asView = (r: RecordedResource): ResourceView => ({ type: r.type, name: r.name, urn: r.urn, props: r.inputs, protect: r.protect });

/**
 * The components that stand for a tenant's bucket the stack is given rather than creates: a bucket
 * on the Kubernetes stack's configured S3-compatible store (`same-cloud` there), a tenant's own store
 * (`s3-compatible`). No provider resource is made for them, yet each is a bucket of the tenant's.
 */
export const GIVEN_BUCKET_TYPES: readonly string[] = ["tenantry:kubernetes:S3BackupStorage", "tenantry:s3-compatible:Bucket"];

/**
 * Totals over the custom resources, read through the same cloud adapters the policies use. Buckets
 * are the ones the stack creates (the adapters' bucket types) and the ones it is given.
 */
export function totalsOf(resources: readonly RecordedResource[], tenants: number): PlanTotals {
  const custom = resources.filter((r) => r.custom);
  const given = resources.filter((r) => !r.custom && GIVEN_BUCKET_TYPES.includes(r.type)).length;
  const totals: PlanTotals = { tenants, resources: custom.length, vcpu: 0, memoryGiB: 0, diskGiB: 0, publicIps: 0, buckets: given, databases: 0 };
  for (const r of custom) {
    const v = asView(r);
    const host = hostFacts(v);
    if (host) {
      totals.vcpu += host.vcpu ?? 0;
      totals.memoryGiB += host.memoryGiB ?? 0;
      totals.diskGiB += host.systemDiskGiB ?? 0;
    }
    totals.diskGiB += diskFacts(v)?.sizeGiB ?? 0;
    const db = databaseFacts(v);
    if (db) {
      totals.databases += 1;
      totals.diskGiB += db.storageGiB ?? 0;
    }
    totals.publicIps += publicIps(v);
    if (BUCKET_TYPES.includes(r.type)) totals.buckets += 1;
  }
  return totals;
}

/** The tenant a resource belongs to: its tenant tag, else the tenant component above it. */
export function ownerOf(r: RecordedResource, byName: Map<string, RecordedResource>, tenantIds: Set<string>): string | null {
  const tag = (r.inputs.tags as Record<string, string> | undefined)?.[TAG_KEYS.tenant];
  if (tag) return tag;
  // By name: a child may share its parent's name, so stop at a resource seen before.
  const seen = new Set<RecordedResource>();
  for (let at: RecordedResource | undefined = r; at && !seen.has(at); at = at.parent ? byName.get(at.parent) : undefined) {
    seen.add(at);
    if (tenantIds.has(at.name) && at.type.endsWith(":Tenant")) return at.name;
  }
  return null;
}

export interface PlanInputs {
  stack: string;
  cloud: string;
  at: Date;
  tenants: readonly { tenant: Tenant; blueprint: TenantBlueprint }[];
  resources: readonly RecordedResource[];
  verdicts: readonly Verdict[];
  /** Each tenant's monitor coverage, from the tenant components' outputs (plan/monitors.ts). */
  monitors?: Readonly<Record<string, { rendered: string[]; notRendered: { id: string; reason: string }[] }>>;
}

export function planDocument(input: PlanInputs): PlanDocument {
  const byName = new Map(input.resources.map((r) => [r.name, r]));
  const byUrn = new Map(input.resources.map((r) => [r.urn, r]));
  const tenantIds = new Set(input.tenants.map((t) => t.tenant.id));
  const resources: PlannedResourceEntry[] = input.resources.map((r) => ({
    type: r.type,
    name: r.name,
    parent: r.parent ?? null,
    tenant: ownerOf(r, byName, tenantIds),
    custom: r.custom,
    inputs: redact(r.inputs) as Record<string, unknown>,
    retainOnDelete: r.retainOnDelete,
    protect: r.protect,
    frozen: r.custom && isFrozen({ props: r.inputs, ignoreChanges: r.ignoreChanges }),
  }));
  const counts = new Map<string, number>();
  for (const r of resources) if (r.custom && r.tenant) counts.set(r.tenant, (counts.get(r.tenant) ?? 0) + 1);
  const verdicts: PlanVerdict[] = input.verdicts.map((v) => ({
    pack: v.pack,
    policy: v.policy,
    level: v.level,
    message: v.message,
    resource: v.urn ? (byUrn.get(v.urn)?.name ?? null) : null,
  }));
  const count = (level: Verdict["level"]) => verdicts.filter((v) => v.level === level).length;
  return {
    schema: PLAN_SCHEMA,
    stack: input.stack,
    cloud: input.cloud,
    at: input.at.toISOString(),
    tenants: input.tenants.map(({ tenant, blueprint }) => ({
      id: tenant.id,
      name: tenant.name,
      cidr: tenant.network.cidr,
      zones: tenant.network.zones,
      services: tenant.services.map((s) => service(tenant, blueprint, s.product, input.at)),
      ...(blueprint.entryPoints.length > 0 ? { entryPoints: blueprint.entryPoints.map(plannedEntryPoint) } : {}),
      resourceCount: counts.get(tenant.id) ?? 0,
      ...(blueprint.freeze ? { frozen: { alerts: blueprint.freeze.licences.map((l) => l.alert) } } : {}),
      ...(tenant.retire ? { retiring: true } : {}),
      ...(input.monitors?.[tenant.id] ? { monitors: input.monitors[tenant.id]! } : {}),
    })),
    totals: totalsOf(input.resources, input.tenants.length),
    resources,
    verdicts,
    result: { mandatory: count("mandatory"), advisory: count("advisory"), acknowledged: count("acknowledged"), ok: count("mandatory") === 0 },
  };
}
