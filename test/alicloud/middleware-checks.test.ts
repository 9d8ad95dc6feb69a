/**
 * Alibaba Cloud's middleware rules without an ops server: per rule a web CLB listener that no client
 * may use, health-checked on the host's middleware check responder, and a CloudMonitor rule on it;
 * under mocks, on the alicloud-demo stack (initech has no ops server, acme has one).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import {
  MIDDLEWARE_CHECK_LISTENER_PORTS,
  MIDDLEWARE_CHECK_PORT,
  MIDDLEWARE_RULES,
  middlewareCheckListenerPort,
  middlewareCheckListenerPorts,
  TAG_KEYS,
  type MonitorCoverage,
  type TenantBlueprint,
} from "../../components/core/index.js";
import { CLB_BACKEND_SOURCE, NO_CLIENT } from "../../components/alicloud/index.js";
import { runPolicyPacks } from "../../policies/harness.js";
import { monitorsByTenant } from "../../policies/rules/quota.js";
import { demoBlueprints } from "../helpers/fleet.js";
import { PACKS } from "../helpers/policies.js";
import { named, ofType, runAlicloudStack } from "../helpers/stacks.js";
import { SecretValue, type MockRun } from "../../plan/mock-run.js";

const T = {
  listener: "alicloud:slb/listener:Listener",
  acl: "alicloud:slb/acl:Acl",
  alarm: "alicloud:cms/alarm:Alarm",
  rule: "alicloud:ecs/securityGroupRule:SecurityGroupRule",
  instance: "alicloud:ecs/instance:Instance",
} as const;

let blueprints: TenantBlueprint[];
let demo: MockRun<unknown>;
beforeAll(async () => {
  blueprints = await demoBlueprints();
  demo = await runAlicloudStack(blueprints);
});

const coverageOf = (run: MockRun<unknown>, tenant: string) => (run.outputs as Record<string, { monitors: MonitorCoverage }>)[tenant]!.monitors;
const userData = (run: MockRun<unknown>, name: string) => {
  const raw = named(run.resources, T.instance, name).inputs.userData;
  return parse(raw instanceof SecretValue ? String(raw.value) : String(raw)) as { write_files?: { path: string; content: string }[]; runcmd: string[] };
};
const middlewareRuleIds = (bp: TenantBlueprint, host: string) => bp.monitors.flatMap((m) => (m.kind === "middleware" && m.host === host ? m.rules.map((r) => r.id) : []));

describe("a tenant without an ops server (initech, slb)", () => {
  it("a TCP listener per rule on its reserved port, forwarding to the responder and health-checked there on /<rule> (2xx), behind an access list that admits no client", () => {
    const initech = blueprints.find((b) => b.tenant === "initech")!;
    const rules = middlewareRuleIds(initech, "anyshare-cloud");
    expect(rules.sort()).toEqual(MIDDLEWARE_RULES.map((r) => r.id).sort());
    const acl = named(demo.resources, T.acl, "initech-entry-anyshare-cloud-web-checks-acl");
    expect(acl.inputs.entryLists).toEqual([{ entry: NO_CLIENT, comment: expect.any(String) }]);
    for (const rule of rules) {
      const l = named(demo.resources, T.listener, `initech-entry-anyshare-cloud-web-${rule}`);
      expect(l.inputs, rule).toMatchObject({
        protocol: "tcp",
        frontendPort: middlewareCheckListenerPort(rule),
        backendPort: MIDDLEWARE_CHECK_PORT,
        healthCheckType: "http",
        healthCheckConnectPort: MIDDLEWARE_CHECK_PORT,
        healthCheckUri: `/${rule}`,
        healthCheckHttpCode: "http_2xx",
        aclStatus: "on",
        aclType: "white",
      });
      expect(l.propertyDependencies.loadBalancerId).toEqual([named(demo.resources, "alicloud:slb/applicationLoadBalancer:ApplicationLoadBalancer", "initech-entry-anyshare-cloud-web-slb").urn]);
      expect(l.propertyDependencies.aclIds).toEqual([acl.urn]);
    }
  });

  it("a CloudMonitor rule per listener on UnhealthyServerCount for its CLB and port, at the rule's severity and contact group, tagged with the monitor", () => {
    for (const r of MIDDLEWARE_RULES) {
      const monitor = `middleware:${r.middleware}@anyshare-cloud`;
      const alarm = named(demo.resources, T.alarm, `initech-middleware-${r.id}-anyshare-cloud`).inputs;
      expect(alarm, r.id).toMatchObject({ project: "acs_slb_dashboard", metric: "UnhealthyServerCount", contactGroups: ["tenantry-alicloud-demo-warning"], period: 300 });
      expect(alarm.escalationsWarn, r.id).toMatchObject({ comparisonOperator: "GreaterThanThreshold", threshold: "0" });
      // The demo sends warnings to Slack too: the tenant's chat relay is the rule's target, as for every rule.
      expect(alarm.targets, r.id).toHaveLength(1);
      const [dims] = JSON.parse(String(alarm.metricDimensions)) as Record<string, string>[];
      expect(dims, r.id).toMatchObject({ instanceId: "initech-entry-anyshare-cloud-web-slb-id", port: String(middlewareCheckListenerPort(r.id)) });
      expect(alarm.tags, r.id).toMatchObject({ [TAG_KEYS.tenant]: "initech", [TAG_KEYS.monitor]: monitor, [TAG_KEYS.severity]: r.severity });
    }
    const { rendered, notRendered } = coverageOf(demo, "initech");
    expect(rendered).toEqual(expect.arrayContaining(["middleware:tomcat@anyshare-cloud", "middleware:zookeeper@anyshare-cloud"]));
    expect(notRendered).toEqual([]);
  });

  it("the host runs the responder (its rules only); only CLB's health-check range reaches its port", () => {
    const files = userData(demo, "initech-anyshare-cloud-instance").write_files ?? [];
    expect(files.find((f) => f.path.endsWith("tenantry-middleware-check.socket"))!.content).toContain(`ListenStream=${MIDDLEWARE_CHECK_PORT}`);
    expect(files.find((f) => f.path === "/usr/local/bin/tenantry-middleware-check")!.content).toContain("/zookeeper-latency) check_zookeeper_latency");
    expect(userData(demo, "initech-anyshare-cloud-instance").runcmd.join("\n")).toContain("systemctl enable --now tenantry-middleware-check.socket");
    // acme's AnyBackup host runs Tomcat only; its ops server no middleware.
    expect(userData(demo, "acme-anybackup-cloud-instance").write_files!.find((f) => f.path === "/usr/local/bin/tenantry-middleware-check")!.content).not.toContain("/zookeeper-latency)");
    expect(userData(demo, "acme-ops-server-host-instance").runcmd.join("\n")).not.toContain("tenantry-middleware-check");
    const rules = ofType(demo.resources, T.rule).filter((r) => r.name.startsWith("initech-network-") && r.inputs.portRange === `${MIDDLEWARE_CHECK_PORT}/${MIDDLEWARE_CHECK_PORT}`);
    expect(rules.map((r) => [r.name, r.inputs.cidrIp])).toEqual([[`initech-network-web-${MIDDLEWARE_CHECK_PORT}-100-64-0-0-10`, CLB_BACKEND_SOURCE]]);
  });
});

describe("a tenant with an ops server (acme)", () => {
  it("gets the same checks, and its Alertmanager leaves their alerts to CloudMonitor for the targets CloudMonitor reaches (each target once)", () => {
    const acme = blueprints.find((b) => b.tenant === "acme")!;
    const alarms = ofType(demo.resources, T.alarm).filter((a) => a.name.startsWith("acme-middleware-"));
    expect(alarms.length).toBe(middlewareRuleIds(acme, "anyshare-cloud").length + middlewareRuleIds(acme, "anybackup-cloud").length);
    const ops = userData(demo, "acme-ops-server-host-instance").write_files!;
    const am = ops.find((f) => f.path.endsWith("alertmanager.yml"))!.content;
    for (const m of acme.monitors.filter((m) => m.kind === "middleware")) expect(am, m.id).toContain(m.id);
  });
});

describe("entryPoint: eip", () => {
  it("no CLB, so no check listener, access list, rule, responder or port rule; without an ops server the middleware is listed not rendered, with the reason", async () => {
    const run = await runAlicloudStack(blueprints, { entryPoint: "eip", certificateId: undefined });
    expect(ofType(run.resources, T.acl)).toEqual([]);
    expect(ofType(run.resources, T.alarm).filter((a) => a.name.includes("-middleware-"))).toEqual([]);
    expect(ofType(run.resources, T.rule).filter((r) => r.inputs.portRange === `${MIDDLEWARE_CHECK_PORT}/${MIDDLEWARE_CHECK_PORT}`)).toEqual([]);
    for (const h of ofType(run.resources, T.instance)) expect(userData(run, h.name).runcmd.join("\n"), h.name).not.toContain("tenantry-middleware-check");
    const reason = coverageOf(run, "initech").notRendered.find((n) => n.id === "middleware:tomcat@anyshare-cloud")?.reason;
    expect(reason).toMatch(/no CLB with entryPoint eip.*no ops server/);
  });
});

describe("listener ports", () => {
  it("each rule's port comes from its id alone, in the reserved range: adding a rule moves no other; two rules on one port are refused", () => {
    const ids = MIDDLEWARE_RULES.map((r) => r.id);
    const before = middlewareCheckListenerPorts(ids);
    expect(new Set(Object.values(before)).size).toBe(ids.length);
    for (const port of Object.values(before)) expect(port - MIDDLEWARE_CHECK_LISTENER_PORTS.first).toSatisfy((d: number) => d >= 0 && d < MIDDLEWARE_CHECK_LISTENER_PORTS.count);
    const after = middlewareCheckListenerPorts(["tomcat-threads", ...ids]);
    for (const id of ids) expect(after[id], id).toBe(before[id]);
    // A collision exists among enough ids (10,000 ports): the plan names both rules.
    const seen = new Map<number, string>();
    let pair: [string, string] | undefined;
    for (let i = 0; !pair; i++) {
      const id = `rule-${i}`;
      const other = seen.get(middlewareCheckListenerPort(id));
      if (other) pair = [other, id];
      seen.set(middlewareCheckListenerPort(id), id);
    }
    expect(() => middlewareCheckListenerPorts(pair!)).toThrow(`rules ${pair[0]} and ${pair[1]} derive the same listener port`);
  });
});

describe("monitor quota", () => {
  it("counts the middleware monitors the CloudMonitor rules implement, by their tag (initech has no ops server to declare them), and fails a tenant over the plan", async () => {
    const views = demo.resources.map((r) => ({ type: r.type, name: r.name, urn: r.urn, props: r.inputs, protect: r.protect }));
    expect(monitorsByTenant(views).get("initech")).toMatchObject({ middleware: 2 });
    const verdicts = (await runPolicyPacks(PACKS, demo.resources, { "monitor-quota": { maxMiddlewareMonitors: 1 } })).verdicts.filter((v) => v.policy === "monitor-quota");
    expect(verdicts.map((v) => v.message)).toContain("tenant initech has 2 middleware monitors, over the plan's 1");
  });
});
