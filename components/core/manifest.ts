/**
 * The tenant manifest: one YAML file per tenant, validated with zod.
 * Field names are the contract with users' manifest files; see the README for an example.
 */
import { z } from "zod";
import { ANYSHARE_MAX_DOCUMENTED_USERS } from "./catalog.js";
import { MAX_ZONES, tenantCidrProblems } from "./cidr.js";
import {
  ANYSHARE_CUSTOMISED_MIN_USERS,
  ANYSHARE_USER_PACKS,
  LICENCE_ID_PREFIX,
  userPacks,
  type Licence,
  type LicensedProduct,
} from "./licence.js";
import { backupSectionSchema } from "./backup-target.js";
import { licenceIdProblems } from "./licence-id.js";
import { problemsFromZod, type Problem } from "./problems.js";

/** Tenant ids go into resource names, bucket names and tags: short, DNS-safe, stable. */
export const TENANT_ID_MAX_LENGTH = 24;
export { LICENCE_ID_MAX_LENGTH } from "./licence-id.js";

/**
 * Zones per tenant network when the manifest does not say. Not a documented number: Tenantry's
 * own default, so that every tier survives the loss of one availability zone.
 */
export const DEFAULT_ZONES = 2;

export const PRODUCTS = ["anyshare-cloud", "anybackup-cloud", "ops-server"] as const;
export type Product = (typeof PRODUCTS)[number];

/** A strict object whose error for unknown fields lists the allowed ones. */
function strictObject<T extends z.core.$ZodLooseShape>(shape: T) {
  const allowed = Object.keys(shape).join(", ");
  return z.strictObject(shape, {
    error: (issue) => (issue.code === "unrecognized_keys" ? `is not a known field (allowed: ${allowed})` : undefined),
  });
}

const tenantId = z
  .string()
  .regex(new RegExp(`^(?=.{1,${TENANT_ID_MAX_LENGTH}}$)[a-z](?:-?[a-z0-9])*$`), {
    error:
      `must be a DNS-safe slug of 1 to ${TENANT_ID_MAX_LENGTH} characters: lowercase letters, digits ` +
      `and single hyphens, starting with a letter and not ending with a hyphen`,
  });

const isoDate = z.iso.date({ error: "must be a real calendar date written YYYY-MM-DD" });

const licenceId = z.string().superRefine((id, ctx) => {
  for (const message of licenceIdProblems(id)) ctx.addIssue({ code: "custom", message, input: id });
});

const licensedUsers = z
  .number()
  .int()
  .min(1)
  .superRefine((users, ctx) => {
    if (userPacks(users) === undefined) {
      ctx.addIssue({
        code: "custom",
        message: `must add up from the documented user packs (${ANYSHARE_USER_PACKS.join(", ")}), i.e. be a multiple of 10`,
        input: users,
      });
    }
    if (users > ANYSHARE_MAX_DOCUMENTED_USERS) {
      ctx.addIssue({
        code: "custom",
        message: `has no documented sizing: AnyShare tiers stop at ${ANYSHARE_MAX_DOCUMENTED_USERS} users (product-facts.md §1)`,
        input: users,
      });
    }
  });

const CAPACITY_ERROR = 'must be a capacity in TB greater than 0, or "unlimited"';
const capacityTb = z.union([z.number().positive({ error: CAPACITY_ERROR }), z.literal("unlimited")], { error: CAPACITY_ERROR });

/** A licence id for `product`: tag-safe, and not carrying the other product's documented prefix. */
function licenceIdFor(product: LicensedProduct) {
  return licenceId.superRefine((id, ctx) => {
    for (const [other, prefix] of Object.entries(LICENCE_ID_PREFIX)) {
      if (other !== product && id.startsWith(prefix)) {
        ctx.addIssue({
          code: "custom",
          message: `starts with '${prefix}', the licence prefix of ${other}, but this is a ${product} licence (product-facts.md §2)`,
          input: id,
        });
      }
    }
  });
}

const licenceDates = z.object({ start: isoDate, end: isoDate });

/** Fields every licence has; `end > start` is checked whenever both dates are valid. */
function licence<T extends z.core.$ZodLooseShape>(product: LicensedProduct, shape: T) {
  return strictObject({ id: licenceIdFor(product), start: isoDate, end: isoDate, trial: z.boolean().optional(), ...shape })
    .superRefine(
      (l, ctx) => {
        const { start, end } = l as { start: string; end: string };
        if (end <= start) ctx.addIssue({ code: "custom", path: ["end"], message: `must be after start (${start})`, input: end });
      },
      { when: (payload) => licenceDates.safeParse(payload.value).success },
    );
}

const anyShareLicence = licence("anyshare-cloud", {
  users: licensedUsers,
  edition: z.literal("customised", { error: 'must be "customised" when given' }).optional(),
}).superRefine(
  (l, ctx) => {
    if (l.edition === "customised" && l.users < ANYSHARE_CUSTOMISED_MIN_USERS) {
      ctx.addIssue({
        code: "custom",
        path: ["users"],
        message: `must be at least ${ANYSHARE_CUSTOMISED_MIN_USERS} for the customised edition (product-facts.md §2)`,
        input: l.users,
      });
    }
  },
  { when: (payload) => z.object({ users: z.number(), edition: z.literal("customised") }).safeParse(payload.value).success },
);

const anyBackupLicence = licence("anybackup-cloud", { capacityTb });

const anyShareService = strictObject({
  product: z.literal("anyshare-cloud"),
  licence: anyShareLicence,
});

const anyBackupService = strictObject({
  product: z.literal("anybackup-cloud"),
  licence: anyBackupLicence,
  deduplication: z.boolean({
    error: (issue) =>
      issue.input === undefined
        ? "is required: true or false selects the documented AnyBackup host (product-facts.md §1)"
        : "must be true or false",
  }),
});

const opsService = strictObject({ product: z.literal("ops-server") });

const service = z.discriminatedUnion("product", [anyShareService, anyBackupService, opsService]);

const cidr = z.string().superRefine((value, ctx) => {
  for (const message of tenantCidrProblems(value)) ctx.addIssue({ code: "custom", message, input: value });
});

/** How long the `tenantry:acknowledged` tag may grow (Alibaba's tag value limit). */
export const ACKNOWLEDGEMENTS_MAX_LENGTH = 128;

const acknowledgement = strictObject({
  rule: z.string().regex(/^[a-z][a-z0-9-]{1,40}$/, { error: "must be a policy rule name, such as tenant-quota" }),
  reason: z.string().regex(/^[A-Za-z0-9 _.:=@-]{3,80}$/, {
    error: "must be 3 to 80 letters, digits, spaces or _ . : = @ - (it travels as a tag value)",
  }),
});

export const tenantSchema = strictObject({
  id: tenantId,
  name: z.string().regex(/\S/, { error: "must not be empty" }).max(128),
  contact: z.email({ error: "must be an email address" }),
  network: strictObject({
    cidr,
    zones: z.number().int().min(1).max(MAX_ZONES).default(DEFAULT_ZONES),
  }),
  /**
   * The first step of removing a tenant: its compute (hosts, entry points, monitors, NAT) goes, its
   * data (databases, buckets, keys) and what they stand on (network, subnet groups, security
   * groups) stay. The stack must then list the tenant in `tenantry:retired`, which refuses the
   * manifest's removal while the data is held (docs/security.md, "Removing a tenant").
   */
  retire: z.boolean({ error: "must be true or false" }).optional(),
  /** Policy rules this tenant is excused from, each with the reason; the packs report them as acknowledged. */
  acknowledge: z
    .array(acknowledgement)
    .superRefine((acks, ctx) => {
      const length = acks.map((a) => `${a.rule}: ${a.reason}`).join(" + ").length;
      if (length > ACKNOWLEDGEMENTS_MAX_LENGTH) {
        ctx.addIssue({ code: "custom", message: `must fit in one tag value: ${length} characters written as "rule: reason + ...", at most ${ACKNOWLEDGEMENTS_MAX_LENGTH}`, input: acks.length });
      }
    })
    .optional(),
  /** Where AnyBackup's backups go (AnyBackup tenants only); default: the stack's `backupTarget`. */
  backup: backupSectionSchema.optional(),
  services: z
    .array(service)
    .min(1, { error: "must list at least one service" })
    .superRefine((services, ctx) => {
      const seen = new Set<string>();
      services.forEach((s, i) => {
        if (seen.has(s.product)) {
          ctx.addIssue({
            code: "custom",
            path: [i, "product"],
            message: "appears more than once: a tenant has one dedicated instance per product (product-facts.md §2)",
            input: s.product,
          });
        }
        seen.add(s.product);
      });
    }),
}).superRefine(
  (tenant, ctx) => {
    if (tenant.backup && !tenant.services.some((s) => s.product === "anybackup-cloud")) {
      ctx.addIssue({ code: "custom", path: ["backup"], message: "applies to AnyBackup only: the tenant has no anybackup-cloud service", input: tenant.backup.target });
    }
  },
  { when: (payload) => z.object({ backup: z.object({ target: z.string() }), services: z.array(z.object({ product: z.string() })) }).safeParse(payload.value).success },
);

/** A validated tenant manifest. */
export type Tenant = z.output<typeof tenantSchema>;
/** A tenant manifest as written (before defaults). */
export type TenantInput = z.input<typeof tenantSchema>;
export type TenantService = Tenant["services"][number];
export type AnyShareService = Extract<TenantService, { product: "anyshare-cloud" }>;
export type AnyBackupService = Extract<TenantService, { product: "anybackup-cloud" }>;
export type Acknowledgement = NonNullable<Tenant["acknowledge"]>[number];

/** The licence of a service, with its product, or `undefined` for services without one. */
export function licenceOf(service: TenantService): Licence | undefined {
  switch (service.product) {
    case "anyshare-cloud":
      return { ...service.licence, product: service.product };
    case "anybackup-cloud":
      return { ...service.licence, product: service.product };
    default:
      return undefined;
  }
}

export type ParseResult = { ok: true; tenant: Tenant } | { ok: false; problems: Problem[] };

/** Validates one parsed manifest document; on failure, returns every problem at once. */
export function parseTenant(data: unknown, file?: string): ParseResult {
  const result = tenantSchema.safeParse(data, { reportInput: true });
  if (result.success) return { ok: true, tenant: result.data };
  return { ok: false, problems: problemsFromZod(result.error.issues, file) };
}
