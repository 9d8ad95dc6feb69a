import { describe, expect, it } from "vitest";
import { ANYBACKUP_MARKETPLACE_RECOMMENDED } from "../../components/core/index.js";
import { ecsFlavor, rdsBaseFlavor, rdsFlavor } from "../../components/huaweicloud/index.js";
import { documentedDatabaseFlavors, documentedVmFlavors } from "../helpers/flavor-table.js";

describe("ECS flavours match instance-flavors.md §2", () => {
  it.each(documentedVmFlavors("Huawei").map((f) => [`${f.vcpu} / ${f.memoryGiB}`, f] as const))("%s", (_size, documented) => {
    expect(ecsFlavor(documented)).toMatchObject({ name: documented.name, exact: documented.exact });
  });

  it("gives the marketplace's recommended AnyBackup host (8 vCPU / 16 GiB) c7.2xlarge.2, exactly", () => {
    expect(ecsFlavor(ANYBACKUP_MARKETPLACE_RECOMMENDED.host)).toEqual({ name: "c7.2xlarge.2", vcpu: 8, memoryGiB: 16, exact: true });
  });
});

describe("RDS for MySQL flavours match instance-flavors.md §3", () => {
  it.each(documentedDatabaseFlavors("Huawei").map((f) => [`${f.vcpu}C${f.memoryGiB}G`, f] as const))("%s (single; primary/standby adds .ha)", (_size, documented) => {
    expect(rdsFlavor(documented)).toMatchObject({ name: documented.name, exact: documented.exact });
    expect(rdsFlavor(documented, "ha")).toMatchObject({ name: `${documented.name}.ha`, exact: documented.exact });
    expect(rdsBaseFlavor(`${documented.name}.ha`)).toBe(documented.name);
  });

  it("says so when no flavour covers a size", () => {
    expect(() => rdsFlavor({ vcpu: 16, memoryGiB: 64 })).toThrow("no RDS flavour in RDS_FLAVORS covers 16 vCPU / 64 GiB");
  });
});
