/**
 * How Kubernetes objects read as cloud-neutral facts: a product's StatefulSet is a host (its
 * containers' CPU and memory requests), the in-cluster database's StatefulSet a database, each
 * PersistentVolumeClaim a disk of its role (system, cache, data); NetworkPolicies and LoadBalancer
 * Services open ingress; pod templates give the pod security facts; namespaces and their
 * NetworkPolicies say whether a tenant denies by default. Whether the storage class encrypts is
 * what the stack recorded (`tenantry/storage-encrypted`).
 */
import { COMPONENT_LABEL } from "../../components/kubernetes/labels.js";
import { parseQuantity, toGiB } from "../../components/kubernetes/sizing.js";
import type { ResourceView } from "../framework.js";
import { byType } from "./related.js";
import type { CloudAdapter, IngressFacts, NamespaceIsolationFacts, PodFacts } from "./types.js";

const T = {
  namespace: "kubernetes:core/v1:Namespace",
  pvc: "kubernetes:core/v1:PersistentVolumeClaim",
  service: "kubernetes:core/v1:Service",
  networkPolicy: "kubernetes:networking.k8s.io/v1:NetworkPolicy",
  statefulSet: "kubernetes:apps/v1:StatefulSet",
} as const;

/** Kinds whose `spec.template` is a pod template. */
const WORKLOAD_TYPES = ["kubernetes:apps/v1:StatefulSet", "kubernetes:apps/v1:Deployment", "kubernetes:apps/v1:DaemonSet", "kubernetes:apps/v1:ReplicaSet", "kubernetes:batch/v1:Job"];

type Container = { name?: string; resources?: { requests?: Record<string, unknown>; limits?: Record<string, unknown> }; securityContext?: Record<string, unknown> };

const labelsOf = (r: ResourceView): Record<string, unknown> => (r.props.metadata?.labels ?? {}) as Record<string, unknown>;
const encrypted = (r: ResourceView) => r.props.metadata?.annotations?.["tenantry/storage-encrypted"] === "true";
const podSpec = (r: ResourceView): Record<string, any> | undefined => (r.type === "kubernetes:core/v1:Pod" ? r.props.spec : WORKLOAD_TYPES.includes(r.type) ? r.props.spec?.template?.spec : undefined);
const containersOf = (spec: Record<string, any>): Container[] => [...((spec.initContainers ?? []) as Container[]), ...((spec.containers ?? []) as Container[])];

/** The pod's CPU (cores) and memory (GiB) requests, summed over its containers. */
function requests(r: ResourceView): { vcpu?: number; memoryGiB?: number } {
  const spec = podSpec(r);
  if (!spec) return {};
  const containers = (spec.containers ?? []) as Container[];
  const sum = (key: string) => containers.reduce((n, c) => n + (parseQuantity(c.resources?.requests?.[key]) ?? 0), 0);
  return { vcpu: sum("cpu"), memoryGiB: toGiB(sum("memory")) };
}

const isDatabase = (r: ResourceView) => r.type === T.statefulSet && labelsOf(r)[COMPONENT_LABEL] === "database";

function ports(list: unknown): { fromPort: number; toPort: number }[] {
  const given = (list ?? []) as { port?: unknown; endPort?: unknown }[];
  if (given.length === 0) return [{ fromPort: 0, toPort: 65535 }];
  return given.map((p) => (typeof p.port === "number" ? { fromPort: p.port, toPort: typeof p.endPort === "number" ? p.endPort : p.port } : { fromPort: 0, toPort: 65535 }));
}

const WORLD = ["0.0.0.0/0", "::/0"];

function denies(policy: ResourceView, type: "Ingress" | "Egress"): boolean {
  const spec = policy.props.spec ?? {};
  const selectsAll = Object.keys(spec.podSelector ?? {}).length === 0;
  const rules = type === "Ingress" ? spec.ingress : spec.egress;
  return selectsAll && ((spec.policyTypes ?? []) as string[]).includes(type) && (!rules || rules.length === 0);
}

export const kubernetesAdapter: CloudAdapter = {
  cloud: "kubernetes",
  host(r) {
    if (r.type !== T.statefulSet || isDatabase(r)) return undefined;
    return { className: "StatefulSet", ...requests(r), systemDiskSeparate: true, systemDiskEncrypted: encrypted(r), metadataTokensRequired: true };
  },
  disk(r) {
    if (r.type !== T.pvc) return undefined;
    const size = parseQuantity(r.props.spec?.resources?.requests?.storage);
    const role = r.props.metadata?.labels?.["tenantry/volume"];
    return {
      ...(size !== undefined ? { sizeGiB: toGiB(size) } : {}),
      ...(role === "system" || role === "cache" || role === "data" ? { role } : {}),
      encrypted: encrypted(r),
    };
  },
  database(r) {
    if (!isDatabase(r)) return undefined;
    return { className: "StatefulSet", ...requests(r), storageSeparate: true, encrypted: encrypted(r), public: false, deletionProtection: false };
  },
  ingress(r): IngressFacts[] {
    if (r.type === T.networkPolicy) {
      return ((r.props.spec?.ingress ?? []) as { from?: { ipBlock?: { cidr?: string } }[]; ports?: unknown }[]).flatMap((rule) => {
        const world = !rule.from || rule.from.length === 0 || rule.from.some((p) => WORLD.includes(String(p.ipBlock?.cidr)));
        return ports(rule.ports).map((p) => ({ world, ...p }));
      });
    }
    if (r.type === T.service && r.props.spec?.type === "LoadBalancer") {
      const ranges = (r.props.spec?.loadBalancerSourceRanges ?? []) as string[];
      const world = ranges.length === 0 || ranges.some((c) => WORLD.includes(c));
      return ((r.props.spec?.ports ?? []) as { port?: number }[]).map((p) => ({ world, fromPort: Number(p.port), toPort: Number(p.port) }));
    }
    return [];
  },
  publicIps: (r) => (r.type === T.service && r.props.spec?.type === "LoadBalancer" ? 1 : 0),
  monitor: () => undefined,
  buckets: () => [],
  pod(r): PodFacts | undefined {
    const spec = podSpec(r);
    if (!spec) return undefined;
    const containers = containersOf(spec);
    const pod = (spec.securityContext ?? {}) as Record<string, unknown>;
    const name = (c: Container) => c.name ?? "(unnamed)";
    const hostAccess = [
      ...((spec.volumes ?? []) as { name?: string; hostPath?: unknown }[]).filter((v) => v.hostPath).map((v) => `hostPath volume ${v.name}`),
      ...(["hostNetwork", "hostPID", "hostIPC"] as const).filter((k) => spec[k] === true),
    ];
    return {
      privilegedContainers: containers.filter((c) => c.securityContext?.privileged === true || c.securityContext?.allowPrivilegeEscalation !== false).map(name),
      hostAccess,
      rootContainers: containers.filter((c) => (c.securityContext?.runAsNonRoot ?? pod.runAsNonRoot) !== true || (c.securityContext?.runAsUser ?? pod.runAsUser) === 0).map(name),
      writableRootContainers: containers.filter((c) => c.securityContext?.readOnlyRootFilesystem !== true).map(name),
    };
  },
  namespaces(resources): NamespaceIsolationFacts[] {
    // The NetworkPolicies indexed once by namespace: scanning all of them for each namespace was
    // quadratic in the fleet (a namespace and a handful of policies per tenant).
    const of = byType(resources);
    const byNamespace = new Map<unknown, ResourceView[]>();
    for (const p of of(T.networkPolicy)) {
      const ns = p.props.metadata?.namespace;
      const list = byNamespace.get(ns);
      if (list) list.push(p);
      else byNamespace.set(ns, [p]);
    }
    return of(T.namespace).map((ns) => {
      const mine = byNamespace.get(ns.props.metadata?.name) ?? [];
      return { namespace: ns, defaultDenyIngress: mine.some((p) => denies(p, "Ingress")), defaultDenyEgress: mine.some((p) => denies(p, "Egress")) };
    });
  },
  statefulTypes: [T.pvc],
  tenantTaggedTypes: [T.namespace, T.statefulSet, T.pvc, T.service, T.networkPolicy, "kubernetes:core/v1:Secret", "kubernetes:core/v1:ResourceQuota", "kubernetes:rbac.authorization.k8s.io/v1:Role", "kubernetes:rbac.authorization.k8s.io/v1:RoleBinding"],
  bucketTypes: [],
};
