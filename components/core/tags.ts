/**
 * The tag contract: the tags every tenant resource carries, on every cloud. Policy packs read
 * these tags (and nothing else) to learn whose a resource is; this file is the one place that
 * defines them.
 */
import type { Tenant, TenantService } from "./manifest.js";
import { licenceOf } from "./manifest.js";

export const TAG_KEYS = {
  managedBy: "managed-by",
  tenant: "tenantry:tenant",
  product: "tenantry:product",
  licenceId: "tenantry:licence-id",
  /** The documented internet bandwidth of a host (product-facts.md §1), in Mbit/s. */
  bandwidthMbps: "tenantry:bandwidth-mbps",
} as const;

export const MANAGED_BY = "tenantry";

export type Tags = Readonly<Record<string, string>>;

/** The tags of resources shared by all tenants of a stack (e.g. the alarm topic). */
export function sharedTags(): Tags {
  return { [TAG_KEYS.managedBy]: MANAGED_BY };
}

/**
 * The tags of a tenant resource. Pass the service for resources that belong to one product
 * (hosts, buckets, databases); leave it out for the tenant's shared network.
 */
export function tenantTags(tenant: Pick<Tenant, "id">, service?: TenantService): Tags {
  const tags: Record<string, string> = { [TAG_KEYS.managedBy]: MANAGED_BY, [TAG_KEYS.tenant]: tenant.id };
  if (service) {
    tags[TAG_KEYS.product] = service.product;
    const licence = licenceOf(service);
    if (licence) tags[TAG_KEYS.licenceId] = licence.id;
  }
  return tags;
}

/**
 * Tag rules that hold on AWS, Alibaba Cloud and Huawei Cloud at once (the strictest of each):
 * - count: at most 10 per resource (Huawei TMS; Alibaba OSS buckets);
 * - key: 1-128 characters of letters, digits, spaces and `_ . : = + - @` (Huawei); not starting
 *   with `aws:` (AWS), `aliyun` or `acs:` (Alibaba), `_sys_` (Huawei); no `http://`/`https://` (Alibaba);
 * - value: at most 128 characters (Alibaba) of the same characters, no `http://`/`https://`.
 * Huawei's predefined-tag console is stricter still (keys of letters, digits, `_`, `-` only);
 * resource tags set through the API follow the rules above.
 */
export const TAG_RULES = {
  maxTags: 10,
  maxKeyLength: 128,
  maxValueLength: 128,
  characters: /^[A-Za-z0-9 _.:=+\-@]*$/,
  reservedKeyPrefixes: ["aws:", "aliyun", "acs:", "_sys_"],
} as const;

/** Every way `tags` breaks {@link TAG_RULES}; empty when the tags are valid on every cloud. */
export function tagProblems(tags: Tags): string[] {
  const problems: string[] = [];
  const entries = Object.entries(tags);
  if (entries.length > TAG_RULES.maxTags) {
    problems.push(`${entries.length} tags: at most ${TAG_RULES.maxTags} are allowed`);
  }
  for (const [key, value] of entries) {
    if (key.length < 1 || key.length > TAG_RULES.maxKeyLength) {
      problems.push(`key ${JSON.stringify(key)}: must be 1 to ${TAG_RULES.maxKeyLength} characters`);
    }
    if (value.length > TAG_RULES.maxValueLength) {
      problems.push(`value of ${key}: must be at most ${TAG_RULES.maxValueLength} characters`);
    }
    for (const [what, text] of [["key", key], [`value of ${key}`, value]] as const) {
      if (!TAG_RULES.characters.test(text)) {
        problems.push(`${what} ${JSON.stringify(text)}: only letters, digits, spaces and _ . : = + - @ are allowed`);
      }
      if (/https?:\/\//i.test(text)) problems.push(`${what}: must not contain http:// or https://`);
    }
    const reserved = TAG_RULES.reservedKeyPrefixes.find((prefix) => key.toLowerCase().startsWith(prefix));
    if (reserved) problems.push(`key ${JSON.stringify(key)}: the prefix '${reserved}' is reserved by a cloud`);
  }
  return problems;
}
