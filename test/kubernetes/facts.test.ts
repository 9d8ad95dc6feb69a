/**
 * The Kubernetes facts adapter over a fleet: each tenant namespace's default-deny facts, read from
 * the NetworkPolicies indexed once by namespace, are the same as a scan of every policy for each
 * namespace gives (what the adapter did before), whatever the order of the resources.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { kubernetesAdapter } from "../../policies/facts/kubernetes.js";
import type { ResourceView } from "../../policies/framework.js";
import type { NamespaceIsolationFacts } from "../../policies/facts/types.js";
import { anyBackup, anyShare, blueprintsOf, makeTenant } from "../helpers/fleet.js";
import { runKubernetesStack } from "../helpers/stacks.js";

const NETPOL = "kubernetes:networking.k8s.io/v1:NetworkPolicy";

/** The adapter's answer before it indexed: for each namespace, a scan of every NetworkPolicy. */
function scanned(resources: readonly ResourceView[]): NamespaceIsolationFacts[] {
  const denies = (policy: ResourceView, type: "Ingress" | "Egress") => {
    const spec = policy.props.spec ?? {};
    const rules = type === "Ingress" ? spec.ingress : spec.egress;
    return Object.keys(spec.podSelector ?? {}).length === 0 && ((spec.policyTypes ?? []) as string[]).includes(type) && (!rules || rules.length === 0);
  };
  const policies = resources.filter((r) => r.type === NETPOL);
  return resources
    .filter((r) => r.type === "kubernetes:core/v1:Namespace")
    .map((ns) => {
      const mine = policies.filter((p) => p.props.metadata?.namespace === ns.props.metadata?.name);
      return { namespace: ns, defaultDenyIngress: mine.some((p) => denies(p, "Ingress")), defaultDenyEgress: mine.some((p) => denies(p, "Egress")) };
    });
}

let views: ResourceView[];
beforeAll(async () => {
  const tenants = Array.from({ length: 12 }, (_, n) => makeTenant(n, n % 2 ? [anyShare(500, `as_t${n}_1`)] : [anyShare(500, `as_t${n}_1`), anyBackup(false, `ab_t${n}_1`)]));
  // The AnyBackup tenants keep their backups on the stack's store: each needs its bucket there.
  const store = { type: "AWS (S3)", serviceHost: "s3.example.com", egressCidrs: ["192.0.2.0/24"], tenants: Object.fromEntries(tenants.map((t) => [t.id, { bucket: `${t.id}-backups`, accessId: "AKIAEXAMPLE", accessSecret: "secret" }])) };
  const run = await runKubernetesStack(blueprintsOf(tenants), { backupStorage: store });
  views = run.resources.map((r) => ({ type: r.type, name: r.name, urn: r.urn, props: r.inputs, protect: r.protect }));
});

describe("the Kubernetes facts adapter's namespaces, over a fleet", () => {
  it("are each tenant namespace's, denying by default, as a scan of every policy says", () => {
    const facts = kubernetesAdapter.namespaces!(views);
    expect(facts).toHaveLength(12);
    expect(facts.every((f) => f.defaultDenyIngress && f.defaultDenyEgress)).toBe(true);
    expect(facts).toEqual(scanned(views));
  });

  it("are the same as the scan's when policies are missing, moved to another namespace, or the resources come in another order", () => {
    const edited = views
      .filter((r) => !(r.type === NETPOL && r.name.startsWith("t3-") && r.props.spec?.policyTypes?.includes("Ingress")))
      .map((r) => (r.type === NETPOL && r.name.startsWith("t5-") ? { ...r, props: { ...r.props, metadata: { ...r.props.metadata, namespace: "elsewhere" } } } : r))
      .concat([{ type: NETPOL, name: "stray", urn: "urn:stray", props: { spec: { podSelector: {}, policyTypes: ["Egress"] } }, protect: false }])
      .reverse();
    // Odd positions first, then even: policies and namespaces interleaved differently.
    const changed = [...edited.filter((_, n) => n % 2 === 1), ...edited.filter((_, n) => n % 2 === 0)];
    expect(changed).toHaveLength(edited.length);
    const facts = kubernetesAdapter.namespaces!(changed);
    expect(facts).toEqual(scanned(changed));
    expect(facts.filter((f) => !f.defaultDenyIngress || !f.defaultDenyEgress).map((f) => f.namespace.props.metadata.name).sort()).toEqual(["tenant-t3", "tenant-t5"]);
  });
});
