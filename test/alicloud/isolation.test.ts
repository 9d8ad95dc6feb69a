/**
 * Tenant isolation on Alibaba Cloud, judged by an evaluator of RAM policy grammar
 * (test/helpers/ram-evaluator.ts) over the policies the demo stack registers under mocks: every
 * RAM principal of every tenant (users, roles) x every other tenant's resources x the sensitive
 * actions. `shared`: no cross-tenant allow but the documented unscopable reads; `account`: none.
 * And each tenant's own principals can still do their job.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { ALICLOUD_UNSCOPABLE_READS } from "../../components/alicloud/index.js";
import { MOCK_ALICLOUD_ACCOUNT, MOCK_ALICLOUD_REGION, type RecordedResource } from "../../plan/mock-run.js";
import { demoBlueprints, withDrCopyOn } from "../helpers/fleet.js";
import { evaluateRam, type RamDecision, type RamPolicy } from "../helpers/ram-evaluator.js";
import { runAlicloudStack, runAwsStack, tenantOf } from "../helpers/stacks.js";

const ACCOUNTS = { acme: "1111111111111111", globex: "2222222222222222", initech: "3333333333333333" };

interface Principal {
  tenant: string;
  name: string;
  arn: string;
  account: string;
  policies: RamPolicy[];
  system: string[];
}

type Kind = "object" | "bucket" | "key" | "instance" | "disk" | "database" | "unscopable";
interface Target {
  tenant: string;
  kind: Kind;
  arn: string;
  account: string;
  policy?: RamPolicy;
}

const SENSITIVE: Record<Kind, string[]> = {
  object: ["oss:GetObject", "oss:PutObject", "oss:DeleteObject", "oss:DeleteObjectVersion"],
  bucket: ["oss:ListObjects", "oss:PutBucketPolicy", "oss:DeleteBucket"],
  key: ["kms:Decrypt", "kms:GenerateDataKey", "kms:ScheduleKeyDeletion"],
  instance: ["ecs:StopInstance", "ecs:ModifyInstanceAttribute", "ecs:DeleteInstance"],
  disk: ["ecs:DetachDisk", "ecs:DeleteDisk"],
  database: ["rds:DescribeDBInstanceAttribute", "rds:DescribeSlowLogs", "rds:ModifyDBInstanceSpec", "rds:DeleteDBInstance"],
  unscopable: ["ecs:DescribeInstances", "ecs:DescribeDisks", "cms:DescribeMetricList", "cms:DescribeMetricRuleList"],
};

const of = (rs: readonly RecordedResource[], type: string) => rs.filter((r) => r.type === type);
const json = (v: unknown) => JSON.parse(String(v)) as RamPolicy;

/** The tenant a resource belongs to: its tag, else the tenant component above it. */
function ownerOf(r: RecordedResource, byName: Map<string, RecordedResource>): string | undefined {
  for (let at: RecordedResource | undefined = r; at; at = at.parent ? byName.get(at.parent) : undefined) {
    if (tenantOf(at)) return tenantOf(at);
    // A tenant on any cloud: an AWS or Huawei stack keeps a tenant's DR copy on Alibaba Cloud under it.
    if (/^tenantry:[a-z]+:Tenant$/.test(at.type)) return at.name;
  }
  return undefined;
}

/** Each tenant's account: that of its provider (`account` isolation), else the stack's. */
function accountOf(rs: readonly RecordedResource[], tenant: string): string {
  const provider = rs.find((r) => r.type === "pulumi:providers:alicloud" && r.name === `${tenant}-account`);
  if (!provider) return MOCK_ALICLOUD_ACCOUNT;
  const assume = typeof provider.inputs.assumeRole === "string" ? JSON.parse(provider.inputs.assumeRole) : provider.inputs.assumeRole;
  return String((assume as { roleArn: string }).roleArn).split(":")[3]!;
}

function principals(rs: readonly RecordedResource[]): Principal[] {
  const byName = new Map(rs.map((r) => [r.name, r]));
  const custom = new Map(of(rs, "alicloud:ram/policy:Policy").map((p) => [String(p.inputs.policyName), json(p.inputs.policyDocument)]));
  const collect = (r: RecordedResource, kind: "user" | "role", key: string, attachType: string): Principal => {
    const tenant = ownerOf(r, byName)!;
    const account = accountOf(rs, tenant);
    const id = String(kind === "user" ? (r.outputs.name ?? r.name) : r.inputs.roleName);
    const attached = of(rs, attachType).filter((a) => String(a.inputs[key]) === id);
    return {
      tenant,
      name: r.name,
      arn: `acs:ram::${account}:${kind}/${id}`,
      account,
      policies: attached.filter((a) => a.inputs.policyType === "Custom").map((a) => custom.get(String(a.inputs.policyName))!),
      system: attached.filter((a) => a.inputs.policyType !== "Custom").map((a) => String(a.inputs.policyName)),
    };
  };
  return [
    ...of(rs, "alicloud:ram/user:User").map((u) => collect(u, "user", "userName", "alicloud:ram/userPolicyAttachment:UserPolicyAttachment")),
    ...of(rs, "alicloud:ram/role:Role").map((r) => collect(r, "role", "roleName", "alicloud:ram/rolePolicyAttachment:RolePolicyAttachment")),
  ];
}

function targets(rs: readonly RecordedResource[]): Target[] {
  const out: Target[] = [];
  const arn = (service: string, account: string, resource: string) => `acs:${service}:${MOCK_ALICLOUD_REGION}:${account}:${resource}`;
  const policies = of(rs, "alicloud:oss/bucketPolicy:BucketPolicy");
  for (const b of of(rs, "alicloud:oss/bucket:Bucket")) {
    const tenant = tenantOf(b)!;
    const account = accountOf(rs, tenant);
    const name = String(b.outputs.bucket);
    const policy = policies.find((p) => p.inputs.bucket === name);
    const doc = policy ? json(policy.inputs.policy) : undefined;
    out.push({ tenant, kind: "bucket", arn: arn("oss", account, name), account, ...(doc ? { policy: doc } : {}) });
    out.push({ tenant, kind: "object", arn: arn("oss", account, `${name}/backup/file.dat`), account, ...(doc ? { policy: doc } : {}) });
  }
  const add = (type: string, kind: Kind, resource: (r: RecordedResource) => string, service: string) => {
    for (const r of of(rs, type)) {
      const tenant = tenantOf(r);
      if (tenant) out.push({ tenant, kind, arn: arn(service, accountOf(rs, tenant), resource(r)), account: accountOf(rs, tenant) });
    }
  };
  add("alicloud:kms/key:Key", "key", (r) => `key/${r.name}-id`, "kms");
  add("alicloud:ecs/instance:Instance", "instance", (r) => `instance/${r.name}-id`, "ecs");
  add("alicloud:ecs/ecsDisk:EcsDisk", "disk", (r) => `disk/${r.name}-id`, "ecs");
  add("alicloud:rds/instance:Instance", "database", (r) => `dbinstance/${r.name}-id`, "rds");
  for (const tenant of Object.keys(ACCOUNTS)) out.push({ tenant, kind: "unscopable", arn: "*", account: accountOf(rs, tenant) });
  return out;
}

function decide(p: Principal, action: string, t: Target, context: Record<string, string> = {}): RamDecision {
  return evaluateRam(p.policies, t.policy, {
    action,
    resource: t.arn,
    resourceAccount: t.account,
    principal: p.arn,
    principalAccount: p.account,
    context: { "acs:SecureTransport": "true", "acs:ResourceTag/tenantry:tenant": t.tenant, ...context },
  });
}

function crossTenant(rs: readonly RecordedResource[]) {
  const allows: { principal: string; action: string; target: string }[] = [];
  let decisions = 0;
  const ts = targets(rs);
  for (const p of principals(rs)) {
    for (const t of ts.filter((t) => t.tenant !== p.tenant)) {
      for (const action of SENSITIVE[t.kind]) {
        decisions += 1;
        if (decide(p, action, t) === "Allowed") allows.push({ principal: p.name, action, target: t.arn });
      }
    }
  }
  return { allows, decisions };
}

let shared: RecordedResource[];
let perAccount: RecordedResource[];
beforeAll(async () => {
  const blueprints = await demoBlueprints();
  shared = (await runAlicloudStack(blueprints)).resources;
  perAccount = (await runAlicloudStack(blueprints, { isolation: "account", accounts: ACCOUNTS })).resources;
});

describe("the RAM principals", () => {
  it("are every user and role of every tenant, each holding only custom policies", () => {
    const ps = principals(shared);
    expect(ps.map((p) => `${p.tenant}/${p.name}`).sort()).toEqual([
      "acme/acme-anybackup-cloud-storage-user",
      "acme/acme-ops-server-monitoring",
      "globex/globex-anybackup-cloud-storage-user",
      "globex/globex-ops-server-monitoring",
    ]);
    for (const p of ps) {
      expect(p.system, `${p.name} holds system policies, which reach every tenant`).toEqual([]);
      expect(p.policies.length, p.name).toBeGreaterThan(0);
    }
  });
});

describe("in a shared account", () => {
  it("no principal is allowed any sensitive action on another tenant's resources, except the documented unscopable reads", () => {
    const { allows, decisions } = crossTenant(shared);
    const exceptions = allows.filter((a) => a.target === "*" && a.action in ALICLOUD_UNSCOPABLE_READS);
    const leaks = allows.filter((a) => !exceptions.includes(a));
    console.log(`alicloud shared: ${decisions} cross-tenant decisions, ${leaks.length} leaks, ${exceptions.length} documented unscopable reads`);
    expect(decisions).toBeGreaterThan(100);
    expect(leaks).toEqual([]);
    expect(new Set(exceptions.map((e) => e.principal))).toEqual(new Set(["acme-ops-server-monitoring", "globex-ops-server-monitoring"]));
  });
});

describe("with an account per tenant (Resource Directory)", () => {
  it("each tenant works through a provider that assumes the role in its own account", () => {
    for (const [tenant, account] of Object.entries(ACCOUNTS)) expect(accountOf(perAccount, tenant)).toBe(account);
    for (const p of principals(perAccount)) expect(p.account).toBe(ACCOUNTS[p.tenant as keyof typeof ACCOUNTS]);
  });

  it("no cross-tenant allow of any kind remains", () => {
    const { allows, decisions } = crossTenant(perAccount);
    console.log(`alicloud account: ${decisions} cross-tenant decisions, ${allows.length} allows`);
    expect(decisions).toBeGreaterThan(100);
    expect(allows).toEqual([]);
  });
});

describe("DR copies an AWS stack keeps on Alibaba Cloud (drCloud: alicloud)", () => {
  let copies: RecordedResource[];
  beforeAll(async () => {
    copies = (await runAwsStack(withDrCopyOn(await demoBlueprints(), "alicloud"))).resources;
  });

  it("each copy's credentials are a RAM user of its own, reaching no other tenant's copy or key", () => {
    expect(principals(copies).map((p) => `${p.tenant}/${p.name}`).sort()).toEqual(["acme/acme-anybackup-cloud-storage-dr-user", "globex/globex-anybackup-cloud-storage-dr-user"]);
    const { allows, decisions } = crossTenant(copies);
    expect(decisions).toBeGreaterThan(20);
    expect(allows).toEqual([]);
  });

  it("each copy's credentials write and read their own copy over TLS only", () => {
    const user = principals(copies).find((p) => p.tenant === "acme")!;
    const object = targets(copies).find((t) => t.tenant === "acme" && t.kind === "object" && t.arn.includes("storage-dr-bucket"))!;
    expect(decide(user, "oss:PutObject", object)).toBe("Allowed");
    expect(decide(user, "oss:GetObject", object, { "acs:SecureTransport": "false" })).toBe("ExplicitlyDenied");
  });
});

describe("each tenant's own principals", () => {
  const find = (name: string) => principals(shared).find((p) => p.name === name)!;
  const own = (tenant: string, kind: Kind, match = "") => targets(shared).find((t) => t.tenant === tenant && t.kind === kind && t.arn.includes(match))!;

  it.each(["acme", "globex"])("storage credentials of %s read, write and delete backups and use their key, never delete a version for good nor skip TLS", (tenant) => {
    const user = find(`${tenant}-anybackup-cloud-storage-user`);
    const object = own(tenant, "object", "storage-bucket");
    for (const action of ["oss:GetObject", "oss:PutObject", "oss:DeleteObject"]) expect(decide(user, action, object), action).toBe("Allowed");
    expect(decide(user, "oss:ListObjects", own(tenant, "bucket", "storage-bucket"))).toBe("Allowed");
    expect(decide(user, "kms:Decrypt", own(tenant, "key", "storage-key"))).toBe("Allowed");
    expect(decide(user, "oss:DeleteObjectVersion", object)).toBe("ExplicitlyDenied");
    expect(decide(user, "oss:GetObject", object, { "acs:SecureTransport": "false" })).toBe("ExplicitlyDenied");
  });

  it("the ops server's role reads its tenant's database and the unscopable monitoring data, and changes nothing", () => {
    const role = find("acme-ops-server-monitoring");
    expect(decide(role, "rds:DescribeDBInstanceAttribute", own("acme", "database"))).toBe("Allowed");
    for (const action of Object.keys(ALICLOUD_UNSCOPABLE_READS)) expect(decide(role, action, own("acme", "unscopable")), action).toBe("Allowed");
    expect(decide(role, "rds:DeleteDBInstance", own("acme", "database"))).not.toBe("Allowed");
    expect(decide(role, "ecs:StopInstance", own("acme", "instance"))).not.toBe("Allowed");
  });
});
