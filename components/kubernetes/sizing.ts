/**
 * What a tenant's blueprint comes to on Kubernetes, as numbers: each workload's CPU, memory and
 * volumes (all from the core catalog, never restated), the tenant's ResourceQuota (their sum) and
 * Kubernetes quantities. Pure: no provider import (the policy packs parse quantities with it).
 */
import type { DocumentedRow, Product, TenantBlueprint } from "../core/index.js";

/** The products that run as workloads on Kubernetes; the ops server's role here is monitoring (PrometheusRule). */
export const WORKLOAD_PRODUCTS = ["anyshare-cloud", "anybackup-cloud"] as const;
export type WorkloadProduct = (typeof WORKLOAD_PRODUCTS)[number];
export const isWorkloadProduct = (p: Product): p is WorkloadProduct => (WORKLOAD_PRODUCTS as readonly string[]).includes(p);

/** What a volume holds: the documented system disk, cache disk, or database storage. */
export type VolumeRole = "system" | "cache" | "data";

export interface VolumeSize {
  readonly role: VolumeRole;
  readonly sizeGiB: number;
}

export interface WorkloadSize {
  /** The workload's name within the tenant namespace: the product, or `<product>-db`. */
  readonly name: string;
  readonly product: Product;
  readonly kind: "server" | "database";
  readonly vcpu: number;
  readonly memoryGiB: number;
  readonly volumes: readonly VolumeSize[];
  readonly source: DocumentedRow;
}

/** The workloads a blueprint renders to: one per service host, plus in-cluster databases when asked. */
export function tenantWorkloads(blueprint: TenantBlueprint, options: { inClusterDatabase: boolean }): WorkloadSize[] {
  const workloads: WorkloadSize[] = [];
  for (const h of blueprint.hosts) {
    if (!isWorkloadProduct(h.key)) continue;
    const volumes: VolumeSize[] = [{ role: "system", sizeGiB: h.size.systemDiskGiB }];
    if (h.size.cacheDiskGiB !== undefined) volumes.push({ role: "cache", sizeGiB: h.size.cacheDiskGiB });
    workloads.push({ name: h.key, product: h.key, kind: "server", vcpu: h.size.vcpu, memoryGiB: h.size.memoryGiB, volumes, source: h.source });
  }
  if (options.inClusterDatabase) {
    for (const d of blueprint.databases) {
      workloads.push({
        name: `${d.key}-db`,
        product: d.key,
        kind: "database",
        vcpu: d.size.vcpu,
        memoryGiB: d.size.memoryGiB,
        volumes: [{ role: "data", sizeGiB: d.size.storageGiB }],
        source: d.source,
      });
    }
  }
  return workloads;
}

/** A CPU quantity: whole cores as `"8"`, fractions in millicores (`"500m"`). */
export function cpuQuantity(vcpu: number): string {
  return Number.isInteger(vcpu) ? String(vcpu) : `${Math.round(vcpu * 1000)}m`;
}

/** A size in GiB as a quantity (`"32Gi"`). */
export function gibQuantity(gib: number): string {
  return Number.isInteger(gib) ? `${gib}Gi` : `${Math.round(gib * 1024)}Mi`;
}

const SUFFIX: Record<string, number> = {
  m: 1e-3, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18,
  Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60,
};

/** A Kubernetes quantity as a number (cores, or bytes); undefined when it is not one. */
export function parseQuantity(q: unknown): number | undefined {
  if (typeof q === "number") return q;
  if (typeof q !== "string") return undefined;
  const m = /^([+-]?\d+(?:\.\d+)?)(?:e([+-]?\d+))?(m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei)?$/.exec(q.trim());
  if (!m) return undefined;
  return Number(m[1]) * 10 ** Number(m[2] ?? 0) * (m[3] ? SUFFIX[m[3]]! : 1);
}

/** Bytes as GiB. */
export const toGiB = (bytes: number) => bytes / 2 ** 30;

/** The tenant's quota: the sum of its documented sizes (CPU, memory, storage, PVCs, pods), its entry points' load balancers, no node ports. */
export function tenantQuota(workloads: readonly WorkloadSize[], loadBalancers = 0): Record<string, string> {
  const sum = (pick: (w: WorkloadSize) => number) => workloads.reduce((n, w) => n + pick(w), 0);
  const cpu = cpuQuantity(sum((w) => w.vcpu));
  const memory = gibQuantity(sum((w) => w.memoryGiB));
  return {
    "requests.cpu": cpu,
    "limits.cpu": cpu,
    "requests.memory": memory,
    "limits.memory": memory,
    "requests.storage": gibQuantity(sum((w) => w.volumes.reduce((n, v) => n + v.sizeGiB, 0))),
    persistentvolumeclaims: String(sum((w) => w.volumes.length)),
    pods: String(workloads.length),
    "services.loadbalancers": String(loadBalancers),
    "services.nodeports": "0",
  };
}
