/** Phrases and structures shared by the text and markdown renderings of a plan. */
import type { PlanDocument, PlannedResourceEntry, PlannedService } from "./document.js";

export function licencePhrase(l: NonNullable<PlannedService["licence"]>): string {
  const terms = [l.users !== undefined ? `${l.users} users` : undefined, l.capacityTb !== undefined ? `${l.capacityTb === "unlimited" ? "unlimited" : `${l.capacityTb} TB`} (tier ${l.capacityTier} TB)` : undefined, l.trial ? "trial" : undefined]
    .filter(Boolean)
    .join(", ");
  const status =
    l.status === "active"
      ? `active until ${l.end}`
      : l.status === "expiring"
        ? `EXPIRING in ${l.daysUntilExpiry === 1 ? "1 day" : `${l.daysUntilExpiry} days`} (${l.end})`
        : l.status === "expired"
          ? `EXPIRED on ${l.end}`
          : `not valid before ${l.start}`;
  return `licence ${l.id}: ${status}${terms ? `; ${terms}` : ""}`;
}

export function sizePhrase(s: PlannedService): string {
  const h = s.host;
  const host = [`${h.vcpu} vCPU / ${h.memoryGiB} GiB`, `system ${h.systemDiskGiB} GiB`, h.cacheDiskGiB ? `cache ${h.cacheDiskGiB} GiB` : "", h.bandwidthMbps ? `${h.bandwidthMbps} Mbit/s` : "", h.publicIp ? "public IP" : ""]
    .filter(Boolean)
    .join(", ");
  const db = s.database ? `; database ${s.database.vcpu} vCPU / ${s.database.memoryGiB} GiB, ${s.database.storageGiB} GiB` : "";
  return `${host}${db}`;
}

/** The inputs worth showing in a tree line. */
const SHOWN = [
  "cidrBlock",
  "instanceType",
  "flavorId",
  "flavor",
  "instanceClass",
  "allocatedStorage",
  "instanceStorage",
  "engineVersion",
  "size",
  "volume.size",
  "rootBlockDevice.volumeSize",
  "systemDiskSize",
  "category",
  "bandwidth",
  "bandwidth.size",
  "protocol",
  "protocolPort",
  "fromPort",
  "portRangeMin",
  "remoteIpPrefix",
  "portRange",
  "cidrIpv4",
  "cidrIp",
  "cidr",
  "metricName",
  "metric",
  "threshold",
  "versioningConfiguration.status",
  "sseAlgorithm",
];

function at(value: unknown, path: string): unknown {
  return path.split(".").reduce<unknown>((v, k) => (v && typeof v === "object" ? (v as Record<string, unknown>)[k] : undefined), value);
}

export function keyInputs(r: PlannedResourceEntry): string {
  return SHOWN.flatMap((p) => {
    const v = at(r.inputs, p);
    return v === undefined || typeof v === "object" ? [] : [`${p.split(".").pop()}=${String(v)}`];
  }).join(" ");
}

export interface TreeLine {
  depth: number;
  resource: PlannedResourceEntry;
}

/** A tenant's resources as an indented tree, in registration order. */
export function tenantTree(doc: PlanDocument, tenant: string): TreeLine[] {
  const mine = doc.resources.filter((r) => r.tenant === tenant);
  const names = new Set(mine.map((r) => r.name));
  const children = new Map<string | null, PlannedResourceEntry[]>();
  for (const r of mine) {
    const parent = r.parent && names.has(r.parent) ? r.parent : null;
    children.set(parent, [...(children.get(parent) ?? []), r]);
  }
  const lines: TreeLine[] = [];
  const walk = (parent: string | null, depth: number) => {
    for (const r of children.get(parent) ?? []) {
      lines.push({ depth, resource: r });
      walk(r.name, depth + 1);
    }
  };
  walk(null, 0);
  return lines;
}

/** `1 tenant`, `2 tenants`: a count with its noun in the right number. */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}

export function totalsLine(doc: PlanDocument): string {
  const t = doc.totals;
  return [
    plural(t.tenants, "tenant"),
    plural(t.resources, "resource"),
    `${t.vcpu} vCPU`,
    `${t.memoryGiB} GiB memory`,
    `${t.diskGiB} GiB disk`,
    plural(t.publicIps, "public IP"),
    plural(t.buckets, "bucket"),
    plural(t.databases, "database"),
  ].join(", ");
}

/** The result line: `no mandatory policy is violated`, or how many mandatory violations there are. */
export function resultPhrase(doc: PlanDocument): string {
  return doc.result.ok ? "no mandatory policy is violated" : plural(doc.result.mandatory, "mandatory policy violation");
}

export interface VerdictGroup {
  level: string;
  pack: string;
  policy: string;
  message: string;
  /** The resources it was reported on (one verdict each). */
  resources: string[];
}

/** Verdicts with the same policy and message, grouped: a licence finding repeats on every resource of its service. */
export function groupVerdicts(doc: PlanDocument): VerdictGroup[] {
  const groups = new Map<string, VerdictGroup>();
  for (const v of doc.verdicts) {
    const key = `${v.level}|${v.pack}|${v.policy}|${v.message}`;
    const g = groups.get(key) ?? groups.set(key, { level: v.level, pack: v.pack, policy: v.policy, message: v.message, resources: [] }).get(key)!;
    if (v.resource) g.resources.push(v.resource);
  }
  return [...groups.values()];
}

export function resourcesPhrase(g: VerdictGroup): string {
  if (g.resources.length === 0) return "";
  return g.resources.length === 1 ? g.resources[0]! : `${g.resources[0]} and ${g.resources.length - 1} more`;
}
