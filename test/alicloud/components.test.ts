/** Alibaba Cloud components on their own, as a library user would use them. */
import { describe, expect, it } from "vitest";
import { AlicloudDatabase, AlicloudHost, AlicloudNetwork } from "../../components/alicloud/index.js";
import { OPS_SERVER, planSubnets, sizeForAnyShare } from "../../components/core/index.js";
import { named, ofType } from "../helpers/stacks.js";
import { runUnderMocks } from "../../plan/mock-run.js";

const tags = { "managed-by": "tenantry", "tenantry:tenant": "solo" };
const network = { cidr: "10.50.0.0/20", zones: 2, subnets: planSubnets("10.50.0.0/20", 2) };

describe("AlicloudNetwork", () => {
  it("without NAT: no gateway, no SNAT, no bandwidth needed", async () => {
    const { resources } = await runUnderMocks(() => new AlicloudNetwork("n", { network, tags, natStrategy: "none" }));
    expect(ofType(resources, "alicloud:vpc/natGateway:NatGateway")).toEqual([]);
    expect(ofType(resources, "alicloud:vpc/snatEntry:SnatEntry")).toEqual([]);
    expect(ofType(resources, "alicloud:vpc/switch:Switch").map((s) => [s.inputs.cidrBlock, s.inputs.zoneId])).toEqual(
      network.subnets.map((s) => [s.cidr, `cn-hangzhou-${s.zone === 0 ? "i" : "j"}`]),
    );
  });

  it("asks for the NAT EIP's bandwidth, which the documents do not give", async () => {
    await expect(runUnderMocks(() => new AlicloudNetwork("n", { network, tags }))).rejects.toThrow(
      "invalid arguments of AlicloudNetwork n:\nargs.natBandwidthMbps: is required with a NAT gateway: the bandwidth of its EIP in Mbit/s (not documented)",
    );
  });
});

describe("AlicloudHost", () => {
  it("when public, gets an EIP with the documented bandwidth of its tier", async () => {
    const tier = sizeForAnyShare(2000);
    const { resources } = await runUnderMocks(
      () => new AlicloudHost("h", { size: tier.host, source: tier.source, vswitchId: "v", securityGroupIds: ["g"], imageId: "img", tags, publicIp: true, billing: "yearly" }),
    );
    expect(named(resources, "alicloud:ecs/eipAddress:EipAddress", "h-eip").inputs).toMatchObject({ bandwidth: "20", internetChargeType: "PayByBandwidth" });
    expect(named(resources, "alicloud:ecs/instance:Instance", "h-instance").inputs).toMatchObject({ instanceChargeType: "PrePaid", period: 12, periodUnit: "Month" });
  });

  it("refuses a public host without a bandwidth to give its EIP", async () => {
    const run = runUnderMocks(() => new AlicloudHost("h", { size: OPS_SERVER.host, source: OPS_SERVER.source, vswitchId: "v", securityGroupIds: [], imageId: "img", tags }));
    await expect(run).rejects.toThrow(
      "invalid arguments of AlicloudHost h:\nargs.publicBandwidthMbps: is required for a public host whose size documents no bandwidth (EIP bandwidth in Mbit/s)",
    );
  });
});

describe("AlicloudDatabase", () => {
  const tier = sizeForAnyShare(100);
  const base = { size: tier.database, source: tier.source, vswitchIds: ["a", "b"], zoneIds: ["z1", "z2"], allowedCidrs: ["10.0.1.0/24"], engineVersion: "8.0", tags };

  it("Basic: one node, in the first zone", async () => {
    const { resources } = await runUnderMocks(() => new AlicloudDatabase("d", { ...base, category: "Basic" }));
    const db = named(resources, "alicloud:rds/instance:Instance", "d-mysql").inputs;
    expect(db).toMatchObject({ category: "Basic", instanceType: "mysql.n2.medium.1", vswitchId: "a", zoneId: "z1" });
    expect(db.zoneIdSlaveA).toBeUndefined();
  });

  it("refuses an empty whitelist and short retention, all at once", async () => {
    const run = runUnderMocks(() => new AlicloudDatabase("d", { ...base, allowedCidrs: [], backupRetentionDays: 1 }));
    await expect(run).rejects.toThrow(
      [
        "invalid arguments of AlicloudDatabase d:",
        "args.allowedCidrs: must list at least one CIDR: nobody could reach the database (got [])",
        "args.backupRetentionDays: must be at least 7 (got 1)",
      ].join("\n"),
    );
  });
});
