/**
 * HuaweiProber in the stack, under mocks: a tenant without an ops server gets one (with `eip`: its
 * URL checks and their latency; behind an ELB: the login's latency only, never what a Cloud Eye rule
 * already alarms), a tenant with an ops server none; one whose entry points do not admit the internet
 * none, its URL monitors named in `monitors.notRendered`. And the monitor quota counts what it implements.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { ALARM_LEVEL, HuaweiProber, proberSource, type HuaweiTenantOutputs } from "../../components/huaweicloud/index.js";
import { TAG_KEYS, type ProbeCheck, type TenantBlueprint } from "../../components/core/index.js";
import { MOCK_HUAWEICLOUD_REGION, runUnderMocks, type MockRun } from "../../plan/mock-run.js";
import { runPolicyPacks } from "../../policies/harness.js";
import { demoBlueprints } from "../helpers/fleet.js";
import { SDK, sdkProblems } from "../helpers/huawei-sdk.js";
import { PACKS } from "../helpers/policies.js";
import { named, ofTenant, ofType, runHuaweicloudStack } from "../helpers/stacks.js";

const FUNCTION = "huaweicloud:FunctionGraph/function:Function";
const TRIGGER = "huaweicloud:FunctionGraph/trigger:Trigger";
const RULE = "huaweicloud:Cse/alarmrule:Alarmrule";
const EIP_MODE = { entryPoint: "eip", certificateId: undefined, elbFlavorIds: undefined };

let blueprints: TenantBlueprint[];
let eip: MockRun<unknown>;
let elb: MockRun<unknown>;
beforeAll(async () => {
  blueprints = await demoBlueprints();
  [eip, elb] = await Promise.all([runHuaweicloudStack(blueprints, EIP_MODE), runHuaweicloudStack(blueprints)]);
});

const settings = (run: MockRun<unknown>, name: string) => JSON.parse(JSON.parse(String(named(run.resources, FUNCTION, name).inputs.userData)).PROBE) as { tenant: string; checks: ProbeCheck[]; topicUrns: Record<string, string>; smnEndpoint: string };
const monitors = (run: MockRun<unknown>, tenant: string) => (run.outputs as Record<string, HuaweiTenantOutputs>)[tenant]!.monitors;

describe("HuaweiProber in the huaweicloud-demo stack", () => {
  it("with eip, the tenant without an ops server: a function on a 5-minute timer probing its home page and login with their latency, alerts to the stack's topics", () => {
    expect(ofType(eip.resources, "tenantry:huaweicloud:Prober").map((r) => r.name)).toEqual(["initech-prober"]);
    const fn = named(eip.resources, FUNCTION, "initech-prober-function").inputs;
    expect(fn).toMatchObject({ runtime: "Node.js18.15", handler: "index.handler", codeType: "inline", app: "default", maxInstanceNum: "1", region: MOCK_HUAWEICLOUD_REGION, enterpriseProjectId: "initech-project-id" });
    expect(fn.funcCode).toBe(proberSource());
    expect(fn.agency).toBe(named(eip.resources, "huaweicloud:Iam/agency:Agency", "initech-prober-agency").inputs.name);
    // No VPC access: it probes the public entry points only (docs/huaweicloud.md says why).
    expect([fn.vpcId, fn.networkId]).toEqual([undefined, undefined]);
    expect(fn.tags).toMatchObject({ [TAG_KEYS.tenant]: "initech", [TAG_KEYS.monitors]: "middleware=0 port=0 url=2" });
    expect((named(eip.resources, TRIGGER, "initech-prober-schedule").inputs.timer as Record<string, string>)).toEqual({ name: "initech-prober-schedule", scheduleType: "Rate", schedule: "5m" });
    const s = settings(eip, "initech-prober-function");
    expect(s.tenant).toBe("initech");
    expect(s.smnEndpoint).toBe(`https://smn.${MOCK_HUAWEICLOUD_REGION}.myhuaweicloud.com`);
    expect(s.topicUrns.urgent).toMatch(/:tenantry-huaweicloud-demo-alarms$/);
    expect(s.checks.map((c) => [c.monitor, c.url, c.severity, c.latencySeconds, c.latencySeverity])).toEqual([
      ["url:home-page@anyshare-cloud", "https://share-initech.tenants.example.com/", "urgent", 5, "warning"],
      ["url:login@anyshare-cloud", "https://share-initech.tenants.example.com/api/v1/auth/login", "urgent", 5, "warning"],
    ]);
    expect(monitors(eip, "initech").rendered.sort()).toEqual(["url:home-page@anyshare-cloud", "url:login@anyshare-cloud"]);
    // Only tokens and inputs the provider's SDK has, with every required one.
    const own = eip.resources.filter((r) => r.name.startsWith("initech-prober-") && r.custom);
    expect(own.map((r) => r.type).sort()).toEqual([FUNCTION, TRIGGER, "huaweicloud:Iam/agency:Agency", "huaweicloud:Iam/role:Role", RULE].sort());
    for (const r of own) expect(sdkProblems(r.inputs, SDK.resources[r.type]!.inputs), r.name).toEqual([]);
    // It opens no port of the tenant's hosts.
    expect(ofTenant(eip.resources, "initech").filter((r) => r.type === "huaweicloud:Vpc/secgroupRule:SecgroupRule" && /prober/.test(r.name))).toEqual([]);
  });

  it("alarms on its own failures (FunctionGraph failcount), at its checks' highest severity", () => {
    const rule = named(eip.resources, RULE, "initech-prober-errors").inputs;
    const fn = String(named(eip.resources, FUNCTION, "initech-prober-function").inputs.name);
    expect(rule).toMatchObject({
      metric: { namespace: "SYS.FunctionGraph" },
      resources: [{ dimensions: [{ name: "package-functionname", value: `default-${fn}` }] }],
      conditions: [{ metricName: "failcount", comparisonOperator: ">", value: 0, alarmLevel: ALARM_LEVEL.urgent }],
      alarmActions: [{ type: "notification", notificationLists: [expect.stringMatching(/:tenantry-huaweicloud-demo-alarms$/)] }],
    });
  });

  it("behind ELBs, the tenant without an ops server: the login's latency only (Cloud Eye alarms the rest); tenants with an ops server get none", () => {
    expect(ofType(elb.resources, "tenantry:huaweicloud:Prober").map((r) => r.name)).toEqual(["initech-prober"]);
    const [login] = settings(elb, "initech-prober-function").checks;
    expect(settings(elb, "initech-prober-function").checks).toHaveLength(1);
    expect(login).toMatchObject({ monitor: "url:login@anyshare-cloud", url: "https://share-initech.tenants.example.com/api/v1/auth/login", latencySeconds: 5, latencySeverity: "warning" });
    expect(login!.severity).toBeUndefined();
    expect(named(elb.resources, RULE, "initech-prober-errors").inputs.conditions).toMatchObject([{ alarmLevel: ALARM_LEVEL.warning }]);
    for (const run of [eip, elb]) for (const tenant of ["acme", "globex"]) expect(ofType(ofTenant(run.resources, tenant), FUNCTION), tenant).toEqual([]);
  });

  it("entry points that do not admit the internet: no prober (its address is not fixed), the URL monitors named with the reason", async () => {
    const closed = await runHuaweicloudStack(blueprints, { ...EIP_MODE, webCidrs: ["203.0.113.0/24"] });
    expect(ofType(closed.resources, "tenantry:huaweicloud:Prober")).toEqual([]);
    const initech = monitors(closed, "initech");
    expect(initech.rendered).toEqual([]);
    expect(initech.notRendered.find((n) => n.id === "url:login@anyshare-cloud")?.reason).toMatch(/FunctionGraph prober .*only when webCidrs admit the internet.*no ops server/);
  });

  it("refuses bad arguments before registering anything, naming each", async () => {
    const route = { topicUrns: { urgent: "u", warning: "w", info: "i" } };
    const run = runUnderMocks(() => new HuaweiProber("p", { tenant: "t", checks: [], monitorIds: [], route, region: "cn-north-4", everyMinutes: 0, scope: "9x", tags: {}, severity: "urgent" }));
    await expect(run).rejects.toThrow(/args\.monitorIds[\s\S]*args\.everyMinutes[\s\S]*args\.scope/);
    // A fixed rate of FunctionGraph's timer is 1 to 60 minutes.
    const hourly = runUnderMocks(() => new HuaweiProber("p", { tenant: "t", checks: [], monitorIds: ["url:home-page@x"], route, region: "cn-north-4", everyMinutes: 90, scope: "s", tags: {}, severity: "urgent" }));
    await expect(hourly).rejects.toThrow(/args\.everyMinutes: must be 1 to 60/);
  });
});

describe("the monitor quota on Huawei tenants without an ops server", () => {
  it("counts the monitors the prober and the ELBs implement (their tenantry:monitors tag), so a plan over quota is refused", async () => {
    const quota = async (resources: typeof eip.resources, middleware: number, url: number) =>
      (await runPolicyPacks(PACKS, resources, { "monitor-quota": { maxMiddlewareMonitors: middleware, maxPortMonitors: 50, maxUrlMonitors: url } })).verdicts
        .filter((v) => v.policy === "monitor-quota" && v.message.startsWith("tenant initech "))
        .map((v) => v.message);
    // With eip: the prober's two URL monitors (and no middleware, which nothing implements there).
    expect(await quota(eip.resources, 0, 1)).toEqual(["tenant initech has 2 url monitors, over the plan's 1"]);
    expect(await quota(eip.resources, 0, 2)).toEqual([]);
    // Behind ELBs: Cloud Eye's middleware and URL monitors (the ELBs' tag, and the prober's).
    expect(await quota(elb.resources, 1, 1)).toEqual(["tenant initech has 2 middleware monitors, over the plan's 1", "tenant initech has 2 url monitors, over the plan's 1"]);
    expect(await quota(elb.resources, 2, 2)).toEqual([]);
  });
});
