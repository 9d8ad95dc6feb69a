/**
 * Tenant isolation on Huawei Cloud, proven by evaluating the IAM model the demo stack registers
 * (test/helpers/huawei-iam.ts): every tenant's credentials (storage and monitoring) x every other
 * tenant's bucket, objects, KMS key and monitoring data gives zero allows; each credential reaches
 * what it is for in its own tenant, and nothing over plain HTTP.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { MONITORING_READ_ONLY_POLICIES, OBS_BUCKET_ACTIONS, OBS_OBJECT_ACTIONS, KMS_ACTIONS, obsBucketResource, obsObjectResource } from "../../components/huaweicloud/index.js";
import { TAG_KEYS } from "../../components/core/index.js";
import { MOCK_HUAWEICLOUD_DOMAIN, MOCK_HUAWEICLOUD_REGION, type RecordedResource } from "../../plan/mock-run.js";
import { demoBlueprints, withDrCopyOn } from "../helpers/fleet.js";
import { evaluate, modelOf, type Model, type Request } from "../helpers/huawei-iam.js";
import { named, ofType, runAwsStack, runHuaweicloudStack } from "../helpers/stacks.js";

let resources: RecordedResource[];
let model: Model;
beforeAll(async () => {
  resources = (await runHuaweicloudStack(await demoBlueprints())).resources;
  // The mocks answer Iam/getRole with `role-<slug of the console name>`.
  const systemRoles = new Map(MONITORING_READ_ONLY_POLICIES.map((p) => [`role-${p.toLowerCase().replace(/[^a-z0-9]+/g, "-")}`, p]));
  model = modelOf(resources, systemRoles);
});

const TENANTS = ["acme", "globex", "initech"];
const tenantOfName = (name: string) => TENANTS.find((t) => name.startsWith(`${t}-`))!;

/** Every credential of the stack: its tenant, what it is for, and its IAM user. */
function credentials(rs = resources) {
  return ofType(rs, "huaweicloud:Iam/accessKey:AccessKey").map((k) => ({
    tenant: tenantOfName(k.name),
    kind: k.name.includes("-monitoring-") ? ("monitoring" as const) : ("storage" as const),
    user: String(k.inputs.userId),
    name: k.name,
  }));
}

/** Every tenant's protected things, as requests a credential could make. */
function targets(rs = resources): { tenant: string; what: string; request: Request; log?: boolean }[] {
  const out: { tenant: string; what: string; request: Request; log?: boolean }[] = [];
  const base = { domain: MOCK_HUAWEICLOUD_DOMAIN, secureTransport: true };
  for (const b of ofType(rs, "huaweicloud:Obs/bucket:Bucket")) {
    const bucket = String(b.inputs.bucket);
    // A log bucket: the backup credentials must not reach it either (stolen keys cannot erase the access logs).
    const log = (b.inputs.tags as Record<string, string>)[TAG_KEYS.logStore] === "true" ? { log: true } : {};
    for (const action of OBS_BUCKET_ACTIONS) out.push({ tenant: tenantOfName(b.name), what: `${action} ${bucket}`, request: { ...base, action, resource: obsBucketResource(bucket) }, ...log });
    for (const action of OBS_OBJECT_ACTIONS) out.push({ tenant: tenantOfName(b.name), what: `${action} ${bucket}/backup`, request: { ...base, action, resource: obsObjectResource(bucket, "backup/0001.dat") }, ...log });
  }
  for (const k of ofType(rs, "huaweicloud:Dew/key:Key")) {
    const resource = `KMS:${MOCK_HUAWEICLOUD_REGION}:${MOCK_HUAWEICLOUD_DOMAIN}:KeyId:${k.name}-id`;
    for (const action of KMS_ACTIONS) out.push({ tenant: tenantOfName(k.name), what: `${action} ${k.name}`, request: { ...base, action, resource, enterpriseProjectId: String(k.inputs.enterpriseProjectId) } });
  }
  for (const i of ofType(rs, "huaweicloud:Ecs/instance:Instance")) {
    out.push({
      tenant: tenantOfName(i.name),
      what: `ces:metricData:list ${i.name}`,
      request: { ...base, action: "ces:metricData:list", resource: `CES:${MOCK_HUAWEICLOUD_REGION}:${MOCK_HUAWEICLOUD_DOMAIN}:metric:${i.name}-id`, enterpriseProjectId: String(i.inputs.enterpriseProjectId) },
    });
  }
  return out;
}

describe("isolation of the huaweicloud-demo stack, by evaluating its IAM model", () => {
  it("has credentials for every tenant's storage and monitoring, and something of every tenant to reach", () => {
    const creds = credentials();
    expect(creds.map((c) => `${c.tenant}:${c.kind}`).sort()).toEqual(["acme:monitoring", "acme:storage", "globex:monitoring", "globex:storage"]);
    expect(new Set(targets().map((t) => t.tenant))).toEqual(new Set(TENANTS));
  });

  it("no tenant's credentials reach another tenant's bucket, objects, key or monitoring data: zero allows", () => {
    const creds = credentials();
    const all = targets();
    const crossings = creds.flatMap((c) => all.filter((t) => t.tenant !== c.tenant).map((t) => ({ c, t, verdict: evaluate(model, c.user, t.request) })));
    console.log(`huaweicloud isolation: ${crossings.length} cross-tenant requests evaluated, ${crossings.filter((x) => x.verdict === "allow").length} allowed`);
    expect(crossings.length).toBeGreaterThan(60);
    expect(crossings.filter((x) => x.verdict === "allow").map((x) => `${x.c.name} -> ${x.t.what}`)).toEqual([]);
  });

  it("each storage credential reaches its own bucket, objects and key, and not its tenant's monitoring data nor its access logs", () => {
    for (const c of credentials().filter((c) => c.kind === "storage")) {
      const own = targets().filter((t) => t.tenant === c.tenant);
      const verdicts = own.map((t) => [t.what, evaluate(model, c.user, t.request), t.log] as const);
      for (const [what, v, log] of verdicts) expect([what, v]).toEqual([what, what.startsWith("ces:") || what.includes("-disk-key") || log ? "deny" : "allow"]);
    }
  });

  it("each monitoring credential reads its own tenant's monitoring data, and nothing of its storage", () => {
    for (const c of credentials().filter((c) => c.kind === "monitoring")) {
      for (const t of targets().filter((t) => t.tenant === c.tenant)) {
        expect([t.what, evaluate(model, c.user, t.request)]).toEqual([t.what, t.what.startsWith("ces:") ? "allow" : "deny"]);
      }
    }
  });

  it("each OBS log-delivery agency (OBS acts through it) may put objects into its own tenant's log bucket, and nothing else of any tenant", () => {
    const roles = ofType(resources, "huaweicloud:Iam/role:Role");
    const agencies = ofType(resources, "huaweicloud:Iam/agency:Agency").filter((a) => !a.name.endsWith("-prober-agency"));
    expect(agencies.map((a) => tenantOfName(a.name)).sort()).toEqual(["acme", "globex"]);
    for (const agency of agencies) {
      expect(agency.inputs.delegatedServiceName).toBe("op_svc_obs");
      const statements = (agency.inputs.domainRoles as string[]).flatMap((n) => JSON.parse(String(roles.find((r) => r.inputs.name === n)!.inputs.policy)).Statement);
      const m: Model = { groupsOf: new Map([["obs", ["agency"]]]), grants: [{ group: "agency", statements, scope: { kind: "domain", id: MOCK_HUAWEICLOUD_DOMAIN } }], bucketPolicies: model.bucketPolicies };
      const tenant = tenantOfName(agency.name);
      const allowed = targets().filter((t) => evaluate(m, "obs", t.request) === "allow").map((t) => t.what);
      expect(allowed).toEqual(targets().filter((t) => t.tenant === tenant && t.log && t.what.startsWith("obs:object:PutObject")).map((t) => t.what));
      expect(allowed).toHaveLength(1);
    }
  });

  it("the stack's expiry watcher (FunctionGraph acts through its agency) reads subscriptions and publishes notices, and reaches nothing of any tenant", async () => {
    const yearly = (await runHuaweicloudStack(await demoBlueprints(), { billing: "yearly", billingEndpoint: "bss.myhuaweicloud.com" })).resources;
    const roles = ofType(yearly, "huaweicloud:Iam/role:Role");
    const statementsOf = (names: unknown) => (names as string[]).flatMap((n) => JSON.parse(String(roles.find((r) => r.inputs.name === n)!.inputs.policy)).Statement);
    const agency = named(yearly, "huaweicloud:Iam/agency:Agency", "expiry-watch-agency");
    expect(agency.inputs.delegatedServiceName).toBe("op_svc_cff");
    const projectRoles = agency.inputs.projectRoles as { project: string; roles: string[] }[];
    expect(projectRoles.map((p) => p.project)).toEqual([MOCK_HUAWEICLOUD_REGION]);
    const m: Model = {
      groupsOf: new Map([["watcher", ["agency"]]]),
      grants: [
        { group: "agency", statements: statementsOf(agency.inputs.domainRoles), scope: { kind: "domain", id: MOCK_HUAWEICLOUD_DOMAIN } },
        { group: "agency", statements: statementsOf(projectRoles[0]!.roles), scope: { kind: "project", id: MOCK_HUAWEICLOUD_REGION } },
      ],
      // The same buckets as the demo (billing does not change them): their policies name no agency.
      bucketPolicies: model.bucketPolicies,
    };
    const all = targets(yearly);
    expect(new Set(all.map((t) => t.tenant))).toEqual(new Set(TENANTS));
    expect(all.length).toBeGreaterThan(50);
    expect(all.filter((t) => evaluate(m, "watcher", t.request) === "allow").map((t) => t.what)).toEqual([]);
    const ask = (action: string, resource: string) => evaluate(m, "watcher", { action, resource, domain: MOCK_HUAWEICLOUD_DOMAIN, secureTransport: true });
    expect(ask("bss:renewal:view", "BSS:*:*:subscription:*")).toBe("allow");
    expect(ask("smn:topic:publish", `SMN:${MOCK_HUAWEICLOUD_REGION}:${MOCK_HUAWEICLOUD_DOMAIN}:topic:alarms`)).toBe("allow");
    // It can neither renew, unsubscribe nor change billing, nor change or read the topics.
    for (const action of ["bss:renewal:update", "bss:order:update", "bss:unsubscribe:update", "smn:topic:update", "smn:topic:delete", "smn:topic:list", "iam:agencies:createAgency"]) expect([action, ask(action, "*")]).toEqual([action, "deny"]);
  });

  it("each tenant's prober (FunctionGraph acts through its agency) may publish in its region, and reaches nothing of any tenant: zero allows", async () => {
    // The demo's tenant without an ops server (initech) has one behind its ELB (the login's latency) and with eip (its URL checks).
    for (const rs of [resources, (await runHuaweicloudStack(await demoBlueprints(), { entryPoint: "eip", certificateId: undefined, elbFlavorIds: undefined })).resources]) {
      const roles = ofType(rs, "huaweicloud:Iam/role:Role");
      const probers = ofType(rs, "huaweicloud:Iam/agency:Agency").filter((a) => a.name.endsWith("-prober-agency"));
      expect(probers.map((a) => tenantOfName(a.name))).toEqual(["initech"]);
      for (const agency of probers) {
        expect(agency.inputs).toMatchObject({ delegatedServiceName: "op_svc_cff" });
        expect(agency.inputs.domainRoles).toBeUndefined();
        const projectRoles = agency.inputs.projectRoles as { project: string; roles: string[] }[];
        expect(projectRoles.map((p) => p.project)).toEqual([MOCK_HUAWEICLOUD_REGION]);
        const statements = projectRoles[0]!.roles.flatMap((n) => JSON.parse(String(roles.find((r) => r.inputs.name === n)!.inputs.policy)).Statement);
        const m: Model = { groupsOf: new Map([["prober", ["agency"]]]), grants: [{ group: "agency", statements, scope: { kind: "project", id: MOCK_HUAWEICLOUD_REGION } }], bucketPolicies: model.bucketPolicies };
        const all = targets(rs);
        expect(new Set(all.map((t) => t.tenant))).toEqual(new Set(TENANTS));
        expect(all.filter((t) => evaluate(m, "prober", t.request) === "allow").map((t) => t.what)).toEqual([]);
        const ask = (action: string) => evaluate(m, "prober", { action, resource: `SMN:${MOCK_HUAWEICLOUD_REGION}:${MOCK_HUAWEICLOUD_DOMAIN}:topic:alarms`, domain: MOCK_HUAWEICLOUD_DOMAIN, secureTransport: true });
        expect(ask("smn:topic:publish")).toBe("allow");
        for (const action of ["smn:topic:update", "smn:topic:list", "vpc:ports:create", "ecs:cloudServers:get", "ces:metricData:list", "iam:agencies:createAgency"]) expect([action, ask(action)]).toEqual([action, "deny"]);
      }
    }
  });

  it("refuses a tenant's own storage requests over plain HTTP (the bucket's TLS-only policy)", () => {
    const c = credentials().find((x) => x.tenant === "acme" && x.kind === "storage")!;
    const put = targets().find((t) => t.tenant === "acme" && !t.log && t.what.startsWith("obs:object:PutObject"))!;
    expect(evaluate(model, c.user, put.request)).toBe("allow");
    expect(evaluate(model, c.user, { ...put.request, secureTransport: false })).toBe("deny");
  });
});

describe("DR copies an AWS stack keeps on Huawei Cloud (drCloud: huaweicloud)", () => {
  it("each copy's credentials reach their own copy and key, and nothing of another tenant's: zero allows", async () => {
    const copies = (await runAwsStack(withDrCopyOn(await demoBlueprints(), "huaweicloud"))).resources;
    const m = modelOf(copies, new Map());
    const creds = credentials(copies);
    expect(creds.map((c) => `${c.tenant}:${c.kind}`).sort()).toEqual(["acme:storage", "globex:storage"]);
    const all = targets(copies);
    const crossings = creds.flatMap((c) => all.filter((t) => t.tenant !== c.tenant).map((t) => ({ c, t, verdict: evaluate(m, c.user, t.request) })));
    expect(crossings.length).toBeGreaterThan(20);
    expect(crossings.filter((x) => x.verdict === "allow").map((x) => `${x.c.name} -> ${x.t.what}`)).toEqual([]);
    for (const c of creds) for (const t of all.filter((t) => t.tenant === c.tenant)) expect([t.what, evaluate(m, c.user, t.request)]).toEqual([t.what, t.log ? "deny" : "allow"]);
  });
});

describe("the evaluator itself", () => {
  const statements = [{ Effect: "Allow" as const, Action: ["obs:object:GetObject"], Resource: ["OBS:*:*:object:a/*"] }];
  const m: Model = { groupsOf: new Map([["u", ["g"]]]), grants: [{ group: "g", statements, scope: { kind: "domain", id: "d" } }], bucketPolicies: new Map() };
  const req = (resource: string, domain = "d"): Request => ({ action: "obs:object:GetObject", resource, domain, secureTransport: true });

  it("allows what a statement in scope names, and nothing beside it", () => {
    expect(evaluate(m, "u", req("OBS:r:d:object:a/x"))).toBe("allow");
    expect(evaluate(m, "u", req("OBS:r:d:object:ab/x"))).toBe("deny");
    expect(evaluate(m, "u", req("OBS:r:d:object:a/x", "other"))).toBe("deny");
    expect(evaluate(m, "nobody", req("OBS:r:d:object:a/x"))).toBe("deny");
  });

  it("lets an explicit deny win, and grants a global service's policy only for the account", () => {
    const deny = { Effect: "Deny" as const, Action: ["obs:*:*"] };
    expect(evaluate({ ...m, grants: [...m.grants, { group: "g", statements: [deny], scope: { kind: "domain", id: "d" } }] }, "u", req("OBS:r:d:object:a/x"))).toBe("deny");
    expect(evaluate({ ...m, grants: [{ group: "g", statements, scope: { kind: "all-projects" } }] }, "u", req("OBS:r:d:object:a/x"))).toBe("deny");
  });
});
