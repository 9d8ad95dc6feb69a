/** `tenantry plan --cloud huaweicloud`: the Huawei stack's offline plan, its totals, verdicts and baseline diffs. */
import { beforeAll, describe, expect, it } from "vitest";
import type { PlanDocument } from "../../plan/document.js";
import { diffPlans } from "../../plan/diff.js";
import { plan } from "../../plan/run.js";

const AT = "2026-06-15T00:00:00Z";

let doc: PlanDocument;
beforeAll(async () => {
  doc = await plan({ cloud: "huaweicloud", tenants: "stacks/tenants", at: new Date(AT) });
});

describe("plan --cloud huaweicloud", () => {
  it("plans the demo tenants on Huawei Cloud with the huaweicloud-demo configuration", () => {
    expect([doc.stack, doc.cloud]).toEqual(["huaweicloud-plan", "huaweicloud"]);
    for (const t of doc.tenants) {
      const mine = doc.resources.filter((r) => r.tenant === t.id && r.custom);
      expect(mine.filter((r) => r.type.startsWith("huaweicloud:")).length, t.id).toBeGreaterThan(30);
    }
  });

  it("totals the documented sizes the other clouds total for the same tenants, and passes every mandatory rule", () => {
    // Public IPs: the 5 of the other clouds (ops servers, NAT gateways), plus the EIP each of the 6 entry points' ELBs holds
    // (on AWS and Alibaba Cloud a load balancer's address is not an EIP resource).
    expect(doc.totals).toMatchObject({ tenants: 3, vcpu: 32, memoryGiB: 104, diskGiB: 940, publicIps: 11, buckets: 4, databases: 2 });
    expect(doc.result).toMatchObject({ mandatory: 0, ok: true });
  });

  it("redacts secrets", () => {
    const db = doc.resources.find((r) => r.type === "huaweicloud:Rds/instance:Instance")!;
    expect(db.inputs.db).toBe("[secret]");
  });
});

describe("--baseline on Huawei Cloud", () => {
  it("warns that changing a bucket's name or a database's encryption key replaces it", () => {
    const baseline = structuredClone(doc);
    for (const r of baseline.resources) {
      if (r.type === "huaweicloud:Obs/bucket:Bucket") r.inputs.bucket = `${String(r.inputs.bucket)}-old`;
      if (r.type === "huaweicloud:Rds/instance:Instance") r.inputs.volume = { ...(r.inputs.volume as object), diskEncryptionId: "an-older-key" };
    }
    const warnings = diffPlans(baseline, doc).warnings;
    expect(warnings).toContain("REPLACE huaweicloud:Obs/bucket:Bucket acme-anybackup-cloud-storage-bucket: changing bucket replaces it, and a new one starts empty");
    expect(warnings).toContain("REPLACE huaweicloud:Rds/instance:Instance acme-anyshare-cloud-db-mysql: changing volume.diskEncryptionId replaces it, and a new one starts empty");
  });
});
