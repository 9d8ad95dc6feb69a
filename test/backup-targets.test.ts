/**
 * The cloud-neutral parts of backup targets, licence ids, capacity metering and the licence freeze:
 * the dialog's storage types, the manifest's `backup` section, every documented licence id form,
 * and what the blueprint carries for each.
 */
import { describe, expect, expectTypeOf, it } from "vitest";
import {
  BYTES_PER_TB,
  capacityMeter,
  DEFAULT_CAPACITY_WARNING_SHARE,
  endpointProblems,
  fleetProblems,
  licenceIdLabel,
  licenceIdProblems,
  parseTenant,
  resolveBackupTarget,
  serviceHostOf,
  STORAGE_TYPES,
  tagProblems,
  tenantBlueprint,
  tenantFreeze,
  tenantTags,
  type StorageType,
  type Tenant,
  type TenantInput,
} from "../components/core/index.js";

const base: TenantInput = {
  id: "t1",
  name: "Test Ltd",
  contact: "ops@test.example",
  network: { cidr: "10.20.0.0/20" },
  services: [{ product: "anybackup-cloud", licence: { id: "ab_test_1", capacityTb: 10, start: "2026-01-01", end: "2027-01-01" }, deduplication: true }],
};

function parsed(input: unknown): Tenant {
  const result = parseTenant(input);
  if (!result.ok) throw new Error(result.problems.map((p) => `${p.path}: ${p.message}`).join("\n"));
  return result.tenant;
}

function problems(input: unknown): string[] {
  const result = parseTenant(input);
  return result.ok ? [] : result.problems.map((p) => `${p.path}: ${p.message}`);
}

describe("the dialog's storage types (product-facts.md §4)", () => {
  it("are exactly the ten documented strings", () => {
    expect([...STORAGE_TYPES].sort()).toEqual(
      [
        "Alibaba private cloud (S3)",
        "Alibaba public cloud (S3)",
        "Microsoft Azure",
        "UCloud",
        "EMC Atmos (S3)",
        "AWS (S3)",
        "Huawei Cloud OBS (S3)",
        "AnyShare Universal (S3)",
        "China Mobile cloud (S3)",
        "Tencent Cloud COS (S3)",
      ].sort(),
    );
  });

  it("are a typed union: a library user cannot write a type the dialog lacks", () => {
    expectTypeOf<"AWS (S3)">().toExtend<StorageType>();
    expectTypeOf<"Amazon S3">().not.toExtend<StorageType>();
    expectTypeOf<"MinIO">().not.toExtend<StorageType>();
  });
});

describe("the manifest's backup section", () => {
  it("defaults to the stack's target, and same-cloud when the stack says nothing", () => {
    const tenant = parsed(base);
    expect(resolveBackupTarget(tenant.backup)).toEqual({ target: "same-cloud" });
    expect(resolveBackupTarget(tenant.backup, "minio")).toEqual({ target: "minio" });
    expect(tenantBlueprint(tenant, {}, { backupTarget: "dr-copy" }).buckets[0]!.target).toEqual({ target: "dr-copy" });
  });

  it("takes each kind; the tenant's choice wins over the stack's", () => {
    const drCopy = parsed({ ...base, backup: { target: "dr-copy", drCloud: "alicloud" } });
    expect(tenantBlueprint(drCopy, {}, { backupTarget: "minio" }).buckets[0]!.target).toEqual({ target: "dr-copy", drCloud: "alicloud" });
    const byo = { target: "s3-compatible", type: "EMC Atmos (S3)", endpoint: "https://s3.store.example:9021", bucket: "t1-backups", accessId: "AKID1234", accessSecretConfig: "tenantry-backup:t1" };
    expect(parsed({ ...base, backup: byo }).backup).toEqual(byo);
  });

  it("refuses what the dialog or TLS does not allow, naming each field", () => {
    expect(
      problems({
        ...base,
        backup: { target: "s3-compatible", type: "MinIO", endpoint: "http://s3.store.example/bucket", bucket: "B", accessId: "x", accessSecretConfig: "no-namespace" },
      }),
    ).toEqual([
      expect.stringMatching(/^backup\.type: must be one of the dialog's storage types: /),
      "backup.endpoint: must use https:// (TLS), not http:// : the access secret would travel in the clear",
      "backup.endpoint: must be the service host only, without a path, query or fragment",
      "backup.bucket: must be an S3 bucket name: 3 to 63 lowercase letters, digits, '.' and '-', starting and ending with a letter or digit",
      "backup.accessId: must be an access key id (3 to 128 letters, digits or + / = . _ -)",
      "backup.accessSecretConfig: must be a Pulumi config key <namespace>:<name> (set it with pulumi config set --secret <key> <value>)",
    ]);
    expect(problems({ ...base, backup: { target: "tape" } })).toEqual([expect.stringMatching(/^backup\.target: /)]);
  });

  it("applies to AnyBackup tenants only", () => {
    const noBackup = { ...base, services: [{ product: "ops-server" }], backup: { target: "minio" } };
    expect(problems(noBackup)).toEqual(["backup: applies to AnyBackup only: the tenant has no anybackup-cloud service"]);
  });
});

describe("endpoints of S3-compatible stores", () => {
  it.each([
    ["https://s3.store.example", []],
    ["https://s3.store.example:9000/", []],
    ["ftp://s3.store.example", ["must use https:// (TLS), not ftp:// : the access secret would travel in the clear"]],
    ["https://key:secret@s3.store.example", ["must not carry credentials: give them as accessId and the config secret"]],
    ["s3.store.example", ["must be an absolute URL such as https://s3.example.net"]],
  ])("%s", (url, expected) => {
    expect(endpointProblems(url)).toEqual(expected);
  });

  it("give the dialog's service host: host and port, no scheme", () => {
    expect(serviceHostOf("https://minio.provider.example:9000")).toBe("minio.provider.example:9000");
  });
});

describe("licence ids as the vendor writes them (product-facts.md §2)", () => {
  // Every form the documents show: the e-mail example, and the as_ / ab_ / on_trial objects.
  const documented = ["as_auto_qiao.yifei@eisoo.com_1", "as_auto_acme_1", "ab_acme_1", "on_trial"];

  it.each(documented)("%s is a valid licence id and tag value on every cloud", (id) => {
    expect(licenceIdProblems(id)).toEqual([]);
    const product = id.startsWith("ab_") ? "anybackup-cloud" : "anyshare-cloud";
    const licence = product === "anybackup-cloud" ? { id, capacityTb: 10 } : { id, users: 100 };
    const tenant = parsed({ ...base, services: [{ product, licence: { ...licence, start: "2026-01-01", end: "2027-01-01" }, ...(product === "anybackup-cloud" ? { deduplication: true } : {}) }] });
    expect(tagProblems(tenantTags(tenant, tenant.services[0]))).toEqual([]);
  });

  it("writes '@' as '_at_' in a Kubernetes label value (labels cannot hold '@'; the exact id goes in an annotation)", () => {
    expect(licenceIdLabel("as_auto_qiao.yifei@eisoo.com_1")).toBe("as_auto_qiao.yifei_at_eisoo.com_1");
    expect(licenceIdLabel("ab_acme_1")).toBe("ab_acme_1");
    expect(licenceIdLabel("as_auto_qiao.yifei@eisoo.com_1")).toMatch(/^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/);
  });

  it("refuses what some cloud cannot carry", () => {
    expect(licenceIdProblems("ab acme 1")).toHaveLength(1);
    expect(licenceIdProblems("_ab_acme_1")).toHaveLength(1);
    expect(licenceIdProblems(`ab_${"x".repeat(41)}`)).toEqual([expect.stringMatching(/^must be 1 to 43 characters/)]);
    expect(licenceIdProblems("aliyun_acme_1")).toEqual(["must not start with 'aliyun' or 'acs:' (reserved in Alibaba Cloud tag values)"]);
    expect(licenceIdProblems("a@b@c@d@e@f@g@h@i@j@k@l@m@n@o@p@q@r@s@t@u@v")).toEqual([expect.stringMatching(/cannot be written as a Kubernetes label value/)]);
  });

  it("keeps label values unique across a fleet", () => {
    const tenant = (id: string, cidr: string, licence: string) =>
      parsed({ ...base, id, network: { cidr }, services: [{ ...base.services[0]!, licence: { id: licence, capacityTb: 10, start: "2026-01-01", end: "2027-01-01" } }] });
    const found = fleetProblems([
      { file: "a.yaml", tenant: tenant("a", "10.1.0.0/20", "ab_ops@a.example_1") },
      { file: "b.yaml", tenant: tenant("b", "10.2.0.0/20", "ab_ops_at_a.example_1") },
    ]);
    expect(found.map((p) => p.message)).toEqual([
      "reads as the same Kubernetes label value (ab_ops_at_a.example_1) as licence ab_ops@a.example_1 of a.yaml: label values of licence ids are unique across the fleet",
    ]);
  });
});

describe("capacity metering (product-facts.md §2)", () => {
  it("alarms at the licensed capacity, and warns at a share of it (Tenantry's default 80 %)", () => {
    expect(DEFAULT_CAPACITY_WARNING_SHARE).toBe(0.8);
    expect(capacityMeter(10)).toEqual({ licensedTb: 10, licensedBytes: 10 * BYTES_PER_TB, tier: "0-20", warningShare: 0.8, warningBytes: 8 * BYTES_PER_TB });
    expect(capacityMeter(60, 0.9)).toMatchObject({ tier: "50-100", warningBytes: 54 * BYTES_PER_TB });
    expect(capacityMeter("unlimited")).toBeUndefined();
    expect(() => capacityMeter(10, 1)).toThrow(RangeError);
  });

  it("goes into the blueprint of each AnyBackup bucket, with the stack's share", () => {
    expect(tenantBlueprint(parsed(base), {}, { capacityWarningShare: 0.5 }).buckets[0]!.capacity).toMatchObject({ licensedTb: 10, warningBytes: 5 * BYTES_PER_TB });
  });
});

describe("the licence freeze", () => {
  const expired = parsed({ ...base, services: [{ ...base.services[0]!, licence: { id: "ab_test_1", capacityTb: 10, start: "2025-01-01", end: "2026-01-01" } }] });
  const at = new Date("2026-06-15T00:00:00Z");

  it("freezes a tenant whose licence expired, with the documented urgent alert naming the customer and the licence object", () => {
    expect(tenantFreeze(expired, at)).toEqual({
      tenant: "t1",
      customer: "Test Ltd",
      licences: [{ product: "anybackup-cloud", id: "ab_test_1", end: "2026-01-01", alert: "URGENT: licence expired: customer Test Ltd, licence object ab_test_1 (expired 2026-01-01)" }],
    });
    expect(tenantBlueprint(expired, {}, { at }).freeze?.tenant).toBe("t1");
    expect(tenantBlueprint(expired).freeze).toBeUndefined();
    expect(tenantFreeze(parsed(base), at)).toBeUndefined();
  });

  it("is lifted by an acknowledgement of licence-expired, with its reason", () => {
    const acknowledged = parsed({ ...expired, acknowledge: [{ rule: "licence-expired", reason: "renewal ordered 2026-06-01" }] });
    expect(tenantFreeze(acknowledged, at)).toBeUndefined();
  });
});
