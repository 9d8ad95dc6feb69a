/**
 * The Huawei expiry watcher: one per stack with yearly billing (a FunctionGraph function on a timer,
 * its own agency), watching every prepaid host of every tenant; and its handler, run from the very
 * source the function ships, against a faked billing service and SMN.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { EXPIRY_SEVERITY, SEVERITIES, type TenantBlueprint } from "../../components/core/index.js";
import { ALARM_LEVEL, expiryWatcherSource, FUNCTIONGRAPH_SERVICE_AGENCY, HUAWEI_RENEWAL_LEAD_DAYS, subscriptionStatesOf, watcherPolicy } from "../../components/huaweicloud/index.js";
import { MOCK_HUAWEICLOUD_REGION } from "../../plan/mock-run.js";
import { demoBlueprints } from "../helpers/fleet.js";
import { SDK, sdkProblems } from "../helpers/huawei-sdk.js";
import { named, ofType, runHuaweicloudStack } from "../helpers/stacks.js";

const FUNCTION = "huaweicloud:FunctionGraph/function:Function";
const TRIGGER = "huaweicloud:FunctionGraph/trigger:Trigger";
const RULE = "huaweicloud:Cse/alarmrule:Alarmrule";
const YEARLY = { billing: "yearly", billingEndpoint: "bss.myhuaweicloud.com" };

let blueprints: TenantBlueprint[];
beforeAll(async () => {
  blueprints = await demoBlueprints();
});

describe("HuaweiExpiryWatcher in the stack", () => {
  it("with yearly billing: one function on a daily timer, watching every prepaid host of every tenant (with or without an ops server), notices to the stack's topics", async () => {
    const run = await runHuaweicloudStack(blueprints, YEARLY);
    expect(ofType(run.resources, "tenantry:huaweicloud:ExpiryWatcher").map((r) => r.name)).toEqual(["expiry-watch"]);
    const fn = named(run.resources, FUNCTION, "expiry-watch-function").inputs;
    expect(fn).toMatchObject({ runtime: "Node.js18.15", handler: "index.handler", codeType: "inline", app: "default", memorySize: 128, maxInstanceNum: "1", agency: "tenantry-huaweicloud-demo-expiry-watch", region: MOCK_HUAWEICLOUD_REGION });
    expect(fn.funcCode).toBe(expiryWatcherSource());
    expect(named(run.resources, TRIGGER, "expiry-watch-schedule").inputs).toEqual({
      functionUrn: "expiry-watch-function-id",
      type: "TIMER",
      status: "ACTIVE",
      region: MOCK_HUAWEICLOUD_REGION,
      timer: { name: "expiry-watch-schedule", scheduleType: "Rate", schedule: "24h" },
    });
    const watch = JSON.parse(JSON.parse(String(fn.userData)).WATCH);
    const hosts = ofType(run.resources, "huaweicloud:Ecs/instance:Instance");
    expect(watch.resources.map((r: { id: string }) => r.id).sort()).toEqual(hosts.map((h) => `${h.name}-id`).sort());
    expect(new Set(watch.resources.map((r: { tenant: string }) => r.tenant))).toEqual(new Set(["acme", "globex", "initech"]));
    expect(watch.resources).toContainEqual({ id: "initech-anyshare-cloud-instance-id", tenant: "initech", name: "initech-anyshare-cloud", kind: "ecs" });
    expect(watch).toMatchObject({ windows: { warningDays: 15, urgentDays: 3, renewalLeadDays: HUAWEI_RENEWAL_LEAD_DAYS }, billingEndpoint: "bss.myhuaweicloud.com", region: MOCK_HUAWEICLOUD_REGION });
    expect(Object.keys(watch.topicUrns)).toEqual([...SEVERITIES]);
    expect(watch.topicUrns.warning).toMatch(/:tenantry-huaweicloud-demo-alarms-warning$/);
    // Only tokens and inputs the provider's SDK has, with every required one.
    const own = run.resources.filter((r) => r.name.startsWith("expiry-watch-") && r.custom);
    expect(own.map((r) => r.type).sort()).toEqual([FUNCTION, TRIGGER, "huaweicloud:Iam/agency:Agency", "huaweicloud:Iam/role:Role", "huaweicloud:Iam/role:Role", RULE].sort());
    for (const r of own) expect(sdkProblems(r.inputs, SDK.resources[r.type]!.inputs), r.name).toEqual([]);
  });

  it("a failed run alarms: Cloud Eye on the function's errors (SYS.FunctionGraph failcount of default-<function>), at the expiry severity, to its topic", async () => {
    const run = await runHuaweicloudStack(blueprints, YEARLY);
    const rule = named(run.resources, RULE, "expiry-watch-errors").inputs;
    expect(rule).toMatchObject({
      metric: { namespace: "SYS.FunctionGraph" },
      resources: [{ dimensions: [{ name: "package-functionname", value: "default-tenantry-huaweicloud-demo-expiry-watch" }] }],
      conditions: [{ metricName: "failcount", period: 300, comparisonOperator: ">", value: 0, count: 1, alarmLevel: ALARM_LEVEL[EXPIRY_SEVERITY] }],
      alarmActions: [{ type: "notification", notificationLists: [expect.stringMatching(/:tenantry-huaweicloud-demo-alarms-warning$/)] }],
    });
    expect(String(rule.alarmDescription)).toContain("the expiry watcher tenantry-huaweicloud-demo-expiry-watch failed");
    expect(named(run.resources, FUNCTION, "expiry-watch-function").inputs.name).toBe("tenantry-huaweicloud-demo-expiry-watch");
  });

  it("acts through an agency of its own, delegated to FunctionGraph: subscriptions read for the account, topics published in its region, nothing else", async () => {
    const run = await runHuaweicloudStack(blueprints, { ...YEARLY, expiryNoticeDays: { warning: 30, urgent: 7 }, expiryCheckHours: 12 });
    const agency = named(run.resources, "huaweicloud:Iam/agency:Agency", "expiry-watch-agency").inputs;
    expect(agency).toMatchObject({
      delegatedServiceName: FUNCTIONGRAPH_SERVICE_AGENCY,
      domainRoles: ["tenantry-huaweicloud-demo-expiry-watch-bss"],
      projectRoles: [{ project: MOCK_HUAWEICLOUD_REGION, roles: ["tenantry-huaweicloud-demo-expiry-watch-smn"] }],
    });
    expect(JSON.parse(String(named(run.resources, "huaweicloud:Iam/role:Role", "expiry-watch-billing").inputs.policy))).toEqual(watcherPolicy(["bss:renewal:view"]));
    expect(named(run.resources, "huaweicloud:Iam/role:Role", "expiry-watch-billing").inputs.type).toBe("AX");
    expect(JSON.parse(String(named(run.resources, "huaweicloud:Iam/role:Role", "expiry-watch-publish").inputs.policy))).toEqual(watcherPolicy(["smn:topic:publish"]));
    const watch = JSON.parse(JSON.parse(String(named(run.resources, FUNCTION, "expiry-watch-function").inputs.userData)).WATCH);
    expect(watch.windows).toEqual({ warningDays: 30, urgentDays: 7, renewalLeadDays: 7 });
    expect((named(run.resources, TRIGGER, "expiry-watch-schedule").inputs.timer as { schedule: string }).schedule).toBe("12h");
  });

  it("pay-as-you-go has nothing to expire: no watcher; windows out of order fail before anything is registered, naming the key", async () => {
    const run = await runHuaweicloudStack(blueprints);
    // The demo's Slack webhook has its chat relay, initech its prober (other functions); no watcher.
    expect(ofType(run.resources, FUNCTION).filter((f) => f.name.startsWith("expiry"))).toEqual([]);
    expect(ofType(run.resources, "huaweicloud:Iam/agency:Agency").map((a) => a.name).some((n) => n.startsWith("expiry"))).toBe(false);
    await expect(runHuaweicloudStack(blueprints, { ...YEARLY, expiryNoticeDays: { warning: 2, urgent: 5 } })).rejects.toThrow("tenantry:huaweicloud.expiryNoticeDays.urgent: urgent must be at most warning");
  });
});

/**
 * A response of BSS "Querying Customer's Yearly/Monthly Resources" (ListPayPerUseCustomerResources),
 * in the shape its API reference gives (https://support.huaweicloud.com/intl/en-us/api-oce/api_order_00021.html:
 * `total_count` and `data`, a list of OrderInstanceV2 with these fields; the same in huaweicloud-sdk-go-v3
 * services/bss/v2/model/model_order_instance_v2.go). `status` 2 is in effect; `expire_policy` 0 is
 * "enter the grace period on expiry", 3 "renew automatically".
 */
function bssAnswer(now: number) {
  const day = 86400000;
  const instance = (resourceId: string, name: string, expiresInDays: number, expirePolicy: number) => ({
    id: `CS2301010000${resourceId.slice(0, 4)}`,
    resource_id: resourceId,
    resource_name: name,
    region_code: "cn-north-4",
    service_type_code: "hws.service.type.ec2",
    resource_type_code: "hws.resource.type.vm",
    resource_type_name: "Cloud server",
    service_type_name: "Elastic Cloud Server",
    resource_spec_code: "c6.2xlarge.2.linux",
    project_id: "0123456789abcdef0123456789abcdef",
    product_id: "00301-228003-0--0",
    parent_resource_id: "",
    is_main_resource: 1,
    status: 2,
    effective_time: new Date(now - 355 * day).toISOString().replace(/\.\d+Z$/, "Z"),
    expire_time: new Date(now + expiresInDays * day + 3600000).toISOString().replace(/\.\d+Z$/, "Z"),
    expire_policy: expirePolicy,
  });
  return {
    total_count: 3,
    data: [instance("acme-host", "acme-anyshare-cloud", 10, 0), instance("globex-host", "globex-anybackup-cloud", 2, 3), instance("initech-host", "initech-anyshare-cloud", 200, 3)],
  };
}

interface Call {
  url: string;
  headers: Record<string, string>;
  body: Record<string, unknown>;
}

/** Runs the shipped source's handler with a FunctionGraph-like context and a fake `fetch`. */
async function runHandler(watch: unknown, answer: (url: string, body: Record<string, unknown>) => { status: number; json: unknown }) {
  const calls: Call[] = [];
  const fakeFetch = async (url: string, init: { headers: Record<string, string>; body: string }) => {
    const body = JSON.parse(init.body) as Record<string, unknown>;
    calls.push({ url, headers: init.headers, body });
    const { status, json } = answer(url, body);
    return { ok: status < 300, status, json: async () => json, text: async () => JSON.stringify(json) };
  };
  const module = { exports: {} as { handler?: (event: unknown, context: unknown) => Promise<unknown> } };
  const logs: string[] = [];
  new Function("exports", "module", "fetch", "console", "process", expiryWatcherSource())(module.exports, module, fakeFetch, { log: (m: string) => logs.push(m) }, { env: {} });
  const context = { getUserData: (k: string) => (k === "WATCH" ? JSON.stringify(watch) : undefined), getToken: () => "agency-token" };
  const result = await module.exports.handler!({}, context);
  return { calls, result, logs };
}

const topicUrns = { urgent: "urn:smn:cn-north-4:project-1:alarms", warning: "urn:smn:cn-north-4:project-1:alarms-warning", info: "urn:smn:cn-north-4:project-1:alarms-info" };
const watched = [
  { id: "acme-host", tenant: "acme", name: "acme-anyshare-cloud", kind: "ecs" },
  { id: "globex-host", tenant: "globex", name: "globex-anybackup-cloud", kind: "ecs" },
  { id: "initech-host", tenant: "initech", name: "initech-anyshare-cloud", kind: "ecs" },
  { id: "gone-host", tenant: "initech", name: "initech-ops-server", kind: "ecs" },
];
const watch = { resources: watched, topicUrns, windows: { warningDays: 15, urgentDays: 3, renewalLeadDays: 7 }, billingEndpoint: "bss.myhuaweicloud.com", region: "cn-north-4" };

describe("the watcher's handler (its shipped source)", () => {
  it("asks BSS about the watched resources with the agency's token, and publishes each tenant's notice to its severity's topic", async () => {
    const { calls, result, logs } = await runHandler(watch, (url) => ({ status: 200, json: url.includes("bss.") ? bssAnswer(Date.now()) : { request_id: "r", message_id: "m" } }));
    expect(calls[0]).toEqual({
      url: "https://bss.myhuaweicloud.com/v2/orders/suscriptions/resources/query",
      headers: { "Content-Type": "application/json;charset=UTF-8", "X-Auth-Token": "agency-token" },
      body: { resource_ids: ["acme-host", "globex-host", "initech-host", "gone-host"], only_main_resource: 1, limit: 500 },
    });
    const publishes = calls.slice(1);
    expect(publishes.map((c) => c.url)).toEqual([
      `https://smn.cn-north-4.myhuaweicloud.com/v2/project-1/notifications/topics/${topicUrns.warning}/publish`,
      `https://smn.cn-north-4.myhuaweicloud.com/v2/project-1/notifications/topics/${topicUrns.urgent}/publish`,
    ]);
    expect(publishes[0]!.body.subject).toBe("[WARNING] tenantry acme: 1 prepaid resource expiring (monitor cloud-expiry)");
    expect(publishes[0]!.body.message).toMatch(/^Tenant acme: 1 prepaid resource to renew\.\n- ecs acme-anyshare-cloud \(acme-host\): expires .* \(in 10 days\); it does not renew itself$/);
    expect(publishes[1]!.body.message).toContain("globex-anybackup-cloud (globex-host)");
    expect(publishes[1]!.body.message).toContain("its automatic renewal has not happened");
    expect(result).toEqual({
      checked: 4,
      notices: [
        { tenant: "acme", severity: "warning", resources: ["acme-host"] },
        { tenant: "globex", severity: "urgent", resources: ["globex-host"] },
      ],
      missing: ["gone-host"],
    });
    expect(logs).toEqual(["not prepaid (not in BSS's yearly/monthly resources): gone-host"]);
  });

  it("asks about at most 50 resources at a time, and fails loudly when the billing refuses (so the function's errors show it)", async () => {
    const many = Array.from({ length: 51 }, (_, i) => ({ id: `h${i}`, tenant: "acme", name: `h${i}`, kind: "ecs" }));
    const { calls } = await runHandler({ ...watch, resources: many }, () => ({ status: 200, json: { total_count: 0, data: [] } }));
    expect(calls.map((c) => (c.body.resource_ids as string[]).length)).toEqual([50, 1]);
    await expect(runHandler(watch, () => ({ status: 403, json: { error_code: "CBC.0150", error_msg: "Access denied." } }))).rejects.toThrow(
      'BSS ListPayPerUseCustomerResources failed: HTTP 403 {"error_code":"CBC.0150","error_msg":"Access denied."}',
    );
  });

  it("maps BSS's status and expiry policy to subscription states", () => {
    expect(subscriptionStatesOf([{ resource_id: "a", expire_time: "2027-01-01T00:00:00Z", expire_policy: 3, status: 2 }, { resource_id: "b", expire_time: "x", status: 5 }, { resource_id: "c", expire_time: "x", status: 3 }, { resource_id: "d", expire_time: "x", status: 6 }, { status: 2 }])).toEqual([
      { id: "a", expiresAt: "2027-01-01T00:00:00Z", autoRenew: true, state: "active" },
      { id: "b", expiresAt: "x", autoRenew: false, state: "grace" },
      { id: "c", expiresAt: "x", autoRenew: false, state: "expired" },
      { id: "d", expiresAt: "x", autoRenew: false, state: "frozen" },
    ]);
  });
});
