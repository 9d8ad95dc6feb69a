/**
 * Tenant isolation on Alibaba Cloud, read from the RAM policies the demo stack registers: each
 * tenant's storage credentials name only that tenant's bucket (and key), with object read, write
 * and list actions, and no wildcard resource.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { OSS_BUCKET_ACTIONS, OSS_OBJECT_ACTIONS, KMS_ACTIONS } from "../../components/alicloud/index.js";
import { demoBlueprints } from "../helpers/fleet.js";
import type { RecordedResource } from "../../plan/mock-run.js";
import { named, runAlicloudStack } from "../helpers/stacks.js";

let resources: RecordedResource[];
beforeAll(async () => {
  resources = (await runAlicloudStack(await demoBlueprints())).resources;
});

const TENANTS_WITH_STORAGE = ["acme", "globex"];
const pairs = TENANTS_WITH_STORAGE.flatMap((a) => TENANTS_WITH_STORAGE.filter((b) => b !== a).map((b) => [a, b] as const));

function storage(tenant: string) {
  const prefix = `${tenant}-anybackup-cloud-storage`;
  const policy = JSON.parse(named(resources, "alicloud:ram/policy:Policy", `${prefix}-access`).inputs.policyDocument as string) as {
    Statement: { Effect: string; Action: string[]; Resource: string[] }[];
  };
  const attachment = named(resources, "alicloud:ram/userPolicyAttachment:UserPolicyAttachment", `${prefix}-user-access`).inputs;
  return { bucket: `${prefix}-bucket-0000001`, key: `${prefix}-key-id`, policy, attachment, user: `${prefix}-user` };
}

describe("RAM policies of the storage credentials", () => {
  it.each(TENANTS_WITH_STORAGE)("of %s name only its bucket, its objects and its key", (tenant) => {
    const s = storage(tenant);
    expect(s.policy.Statement.map((st) => st.Resource)).toEqual([[`acs:oss:*:*:${s.bucket}`], [`acs:oss:*:*:${s.bucket}/*`], [`acs:kms:*:*:key/${s.key}`]]);
    for (const st of s.policy.Statement) {
      expect(st.Effect).toBe("Allow");
      for (const r of st.Resource) expect(r.endsWith(":*") || r === "*" || r.includes(":*:*:*")).toBe(false);
    }
  });

  it.each(TENANTS_WITH_STORAGE)("of %s allow object read, write and list, and nothing else", (tenant) => {
    const actions = storage(tenant).policy.Statement.flatMap((st) => st.Action);
    expect(new Set(actions)).toEqual(new Set([...OSS_BUCKET_ACTIONS, ...OSS_OBJECT_ACTIONS, ...KMS_ACTIONS]));
    for (const action of actions) expect(action).not.toContain("*");
  });

  it.each(TENANTS_WITH_STORAGE)("of %s are attached to that tenant's user only", (tenant) => {
    const s = storage(tenant);
    expect(s.attachment).toMatchObject({ policyType: "Custom", userName: s.user });
  });

  it.each(pairs)("of %s never name %s's bucket or key", (a, b) => {
    const text = JSON.stringify(storage(a).policy);
    const other = storage(b);
    expect(text).not.toContain(other.bucket);
    expect(text).not.toContain(other.key);
  });
});
