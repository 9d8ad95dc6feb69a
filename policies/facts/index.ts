/** The cloud adapters, and lookups across them. Add a cloud by adding its adapter here. */
import type { ResourceView } from "../framework.js";
import { alicloudAdapter } from "./alicloud.js";
import { awsAdapter } from "./aws.js";
import { huaweicloudAdapter } from "./huaweicloud.js";
import { kubernetesAdapter } from "./kubernetes.js";
import { minioAdapter } from "./minio.js";
import type { CloudAdapter, DatabaseFacts, DiskFacts, HostFacts, IngressFacts, MonitorKind, PodFacts, PolicyGrantFacts } from "./types.js";

export * from "./types.js";

export const ADAPTERS: readonly CloudAdapter[] = [awsAdapter, alicloudAdapter, huaweicloudAdapter, kubernetesAdapter, minioAdapter];

const first = <T>(pick: (a: CloudAdapter) => T | undefined): T | undefined => {
  for (const a of ADAPTERS) {
    const v = pick(a);
    if (v !== undefined) return v;
  }
  return undefined;
};

/**
 * Facts are read once per resource: every rule asks for them, and the engine's props are proxies
 * whose every read costs. Keyed by the props object, which the engine (and the harness) hands each
 * rule unchanged.
 */
function perResource<T>(read: (r: ResourceView) => T): (r: ResourceView) => T {
  const cache = new WeakMap<object, { value: T }>();
  return (r) => {
    const hit = cache.get(r.props);
    if (hit) return hit.value;
    const value = read(r);
    cache.set(r.props, { value });
    return value;
  };
}

export const hostFacts = perResource((r): HostFacts | undefined => first((a) => a.host(r)));
export const diskFacts = perResource((r): DiskFacts | undefined => first((a) => a.disk(r)));
export const databaseFacts = perResource((r): DatabaseFacts | undefined => first((a) => a.database(r)));
export const ingressFacts = perResource((r): IngressFacts[] => ADAPTERS.flatMap((a) => a.ingress(r)));
export const publicIps = perResource((r): number => ADAPTERS.reduce((n, a) => n + a.publicIps(r), 0));
export const monitorKind = perResource((r): MonitorKind | undefined => first((a) => a.monitor(r)));
export { perResource };
export const podFacts = perResource((r): PodFacts | undefined => first((a) => a.pod?.(r)));
/**
 * Facts of a whole stack are read once per list of resources: several stack rules ask for the same
 * facts, and each adapter indexes the whole list to answer (a fleet's stack holds ~200,000
 * resources). Keyed by the list, which the harness hands every stack rule unchanged (the views
 * are built once per stack); the facts are only read.
 */
function perStack<T>(read: (resources: readonly ResourceView[]) => T): (resources: readonly ResourceView[]) => T {
  const cache = new WeakMap<readonly ResourceView[], { value: T }>();
  return (resources) => {
    const hit = cache.get(resources);
    if (hit) return hit.value;
    const value = read(resources);
    cache.set(resources, { value });
    return value;
  };
}

export const namespaceFacts = perStack((resources) => ADAPTERS.flatMap((a) => a.namespaces?.(resources) ?? []));
export const bucketFacts = perStack((resources) => ADAPTERS.flatMap((a) => a.buckets(resources)));
export const databaseStackFacts = perStack((resources) => ADAPTERS.flatMap((a) => a.databases?.(resources) ?? []));
export const networkFacts = perStack((resources) => ADAPTERS.flatMap((a) => a.networks?.(resources) ?? []));
export const loadBalancerFacts = perStack((resources) => ADAPTERS.flatMap((a) => a.loadBalancers?.(resources) ?? []));
export const policyGrantFacts = perResource((r): PolicyGrantFacts | undefined => first((a) => a.policyGrant?.(r)));
export const topicEncrypted = perResource((r): boolean | undefined => first((a) => a.topicEncrypted?.(r)));
export const logGroupEncrypted = perResource((r): boolean | undefined => first((a) => a.logGroupEncrypted?.(r)));

export const STATEFUL_TYPES: readonly string[] = ADAPTERS.flatMap((a) => a.statefulTypes);
export const TENANT_TAGGED_TYPES: readonly string[] = ADAPTERS.flatMap((a) => a.tenantTaggedTypes);
export const BUCKET_TYPES: readonly string[] = ADAPTERS.flatMap((a) => a.bucketTypes);
