/**
 * The tag contract: the tags every tenant resource carries, on every cloud. Policy packs read
 * these tags (and nothing else) to learn whose a resource is; this file is the one place that
 * defines them.
 */
import type { Licence } from "./licence.js";
import type { Acknowledgement, Tenant, TenantService } from "./manifest.js";
import { licenceOf } from "./manifest.js";

export const TAG_KEYS = {
  managedBy: "managed-by",
  tenant: "tenantry:tenant",
  product: "tenantry:product",
  licenceId: "tenantry:licence-id",
  /** The licence's terms, for the policy packs: see {@link licenceTagValue}. */
  licence: "tenantry:licence",
  /** AnyBackup's deduplication setting (`true` / `false`), which selects its documented host. */
  deduplication: "tenantry:deduplication",
  /** The documented internet bandwidth of a host (product-facts.md §1), in Mbit/s. */
  bandwidthMbps: "tenantry:bandwidth-mbps",
  /** `true` on stateful resources that Pulumi keeps when they leave the program (`retainOnDelete`). */
  retainOnDelete: "tenantry:retain-on-delete",
  /** Policy rules the tenant's manifest acknowledges, with reasons: see {@link acknowledgementsTagValue}. */
  acknowledged: "tenantry:acknowledged",
  /** On a resource that implements a managed-ops monitor: the monitor's id (`kind:check@target`, core `MonitorNeed.id`). */
  monitor: "tenantry:monitor",
  /** On the ops server: the monitors its plan holds, per counted kind (see {@link monitorsTagValue}). */
  monitors: "tenantry:monitors",
  /** On an alarm or probe: its severity (urgent, warning, info). */
  severity: "tenantry:severity",
  /** `true` on resources a stack shares between its tenants (the `shared` isolation level's alarm topic and its key). */
  shared: "tenantry:shared",
  /** `true` on a log store (a bucket that receives access logs): it holds records about the tenant's data, not the data. */
  logStore: "tenantry:log-store",
} as const;

export const MANAGED_BY = "tenantry";

export type Tags = Readonly<Record<string, string>>;

/** The tags of resources shared by all tenants of a stack (e.g. the alarm topic). */
export function sharedTags(): Tags {
  return { [TAG_KEYS.managedBy]: MANAGED_BY, [TAG_KEYS.shared]: "true" };
}

/**
 * The tags of a tenant resource. Pass the service for resources that belong to one product
 * (hosts, buckets, databases); leave it out for the tenant's shared network.
 */
export function tenantTags(tenant: Pick<Tenant, "id" | "acknowledge">, service?: TenantService): Tags {
  const tags: Record<string, string> = { [TAG_KEYS.managedBy]: MANAGED_BY, [TAG_KEYS.tenant]: tenant.id };
  if (service) {
    tags[TAG_KEYS.product] = service.product;
    const licence = licenceOf(service);
    if (licence) {
      tags[TAG_KEYS.licenceId] = licence.id;
      tags[TAG_KEYS.licence] = licenceTagValue(licence);
    }
    if (service.product === "anybackup-cloud") tags[TAG_KEYS.deduplication] = String(service.deduplication);
  }
  const acknowledged = acknowledgementsTagValue(tenant.acknowledge ?? []);
  if (acknowledged) tags[TAG_KEYS.acknowledged] = acknowledged;
  return tags;
}

/** `tags` plus the retain-on-delete marker when `retain` is true (components call this with their option). */
export function retainedTags(tags: Tags, retain: boolean): Tags {
  return retain ? { ...tags, [TAG_KEYS.retainOnDelete]: "true" } : tags;
}

/** The licence terms as policy packs read them from a resource's tags. */
export interface LicenceTerms {
  readonly start: string;
  readonly end: string;
  readonly users?: number;
  readonly edition?: "customised";
  readonly capacityTb?: number | "unlimited";
  readonly trial?: boolean;
}

/**
 * The value of the `tenantry:licence` tag: space-separated `key=value` terms, e.g.
 * `start=2026-01-01 end=2027-01-01 users=500` or `start=... end=... capacity=10 trial=true`.
 */
export function licenceTagValue(licence: Licence): string {
  const terms = [`start=${licence.start}`, `end=${licence.end}`];
  if (licence.product === "anyshare-cloud") {
    terms.push(`users=${licence.users}`);
    if (licence.edition) terms.push(`edition=${licence.edition}`);
  } else {
    terms.push(`capacity=${licence.capacityTb}`);
  }
  if (licence.trial) terms.push("trial=true");
  return terms.join(" ");
}

/** Reads a `tenantry:licence` tag value; undefined when it is not one. */
export function parseLicenceTag(value: string | undefined): LicenceTerms | undefined {
  if (!value) return undefined;
  const terms = Object.fromEntries(value.split(" ").map((t) => t.split("=") as [string, string]));
  if (!terms.start || !terms.end) return undefined;
  const capacity = terms.capacity === "unlimited" ? "unlimited" : terms.capacity !== undefined ? Number(terms.capacity) : undefined;
  return {
    start: terms.start,
    end: terms.end,
    ...(terms.users !== undefined ? { users: Number(terms.users) } : {}),
    ...(terms.edition === "customised" ? { edition: "customised" as const } : {}),
    ...(capacity !== undefined ? { capacityTb: capacity } : {}),
    ...(terms.trial === "true" ? { trial: true } : {}),
  };
}

/** The value of the `tenantry:monitors` tag: `middleware=2 port=7 url=4`. */
export function monitorsTagValue(counts: Readonly<Record<string, number>>): string {
  return Object.entries(counts).map(([k, v]) => `${k}=${v}`).join(" ");
}

/** Reads a `tenantry:monitors` tag value into kind -> count. */
export function parseMonitorsTag(value: string | undefined): Record<string, number> {
  return Object.fromEntries((value ?? "").split(" ").filter((t) => t.includes("=")).map((t) => [t.split("=")[0]!, Number(t.split("=")[1])]));
}

/** The kind of monitor a `tenantry:monitor` tag value names (`port:ssh@anyshare-cloud` -> `port`). */
export function monitorKindOf(id: string | undefined): string | undefined {
  return id?.includes(":") ? id.slice(0, id.indexOf(":")) : undefined;
}

/** Separates acknowledgements in the `tenantry:acknowledged` tag (reasons may not contain `+`). */
const ACK_SEPARATOR = " + ";

/** The value of the `tenantry:acknowledged` tag: `rule: reason + rule: reason`; empty for none. */
export function acknowledgementsTagValue(acks: readonly Acknowledgement[]): string {
  return acks.map((a) => `${a.rule}: ${a.reason}`).join(ACK_SEPARATOR);
}

/** Reads a `tenantry:acknowledged` tag value into rule -> reason. */
export function parseAcknowledgements(value: string | undefined): Map<string, string> {
  const acks = new Map<string, string>();
  for (const part of value ? value.split(ACK_SEPARATOR) : []) {
    const at = part.indexOf(": ");
    if (at > 0) acks.set(part.slice(0, at), part.slice(at + 2));
  }
  return acks;
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
