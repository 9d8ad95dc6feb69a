/**
 * Stack configuration (the `tenantry:*` keys of `stacks/Pulumi.<stack>.yaml`), validated before
 * any resource is registered.
 */
import { z } from "zod";
import { DEFAULT_BACKUP_TARGET, DEFAULT_CAPACITY_WARNING_SHARE, DEFAULT_TARGET_KINDS, validated, type BlueprintOptions } from "../components/core/index.js";

export const CLOUDS = ["aws", "alicloud", "huaweicloud", "kubernetes"] as const;
export type Cloud = (typeof CLOUDS)[number];

/**
 * What a stack holds (docs/fleet.md): `all`, the fleet-wide resources and the (selected) tenants in
 * one stack; `fleet`, only the fleet-wide resources (alarm topic or contacts), which tenant stacks
 * read; `tenants`, the selected tenants, reading the fleet-wide resources from `fleetStack`.
 */
export const ROLES = ["all", "fleet", "tenants"] as const;
export type Role = (typeof ROLES)[number];

/** Where the demo tenants live; the default for `tenantry:tenants`. */
export const DEFAULT_TENANTS_DIR = "stacks/tenants";

const TENANT_ID = /^[a-z][a-z0-9-]*$/;

/** `acme` or `acme,globex`: the tenants a stack builds. */
const selection = z
  .string()
  .transform((s) => s.split(",").map((id) => id.trim()))
  .pipe(z.array(z.string().regex(TENANT_ID, { error: "must be tenant ids separated by commas, e.g. acme or acme,globex" })).min(1));

/** A stack name as `pulumi.StackReference` takes it: `<stack>`, or `<organization>/<project>/<stack>`. */
const stackName = z.string().regex(/^([A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+\/)?[A-Za-z0-9_.-]+$/, { error: "must be a stack name, e.g. aws-fleet or my-org/tenantry/aws-fleet" });

export const stackConfigSchema = z
  .strictObject({
    cloud: z.enum(CLOUDS, { error: `must be one of ${CLOUDS.join(", ")}` }),
    tenants: z.string().min(1).default(DEFAULT_TENANTS_DIR),
    role: z.enum(ROLES, { error: `must be one of ${ROLES.join(", ")}` }).default("all"),
    select: selection.optional(),
    fleetStack: stackName.optional(),
    scope: z.string().regex(/^[A-Za-z0-9_.-]{1,40}$/, { error: "must be 1 to 40 letters, digits, '_', '.' or '-'" }).optional(),
    /** The backup target of tenants whose manifest has no `backup` section. */
    backupTarget: z.enum(DEFAULT_TARGET_KINDS, { error: `must be one of ${DEFAULT_TARGET_KINDS.join(", ")} (s3-compatible is per tenant)` }).default(DEFAULT_BACKUP_TARGET),
    /** AnyBackup capacity warning, in percent of the licensed capacity. */
    capacityWarningPercent: z.coerce.number().int().min(1).max(99).default(Math.round(DEFAULT_CAPACITY_WARNING_SHARE * 100)),
    /** Tenants that retired (`retire: true`) and still hold data: their manifests may not be removed. */
    retired: selection.optional(),
  })
  .superRefine((c, ctx) => {
    if (c.role === "tenants" && !c.fleetStack) {
      ctx.addIssue({ code: "custom", path: ["fleetStack"], message: "is required with role tenants: the stack holding the fleet-wide resources", input: undefined });
    }
    if (c.role !== "tenants" && c.fleetStack) {
      ctx.addIssue({ code: "custom", path: ["fleetStack"], message: "goes only with role tenants", input: c.fleetStack });
    }
    if (c.role === "fleet" && c.select) {
      ctx.addIssue({ code: "custom", path: ["select"], message: "goes without role fleet: the fleet stack holds no tenants", input: c.select.join(",") });
    }
  });

export type StackConfig = z.output<typeof stackConfigSchema>;

/** The keys read from the `tenantry` config namespace. */
export const STACK_CONFIG_KEYS = ["cloud", "tenants", "role", "select", "fleetStack", "scope", "backupTarget", "capacityWarningPercent", "retired"] as const satisfies readonly (keyof StackConfig)[];

/**
 * Reads and validates the stack configuration through `get` (e.g. `new pulumi.Config("tenantry").get`).
 * Throws an `InputError` listing every problem, each as `tenantry:<key>: <what is wrong> (got <value>)`.
 */
export function readStackConfig(get: (key: string) => string | undefined): StackConfig {
  const raw = Object.fromEntries(STACK_CONFIG_KEYS.flatMap((key) => {
    const value = get(key);
    return value === undefined ? [] : [[key, value]];
  }));
  return validated(stackConfigSchema, raw, "stack configuration", "tenantry:");
}

/** What the stack configuration decides for every tenant's blueprint, judged at `at`. */
export function blueprintOptions(config: StackConfig, at: Date): BlueprintOptions {
  return { backupTarget: config.backupTarget, capacityWarningShare: config.capacityWarningPercent / 100, at };
}

/**
 * The two-step removal of a tenant (docs/security.md): a manifest with `retire: true` must be listed
 * in `tenantry:retired`, and a tenant listed there must still have its manifest, until its data has
 * been handed over and deleted. Every problem, as the stack configuration's.
 */
export function retirementProblems(retired: readonly string[] | undefined, tenants: readonly { id: string; retire?: boolean | undefined }[]): { path: string; message: string; received?: unknown }[] {
  const listed = new Set(retired ?? []);
  const present = new Map(tenants.map((t) => [t.id, t]));
  const problems: { path: string; message: string; received?: unknown }[] = [];
  for (const id of listed) {
    if (!present.has(id)) {
      problems.push({
        path: "tenantry:retired",
        message: "names a tenant whose manifest is gone while its data is still held: restore the manifest (with retire: true); once its databases and buckets are handed over and deleted, remove it from this list and then its manifest",
        received: id,
      });
    } else if (!present.get(id)!.retire) {
      problems.push({ path: "tenantry:retired", message: "names a tenant whose manifest does not say retire: true", received: id });
    }
  }
  for (const t of tenants) {
    if (t.retire && !listed.has(t.id)) {
      problems.push({ path: "tenantry:retired", message: `must list ${t.id}, which is retiring (retire: true): so that removing its manifest is refused while its data is held`, received: [...listed].join(",") });
    }
  }
  return problems;
}
