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
import { allowed, groupMember, serviceAccount, type Principal, type RbacObject, type Request } from "../helpers/kubernetes-rbac.js";
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

/** What a principal of one tenant must never be allowed in another tenant's namespace (and operators' own needs among them). */
const SENSITIVE: readonly Omit<Request, "namespace">[] = [
  { verb: "get", apiGroup: "", resource: "secrets" },
  { verb: "list", apiGroup: "", resource: "secrets" },
  { verb: "get", apiGroup: "", resource: "pods" },
  { verb: "get", apiGroup: "", resource: "pods/log" },
  { verb: "create", apiGroup: "", resource: "pods/exec" },
  { verb: "create", apiGroup: "", resource: "pods/portforward" },
  { verb: "create", apiGroup: "", resource: "pods" },
  { verb: "delete", apiGroup: "", resource: "pods" },
  { verb: "get", apiGroup: "", resource: "persistentvolumeclaims" },
  { verb: "delete", apiGroup: "", resource: "persistentvolumeclaims" },
  { verb: "get", apiGroup: "", resource: "configmaps" },
  { verb: "patch", apiGroup: "apps", resource: "statefulsets" },
  { verb: "update", apiGroup: "apps", resource: "statefulsets/scale" },
  { verb: "delete", apiGroup: "apps", resource: "statefulsets" },
  { verb: "update", apiGroup: "networking.k8s.io", resource: "networkpolicies" },
  { verb: "list", apiGroup: "monitoring.coreos.com", resource: "prometheusrules" },
  { verb: "create", apiGroup: "rbac.authorization.k8s.io", resource: "rolebindings" },
];

describe("RBAC, evaluated", () => {
  let rbac: RbacObject[];
  /** Every principal the stack creates or binds, with the namespace of the tenant it belongs to. */
  let principals: { tenant: string; label: string; who: Principal }[];
  beforeAll(() => {
    const kinds = ["Role", "ClusterRole", "RoleBinding", "ClusterRoleBinding"] as const;
    rbac = kinds.flatMap((kind) =>
      resources.filter((r) => r.type === `kubernetes:rbac.authorization.k8s.io/v1:${kind}`).map((r) => ({ kind, ...(r.inputs as unknown as Omit<RbacObject, "kind">) })),
    );
    const accounts = ofType(resources, "kubernetes:core/v1:ServiceAccount").map(obj);
    const groups = rbac.filter((b) => b.kind === "RoleBinding").flatMap((b) => (b.subjects ?? []).filter((s) => s.kind === "Group").map((s) => ({ tenant: b.metadata.namespace!, name: s.name })));
    principals = [
      ...accounts.map((a) => ({ tenant: a.metadata.namespace!, label: `sa:${a.metadata.namespace}/${a.metadata.name}`, who: serviceAccount(a.metadata.namespace!, a.metadata.name) })),
      ...groups.map((g) => ({ tenant: g.tenant, label: `group:${g.name}`, who: groupMember(g.name) })),
    ];
  });

  it("covers every principal: each ServiceAccount and each subject of each binding", () => {
    const bound = rbac.flatMap((b) => (b.subjects ?? []).map((s) => `${s.kind === "Group" ? "group" : "sa"}:${s.kind === "Group" ? s.name : `${s.namespace ?? b.metadata.namespace}/${s.name}`}`));
    const covered = new Set(principals.map((p) => p.label));
    for (const b of bound) expect(covered.has(b), b).toBe(true);
    expect(principals.filter((p) => p.label.startsWith("sa:")).length).toBe(ofType(resources, "kubernetes:core/v1:ServiceAccount").length);
    expect(principals.filter((p) => p.label.startsWith("group:")).map((p) => p.tenant)).toEqual(tenantNamespaces);
  });

  it("allows no principal of one tenant anything sensitive in another tenant's namespace", () => {
    const crossings: string[] = [];
    let checked = 0;
    for (const p of principals) {
      for (const ns of tenantNamespaces.filter((n) => n !== p.tenant)) {
        for (const action of SENSITIVE) {
          checked++;
          if (allowed(rbac, p.who, { ...action, namespace: ns })) crossings.push(`${p.label} may ${action.verb} ${action.resource} in ${ns}`);
        }
      }
    }
    console.log(`evaluated ${principals.length} principals x ${tenantNamespaces.length - 1} other namespaces x ${SENSITIVE.length} actions: ${checked} requests`);
    expect(crossings).toEqual([]);
  });

  it("still lets each tenant's operators do their work in their own namespace, and nothing more; service accounts get nothing", () => {
    for (const p of principals.filter((x) => x.label.startsWith("group:"))) {
      const own = (verb: string, apiGroup: string, resource: string) => allowed(rbac, p.who, { verb, apiGroup, resource, namespace: p.tenant });
      expect([own("get", "", "pods"), own("get", "", "pods/log"), own("create", "", "pods/exec"), own("patch", "apps", "statefulsets"), own("update", "apps", "statefulsets/scale")], p.label).toEqual([true, true, true, true, true]);
      expect([own("get", "", "secrets"), own("update", "networking.k8s.io", "networkpolicies"), own("create", "rbac.authorization.k8s.io", "rolebindings"), own("delete", "", "persistentvolumeclaims")], p.label).toEqual([false, false, false, false]);
    }
    for (const p of principals.filter((x) => x.label.startsWith("sa:"))) {
      for (const action of SENSITIVE) expect(allowed(rbac, p.who, { ...action, namespace: p.tenant }), `${p.label} ${action.verb} ${action.resource}`).toBe(false);
    }
  });

  it("would catch a binding that reaches another tenant's namespace", () => {
    const acme = principals.find((p) => p.label === "group:tenantry:operators:acme")!;
    const leak: RbacObject[] = [
      ...rbac,
      { kind: "RoleBinding", metadata: { name: "oops", namespace: "tenant-globex" }, roleRef: { kind: "Role", name: "tenantry-operators" }, subjects: [{ kind: "Group", name: "tenantry:operators:acme" }] },
    ];
    expect(allowed(leak, acme.who, { verb: "create", apiGroup: "", resource: "pods/exec", namespace: "tenant-globex" })).toBe(true);
    const wide: RbacObject[] = [
      ...rbac,
      { kind: "ClusterRole", metadata: { name: "secret-reader" }, rules: [{ apiGroups: [""], resources: ["*"], verbs: ["get"] }] },
      { kind: "ClusterRoleBinding", metadata: { name: "oops" }, roleRef: { kind: "ClusterRole", name: "secret-reader" }, subjects: [{ kind: "ServiceAccount", name: "anyshare-cloud", namespace: "tenant-acme" }] },
    ];
    expect(allowed(wide, serviceAccount("tenant-acme", "anyshare-cloud"), { verb: "get", apiGroup: "", resource: "secrets", namespace: "tenant-initech" })).toBe(true);
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
