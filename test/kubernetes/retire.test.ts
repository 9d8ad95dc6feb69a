/**
 * Retiring a tenant on Kubernetes (`retire: true`), by a baseline diff of the kubernetes-demo plan
 * before and after: its workloads go (the products' StatefulSets, Services, Ingresses, load
 * balancer, PodDisruptionBudgets, ServiceAccounts, the monitors), its data stays (the namespace, the
 * database's StatefulSet and volume, every Secret, the quota, the default-deny policies and the
 * operators' access), the products' own volumes leave the program but stay in the cluster
 * (retained on delete), and no other tenant changes.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { diffPlans, type PlanDiff } from "../../plan/diff.js";
import type { PlanDocument } from "../../plan/document.js";
import { plan } from "../../plan/run.js";

const AT = new Date("2026-06-15T00:00:00Z");
let dir: string;
let base: PlanDocument;
let retired: PlanDocument;
let diff: PlanDiff;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "tenantry-k8s-retire-"));
  cpSync("stacks/tenants", dir, { recursive: true });
  writeFileSync(join(dir, "acme.yaml"), `${readFileSync(join(dir, "acme.yaml"), "utf8")}retire: true\n`);
  base = await plan({ stack: "kubernetes-demo", at: AT });
  retired = await plan({ stack: "kubernetes-demo", at: AT, tenants: dir, config: { "tenantry:retired": "acme" } });
  diff = diffPlans(base, retired);
});
afterAll(() => rmSync(dir, { recursive: true }));

const names = (rs: readonly { type: string; name: string }[], kind: string) =>
  rs.filter((r) => r.type.startsWith("kubernetes:") && r.type.endsWith(`:${kind}`)).map((r) => r.name).sort();

describe("retiring acme on Kubernetes, against the demo plan", () => {
  it("drops its workloads and changes no other tenant", () => {
    expect(diff.warnings).toEqual([]);
    expect(diff.tenantsRemoved).toEqual([]);
    expect(diff.removed.every((r) => r.tenant === "acme")).toBe(true);
    expect(diff.added).toEqual([]);
    expect(diff.changed.filter((c) => c.tenant !== "acme")).toEqual([]);
    expect(names(diff.removed, "StatefulSet")).toEqual(["acme-anybackup-cloud-statefulset", "acme-anyshare-cloud-statefulset"]);
    expect(names(diff.removed, "Ingress")).toEqual(["acme-anybackup-cloud-ingress", "acme-anyshare-cloud-ingress"]);
    expect(names(diff.removed, "Service")).toEqual(["acme-anybackup-cloud-clients", "acme-anybackup-cloud-service", "acme-anyshare-cloud-service"]);
    expect(names(diff.removed, "PodDisruptionBudget")).toEqual(["acme-anybackup-cloud-pdb", "acme-anyshare-cloud-pdb"]);
    expect(names(diff.removed, "Probe").length).toBeGreaterThan(0);
    // Its products' reach goes with them: no egress to the backup store any more.
    expect(names(diff.removed, "NetworkPolicy")).toEqual(["acme-network-allow-clients-anybackup-cloud", "acme-network-allow-ingress-anybackup-cloud", "acme-network-allow-ingress-anyshare-cloud", "acme-network-allow-object-storage"]);
  });

  it("keeps its data and what guards it: namespace, database, Secrets, quota, default deny, operators' access", () => {
    const kept = retired.resources.filter((r) => r.tenant === "acme");
    expect(names(kept, "Namespace")).toEqual(["acme-namespace-ns"]);
    expect(names(kept, "StatefulSet")).toEqual(["acme-anyshare-cloud-db-server-statefulset"]);
    expect(names(kept, "PersistentVolumeClaim")).toEqual(["acme-anyshare-cloud-db-server-data"]);
    expect(names(kept, "Secret")).toEqual(names(base.resources.filter((r) => r.tenant === "acme"), "Secret"));
    expect(names(kept, "ResourceQuota")).toEqual(["acme-namespace-quota"]);
    expect(names(kept, "NetworkPolicy")).toContain("acme-network-deny-all");
    expect(names(kept, "RoleBinding")).toEqual(["acme-operators-binding"]);
    // The products' volumes leave the program but not the cluster: they were retained on delete.
    const volumes = diff.removed.filter((r) => r.type.endsWith(":PersistentVolumeClaim"));
    expect(volumes.map((r) => r.name).sort()).toEqual(["acme-anybackup-cloud-system", "acme-anyshare-cloud-cache", "acme-anyshare-cloud-system"]);
    expect(volumes.every((r) => r.stateful && r.retained)).toBe(true);
    const acme = diff.retiring.find((r) => r.tenant === "acme")!;
    console.log(`retiring acme on Kubernetes: ${acme.kept} resources kept, ${acme.deleted} deleted`);
  });

  it("passes every mandatory policy rule", () => {
    expect(retired.verdicts.filter((v) => v.level === "mandatory")).toEqual([]);
  });
});
