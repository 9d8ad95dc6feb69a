/**
 * The backup-targets demo fleet (examples/backup-targets) on Huawei Cloud with the huaweicloud-demo
 * configuration, under mocks: the same four kinds as on AWS and Alibaba Cloud (the core's dispatch),
 * each giving exactly the dialog's fields. The DR copy is an OBS bucket in the DR region with the
 * primary's settings; it is not replicated by OBS (the Pulumi provider has no replication resource)
 * and the outputs say so. OBS buckets carry no capacity alarm (no documented bucket-size metric).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { loadFleet, tenantBlueprint, type BackupTargetOutputs } from "../components/core/index.js";
import type { MockRun } from "../plan/mock-run.js";
import { named, ofTenant, ofType, resolve, runHuaweicloudStack } from "./helpers/stacks.js";

type Outputs = Record<string, { backupStorage: Record<string, BackupTargetOutputs<unknown>> }>;

const DIALOG_FIELDS = ["accessId", "accessSecret", "name", "serviceHost", "type"];

async function dialog(d: unknown) {
  const f = d as Record<string, unknown>;
  return { fields: Object.keys(f).sort(), name: f.name, type: f.type, serviceHost: (await resolve<string>(f.serviceHost)).value, secret: (await resolve(f.accessSecret)).secret };
}

describe("huaweicloud: one demo tenant per backup target", () => {
  let demo: MockRun<Outputs>;
  beforeAll(async () => {
    const fleet = await loadFleet(["examples/backup-targets"]);
    if (!fleet.ok) throw new Error("examples/backup-targets is invalid");
    demo = (await runHuaweicloudStack(fleet.tenants.map((t) => tenantBlueprint(t.tenant)))) as MockRun<Outputs>;
  });
  const storage = (tenant: string) => demo.outputs[tenant]!.backupStorage["anybackup-cloud"]!;

  it("same-cloud (acme): an OBS bucket and exactly the dialog's fields", async () => {
    expect(storage("acme").target).toBe("same-cloud");
    expect(await dialog(storage("acme").dialog)).toEqual({ fields: DIALOG_FIELDS, name: "acme-anybackup-cloud-storage", type: "Huawei Cloud OBS (S3)", serviceHost: "obs.cn-north-4.myhuaweicloud.com", secret: true });
  });

  it("dr-copy (globex): a second OBS bucket in the DR region, through its provider, with the primary's settings, not replicated", async () => {
    const s = storage("globex");
    expect(s.drCopy).toMatchObject({ cloud: "huaweicloud", replicated: false });
    expect((await resolve(s.drCopy!.region)).value).toBe("cn-east-3");
    expect(await dialog(s.drCopy!.dialog)).toEqual({ fields: DIALOG_FIELDS, name: "globex-anybackup-cloud-storage-dr", type: "Huawei Cloud OBS (S3)", serviceHost: "obs.cn-east-3.myhuaweicloud.com", secret: true });
    expect(ofType(demo.resources, "pulumi:providers:huaweicloud").map((p) => [p.name, p.inputs.region])).toEqual([["dr-cn-east-3", "cn-east-3"]]);
    const kinds = (prefix: string) =>
      ofTenant(demo.resources, "globex")
        .filter((r) => r.parent === prefix)
        .map((r) => [r.type, r.name.slice(prefix.length)])
        .sort();
    expect(kinds("globex-anybackup-cloud-storage-dr")).toEqual(kinds("globex-anybackup-cloud-storage"));
    const settings = (name: string) => {
      const { tags: _t, bucket: _b, kmsKeyId: _k, loggings, ...rest } = named(demo.resources, "huaweicloud:Obs/bucket:Bucket", name).inputs;
      // Each copy logs into a log bucket of its own.
      return { ...rest, loggings: (loggings as { targetPrefix?: string }[]).map((l) => l.targetPrefix) };
    };
    expect(settings("globex-anybackup-cloud-storage-dr-bucket")).toEqual(settings("globex-anybackup-cloud-storage-bucket"));
  });

  it("minio (hooli) and s3-compatible (umbrella): their dialogs, and no OBS bucket", async () => {
    expect(storage("hooli").target).toBe("minio");
    expect(await dialog(storage("hooli").dialog)).toMatchObject({ type: "AnyShare Universal (S3)", serviceHost: "minio.provider.example:9000", secret: true });
    expect(storage("umbrella").target).toBe("s3-compatible");
    expect(await dialog(storage("umbrella").dialog)).toMatchObject({ type: "EMC Atmos (S3)", serviceHost: "s3.storage.provider.example", secret: true });
    const buckets = ofType(demo.resources, "huaweicloud:Obs/bucket:Bucket").map((b) => b.name);
    expect(buckets.filter((b) => b.startsWith("hooli-") || b.startsWith("umbrella-"))).toEqual([]);
  });

  it("registers no capacity alarm on OBS (Cloud Eye documents no bucket-size metric)", () => {
    expect(ofType(demo.resources, "huaweicloud:Cse/alarmrule:Alarmrule").filter((a) => a.name.includes("-storage"))).toEqual([]);
  });
});
