/** Huawei Cloud components on their own, as a library user would use them, and the stack's configuration checks. */
import { describe, expect, it } from "vitest";
import { OPS_SERVER, planSubnets, sizeForAnyShare } from "../../components/core/index.js";
import { clipName, gatewayIpOf, HuaweiBackupStorage, HuaweiDatabase, HuaweiHost, HuaweiNetwork } from "../../components/huaweicloud/index.js";
import { runUnderMocks } from "../../plan/mock-run.js";
import { readHuaweicloudStackConfig } from "../../stacks/huaweicloud.js";
import { demoBlueprints } from "../helpers/fleet.js";
import { named, ofType } from "../helpers/stacks.js";

const tags = { "managed-by": "tenantry", "tenantry:tenant": "solo" };
const network = { cidr: "10.50.0.0/20", zones: 2, subnets: planSubnets("10.50.0.0/20", 2) };

describe("HuaweiNetwork", () => {
  it("without NAT: no gateway, no SNAT; subnets with their gateways, in the region's zones", async () => {
    const { resources } = await runUnderMocks(() => new HuaweiNetwork("n", { network, tags, natStrategy: "none" }));
    expect(ofType(resources, "huaweicloud:Nat/gateway:Gateway")).toEqual([]);
    expect(ofType(resources, "huaweicloud:Nat/snatRule:SnatRule")).toEqual([]);
    expect(ofType(resources, "huaweicloud:Vpc/subnet:Subnet").map((s) => [s.inputs.cidr, s.inputs.gatewayIp, s.inputs.availabilityZone])).toEqual(
      network.subnets.map((s) => [s.cidr, gatewayIpOf(s.cidr), `cn-north-4${s.zone === 0 ? "a" : "b"}`]),
    );
    expect(gatewayIpOf("10.50.0.0/24")).toBe("10.50.0.1");
  });

  it("refuses SSH from the whole internet and a NAT gateway without bandwidth, all at once", async () => {
    await expect(runUnderMocks(() => new HuaweiNetwork("n", { network, tags, adminCidrs: ["0.0.0.0/0"] }))).rejects.toThrow(
      [
        "invalid arguments of HuaweiNetwork n:",
        'args.adminCidrs[0]: must not open SSH to the whole internet: name the networks that need it (got "0.0.0.0/0")',
        "args.natBandwidthMbps: is required with a NAT gateway: the bandwidth of its EIP in Mbit/s (not documented)",
      ].join("\n"),
    );
  });
});

describe("HuaweiHost", () => {
  it("when public, gets an EIP with the documented bandwidth of its tier, bound to the instance", async () => {
    const tier = sizeForAnyShare(2000);
    const { resources } = await runUnderMocks(
      () => new HuaweiHost("h", { size: tier.host, source: tier.source, subnetId: "net", securityGroupIds: ["g"], imageId: "img", kmsKeyId: "key", tags, publicIp: true }),
    );
    expect(named(resources, "huaweicloud:Vpc/eip:Eip", "h-eip").inputs.bandwidth).toEqual({ shareType: "PER", name: "h-eip", size: 20, chargeMode: "bandwidth" });
    expect(named(resources, "huaweicloud:Ecs/eipAssociate:EipAssociate", "h-eip-association").inputs).toEqual({ instanceId: "h-instance-id", publicIp: "203.0.113.30" });
    expect(named(resources, "huaweicloud:Ecs/instance:Instance", "h-instance").inputs).toMatchObject({ flavorId: "c7.4xlarge.2", systemDiskKmsKeyId: "key" });
  });

  it("refuses a host without a disk key, or public without a bandwidth, all at once", async () => {
    const run = runUnderMocks(() => new HuaweiHost("h", { size: OPS_SERVER.host, source: OPS_SERVER.source, subnetId: "net", securityGroupIds: [], imageId: "img", tags } as never));
    await expect(run).rejects.toThrow(
      [
        "invalid arguments of HuaweiHost h:",
        "args.kmsKeyId: is required: the KMS key that encrypts the disks",
        "args.publicBandwidthMbps: is required for a public host whose size documents no bandwidth (EIP bandwidth in Mbit/s)",
      ].join("\n"),
    );
  });
});

describe("HuaweiDatabase", () => {
  const tier = sizeForAnyShare(1000);
  const base = { size: tier.database, source: tier.source, vpcId: "vpc", subnetId: "net", securityGroupId: "sg", zoneNames: ["z1", "z2"], kmsKeyId: "key", engineVersion: "8.0", tags };

  it("ha: the .ha flavour, primary and standby in two zones, semi-synchronous", async () => {
    const { resources } = await runUnderMocks(() => new HuaweiDatabase("d", { ...base, mode: "ha" }));
    expect(named(resources, "huaweicloud:Rds/instance:Instance", "d-mysql").inputs).toMatchObject({ flavor: "rds.mysql.n1.large.2.ha", availabilityZones: ["z1", "z2"], haReplicationMode: "semisync" });
  });

  it("refuses ha in one zone", async () => {
    await expect(runUnderMocks(() => new HuaweiDatabase("d", { ...base, zoneNames: ["z1"], mode: "ha" }))).rejects.toThrow("args.zoneNames: must name two zones for ha (primary and standby)");
  });

  it("refuses short retention and a bad backup window, all at once", async () => {
    const run = runUnderMocks(() => new HuaweiDatabase("d", { ...base, zoneNames: ["z1"], mode: "ha", backupRetentionDays: 3, backupWindow: "2am" }));
    await expect(run).rejects.toThrow(
      [
        "invalid arguments of HuaweiDatabase d:",
        "args.backupRetentionDays: must be at least 7 (got 3)",
        'args.backupWindow: must be a one-hour window hh:00-HH:00 (UTC) (got "2am")',
      ].join("\n"),
    );
  });
});

describe("HuaweiBackupStorage", () => {
  it("names its region's OBS endpoint as the service host", async () => {
    const { outputs } = await runUnderMocks(() => new HuaweiBackupStorage("s", { tags, region: "ap-southeast-1", noncurrentVersionExpirationDays: 7 }).addCloudStorage);
    expect(outputs.serviceHost).toBe("obs.ap-southeast-1.myhuaweicloud.com");
    expect(outputs.type).toBe("Huawei Cloud OBS (S3)");
  });

  it("refuses a region that is not one", async () => {
    await expect(runUnderMocks(() => new HuaweiBackupStorage("s", { tags, region: "Beijing", noncurrentVersionExpirationDays: 7 }))).rejects.toThrow(
      'args.region: must be a Huawei Cloud region id such as cn-north-4 (got "Beijing")',
    );
  });

  it("IAM names never get a double hyphen where the cut ends on one, and keep their logical names (the bucket's name is left as released)", async () => {
    expect(clipName("globex-anybackup-cloud-storage", 23)).toBe("globex-anybackup-cloud");
    expect(clipName("acme-anybackup-cloud-storage", 23)).toBe("acme-anybackup-cloud-st");
    expect(clipName("a--b---", 7)).toBe("a--b");
    const { resources } = await runUnderMocks(() => new HuaweiBackupStorage("globex-anybackup-cloud-storage", { tags, region: "cn-north-4", noncurrentVersionExpirationDays: 7 }));
    const iam = resources.filter((r) => /^huaweicloud:Iam\/(user|group|role):/.test(r.type));
    expect(iam.map((r) => r.name).sort()).toEqual([
      "globex-anybackup-cloud-storage-group",
      "globex-anybackup-cloud-storage-kms-access",
      "globex-anybackup-cloud-storage-log-delivery",
      "globex-anybackup-cloud-storage-obs-access",
      "globex-anybackup-cloud-storage-user",
    ]);
    for (const r of iam) expect(String(r.inputs.name), r.name).not.toContain("--");
    const user = named(resources, "huaweicloud:Iam/user:User", "globex-anybackup-cloud-storage-user");
    expect(String(user.inputs.name)).toMatch(/^globex-anybackup-cloud-[a-z0-9]+$/);
    expect(String(user.inputs.name).length).toBeLessThanOrEqual(32);
  });
});

describe("the huaweicloud stack's configuration", () => {
  it("names every bad key at once: unknown keys, bad values, and what the fleet needs", async () => {
    const blueprints = await demoBlueprints();
    const raw = { images: { "anyshare-cloud": "centos-6" }, natStrategy: "many", zoneNames: ["north"], rdsMode: "ha", colour: "blue" };
    expect(() => readHuaweicloudStackConfig(raw, blueprints, "cn-north-4")).toThrow(
      [
        "invalid stack configuration:",
        'tenantry:huaweicloud.images.anyshare-cloud: must be an IMS image id (a UUID) (got "centos-6")',
        'tenantry:huaweicloud.natStrategy: must be one of none, single (got "many")',
        'tenantry:huaweicloud.zoneNames[0]: must be an availability zone name such as cn-north-4a (got "north")',
        'tenantry:huaweicloud.colour: Unrecognized key: "colour" (got "blue")',
      ].join("\n"),
    );
    const problems = (() => {
      try {
        readHuaweicloudStackConfig({ images: {} }, blueprints, undefined);
        return "";
      } catch (error) {
        return (error as Error).message;
      }
    })();
    for (const key of ["huaweicloud:region", "tenantry:huaweicloud.natBandwidthMbps", "tenantry:huaweicloud.opsBandwidthMbps", "tenantry:huaweicloud.images.anyshare-cloud", "tenantry:huaweicloud.mysqlEngineVersion", "tenantry:huaweicloud.noncurrentVersionExpirationDays"]) {
      expect(problems).toContain(`\n${key}: is required`);
    }
  });
});
