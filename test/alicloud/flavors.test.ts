import { describe, expect, it } from "vitest";
import { ecsInstanceType, rdsInstanceClass } from "../../components/alicloud/index.js";
import { ANYSHARE_TIERS } from "../../components/core/index.js";
import { documentedDatabaseFlavors, documentedVmFlavors } from "../helpers/flavor-table.js";

describe("ECS instance types match instance-flavors.md §2", () => {
  it.each(documentedVmFlavors("Alibaba").map((f) => [`${f.vcpu} / ${f.memoryGiB}`, f] as const))("%s", (_size, documented) => {
    expect(ecsInstanceType(documented)).toMatchObject({ name: documented.name, exact: documented.exact });
  });
});

describe("RDS high-availability classes match instance-flavors.md §3", () => {
  it.each(documentedDatabaseFlavors("Alibaba").map((f) => [`${f.vcpu}C${f.memoryGiB}G`, f] as const))("%s", (_size, documented) => {
    expect(rdsInstanceClass(documented)).toMatchObject({ name: documented.name, exact: documented.exact });
  });
});

describe("RDS Basic series", () => {
  it("covers the documented databases up to 2 vCPU / 4 GiB with mysql.n2.medium.1", () => {
    expect(rdsInstanceClass(ANYSHARE_TIERS[0]!.database, "Basic")).toMatchObject({ name: "mysql.n2.medium.1", exact: false });
  });

  it("says so when the reference holds no Basic class for a size", () => {
    expect(() => rdsInstanceClass(ANYSHARE_TIERS[6]!.database, "Basic")).toThrow("no RDS Basic class in RDS_INSTANCE_CLASSES covers 8 vCPU / 16 GiB");
  });
});
