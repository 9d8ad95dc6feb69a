import { describe, expect, it } from "vitest";
import { ec2InstanceType, rdsInstanceClass } from "../../components/aws/index.js";
import { ANYBACKUP_DEDUP_OFF, ANYBACKUP_DEDUP_ON, ANYBACKUP_MARKETPLACE_RECOMMENDED, ANYSHARE_TIERS, OPS_SERVER } from "../../components/core/index.js";
import { documentedDatabaseFlavors, documentedVmFlavors } from "../helpers/flavor-table.js";

describe("AWS instance types match instance-flavors.md §2", () => {
  it.each(documentedVmFlavors("AWS").map((f) => [`${f.vcpu} / ${f.memoryGiB}`, f] as const))("%s", (_size, documented) => {
    const choice = ec2InstanceType(documented);
    expect(choice.name).toBe(documented.name);
    expect(choice.exact).toBe(documented.exact);
  });
});

describe("RDS classes match instance-flavors.md §3", () => {
  it.each(documentedDatabaseFlavors("AWS").map((f) => [`${f.vcpu}C${f.memoryGiB}G`, f] as const))("%s", (_size, documented) => {
    const choice = rdsInstanceClass(documented);
    expect(choice.name).toBe(documented.name);
    expect(choice.exact).toBe(documented.exact);
  });
});

describe("every documented size has a class", () => {
  const hosts = [...ANYSHARE_TIERS.map((t) => t.host), ANYBACKUP_DEDUP_ON.host, ANYBACKUP_DEDUP_OFF.host, ANYBACKUP_MARKETPLACE_RECOMMENDED.host, OPS_SERVER.host];
  it.each(hosts.map((h) => [`${h.vcpu} vCPU / ${h.memoryGiB} GiB`, h] as const))("host %s", (_label, host) => {
    const choice = ec2InstanceType(host);
    expect(choice.vcpu).toBeGreaterThanOrEqual(host.vcpu);
    expect(choice.memoryGiB).toBeGreaterThanOrEqual(host.memoryGiB);
  });
  it.each(ANYSHARE_TIERS.map((t) => [`${t.users} users`, t.database] as const))("database of %s", (_label, db) => {
    const choice = rdsInstanceClass(db);
    expect(choice.vcpu).toBeGreaterThanOrEqual(db.vcpu);
    expect(choice.memoryGiB).toBeGreaterThanOrEqual(db.memoryGiB);
  });

  it("fails with the size and the known classes when nothing covers it", () => {
    expect(() => ec2InstanceType({ vcpu: 64, memoryGiB: 256 })).toThrow("no EC2 instance type in EC2_INSTANCE_TYPES covers 64 vCPU / 256 GiB");
  });
});
