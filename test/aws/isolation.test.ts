/**
 * Tenant isolation on AWS, judged by a real IAM policy evaluator (@cloud-copilot/iam-simulate)
 * over the policies the demo stack registers under mocks: every IAM principal of every tenant
 * (users, roles and so instance profiles) x every other tenant's resources x the sensitive actions.
 * `shared`: nothing is allowed across tenants but the documented unscopable reads; `account`
 * (an account per tenant): nothing at all. And each tenant's principals can still do their job.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { UNSCOPABLE_READS } from "../../components/aws/index.js";
import type { RecordedResource } from "../../plan/mock-run.js";
import { awsPrincipals, awsTargets, crossTenantAllows, decide, SENSITIVE_ACTIONS, type AwsPrincipal, type AwsTarget } from "../helpers/aws-iam.js";
import { demoBlueprints, withDrCopyOn } from "../helpers/fleet.js";
import { runAlicloudStack, runAwsStack } from "../helpers/stacks.js";

const ACCOUNTS = { acme: "111111111111", globex: "222222222222", initech: "333333333333" };

let shared: RecordedResource[];
let perAccount: RecordedResource[];
beforeAll(async () => {
  const blueprints = await demoBlueprints();
  shared = (await runAwsStack(blueprints)).resources;
  perAccount = (await runAwsStack(blueprints, { isolation: "account", accounts: ACCOUNTS })).resources;
});

const principalsOf = (resources: RecordedResource[]) => awsPrincipals(resources);

describe("the principals", () => {
  it("are every user and role of every tenant, each holding only customer-managed or inline policies", () => {
    const principals = principalsOf(shared);
    expect(principals.map((p) => `${p.tenant}/${p.kind}/${p.name}`).sort()).toEqual([
      // The fleet's alarm relays (no tenant): each may write its own log group only.
      "/role/alarms-urgent-relay-role",
      "/role/alarms-warning-relay-role",
      "/role/probe-alarms-urgent-relay-role",
      "/role/probe-alarms-warning-relay-role",
      "acme/role/acme-anybackup-cloud-iam-role",
      "acme/role/acme-anyshare-cloud-iam-role",
      "acme/role/acme-network-flow-logs-role",
      "acme/role/acme-ops-server-monitoring-role",
      "acme/user/acme-anybackup-cloud-storage-user",
      "globex/role/globex-anybackup-cloud-iam-role",
      "globex/role/globex-network-flow-logs-role",
      "globex/role/globex-ops-server-monitoring-role",
      "globex/user/globex-anybackup-cloud-storage-user",
      "initech/role/initech-anyshare-cloud-iam-role",
      "initech/role/initech-network-flow-logs-role",
    ]);
    for (const p of principals) {
      expect(p.managed, `${p.name} holds AWS-managed policies, whose documents the proof would need`).toEqual([]);
      expect(p.policies.length, p.name).toBeGreaterThan(0);
    }
  });

  it("include every instance profile, through its role", () => {
    const roles = new Set(principalsOf(shared).filter((p) => p.kind === "role").map((p) => p.name));
    const profiles = shared.filter((r) => r.type === "aws:iam/instanceProfile:InstanceProfile");
    expect(profiles.length).toBe(6);
    for (const profile of profiles) expect(roles.has(String(profile.inputs.role)), profile.name).toBe(true);
  });
});

describe("in a shared account", () => {
  it("no principal is allowed any sensitive action on another tenant's resources, except the documented unscopable reads", async () => {
    const targets = awsTargets(shared, "aws-demo");
    expect(new Set(targets.map((t) => t.kind))).toEqual(new Set(Object.keys(SENSITIVE_ACTIONS)));
    const { allows, decisions } = await crossTenantAllows(principalsOf(shared), targets);
    const exceptions = allows.filter((a) => a.target === "*" && a.action in UNSCOPABLE_READS);
    const leaks = allows.filter((a) => !exceptions.includes(a));
    console.log(`aws shared: ${decisions} cross-tenant decisions, ${leaks.length} leaks, ${exceptions.length} documented unscopable reads (${[...new Set(exceptions.map((e) => e.action))].join(", ")})`);
    expect(leaks).toEqual([]);
    // Only the ops servers' monitoring roles hold the unscopable reads.
    expect(new Set(exceptions.map((e) => e.principal))).toEqual(new Set(["acme-ops-server-monitoring-role", "globex-ops-server-monitoring-role"]));
  });
});

describe("with an account per tenant", () => {
  it("each tenant's resources live in its own account, through its own provider", () => {
    for (const [tenant, account] of Object.entries(ACCOUNTS)) {
      const provider = perAccount.find((r) => r.type === "pulumi:providers:aws" && r.name === `${tenant}-account`)!;
      expect(JSON.stringify(provider.inputs.allowedAccountIds)).toContain(account);
      expect(JSON.stringify(provider.inputs.assumeRoles)).toContain(`arn:aws:iam::${account}:role/OrganizationAccountAccessRole`);
    }
    for (const p of principalsOf(perAccount)) expect(p.account, p.name).toBe(ACCOUNTS[p.tenant as keyof typeof ACCOUNTS]);
  });

  it("no cross-tenant allow of any kind remains", async () => {
    const { allows, decisions } = await crossTenantAllows(principalsOf(perAccount), awsTargets(perAccount, "aws-demo"));
    console.log(`aws account: ${decisions} cross-tenant decisions, ${allows.length} allows`);
    expect(decisions).toBeGreaterThan(500);
    expect(allows).toEqual([]);
  });
});

describe("each tenant's own principals", () => {
  let principals: AwsPrincipal[];
  let targets: AwsTarget[];
  beforeAll(() => {
    principals = principalsOf(shared);
    targets = awsTargets(shared, "aws-demo");
  });
  const principal = (name: string) => principals.find((p) => p.name === name)!;
  const own = (tenant: string, kind: AwsTarget["kind"], match = "") => targets.find((t) => t.tenant === tenant && t.kind === kind && t.arn.includes(match))!;
  const allowed = async (who: string, action: string, target: AwsTarget, extra: Record<string, string> = {}) =>
    expect(await decide(principal(who), action, target, extra), `${who} ${action} ${target.arn}`).toBe("Allowed");
  const denied = async (who: string, action: string, target: AwsTarget, extra: Record<string, string> = {}) =>
    expect(await decide(principal(who), action, target, extra), `${who} ${action} ${target.arn}`).not.toBe("Allowed");

  it.each(["acme", "globex"])("storage credentials of %s read, write and delete their backups and use their key, but never delete a version for good", async (tenant) => {
    const user = `${tenant}-anybackup-cloud-storage-user`;
    const object = own(tenant, "object", "storage-bucket");
    for (const action of ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"]) await allowed(user, action, object);
    await allowed(user, "s3:ListBucket", own(tenant, "bucket", "storage-bucket"));
    for (const action of ["kms:Decrypt", "kms:GenerateDataKey"]) await allowed(user, action, own(tenant, "key", "storage-key"));
    for (const action of ["s3:DeleteObjectVersion", "s3:BypassGovernanceRetention"]) await denied(user, action, object);
    for (const action of ["s3:PutBucketVersioning", "s3:PutBucketObjectLockConfiguration", "s3:DeleteBucket"]) await denied(user, action, own(tenant, "bucket", "storage-bucket"));
    // Plain HTTP is refused even on the tenant's own bucket.
    await denied(user, "s3:GetObject", object, { "aws:SecureTransport": "false" });
  });

  it.each(["acme-anyshare-cloud-iam-role", "acme-ops-server-monitoring-role", "initech-anyshare-cloud-iam-role"])(
    "host role %s runs the SSM and CloudWatch agents for its own tenant",
    async (role) => {
      const tenant = role.split("-")[0]!;
      await allowed(role, "ssm:GetParameter", own(tenant, "parameter"));
      await allowed(role, "logs:PutLogEvents", own(tenant, "log-group", "/agent"));
      await allowed(role, "cloudwatch:PutMetricData", own(tenant, "metrics"));
      await allowed(role, "ssmmessages:CreateControlChannel", own(tenant, "unscopable"));
    },
  );

  it("the ops server's monitoring role reads its tenant's alarms, databases and metrics", async () => {
    const role = "acme-ops-server-monitoring-role";
    await allowed(role, "cloudwatch:DescribeAlarms", own("acme", "alarm"));
    await allowed(role, "rds:DescribeDBInstances", own("acme", "database"));
    await allowed(role, "logs:FilterLogEvents", own("acme", "log-group", "vpc-flow-logs"));
    for (const action of Object.keys(UNSCOPABLE_READS)) await allowed(role, action, own("acme", "unscopable"));
    // Reading is all it does.
    await denied(role, "rds:StopDBInstance", own("acme", "database"));
    await denied(role, "ec2:StopInstances", own("acme", "instance"));
  });

  it("the flow-logs role writes its tenant's flow logs only", async () => {
    await allowed("globex-network-flow-logs-role", "logs:PutLogEvents", own("globex", "log-group", "vpc-flow-logs"));
    await denied("globex-network-flow-logs-role", "logs:PutLogEvents", own("globex", "log-group", "/agent"));
  });
});

describe("DR copies an Alibaba Cloud stack keeps on AWS (drCloud: aws)", () => {
  it("each copy's credentials are an IAM user of its own, allowed nothing of another tenant's", async () => {
    const copies = (await runAlicloudStack(withDrCopyOn(await demoBlueprints(), "aws"))).resources;
    const principals = principalsOf(copies);
    expect(principals.map((p) => `${p.tenant}/${p.kind}/${p.name}`).sort()).toEqual(["acme/user/acme-anybackup-cloud-storage-dr-user", "globex/user/globex-anybackup-cloud-storage-dr-user"]);
    const targets = awsTargets(copies, "alicloud-demo");
    const { allows, decisions } = await crossTenantAllows(principals, targets);
    expect(decisions).toBeGreaterThan(20);
    expect(allows).toEqual([]);
    const object = targets.find((t) => t.tenant === "acme" && t.kind === "object")!;
    expect(await decide(principals.find((p) => p.tenant === "acme")!, "s3:PutObject", object)).toBe("Allowed");
  });
});
