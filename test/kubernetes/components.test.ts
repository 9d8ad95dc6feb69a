/** Kubernetes components on their own, as a library user would use them. */
import { describe, expect, it } from "vitest";
import { sizeForAnyShare, type TenantBlueprint } from "../../components/core/index.js";
import { NetworkIsolation, TenantDatabase, TenantNamespace, TenantWorkload, tenantWorkloads } from "../../components/kubernetes/index.js";
import { runUnderMocks, SecretValue } from "../../plan/mock-run.js";
import { named, ofType, resolve } from "../helpers/stacks.js";

const tags = { "managed-by": "tenantry", "tenantry:tenant": "solo", "tenantry:product": "anyshare-cloud" };
const tier = sizeForAnyShare(100);
const size = tenantWorkloads({ hosts: [{ key: "anyshare-cloud", size: tier.host, source: tier.source }], databases: [] } as unknown as TenantBlueprint, { inClusterDatabase: false })[0]!;

describe("TenantWorkload", () => {
  it("with a TLS Secret and the bandwidth only reported: no cert-manager annotation, no bandwidth annotation", async () => {
    const run = await runUnderMocks(
      () =>
        new TenantWorkload("w", {
          namespace: "ns",
          tenant: "solo",
          tags,
          size,
          image: "registry.example.com/anyshare:7",
          port: 8080,
          runAsUser: 1000,
          storageEncrypted: true,
          web: { host: "docs.solo.example.com", tls: { secretName: "wildcard-tls" } },
          bandwidthMbps: 1,
          bandwidthAnnotations: false,
        }).summary,
    );
    const ingress = named(run.resources, "kubernetes:networking.k8s.io/v1:Ingress", "w-ingress").inputs as { metadata: { annotations: Record<string, string> }; spec: { tls: unknown } };
    expect(ingress.spec.tls).toEqual([{ hosts: ["docs.solo.example.com"], secretName: "wildcard-tls" }]);
    expect(Object.keys(ingress.metadata.annotations).filter((k) => k.startsWith("cert-manager"))).toEqual([]);
    const sts = named(run.resources, "kubernetes:apps/v1:StatefulSet", "w-statefulset").inputs as { spec: { template: { metadata: { annotations: Record<string, string> } } } };
    expect(sts.spec.template.metadata.annotations["kubernetes.io/egress-bandwidth"]).toBeUndefined();
    expect(run.outputs).toMatchObject({ bandwidthMbps: 1, bandwidth: "reported", volumes: { system: 40, cache: 100 } });
    expect(ofType(run.resources, "kubernetes:core/v1:PersistentVolumeClaim").map((p) => (p.inputs as { spec: { storageClassName?: string } }).spec.storageClassName)).toEqual([undefined, undefined]);
  });

  it("refuses a root user and a bad host name, all at once", async () => {
    const run = runUnderMocks(() => new TenantWorkload("w", { namespace: "ns", tenant: "solo", tags, size, image: "i", port: 80, runAsUser: 0, storageEncrypted: true, web: { host: "Not A Host", tls: { secretName: "t" } } }));
    await expect(run).rejects.toThrow(
      ["invalid arguments of TenantWorkload w:", "args.runAsUser: must be a non-root user id (at least 1) (got 0)", 'args.web.host: must be a DNS host name in lowercase, e.g. docs.acme.example.com (got "Not A Host")'].join("\n"),
    );
  });
});

describe("TenantNamespace", () => {
  it("refuses the default and kube- namespaces", async () => {
    await expect(runUnderMocks(() => new TenantNamespace("n", { namespace: "kube-public", tags, workloads: [] }))).rejects.toThrow("args.namespace: must not be default or a kube- namespace");
  });
});

describe("NetworkIsolation", () => {
  it("needs the ingress controller's namespace for web workloads, and CIDRs for egress", async () => {
    const run = runUnderMocks(() => new NetworkIsolation("p", { namespace: "ns", tenant: "solo", tags, web: [{ workload: "anyshare-cloud", port: 80 }], egress: [{ id: "database", workload: "anyshare-cloud", cidrs: [], ports: [3306] }] }));
    await expect(run).rejects.toThrow(
      ["invalid arguments of NetworkIsolation p:", "args.egress[0].cidrs: must have at least 1 items (got [])", "args.ingressNamespace: is required: a workload is reachable through the ingress controller"].join("\n"),
    );
  });
});

describe("TenantDatabase", () => {
  it("external: the given endpoint in the connection Secret, the password secret", async () => {
    const run = await runUnderMocks(() => new TenantDatabase("d", { namespace: "ns", tenant: "solo", tags, product: "anyshare-cloud", database: { mode: "external", host: "db.example.com", username: "app", password: "p" } }).summary);
    const secret = named(run.resources, "kubernetes:core/v1:Secret", "d-connection").inputs as { stringData: unknown };
    expect(secret.stringData).toBeInstanceOf(SecretValue);
    expect(ofType(run.resources, "kubernetes:apps/v1:StatefulSet")).toEqual([]);
    expect(await resolve(run.outputs.password)).toEqual({ value: "p", secret: true });
    expect(run.outputs).toMatchObject({ mode: "external", port: 3306, connectionSecret: "anyshare-cloud-database" });
  });
});
