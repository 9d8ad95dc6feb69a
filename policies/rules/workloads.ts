/**
 * Security rules for pods and namespaces (Kubernetes): what the `restricted` Pod Security Standard
 * asks of a tenant's workloads (no privileged containers, no host namespaces or host paths, a
 * non-root user, a read-only root filesystem where the product allows), and that every tenant
 * namespace denies all traffic unless a NetworkPolicy allows it. They read the pod and namespace
 * facts of the cloud adapters, so any cloud with pods comes under them.
 */
import { namespaceFacts, podFacts } from "../facts/index.js";
import { tenantOf, type Finding, type ResourceRule, type StackRule } from "../framework.js";

export const podNotPrivileged: ResourceRule = {
  kind: "resource",
  name: "pod-not-privileged",
  description: "No container runs privileged or may escalate its privileges",
  level: "mandatory",
  check: (r) => (podFacts(r)?.privilegedContainers ?? []).map((c) => `${r.name}: container ${c} runs privileged or may escalate privileges`),
};

export const podNoHostAccess: ResourceRule = {
  kind: "resource",
  name: "pod-no-host-access",
  description: "No pod mounts host paths or shares the host's network, PID or IPC namespace",
  level: "mandatory",
  check: (r) => (podFacts(r)?.hostAccess ?? []).map((what) => `${r.name} uses the host: ${what}`),
};

export const podRunAsNonRoot: ResourceRule = {
  kind: "resource",
  name: "pod-run-as-non-root",
  description: "Every container must run as a non-root user (runAsNonRoot)",
  level: "mandatory",
  check: (r) => (podFacts(r)?.rootContainers ?? []).map((c) => `${r.name}: container ${c} may run as root (runAsNonRoot is not true)`),
};

export const podReadOnlyRoot: ResourceRule = {
  kind: "resource",
  name: "pod-read-only-root",
  description: "Containers have a read-only root filesystem, where the product allows (advisory: a product may need a writable one)",
  level: "advisory",
  check: (r) => (podFacts(r)?.writableRootContainers ?? []).map((c) => `${r.name}: container ${c} has a writable root filesystem`),
};

export const namespaceDefaultDeny: StackRule = {
  kind: "stack",
  name: "namespace-default-deny",
  description: "Every tenant namespace has NetworkPolicies that deny all ingress and all egress not explicitly allowed",
  level: "mandatory",
  check(resources) {
    const findings: Finding[] = [];
    for (const n of namespaceFacts(resources)) {
      const missing = [n.defaultDenyIngress ? undefined : "ingress", n.defaultDenyEgress ? undefined : "egress"].filter(Boolean);
      if (missing.length === 0) continue;
      const tenant = tenantOf(n.namespace);
      findings.push({ urn: n.namespace.urn, ...(tenant ? { tenant } : {}), message: `namespace ${n.namespace.props.metadata?.name ?? n.namespace.name} has no default-deny policy for ${missing.join(" and ")}` });
    }
    return findings;
  },
};

export const WORKLOAD_RULES = [podNotPrivileged, podNoHostAccess, podRunAsNonRoot, podReadOnlyRoot, namespaceDefaultDeny] as const;
