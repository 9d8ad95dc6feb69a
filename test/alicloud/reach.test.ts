/** The alicloud-demo stack's entry points, agents, graded alarms, probes and ops-server monitoring, under mocks. */
import { beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { TAG_KEYS } from "../../components/core/index.js";
import { demoBlueprints } from "../helpers/fleet.js";
import { named, ofType, runAlicloudStack } from "../helpers/stacks.js";
import { SecretValue, type MockRun } from "../../plan/mock-run.js";

let demo: MockRun<unknown>;
beforeAll(async () => {
  demo = await runAlicloudStack(await demoBlueprints());
});

describe("entry points", () => {
  it("a CLB per entry point, billed by the documented AnyShare bandwidth (the configured one for AnyBackup)", () => {
    const slb = (name: string) => named(demo.resources, "alicloud:slb/applicationLoadBalancer:ApplicationLoadBalancer", name).inputs;
    expect(slb("acme-entry-anyshare-cloud-web-slb")).toMatchObject({ addressType: "internet", internetChargeType: "PayByBandwidth", bandwidth: 5 });
    expect(slb("initech-entry-anyshare-cloud-web-slb")).toMatchObject({ bandwidth: 15 });
    expect(slb("acme-entry-anybackup-cloud-web-slb")).toMatchObject({ bandwidth: 10 });
  });

  it("HTTPS 443 with the certificate, 80 redirecting to 443, a TCP listener per client port", () => {
    const listener = (name: string) => named(demo.resources, "alicloud:slb/listener:Listener", name).inputs;
    expect(listener("acme-entry-anyshare-cloud-web-443")).toMatchObject({ protocol: "https", backendPort: 80, serverCertificateId: "1234567890123456_demo", tlsCipherPolicy: "tls_cipher_policy_1_2" });
    expect(listener("acme-entry-anyshare-cloud-web-80")).toMatchObject({ protocol: "http", listenerForward: "on", forwardPort: 443 });
    expect(listener("acme-entry-anybackup-cloud-clients-9801")).toMatchObject({ protocol: "tcp", backendPort: 9801 });
    expect(named(demo.resources, "alicloud:dns/alidnsRecord:AlidnsRecord", "acme-entry-anyshare-cloud-web-dns").inputs).toMatchObject({ domainName: "tenants.example.com", rr: "share-acme", type: "A" });
  });

  it("the hosts admit CLB's back-end range on the back-end port, and nothing from the world but the client ports", () => {
    const rules = ofType(demo.resources, "alicloud:ecs/securityGroupRule:SecurityGroupRule").filter((r) => r.name.startsWith("acme-network-web-"));
    expect(rules.find((r) => r.inputs.portRange === "80/80" && r.inputs.cidrIp === "100.64.0.0/10")).toBeDefined();
    const world = rules.filter((r) => r.inputs.cidrIp === "0.0.0.0/0").map((r) => r.inputs.portRange);
    expect(world.sort()).toEqual(["9801/9801", "9802/9802"]);
  });
});

describe("no entry security group", () => {
  it("CLB instances take no security group, so the network makes no entry group and no world-open 80/443 rule; nothing names one", () => {
    const groups = ofType(demo.resources, "alicloud:ecs/securityGroup:SecurityGroup").filter((g) => g.name.startsWith("acme-network-"));
    expect(groups.map((g) => g.name.replace("acme-network-", "")).sort()).toEqual(["app-sg", "data-sg", "management-sg", "ops-sg", "web-sg"]);
    const rules = ofType(demo.resources, "alicloud:ecs/securityGroupRule:SecurityGroupRule").filter((r) => r.name.startsWith("acme-network-"));
    expect(rules.filter((r) => r.name.startsWith("acme-network-entry-"))).toEqual([]);
    expect(rules.filter((r) => r.inputs.cidrIp === "0.0.0.0/0" && r.inputs.type === "ingress" && ["80/80", "443/443"].includes(String(r.inputs.portRange)))).toEqual([]);
    for (const lb of ofType(demo.resources, "alicloud:slb/applicationLoadBalancer:ApplicationLoadBalancer")) expect(Object.keys(lb.inputs).filter((k) => /securityGroup/i.test(k)), lb.name).toEqual([]);
  });
});

describe("alarms, probes and agents", () => {
  it("site monitoring of home page and login, alarmed at its severity's level", () => {
    const tasks = ofType(demo.resources, "alicloud:cms/siteMonitor:SiteMonitor").filter((t) => t.name.startsWith("acme-"));
    expect(tasks.map((t) => t.inputs.taskType)).toEqual(["HTTP", "HTTP", "HTTP", "HTTP"]);
    const availability = named(demo.resources, "alicloud:cms/alarm:Alarm", "acme-probes-login-anyshare-cloud-web-availability").inputs;
    expect(availability).toMatchObject({ project: "acs_networkmonitor", metric: "Availability", contactGroups: ["tenantry-alicloud-demo"] });
    expect(availability.tags).toMatchObject({ [TAG_KEYS.monitor]: "url:login@anyshare-cloud", [TAG_KEYS.severity]: "urgent" });
    const latency = named(demo.resources, "alicloud:cms/alarm:Alarm", "acme-probes-login-anyshare-cloud-web-latency").inputs;
    expect(latency).toMatchObject({ metric: "ResponseTime", escalationsWarn: { threshold: "5000" }, contactGroups: ["tenantry-alicloud-demo-warning"] });
  });

  it("contact groups per severity, DingTalk for urgent, quiet hours on info", () => {
    const contact = named(demo.resources, "alicloud:cms/alarmContact:AlarmContact", "alarms-urgent-dingtalk-0").inputs;
    expect(contact.channelsDingWebHook).toBeInstanceOf(SecretValue);
    expect(ofType(demo.resources, "alicloud:cms/alarmContactGroup:AlarmContactGroup").map((g) => g.inputs.alarmContactGroupName).sort()).toEqual([
      "tenantry-alicloud-demo",
      "tenantry-alicloud-demo-info",
      "tenantry-alicloud-demo-warning",
    ]);
  });

  it("every host checks the CloudMonitor agent and runs node_exporter; the ops server runs the generated stack (secret)", () => {
    for (const h of ofType(demo.resources, "alicloud:ecs/instance:Instance")) {
      const raw = h.inputs.userData instanceof SecretValue ? String(h.inputs.userData.value) : String(h.inputs.userData);
      const doc = parse(raw) as { runcmd: string[] };
      expect(doc.runcmd.join("\n"), h.name).toContain("/usr/local/cloudmonitor/bin/argusagent");
      expect(doc.runcmd.join("\n"), h.name).toContain("systemctl enable --now node_exporter");
    }
    const ops = named(demo.resources, "alicloud:ecs/instance:Instance", "acme-ops-server-host-instance");
    expect(ops.inputs.userData).toBeInstanceOf(SecretValue);
    const files = (parse(String((ops.inputs.userData as SecretValue).value)) as { write_files: { path: string; content: string }[] }).write_files;
    const am = parse(files.find((f) => f.path.endsWith("alertmanager.yml"))!.content) as { receivers: { name: string; slack_configs?: unknown[] }[] };
    expect(am.receivers.find((r) => r.name === "warning")!.slack_configs).toHaveLength(1);
  });

  it("yearly billing needs the subscription-expiry event names, and gets an event rule on them", async () => {
    await expect(runAlicloudStack(await demoBlueprints(), { billing: "yearly" })).rejects.toThrow("tenantry:alicloud.subscriptionExpiryEvents: is required with yearly billing");
    const run = await runAlicloudStack(await demoBlueprints(), { billing: "yearly", subscriptionExpiryEvents: ["Instance:PreExpire"] });
    expect(named(run.resources, "alicloud:cms/eventRule:EventRule", "alarms-expiry").inputs).toMatchObject({
      eventPattern: { product: "ecs", nameLists: ["Instance:PreExpire"] },
      contactParameters: [{ contactGroupName: "tenantry-alicloud-demo-warning", level: "WARN" }],
    });
  });
});

describe("entry-point variants", () => {
  it("eip: no CLBs; each web host takes an EIP of the documented (else the configured) bandwidth, its web and client ports open to the allowed CIDRs, DNS and probes on it", async () => {
    const run = await runAlicloudStack(await demoBlueprints(), { entryPoint: "eip", certificateId: undefined });
    expect(ofType(run.resources, "alicloud:slb/applicationLoadBalancer:ApplicationLoadBalancer")).toEqual([]);
    expect(ofType(run.resources, "alicloud:slb/listener:Listener")).toEqual([]);
    const eip = (name: string) => named(run.resources, "alicloud:ecs/eipAddress:EipAddress", name).inputs;
    expect([eip("acme-anyshare-cloud-eip").bandwidth, eip("initech-anyshare-cloud-eip").bandwidth, eip("acme-anybackup-cloud-eip").bandwidth]).toEqual(["5", "15", "10"]);
    expect(eip("acme-anyshare-cloud-eip")).toMatchObject({ internetChargeType: "PayByBandwidth" });
    const world = ofType(run.resources, "alicloud:ecs/securityGroupRule:SecurityGroupRule").filter((r) => r.name.startsWith("acme-network-web-") && r.inputs.cidrIp === "0.0.0.0/0");
    expect(world.map((r) => r.inputs.portRange).sort()).toEqual(["443/443", "80/80", "9801/9801", "9802/9802"]);
    // Nothing admits CLB's back-end range: there is no CLB.
    expect(ofType(run.resources, "alicloud:ecs/securityGroupRule:SecurityGroupRule").filter((r) => r.inputs.cidrIp === "100.64.0.0/10")).toEqual([]);
    expect(named(run.resources, "alicloud:dns/alidnsRecord:AlidnsRecord", "acme-entry-anyshare-cloud-web-dns").inputs).toMatchObject({ rr: "share-acme", type: "A" });
    expect(named(run.resources, "alicloud:cms/siteMonitor:SiteMonitor", "acme-probes-home-page-anyshare-cloud-web").inputs.address).toBe("https://share-acme.tenants.example.com/");
  });

  it("nobody allowed (no webCidrs): the entry points' access lists hold an address no client has, never nothing (an empty whitelist admits everyone)", async () => {
    const run = await runAlicloudStack(await demoBlueprints(), { webCidrs: [], clientCidrs: ["198.51.100.0/24"] });
    expect(named(run.resources, "alicloud:slb/acl:Acl", "acme-entry-anyshare-cloud-web-acl").inputs.entryLists).toEqual([{ entry: "192.0.2.1/32", comment: "tenantry-no-client-rfc5737" }]);
    expect(named(run.resources, "alicloud:slb/acl:Acl", "acme-entry-anybackup-cloud-clients-acl").inputs.entryLists).toEqual([{ entry: "198.51.100.0/24", comment: "tenantry" }]);
    expect(named(run.resources, "alicloud:slb/listener:Listener", "acme-entry-anyshare-cloud-web-443").inputs).toMatchObject({ aclStatus: "on", aclType: "white" });
  });

  it("slb is the only load-balancer variant on Alibaba Cloud (no nlb): another value is refused, naming the allowed ones", async () => {
    await expect(runAlicloudStack(await demoBlueprints(), { entryPoint: "nlb" })).rejects.toThrow(/tenantry:alicloud\.entryPoint[\s\S]*slb[\s\S]*eip/);
  });

  it("isolation account: each tenant's entry points, probes and alarms are built in its own account and notify its own contact groups", async () => {
    const accounts = { acme: "1111111111111111", globex: "2222222222222222", initech: "3333333333333333" };
    const blueprints = await demoBlueprints();
    const run = await runAlicloudStack(blueprints, { isolation: "account", accounts });
    for (const bp of blueprints) {
      for (const e of bp.entryPoints) {
        const ports = e.listeners.map((l) => l.port).sort((a, b) => a - b);
        // The users' listeners (named by port; the middleware-check listeners are named by rule).
        const got = ofType(run.resources, "alicloud:slb/listener:Listener")
          .filter((r) => r.name.startsWith(`${bp.tenant}-entry-${e.key}-`) && /-\d+$/.test(r.name))
          .map((r) => Number(r.name.split("-").at(-1)));
        expect(got.sort((a, b) => a - b), `${bp.tenant} ${e.key}`).toEqual(ports);
      }
      const ownGroups = ofType(run.resources, "alicloud:cms/alarmContactGroup:AlarmContactGroup").filter((g) => g.name.startsWith(`${bp.tenant}-alarms-`)).map((g) => g.urn);
      expect(ownGroups.length, bp.tenant).toBe(3);
      const probes = ofType(run.resources, "alicloud:cms/alarm:Alarm").filter((a) => a.name.startsWith(`${bp.tenant}-probes-`));
      expect(probes.length, bp.tenant).toBe(bp.monitors.filter((m) => m.kind === "url").length * 2);
      const middleware = ofType(run.resources, "alicloud:cms/alarm:Alarm").filter((a) => a.name.startsWith(`${bp.tenant}-middleware-`));
      expect(middleware.length, bp.tenant).toBe(bp.monitors.flatMap((m) => (m.kind === "middleware" ? m.rules : [])).length);
      for (const p of [...probes, ...middleware]) {
        const deps = p.propertyDependencies.contactGroups ?? [];
        expect(deps.length, p.name).toBeGreaterThan(0);
        expect(deps.every((urn) => ownGroups.includes(urn)), `${p.name} notifies another account's group`).toBe(true);
      }
    }
    // No fleet-wide contact groups: nothing shared between accounts.
    expect(ofType(run.resources, "alicloud:cms/alarmContactGroup:AlarmContactGroup").filter((g) => g.name.startsWith("alarms-"))).toEqual([]);
  });
});
