/**
 * Kubernetes semantics for the isolation proof: label selectors, and what NetworkPolicies allow
 * between pods (https://kubernetes.io/docs/concepts/services-networking/network-policies/): a pod
 * selected by no policy of a direction is open in that direction; a selected pod admits only what
 * some selecting policy's rules admit; a connection needs the source's egress and the target's
 * ingress. ipBlock peers are addresses outside the cluster's pods here.
 */
export type Labels = Readonly<Record<string, string>>;

export interface Selector {
  matchLabels?: Labels;
  matchExpressions?: { key: string; operator: "In" | "NotIn" | "Exists" | "DoesNotExist"; values?: string[] }[];
}

export interface Pod {
  readonly namespace: string;
  readonly name: string;
  readonly labels: Labels;
  readonly ports: readonly number[];
}

export interface NamespaceInfo {
  readonly name: string;
  readonly labels: Labels;
}

interface Peer {
  podSelector?: Selector;
  namespaceSelector?: Selector;
  ipBlock?: { cidr: string };
}
interface Rule {
  from?: Peer[];
  to?: Peer[];
  ports?: { port?: number | string; protocol?: string }[];
}
export interface NetworkPolicy {
  metadata: { name: string; namespace: string };
  spec: { podSelector: Selector; policyTypes?: ("Ingress" | "Egress")[]; ingress?: Rule[]; egress?: Rule[] };
}

/** Whether `selector` matches `labels` (an empty selector matches everything). */
export function matches(selector: Selector | undefined, labels: Labels): boolean {
  if (!selector) return true;
  for (const [k, v] of Object.entries(selector.matchLabels ?? {})) if (labels[k] !== v) return false;
  for (const e of selector.matchExpressions ?? []) {
    const has = e.key in labels;
    const value = labels[e.key];
    const ok =
      e.operator === "Exists" ? has : e.operator === "DoesNotExist" ? !has : e.operator === "In" ? has && (e.values ?? []).includes(value!) : !has || !(e.values ?? []).includes(value!);
    if (!ok) return false;
  }
  return true;
}

/** A namespace's labels as the API server keeps them: its own plus `kubernetes.io/metadata.name`. */
export const namespaceLabels = (ns: NamespaceInfo): Labels => ({ ...ns.labels, "kubernetes.io/metadata.name": ns.name });

function peerMatches(peer: Peer, policyNamespace: string, pod: Pod, namespaces: ReadonlyMap<string, NamespaceInfo>): boolean {
  if (peer.ipBlock) return false;
  const nsLabels = namespaceLabels(namespaces.get(pod.namespace) ?? { name: pod.namespace, labels: {} });
  const nsOk = peer.namespaceSelector ? matches(peer.namespaceSelector, nsLabels) : pod.namespace === policyNamespace;
  return nsOk && matches(peer.podSelector, pod.labels);
}

const portOk = (rule: Rule, port: number) => !rule.ports || rule.ports.length === 0 || rule.ports.some((p) => p.port === undefined || p.port === port);

function types(p: NetworkPolicy): ("Ingress" | "Egress")[] {
  return p.spec.policyTypes ?? (p.spec.egress ? ["Ingress", "Egress"] : ["Ingress"]);
}

function allowed(direction: "Ingress" | "Egress", subject: Pod, peer: Pod, port: number, policies: readonly NetworkPolicy[], namespaces: ReadonlyMap<string, NamespaceInfo>): boolean {
  const selecting = policies.filter((p) => p.metadata.namespace === subject.namespace && types(p).includes(direction) && matches(p.spec.podSelector, subject.labels));
  if (selecting.length === 0) return true;
  return selecting.some((p) =>
    ((direction === "Ingress" ? p.spec.ingress : p.spec.egress) ?? []).some((rule) => {
      const peers = direction === "Ingress" ? rule.from : rule.to;
      return portOk(rule, port) && (!peers || peers.length === 0 || peers.some((x) => peerMatches(x, p.metadata.namespace, peer, namespaces)));
    }),
  );
}

/** Whether `from` may open a connection to `to` on `port`. */
export function canConnect(from: Pod, to: Pod, port: number, policies: readonly NetworkPolicy[], namespaces: ReadonlyMap<string, NamespaceInfo>): boolean {
  return allowed("Egress", from, to, port, policies, namespaces) && allowed("Ingress", to, from, port, policies, namespaces);
}
