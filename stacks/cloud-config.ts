/**
 * Configuration keys every cloud stack shares (under `tenantry:<cloud>`), and the check of what the
 * fleet needs from them. Each cloud's stack extends the schema with its own keys.
 */
import { z } from "zod";
import {
  allowListSchema,
  InputError,
  notificationsSchema,
  PRODUCTS,
  serviceParamsProblems,
  serviceParamsSchema,
  tenantBlueprint,
  type Problem,
  type Product,
  type BlueprintOptions,
  type ServiceParams,
  type Tenant,
  type TenantBlueprint,
} from "../components/core/index.js";
import { backupTargetConfigShape } from "./backup-targets.js";
import { blueprintOptions, type StackConfig } from "./config.js";

export function cloudConfigSchema<I extends z.ZodType<string>>(imageRef: I) {
  return z.strictObject({
    /** Cloud-neutral service parameters (core `ServiceParams`): backup-client ports, middleware, login paths, DNS domain. */
    ...serviceParamsSchema.shape,
    /** Who may use the backup-client entry point. Default: `webCidrs`. */
    clientCidrs: allowListSchema("the backup-client ports", true).optional(),
    /** Alert routing per severity (e-mail, chat webhooks) and silence periods. */
    notifications: notificationsSchema.optional(),
    /** Machine image per product. */
    images: z.strictObject(Object.fromEntries(PRODUCTS.map((p) => [p, imageRef.optional()])) as Record<Product, z.ZodOptional<I>>),
    mysqlEngineVersion: z.string().optional(),
    webCidrs: allowListSchema("the web ports", true).default([]),
    adminCidrs: allowListSchema("SSH", false).default([]),
    alarmEmails: z.array(z.email()).default([]),
    alarmPeriodSeconds: z.number().int().optional(),
    alarmEvaluationPeriods: z.number().int().optional(),
    freeStoragePercent: z.number().optional(),
    noncurrentVersionExpirationDays: z.number().int().min(1).optional(),
    abortIncompleteUploadDays: z.number().int().min(1).optional(),
    backupRetentionDays: z.number().int().optional(),
    ...backupTargetConfigShape,
  });
}

/** What the fleet needs that the configuration may lack: an image per product in use, and so on. */
export function fleetNeeds(
  config: { images: Partial<Record<Product, string | undefined>>; mysqlEngineVersion?: string | undefined; noncurrentVersionExpirationDays?: number | undefined },
  blueprints: readonly TenantBlueprint[],
  prefix: string,
  imageHint: string,
  extra: Problem[] = [],
): void {
  const problems: Problem[] = [];
  for (const product of new Set(blueprints.flatMap((b) => b.hosts.map((h) => h.key)))) {
    if (!config.images[product]) problems.push({ path: `${prefix}images.${product}`, message: `is required: a tenant runs this product (${imageHint})` });
  }
  if (blueprints.some((b) => b.databases.length > 0) && !config.mysqlEngineVersion) {
    problems.push({ path: `${prefix}mysqlEngineVersion`, message: "is required: a tenant runs AnyShare (e.g. 8.0; the documented MySQL 5.6 is no longer sold)" });
  }
  const onCloud = (b: TenantBlueprint) => b.buckets.some((n) => n.target.target === "same-cloud" || n.target.target === "dr-copy");
  if (blueprints.some(onCloud) && config.noncurrentVersionExpirationDays === undefined) {
    problems.push({ path: `${prefix}noncurrentVersionExpirationDays`, message: "is required: a tenant runs AnyBackup (days to keep replaced backup object versions)" });
  }
  problems.push(...serviceParamsProblems(config as ServiceParams, new Set(blueprints.flatMap((b) => b.hosts.map((h) => h.key))), prefix));
  problems.push(...extra);
  if (problems.length > 0) throw new InputError("stack configuration", problems);
}

/** A list of zone names shorter than the largest tenant plan's zone count, as a problem at `path`. */
export function zoneCountProblems(names: readonly string[] | undefined, blueprints: readonly TenantBlueprint[], path: string): Problem[] {
  const zones = Math.max(0, ...blueprints.map((b) => b.network.zones));
  return names && names.length < zones ? [{ path, message: `must name ${zones} zones: a tenant's plan spans that many`, received: names }] : [];
}

/** The alarm timing keys, without the ones left unset. */
export function alarmTiming(config: { alarmPeriodSeconds?: number | undefined; alarmEvaluationPeriods?: number | undefined; freeStoragePercent?: number | undefined }) {
  return definedOnly({ periodSeconds: config.alarmPeriodSeconds, evaluationPeriods: config.alarmEvaluationPeriods, freeStoragePercent: config.freeStoragePercent });
}

/** `o` without its undefined values (for optional component arguments). */
export function definedOnly<T extends object>(o: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as { [K in keyof T]?: Exclude<T[K], undefined> };
}

/**
 * A cloud's stack in parts, so that one program serves every stack role (stacks/config.ts ROLES):
 * the fleet-wide resources, and the tenants that use them, from this stack or the fleet stack.
 */
export interface CloudStack<C, F extends object> {
  /** Validates the `tenantry:<cloud>` object against the schema and what `blueprints` need. */
  readonly readConfig: (raw: unknown, blueprints: readonly TenantBlueprint[]) => C;
  /** Registers the fleet-wide resources; what it returns is the fleet stack's `fleet` output. */
  readonly fleet: (config: C) => F;
  /** The keys of that output, which tenant stacks read through a `StackReference`. */
  readonly fleetOutputs: readonly (keyof F & string)[];
  /** Registers the tenants; returns each one's outputs by tenant id (a promise when it loads an optional SDK first). */
  readonly tenants: (blueprints: readonly TenantBlueprint[], config: C, fleet: F) => Record<string, unknown> | Promise<Record<string, unknown>>;
}

/** The cloud-neutral service parameters of a validated cloud configuration. */
export function serviceParamsOf(config: ServiceParams): ServiceParams {
  const keys = Object.keys(serviceParamsSchema.shape) as (keyof ServiceParams)[];
  return Object.fromEntries(keys.flatMap((k) => (config[k] === undefined ? [] : [[k, config[k]]]))) as ServiceParams;
}

/**
 * The service parameters of a cloud's raw configuration object, read before the whole object is
 * validated, so that the blueprints its fleet checks see carry them (entry points' DNS names,
 * middleware, login paths). When they are invalid this gives none: the cloud's validation then
 * reports them with every other problem, before any fleet check runs.
 */
export function serviceParamsIn(raw: unknown): ServiceParams {
  const parsed = serviceParamsSchema.safeParse(raw ?? {});
  return parsed.success ? serviceParamsOf(parsed.data) : {};
}

/**
 * The blueprint options a cloud's raw configuration decides: `accessLogRetentionDays`, the days the
 * entry points' access logs are kept (core `AccessLogNeed`), on the clouds whose load balancers log
 * (aws, huaweicloud; their schemas bound it). Read before the whole object is validated, like the
 * service parameters: a value that is not a positive whole number gives none, and the cloud's
 * validation then reports it with every other problem.
 */
export function blueprintOptionsIn(raw: unknown): Pick<BlueprintOptions, "accessLogRetentionDays"> {
  const days = raw !== null && typeof raw === "object" ? (raw as { accessLogRetentionDays?: unknown }).accessLogRetentionDays : undefined;
  return typeof days === "number" && Number.isInteger(days) && days >= 1 ? { accessLogRetentionDays: days } : {};
}

/**
 * The blueprints a stack renders, from its tenants, its stack configuration (`tenantry:*`: backup
 * target default, capacity warning), its cloud's raw configuration object (`tenantry:<cloud>`: the
 * service parameters and {@link blueprintOptionsIn}) and the moment licences are judged at. The
 * program builds from these, and the plan document describes these, so the two cannot differ.
 */
export function stackBlueprints(tenants: readonly Tenant[], config: StackConfig, raw: unknown, at: Date): TenantBlueprint[] {
  return blueprintsWith(tenants, serviceParamsIn(raw), { ...blueprintOptions(config, at), ...blueprintOptionsIn(raw) });
}

/**
 * A cloud's configuration object (`tenantry:<cloud>`) from flat stack configuration as Pulumi hands
 * it to a program (stacks/stack-file.ts: objects as JSON text). Undefined when it is unset or not
 * JSON (the program's own read then fails on it).
 */
export function cloudConfigIn(config: Readonly<Record<string, string | undefined>>, cloud: string): unknown {
  const text = config[`tenantry:${cloud}`];
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * The fleet's blueprints with the stack's service parameters (entry points, middleware, probes) and
 * its blueprint options (backup-target default, capacity warning, the moment licences are judged at).
 */
export function blueprintsWith(tenants: readonly Tenant[], config: ServiceParams, options: BlueprintOptions = {}): TenantBlueprint[] {
  const params = serviceParamsOf(config);
  return tenants.map((t) => tenantBlueprint(t, params, options));
}
