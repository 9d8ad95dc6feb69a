/**
 * Tenant isolation on Kubernetes, proven by evaluating the recorded objects (not by reading
 * strings): no NetworkPolicy lets a pod of one tenant reach a pod of another, no selector of one
 * tenant's objects matches another tenant's pods, and no RBAC binding of one tenant grants anything
 * in another tenant's namespace (nor anything cluster-wide).
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { RecordedResource } from "../../plan/mock-run.js";
import { demoBlueprints } from "../helpers/fleet.js";
import { canConnect, matches, type NamespaceInfo, type NetworkPolicy, type Pod, type Selector } from "../helpers/kubernetes-reach.js";
import { ofType, runKubernetesStack } from "../helpers/stacks.js";

type Obj = { metadata: { name: string; namespace?: string; labels?: Record<string, string> }; spec?: any; roleRef?: any; subjects?: any[] };
const obj = (r: RecordedResource) => r.inputs as unknown as Obj;

let resources: RecordedResource[];
let namespaces: Map<string, NamespaceInfo>;
let pods: Pod[];
let policies: NetworkPolicy[];
let tenantNamespaces: string[];
const INGRESS_NAMESPACE = "ingress-nginx";

beforeAll(async () => {
  resources = (await runKubernetesStack(await demoBlueprints())).resources;
  const of = (type: string) => ofType(resources, type).map(obj);
  tenantNamespaces = of("kubernetes:core/v1:Namespace").map((n) => n.metadata.name);
  namespaces = new Map(
    [...of("kubernetes:core/v1:Namespace").map((n) => ({ name: n.metadata.name, labels: n.metadata.labels ?? {} })), { name: INGRESS_NAMESPACE, labels: {} }, { name: "kube-system", labels: {} }].map((n) => [n.name, n]),
  );
  pods = of("kubernetes:apps/v1:StatefulSet").map((s) => ({
    namespace: s.metadata.namespace!,
    name: `${s.metadata.name}-0`,
    labels: s.spec.template.metadata.labels,
    ports: s.spec.template.spec.containers.flatMap((c: { ports: { containerPort: number }[] }) => c.ports.map((p) => p.containerPort)),
  }));
  // A pod an operator might start by hand in each namespace (no labels): the default deny covers it too.
  pods.push(...tenantNamespaces.map((ns) => ({ namespace: ns, name: "debug", labels: {}, ports: [8080] })));
  policies = of("kubernetes:networking.k8s.io/v1:NetworkPolicy") as unknown as NetworkPolicy[];
});

describe("NetworkPolicies", () => {
  it("let no pod of one tenant reach a pod of another tenant, on any port it serves", () => {
    const crossings: string[] = [];
    for (const from of pods) {
      for (const to of pods.filter((p) => p.namespace !== from.namespace)) {
        for (const port of to.ports) if (canConnect(from, to, port, policies, namespaces)) crossings.push(`${from.namespace}/${from.name} -> ${to.namespace}/${to.name}:${port}`);
      }
    }
    console.log(`checked ${pods.length} pods in ${tenantNamespaces.length} tenant namespaces pairwise`);
    expect(crossings).toEqual([]);
  });

  it("still let a tenant's own pods talk, and the ingress controller reach the web ports only", () => {
    const acme = pods.filter((p) => p.namespace === "tenant-acme");
    const [share, db] = [acme.find((p) => p.name === "anyshare-cloud-0")!, acme.find((p) => p.name === "anyshare-cloud-db-0")!];
    expect(canConnect(share, db, 3306, policies, namespaces)).toBe(true);
    const controller: Pod = { namespace: INGRESS_NAMESPACE, name: "controller", labels: {}, ports: [] };
    const web = share.ports[0]!; // the container's first port is its web port (the image's, from configuration)
    expect(canConnect(controller, share, web, policies, namespaces)).toBe(true);
    expect(canConnect(controller, db, 3306, policies, namespaces)).toBe(false);
    const stranger: Pod = { namespace: "default", name: "stranger", labels: share.labels, ports: [] };
    expect(canConnect(stranger, share, web, policies, namespaces)).toBe(false);
  });

  it("would catch a policy that admits every namespace", () => {
    const opened = policies.map((p) =>
      p.metadata.namespace === "tenant-globex" && p.metadata.name === "allow-same-namespace"
        ? { ...p, spec: { ...p.spec, ingress: [{ from: [{ namespaceSelector: {} }] }] } }
        : p.metadata.namespace === "tenant-acme" && p.metadata.name === "allow-same-namespace"
          ? { ...p, spec: { ...p.spec, egress: [{ to: [{ namespaceSelector: {} }] }] } }
          : p,
    );
    const [from, to] = [pods.find((p) => p.namespace === "tenant-acme")!, pods.find((p) => p.namespace === "tenant-globex")!];
    expect(canConnect(from, to, to.ports[0]!, opened, namespaces)).toBe(true);
  });
});

describe("selectors", () => {
  it("of every tenant object match only that tenant's pods, even read cluster-wide", () => {
    const selectors: { owner: string; name: string; selector: Selector }[] = [];
    for (const r of resources.filter((r) => r.custom && r.type.startsWith("kubernetes:"))) {
      const o = obj(r);
      const ns = o.metadata.namespace;
      if (!ns || !o.spec) continue;
      const s = r.type.endsWith(":Service") ? { matchLabels: o.spec.selector } : r.type.endsWith(":NetworkPolicy") ? o.spec.podSelector : o.spec.selector;
      if (s && Object.keys(s).length > 0) selectors.push({ owner: ns, name: r.name, selector: s });
    }
    expect(selectors.length).toBeGreaterThan(20);
    const strays = selectors.flatMap((s) => pods.filter((p) => p.namespace !== s.owner && matches(s.selector, p.labels)).map((p) => `${s.name} selects ${p.namespace}/${p.name}`));
    expect(strays).toEqual([]);
  });
});

describe("RBAC", () => {
  it("has nothing cluster-wide", () => {
    expect(resources.filter((r) => /:(ClusterRole|ClusterRoleBinding)$/.test(r.type)).map((r) => r.name)).toEqual([]);
  });

  it("binds each tenant's operators to a Role of that tenant's namespace only, and grants its service accounts nothing", () => {
    const roles = ofType(resources, "kubernetes:rbac.authorization.k8s.io/v1:Role").map(obj);
    const reach = new Map<string, Set<string>>();
    for (const b of ofType(resources, "kubernetes:rbac.authorization.k8s.io/v1:RoleBinding").map(obj)) {
      const ns = b.metadata.namespace!;
      expect(b.roleRef.kind).toBe("Role");
      expect(roles.some((r) => r.metadata.namespace === ns && r.metadata.name === b.roleRef.name)).toBe(true);
      for (const s of b.subjects!) {
        const who = s.kind === "ServiceAccount" ? `sa:${s.namespace ?? ns}/${s.name}` : `${s.kind}:${s.name}`;
        reach.set(who, new Set([...(reach.get(who) ?? []), ns]));
      }
    }
    expect(Object.fromEntries([...reach].map(([who, set]) => [who, [...set]]))).toEqual({
      "Group:tenantry:operators:acme": ["tenant-acme"],
      "Group:tenantry:operators:globex": ["tenant-globex"],
      "Group:tenantry:operators:initech": ["tenant-initech"],
    });
  });
});
