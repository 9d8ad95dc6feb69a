/**
 * MinIO buckets as the policy packs see them: the backup-targets demo fleet on Kubernetes under
 * mocks (hooli stores on the provider's MinIO server), run through the harness. Its bucket is a
 * bucket of hooli's for the security rules (private, versioned, encrypted, TLS only) and the quota,
 * and switching off each secure default is reported.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { loadFleet } from "../../components/core/index.js";
import { minioBucketPolicy, minioTlsOnlyPolicy } from "../../components/minio/index.js";
import { totalsOf } from "../../plan/document.js";
import type { RecordedResource } from "../../plan/mock-run.js";
import { bucketFacts } from "../../policies/facts/index.js";
import { allowsAnyone, deniesPlainHttp, MINIO_TYPES } from "../../policies/facts/minio.js";
import { runPolicyPacks, type PlannedResource } from "../../policies/harness.js";
import { usageByTenant } from "../../policies/rules/quota.js";
import { blueprintsOf } from "../helpers/fleet.js";
import { DEMO_NOW, licenceConfig, mutate, PACKS } from "../helpers/policies.js";
import { runKubernetesStack } from "../helpers/stacks.js";

const BUCKET = "hooli-anybackup-cloud-storage-bucket";
let recorded: RecordedResource[];
let resources: PlannedResource[];
beforeAll(async () => {
  const fleet = await loadFleet(["examples/backup-targets"]);
  if (!fleet.ok) throw new Error("examples/backup-targets is invalid");
  // globex's dr-copy cannot be built on Kubernetes.
  const blueprints = blueprintsOf(fleet.tenants.map((t) => t.tenant)).filter((b) => b.tenant !== "globex");
  recorded = (await runKubernetesStack(blueprints)).resources;
  resources = recorded;
});

const asView = (r: PlannedResource) => ({ type: r.type, name: r.name, urn: r.urn, props: r.inputs, protect: r.protect });
async function verdictsOn(rs: readonly PlannedResource[], config = {}) {
  const run = await runPolicyPacks(PACKS, rs, { ...licenceConfig(DEMO_NOW), ...config });
  const urn = rs.find((r) => r.name === BUCKET)!.urn;
  return run.verdicts.filter((v) => v.urn === urn || v.message.includes("hooli")).map((v) => `${v.level} ${v.policy}: ${v.message}`);
}

describe("a MinIO bucket, as the policy packs see it", () => {
  it("is hooli's bucket: private, versioned, encrypted with the server's KMS key, refusing requests without TLS", () => {
    const minio = bucketFacts(resources.map(asView)).filter((b) => b.bucket.type === MINIO_TYPES.bucket);
    expect(minio.map(({ bucket, ...facts }) => ({ name: bucket.name, ...facts }))).toEqual([
      { name: BUCKET, tenant: "hooli", private: true, versioned: true, encrypted: true, tlsOnly: true },
    ]);
  });

  it("breaks no rule as built, and counts in the plan's totals and in hooli's bucket quota", async () => {
    expect(await verdictsOn(resources)).toEqual([]);
    // acme on the stack's store, hooli on MinIO, umbrella on its own store.
    expect(totalsOf(recorded, 3).buckets).toBe(3);
    expect(usageByTenant(resources.map(asView)).get("hooli")?.buckets).toBe(1);
    expect(await verdictsOn(resources, { "tenant-quota": { maxBuckets: 0 } })).toEqual([expect.stringMatching(/^mandatory tenant-quota: tenant hooli .*1 buckets/)]);
  });

  it.each<[string, (rs: PlannedResource[]) => PlannedResource[], string]>([
    ["its encryption removed", (rs) => rs.filter((r) => r.name !== "hooli-anybackup-cloud-storage-encryption"), `mandatory storage-encrypted: bucket ${BUCKET} has no default server-side encryption`],
    ["its TLS-only policy removed", (rs) => rs.filter((r) => r.name !== "hooli-anybackup-cloud-storage-tls-only"), `mandatory storage-tls-only: bucket ${BUCKET} has no bucket policy denying requests without TLS`],
    ["its versioning suspended", (rs) => mutate(rs, "hooli-anybackup-cloud-storage-versioning", (p) => ({ ...p, versioningConfiguration: { status: "Suspended" } })), `mandatory storage-versioned: bucket ${BUCKET} does not have versioning enabled`],
    ["a public ACL", (rs) => mutate(rs, BUCKET, (p) => ({ ...p, acl: "public-read" })), `mandatory storage-private: bucket ${BUCKET} is not private: public access is not fully blocked or its ACL is public`],
    [
      "a policy letting anyone read",
      (rs) => mutate(rs, "hooli-anybackup-cloud-storage-tls-only", (p) => ({ ...p, policy: JSON.stringify({ Statement: [...minioTlsOnlyPolicy("hooli-anybackup-cloud-storage").Statement, { Effect: "Allow", Principal: "*", Action: ["s3:GetObject"], Resource: ["arn:aws:s3:::hooli-anybackup-cloud-storage/*"] }] }) })),
      `mandatory storage-private: bucket ${BUCKET} is not private: public access is not fully blocked or its ACL is public`,
    ],
  ])("with %s, is reported", async (_, change, verdict) => {
    expect(await verdictsOn(change(resources))).toEqual([verdict]);
  });
});

describe("MinIO bucket policies", () => {
  it("tell a TLS-only policy and a public one from the tenant's user policy", () => {
    expect(deniesPlainHttp(JSON.stringify(minioTlsOnlyPolicy("b")))).toBe(true);
    expect(allowsAnyone(JSON.stringify(minioTlsOnlyPolicy("b")))).toBe(false);
    expect(deniesPlainHttp(JSON.stringify(minioBucketPolicy("b")))).toBe(false);
    expect(allowsAnyone({ Statement: [{ Effect: "Allow", Principal: { AWS: ["*"] }, Action: "s3:GetObject" }] })).toBe(true);
    expect(allowsAnyone("not json")).toBe(false);
  });
});
