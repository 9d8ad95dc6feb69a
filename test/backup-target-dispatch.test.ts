/**
 * The core's one dispatch of the four backup-target kinds (`renderBackupTarget`): what it asks of a
 * cloud's factory for each kind, and that moving the dispatch into the core changed no URN of the
 * backup-targets demo (the tenants' target resources, recorded before the move).
 */
import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { loadFleet, renderBackupTarget, tenantBlueprint, type BackupTarget, type BackupTargetFactory, type TenantBlueprint } from "../components/core/index.js";
import { runAlicloudStack, runAwsStack } from "./helpers/stacks.js";
import { targetUrns } from "./helpers/target-urns.js";

/** A factory that records each call and returns plain strings. */
function recording(cloud: "aws" | "alicloud" = "aws") {
  const calls: string[] = [];
  const dialog = (name: string) => ({ name, type: "AWS (S3)" as const, serviceHost: `host-${name}`, accessId: `id-${name}`, accessSecret: `secret-${name}` });
  const factory: BackupTargetFactory<string, string> = {
    cloud,
    bucket: (name, where) => (calls.push(`bucket ${name} ${where}`), { handle: `h-${name}`, bucket: `b-${name}`, dialog: dialog(name) }),
    capacity: (name, primary) => void calls.push(`capacity ${name} ${primary}`),
    drRegion: () => "dr-region",
    replicate: (name, primary, copy) => void calls.push(`replicate ${name} ${primary} ${copy}`),
    otherCloudCopy: (other, name) => (calls.push(`other ${other} ${name}`), { region: "other-region", bucket: `b-${name}`, dialog: dialog(name) }),
    minio: (name) => (calls.push(`minio ${name}`), { bucket: `b-${name}`, dialog: dialog(name) }),
    s3Compatible: (name, t) => (calls.push(`s3 ${name} ${t.bucket}`), { bucket: t.bucket, dialog: dialog(name) }),
  };
  return { calls, factory };
}

const render = (target: BackupTarget, capacity?: object) => {
  const r = recording();
  const out = renderBackupTarget("t-storage", { target, ...(capacity ? { capacity } : {}) }, r.factory);
  return { calls: r.calls, out };
};

describe("renderBackupTarget", () => {
  it("same-cloud: the primary, metered when the licence has a capacity", () => {
    expect(render({ target: "same-cloud" }, { tb: 10 }).calls).toEqual(["bucket t-storage primary", "capacity t-storage-capacity h-t-storage"]);
    const { calls, out } = render({ target: "same-cloud" });
    expect(calls).toEqual(["bucket t-storage primary"]);
    expect(out).toEqual({ target: "same-cloud", bucket: "b-t-storage", dialog: expect.objectContaining({ name: "t-storage" }) });
  });

  it("dr-copy on the same cloud: the copy in the DR region, replicated by the cloud", () => {
    const { calls, out } = render({ target: "dr-copy" });
    expect(calls).toEqual(["bucket t-storage primary", "bucket t-storage-dr dr", "replicate t-storage-replication h-t-storage h-t-storage-dr"]);
    expect(out.drCopy).toEqual({ cloud: "aws", region: "dr-region", bucket: "b-t-storage-dr", replicated: true, dialog: expect.objectContaining({ name: "t-storage-dr" }) });
    expect(render({ target: "dr-copy", drCloud: "aws" }).calls).toEqual(calls);
  });

  it("dr-copy on another cloud: the stack's copy there, not replicated (AnyBackup fills it), with its own dialog", () => {
    const { calls, out } = render({ target: "dr-copy", drCloud: "huaweicloud" });
    expect(calls).toEqual(["bucket t-storage primary", "other huaweicloud t-storage-dr"]);
    expect(out.drCopy).toEqual({ cloud: "huaweicloud", region: "other-region", bucket: "b-t-storage-dr", replicated: false, dialog: expect.objectContaining({ name: "t-storage-dr" }) });
  });

  it("minio and s3-compatible: the factory's own, never a bucket on the cloud", () => {
    expect(render({ target: "minio" }, { tb: 1 }).calls).toEqual(["minio t-storage"]);
    const t = { target: "s3-compatible", type: "EMC Atmos (S3)", endpoint: "https://s3.example", bucket: "own", accessId: "ID123", accessSecretConfig: "x:y" } as const;
    const { calls, out } = render(t);
    expect(calls).toEqual(["s3 t-storage own"]);
    expect(out).toMatchObject({ target: "s3-compatible", bucket: "own" });
  });
});

describe("the backup-targets demo's URNs", () => {
  let blueprints: TenantBlueprint[];
  beforeAll(async () => {
    const fleet = await loadFleet(["examples/backup-targets"]);
    if (!fleet.ok) throw new Error("examples/backup-targets is invalid");
    blueprints = fleet.tenants.map((t) => tenantBlueprint(t.tenant));
  });
  // Recorded before the dispatch moved into the core (test/fixtures/backup-target-urns.json).
  const before = JSON.parse(readFileSync("test/fixtures/backup-target-urns.json", "utf8")) as Record<"aws" | "alicloud", string[]>;

  it("are unchanged on AWS", async () => {
    expect(targetUrns((await runAwsStack(blueprints)).resources)).toEqual(before.aws);
  });

  it("are unchanged on Alibaba Cloud", async () => {
    expect(targetUrns((await runAlicloudStack(blueprints)).resources)).toEqual(before.alicloud);
  });
});
