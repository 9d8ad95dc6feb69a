/**
 * The backup-targets demo fleet (examples/backup-targets) on Kubernetes with the kubernetes-demo
 * configuration, under mocks: same-cloud is the stack's configured store, MinIO gets a bucket, a
 * user and a policy of the tenant's own, bring-your-own creates nothing; each gives exactly the
 * dialog's fields, and the egress NetworkPolicy follows the target. dr-copy is refused.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { BYTES_PER_TB, loadFleet, type TenantBlueprint } from "../../components/core/index.js";
import { KUBERNETES_DR_COPY_REFUSAL, type KubernetesTenantOutputs } from "../../components/kubernetes/index.js";
import { PrometheusRule } from "@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1";
import { plainValue } from "../../policies/harness.js";
import { minioBucketPolicy } from "../../components/minio/index.js";
import { totalsOf } from "../../plan/document.js";
import type { MockRun } from "../../plan/mock-run.js";
import { blueprintsOf } from "../helpers/fleet.js";
import { named, ofTenant, ofType, resolve, runKubernetesStack } from "../helpers/stacks.js";

const DIALOG_FIELDS = ["accessId", "accessSecret", "name", "serviceHost", "type"];
const NETPOL = "kubernetes:networking.k8s.io/v1:NetworkPolicy";

let blueprints: TenantBlueprint[];
let demo: MockRun<Record<string, KubernetesTenantOutputs>>;
beforeAll(async () => {
  const fleet = await loadFleet(["examples/backup-targets"]);
  if (!fleet.ok) throw new Error("examples/backup-targets is invalid");
  blueprints = blueprintsOf(fleet.tenants.map((t) => t.tenant));
  const buildable = blueprints.filter((b) => b.tenant !== "globex");
  // acme (same-cloud) needs its bucket on the stack's store: the demo names acme's.
  demo = (await runKubernetesStack(buildable)) as MockRun<Record<string, KubernetesTenantOutputs>>;
});

const storage = (tenant: string) => demo.outputs[tenant]!.backupStorage["anybackup-cloud"]!;
async function dialog(tenant: string) {
  const d = storage(tenant).dialog!;
  return { fields: Object.keys(d).sort(), name: d.name, type: d.type, serviceHost: (await resolve(d.serviceHost)).value, accessId: (await resolve(d.accessId)).value, secret: (await resolve(d.accessSecret)).secret };
}
/** The object-storage egress rule of a tenant's AnyBackup. */
const egress = (tenant: string) => (named(demo.resources, NETPOL, `${tenant}-network-allow-object-storage`).inputs as { spec: { egress: unknown } }).spec.egress;

describe("backup targets on Kubernetes", () => {
  it("are each a bucket in the plan's totals: on the stack's store (acme), on MinIO (hooli), the tenant's own store (umbrella)", () => {
    expect(totalsOf(demo.resources, 3).buckets).toBe(3);
  });

  it("same-cloud (acme): the stack's configured store, the tenant's bucket on it, egress to its CIDRs on 443", async () => {
    expect(storage("acme").target).toBe("same-cloud");
    expect((await resolve(storage("acme").bucket)).value).toBe("acme-anybackup-demo");
    expect(await dialog("acme")).toEqual({ fields: DIALOG_FIELDS, name: "acme-anybackup-cloud-storage", type: "AWS (S3)", serviceHost: "s3.ap-southeast-1.amazonaws.com", accessId: "AKIAEXAMPLEACME00001", secret: true });
    expect(egress("acme")).toEqual([{ to: [{ ipBlock: { cidr: "0.0.0.0/0" } }], ports: [{ protocol: "TCP", port: 443 }] }]);
  });

  it("minio (hooli): a bucket, a user of its own and a policy limited to that bucket; egress to the MinIO server's port", async () => {
    expect(storage("hooli").target).toBe("minio");
    expect(await dialog("hooli")).toEqual({ fields: DIALOG_FIELDS, name: "hooli-anybackup-cloud-storage", type: "AnyShare Universal (S3)", serviceHost: "minio.provider.example:9000", accessId: "hooli-anybackup-cloud-storage", secret: true });
    const policy = named(demo.resources, "minio:index/iamPolicy:IamPolicy", "hooli-anybackup-cloud-storage-access");
    expect(JSON.parse(String(policy.inputs.policy))).toEqual(minioBucketPolicy("hooli-anybackup-cloud-storage"));
    expect(named(demo.resources, "minio:index/s3Bucket:S3Bucket", "hooli-anybackup-cloud-storage-bucket").retainOnDelete).toBe(true);
    expect(egress("hooli")).toEqual([{ to: [{ ipBlock: { cidr: "198.51.100.10/32" } }], ports: [{ protocol: "TCP", port: 9000 }] }]);
    // The MinIO resources use the minio provider, not the cluster's.
    expect(ofType(demo.resources, "pulumi:providers:kubernetes")).toHaveLength(1);
  });

  it("meters the MinIO bucket against hooli's licensed capacity (warning at 80 %, urgent above it), labelled for its namespace's routing", () => {
    const rule = ofType(demo.resources, "kubernetes:monitoring.coreos.com/v1:PrometheusRule").find((r) => r.name === "hooli-anybackup-cloud-capacity-rule")!;
    const spec = (rule.inputs as { metadata: { namespace: string }; spec: { groups: { rules: { expr: string; labels: Record<string, string> }[] }[] } });
    expect(spec.metadata.namespace).toBe("tenant-hooli");
    expect(spec.spec.groups[0]!.rules.map((r) => [r.expr, r.labels.severity, r.labels.namespace])).toEqual([
      [`max(minio_bucket_usage_total_bytes{bucket="hooli-anybackup-cloud-storage"}) > ${0.8 * 5 * BYTES_PER_TB}`, "warning", "tenant-hooli"],
      [`max(minio_bucket_usage_total_bytes{bucket="hooli-anybackup-cloud-storage"}) > ${5 * BYTES_PER_TB}`, "urgent", "tenant-hooli"],
    ]);
    new PrometheusRule(plainValue(rule.inputs) as ConstructorParameters<typeof PrometheusRule>[0]).validate();
    // No other store reports a bucket size to the cluster: no capacity rules for them.
    expect(ofType(demo.resources, "tenantry:kubernetes:CapacityRules").map((r) => r.name)).toEqual(["hooli-anybackup-cloud-capacity"]);
  });

  it("s3-compatible (umbrella): nothing created, the manifest's endpoint and bucket, the secret from its config key; egress to its CIDRs", async () => {
    expect(storage("umbrella").target).toBe("s3-compatible");
    expect((await resolve(storage("umbrella").bucket)).value).toBe("umbrella-anybackup");
    expect(await dialog("umbrella")).toEqual({ fields: DIALOG_FIELDS, name: "umbrella-anybackup-cloud-storage", type: "EMC Atmos (S3)", serviceHost: "s3.storage.provider.example", accessId: "UMBRELLAANYBACKUP01", secret: true });
    expect(ofTenant(demo.resources, "umbrella").filter((r) => r.name.startsWith("umbrella-anybackup-cloud-storage") && !r.type.startsWith("tenantry:"))).toEqual([]);
    expect(egress("umbrella")).toEqual([{ to: [{ ipBlock: { cidr: "198.51.100.20/32" } }], ports: [{ protocol: "TCP", port: 443 }] }]);
  });

  it("refuses dr-copy before anything is registered, and names what each other kind lacks", async () => {
    const run = runKubernetesStack(blueprints, { backupStorage: undefined, minio: undefined, s3CompatibleEgress: {} });
    await expect(run).rejects.toThrow(
      [
        "invalid stack configuration:",
        `tenantry:kubernetes.backupStorage: cannot serve globex's backup target (its manifest's backup.target, or tenantry:backupTarget): ${KUBERNETES_DR_COPY_REFUSAL} (got "dr-copy")`,
        "tenantry:kubernetes.backupStorage: is required: acme keep backups on the stack's S3-compatible store (target same-cloud: type, serviceHost, egressCidrs, and per tenant bucket, accessId, accessSecret)",
        "tenantry:kubernetes.minio: is required: hooli store on MinIO ({ endpoint: https://..., storageType: <the dialog's type>, egressCidrs }; the server's admin login is the minio provider's config)",
        "tenantry:kubernetes.s3CompatibleEgress.umbrella: is required: the tenant brings its own S3-compatible store (the CIDRs of its endpoint, which AnyBackup may reach)",
      ].join("\n"),
    );
  });
});
