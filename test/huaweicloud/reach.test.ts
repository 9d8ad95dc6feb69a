/** The huaweicloud-demo stack's entry points, agents and ops-server probes, under mocks. */
import { beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { MIDDLEWARE_CHECK_PORT, MIDDLEWARE_RULES, TAG_KEYS, type TenantBlueprint } from "../../components/core/index.js";
import { CLOUD_EYE_AGENT_PATHS, huaweiMonitorCoverage, LOGIN_CHECK_POOL_PATH, MIDDLEWARE_CHECK_POOL_PATH, TLS_CIPHERS_POLICY, type HuaweiTenantOutputs } from "../../components/huaweicloud/index.js";
import { demoBlueprints } from "../helpers/fleet.js";
import { named, ofType, runHuaweicloudStack } from "../helpers/stacks.js";
import { SecretValue, type MockRun, type RecordedResource } from "../../plan/mock-run.js";

const T = {
  eip: "huaweicloud:Vpc/eip:Eip",
  lb: "huaweicloud:DedicatedElb/loadbalancer:Loadbalancer",
  listener: "huaweicloud:DedicatedElb/listener:Listener",
  policy: "huaweicloud:DedicatedElb/l7policy:L7policy",
  l7rule: "huaweicloud:DedicatedElb/l7rule:L7rule",
  pool: "huaweicloud:DedicatedElb/pool:Pool",
  member: "huaweicloud:DedicatedElb/member:Member",
  monitor: "huaweicloud:DedicatedElb/monitor:Monitor",
  ipgroup: "huaweicloud:DedicatedElb/ipgroup:Ipgroup",
  record: "huaweicloud:Dns/recordset:Recordset",
  rule: "huaweicloud:Vpc/secgroupRule:SecgroupRule",
  instance: "huaweicloud:Ecs/instance:Instance",
} as const;

let blueprints: TenantBlueprint[];
let demo: MockRun<unknown>;
beforeAll(async () => {
  blueprints = await demoBlueprints();
  demo = await runHuaweicloudStack(blueprints);
});

const userData = (r: RecordedResource) => (r.inputs.userData instanceof SecretValue ? String(r.inputs.userData.value) : String(r.inputs.userData));

describe("entry points (elb)", () => {
  it("a dedicated ELB per entry point on an EIP of its own: AnyShare's at its tier's documented bandwidth, AnyBackup's at the configured one", () => {
    const eip = (name: string) => (named(demo.resources, T.eip, name).inputs.bandwidth as { size: number; shareType: string }).size;
    expect([eip("acme-entry-anyshare-cloud-web-eip"), eip("initech-entry-anyshare-cloud-web-eip"), eip("acme-entry-anybackup-cloud-web-eip")]).toEqual([5, 15, 10]);
    const lb = named(demo.resources, T.lb, "acme-entry-anyshare-cloud-web-elb").inputs;
    expect(lb).toMatchObject({ ipv4EipId: "acme-entry-anyshare-cloud-web-eip-id", vpcId: "acme-network-vpc-id", l7FlavorId: "00000000-0000-4000-8000-0000000000a7" });
    expect(lb.l4FlavorId).toBeUndefined();
    expect((lb.tags as Record<string, string>)[TAG_KEYS.bandwidthMbps]).toBe("5");
    expect(named(demo.resources, T.lb, "acme-entry-anybackup-cloud-clients-elb").inputs).toMatchObject({ l4FlavorId: "00000000-0000-4000-8000-0000000000a4" });
  });

  it("HTTPS 443 with the certificate to the back-end port, 80 redirected to the 443 listener, a TCP listener per client port, each with a health-checked member", () => {
    const listener = (name: string) => named(demo.resources, T.listener, name).inputs;
    expect(listener("acme-entry-anyshare-cloud-web-443")).toMatchObject({ protocol: "HTTPS", protocolPort: 443, serverCertificate: "0123456789abcdef0123456789abcdef", tlsCiphersPolicy: TLS_CIPHERS_POLICY });
    expect(listener("acme-entry-anyshare-cloud-web-80")).toMatchObject({ protocol: "HTTP", protocolPort: 80 });
    expect(named(demo.resources, T.policy, "acme-entry-anyshare-cloud-web-80-redirect").inputs).toMatchObject({
      listenerId: "acme-entry-anyshare-cloud-web-80-id",
      action: "REDIRECT_TO_LISTENER",
      redirectListenerId: "acme-entry-anyshare-cloud-web-443-id",
    });
    expect(named(demo.resources, T.pool, "acme-entry-anyshare-cloud-web-443-pool").inputs).toMatchObject({ protocol: "HTTP", listenerId: "acme-entry-anyshare-cloud-web-443-id" });
    expect(named(demo.resources, T.member, "acme-entry-anyshare-cloud-web-443-member").inputs).toMatchObject({ protocolPort: 80, subnetId: expect.stringContaining("acme-network-app-0") });
    expect(named(demo.resources, T.monitor, "acme-entry-anyshare-cloud-web-443-health").inputs).toMatchObject({ protocol: "HTTP", urlPath: "/" });
    expect(listener("acme-entry-anybackup-cloud-clients-9801")).toMatchObject({ protocol: "TCP", protocolPort: 9801 });
    expect(named(demo.resources, T.member, "acme-entry-anybackup-cloud-clients-9802-member").inputs).toMatchObject({ protocolPort: 9802 });
    expect(named(demo.resources, T.monitor, "acme-entry-anybackup-cloud-clients-9802-health").inputs).toMatchObject({ protocol: "TCP" });
    // No redirect listener has a pool: the policy answers.
    expect(ofType(demo.resources, T.pool).filter((p) => p.name.includes("-80-"))).toEqual([]);
  });

  it("an A record per entry point in the configured zone, to its EIP", () => {
    expect(named(demo.resources, T.record, "acme-entry-anyshare-cloud-web-dns").inputs).toMatchObject({
      zoneId: "fedcba9876543210fedcba9876543210",
      name: "share-acme.tenants.example.com.",
      type: "A",
    });
    expect(ofType(demo.resources, T.record).map((r) => r.name).filter((n) => n.startsWith("globex-"))).toEqual(["globex-entry-anybackup-cloud-web-dns", "globex-entry-anybackup-cloud-clients-dns"]);
  });

  it("the hosts admit the balancers' subnets on the back-end port and, from the world, only the client ports (TCP keeps the client's address)", () => {
    const rules = ofType(demo.resources, T.rule).filter((r) => r.name.startsWith("acme-network-web-"));
    const publicCidrs = blueprints.find((b) => b.tenant === "acme")!.network.subnets.filter((s) => s.tier === "public").map((s) => s.cidr);
    expect(rules.filter((r) => r.inputs.portRangeMin === 80 && publicCidrs.includes(String(r.inputs.remoteIpPrefix))).length).toBe(publicCidrs.length);
    expect(rules.filter((r) => r.inputs.remoteIpPrefix === "0.0.0.0/0").map((r) => r.inputs.portRangeMin).sort()).toEqual([9801, 9802]);
  });

  it("no entry security group (dedicated ELBs join none): every ingress rule is in a group a host or database joins, and the world reaches only the client ports", () => {
    const groups = ofType(demo.resources, "huaweicloud:Vpc/secgroup:Secgroup").map((g) => g.name);
    expect(groups.filter((n) => n.endsWith("-entry-sg"))).toEqual([]);
    expect(groups.filter((n) => n.startsWith("acme-network-")).sort()).toEqual(["app", "data", "management", "ops", "web"].map((r) => `acme-network-${r}-sg`));
    const ingress = ofType(demo.resources, T.rule).filter((r) => r.inputs.direction === "ingress");
    for (const r of ingress) expect(String(r.inputs.securityGroupId), r.name).not.toMatch(/-entry-sg-id$/);
    const world = ingress.filter((r) => r.inputs.remoteIpPrefix === "0.0.0.0/0");
    expect([...new Set(world.map((r) => r.inputs.portRangeMin))].sort()).toEqual([9801, 9802]);
  });

  it("open to the world: no IP address groups; restricted: every listener admits only the allowed CIDRs", async () => {
    expect(ofType(demo.resources, T.ipgroup)).toEqual([]);
    const run = await runHuaweicloudStack(blueprints, { webCidrs: ["203.0.113.0/24"], clientCidrs: ["192.0.2.0/24"] });
    expect(named(run.resources, T.ipgroup, "acme-entry-anyshare-cloud-web-ips").inputs.ipLists).toEqual([{ ip: "203.0.113.0/24", description: "tenantry" }]);
    expect(named(run.resources, T.ipgroup, "acme-entry-anybackup-cloud-clients-ips").inputs.ipLists).toEqual([{ ip: "192.0.2.0/24", description: "tenantry" }]);
    for (const l of ofType(run.resources, T.listener)) expect(l.inputs, l.name).toMatchObject({ ipGroup: expect.stringMatching(/-ips-id$/), accessPolicy: "white" });
    const world = ofType(run.resources, T.rule).filter((r) => r.inputs.remoteIpPrefix === "0.0.0.0/0" && r.inputs.direction === "ingress");
    expect(world).toEqual([]);
  });

  it("login endpoint working: a login-check pool of the same back end, health-checked on the login path, joined to the 443 listener only for Tenantry's reserved path", () => {
    const pool = named(demo.resources, T.pool, "acme-entry-anyshare-cloud-web-443-login-pool").inputs;
    // Joined through the policy, not as the listener's default pool: users' requests never reach it.
    expect(pool).toMatchObject({ protocol: "HTTP", loadbalancerId: "acme-entry-anyshare-cloud-web-elb-id" });
    expect(pool.listenerId).toBeUndefined();
    expect(named(demo.resources, T.member, "acme-entry-anyshare-cloud-web-443-login-member").inputs).toMatchObject({
      poolId: "acme-entry-anyshare-cloud-web-443-login-pool-id",
      protocolPort: 80,
      address: named(demo.resources, T.member, "acme-entry-anyshare-cloud-web-443-member").inputs.address,
    });
    expect(named(demo.resources, T.monitor, "acme-entry-anyshare-cloud-web-443-login-health").inputs).toMatchObject({ protocol: "HTTP", urlPath: "/api/v1/auth/login", statusCode: "200-399" });
    expect(named(demo.resources, T.monitor, "acme-entry-anybackup-cloud-web-443-login-health").inputs).toMatchObject({ urlPath: "/login" });
    expect(named(demo.resources, T.policy, "acme-entry-anyshare-cloud-web-443-login-check").inputs).toMatchObject({
      listenerId: "acme-entry-anyshare-cloud-web-443-id",
      action: "REDIRECT_TO_POOL",
      redirectPoolId: "acme-entry-anyshare-cloud-web-443-login-pool-id",
    });
    expect(named(demo.resources, T.l7rule, "acme-entry-anyshare-cloud-web-443-login-check-path").inputs).toEqual({
      l7policyId: "acme-entry-anyshare-cloud-web-443-login-check-id",
      type: "PATH",
      compareType: "EQUAL_TO",
      value: LOGIN_CHECK_POOL_PATH,
    });
    // One login check per web entry point; none on the backup clients' balancer.
    expect(ofType(demo.resources, T.pool).filter((p) => p.name.startsWith("acme-") && p.name.endsWith("-login-pool")).map((p) => p.name).sort()).toEqual([
      "acme-entry-anybackup-cloud-web-443-login-pool",
      "acme-entry-anyshare-cloud-web-443-login-pool",
    ]);
  });

  it("a login path the ELB health check cannot request fails the tenant's entry points, naming it", async () => {
    const withQuery = blueprints.map((b) => ({ ...b, monitors: b.monitors.map((m) => (m.kind === "url" && m.check === "login" ? { ...m, path: "/auth?next=/" } : m)) }));
    await expect(runHuaweicloudStack(withQuery)).rejects.toThrow(/loginPaths\.anyshare-cloud-web[\s\S]*dedicated ELB health check/);
  });

  it("fails before registering anything without the certificate, the flavour ids or AnyBackup's bandwidth, naming each key", async () => {
    const run = runHuaweicloudStack(blueprints, { certificateId: undefined, elbFlavorIds: undefined, entryBandwidthMbps: undefined });
    await expect(run).rejects.toThrow(/tenantry:huaweicloud\.certificateId[\s\S]*tenantry:huaweicloud\.elbFlavorIds\.l7[\s\S]*tenantry:huaweicloud\.elbFlavorIds\.l4[\s\S]*tenantry:huaweicloud\.entryBandwidthMbps/);
  });
});

describe("entry points (eip)", () => {
  it("no balancers: the web hosts take an EIP of the documented (or configured) bandwidth, their web and client ports open to the allowed CIDRs", async () => {
    const run = await runHuaweicloudStack(blueprints, { entryPoint: "eip", certificateId: undefined, elbFlavorIds: undefined });
    expect(ofType(run.resources, T.lb)).toEqual([]);
    expect(ofType(run.resources, T.listener)).toEqual([]);
    const eip = (name: string) => (named(run.resources, T.eip, name).inputs.bandwidth as { size: number }).size;
    expect([eip("acme-anyshare-cloud-eip"), eip("initech-anyshare-cloud-eip"), eip("acme-anybackup-cloud-eip")]).toEqual([5, 15, 10]);
    const world = ofType(run.resources, T.rule).filter((r) => r.name.startsWith("acme-network-web-") && r.inputs.remoteIpPrefix === "0.0.0.0/0");
    expect(world.map((r) => r.inputs.portRangeMin).sort((a, b) => Number(a) - Number(b))).toEqual([80, 443, 9801, 9802]);
    expect(named(run.resources, T.record, "acme-entry-anyshare-cloud-web-dns").inputs.records).toEqual([expect.stringMatching(/^\d+\.\d+\.\d+\.\d+$/)]);
    // No balancer health checks: the tenant without an ops server has its URL monitors from its prober
    // (test/huaweicloud/prober.test.ts) and no middleware monitor, and says so.
    const initech = (run.outputs as Record<string, HuaweiTenantOutputs>).initech!.monitors;
    expect(initech.rendered.sort()).toEqual(["url:home-page@anyshare-cloud", "url:login@anyshare-cloud"]);
    expect(initech.notRendered.map((n) => n.id).sort()).toEqual(["middleware:tomcat@anyshare-cloud", "middleware:zookeeper@anyshare-cloud"]);
    expect(initech.notRendered.find((n) => n.id === "middleware:tomcat@anyshare-cloud")?.reason).toMatch(/entryPoint eip.*no ops server/);
    // No balancer to ask the responder: no hosts run it, and no rule opens its port.
    expect(ofType(run.resources, T.rule).filter((r) => r.inputs.portRangeMin === MIDDLEWARE_CHECK_PORT)).toEqual([]);
    for (const h of ofType(run.resources, T.instance)) expect(userData(h), h.name).not.toContain("tenantry-middleware-check");
    expect((run.outputs as Record<string, HuaweiTenantOutputs>).acme!.monitors.notRendered).toEqual([]);
  });
});

describe("agents and probes", () => {
  it("home page and probe latency as Cloud Eye rules on each web ELB (its health check requests /), login on its login-check pool, at their severities", () => {
    const rule = (name: string) => named(demo.resources, "huaweicloud:Cse/alarmrule:Alarmrule", name).inputs as Record<string, any>;
    const availability = rule("acme-probes-home-page-anyshare-cloud-web-availability");
    expect(availability.metric).toEqual({ namespace: "SYS.ELB" });
    expect(availability.resources).toEqual([{ dimensions: [{ name: "lbaas_instance_id", value: "acme-entry-anyshare-cloud-web-elb-id" }] }]);
    expect(availability.conditions[0]).toMatchObject({ metricName: "m9_abnormal_servers", comparisonOperator: ">", value: 0, alarmLevel: 1 });
    expect(availability.alarmDescription).toContain("monitor url:home-page@anyshare-cloud");
    const latency = rule("acme-probes-home-page-anyshare-cloud-web-latency");
    expect(latency.conditions[0]).toMatchObject({ metricName: "m14_l7_rt", value: 5000, alarmLevel: 2 });
    const login = rule("acme-probes-login-anyshare-cloud-web-availability");
    expect(login.resources).toEqual([
      {
        dimensions: [
          { name: "lbaas_instance_id", value: "acme-entry-anyshare-cloud-web-elb-id" },
          { name: "lbaas_pool_id", value: "acme-entry-anyshare-cloud-web-443-login-pool-id" },
        ],
      },
    ]);
    expect(login.conditions[0]).toMatchObject({ metricName: "m9_abnormal_servers", comparisonOperator: ">", value: 0, alarmLevel: 1 });
    expect(login.alarmDescription).toContain("monitor url:login@anyshare-cloud");
    // The login-check pool carries no user requests: no latency rule of its own.
    const names = ofType(demo.resources, "huaweicloud:Cse/alarmrule:Alarmrule").map((r) => r.name);
    expect(names.filter((n) => n.includes("-probes-login-")).sort()).toEqual(
      ["acme", "globex", "initech"].flatMap((t) => (t === "acme" ? ["anybackup", "anyshare"] : t === "globex" ? ["anybackup"] : ["anyshare"]).map((p) => `${t}-probes-login-${p}-cloud-web-availability`)).sort(),
    );
    // Without an ops server (initech), Cloud Eye implements all of its monitors behind the ELB.
    const initech = (demo.outputs as Record<string, HuaweiTenantOutputs>).initech!.monitors;
    expect(initech.rendered.sort()).toEqual(["middleware:tomcat@anyshare-cloud", "middleware:zookeeper@anyshare-cloud", "url:home-page@anyshare-cloud", "url:login@anyshare-cloud"]);
    expect(initech.notRendered).toEqual([]);
  });

  it("middleware: per rule a pool of the web back end health-checked on the host's responder (200 only), joined to 443 only for a reserved path, and a Cloud Eye rule on that pool at the rule's severity", () => {
    const prefix = "acme-entry-anyshare-cloud-web-443";
    const rules = MIDDLEWARE_RULES.map((r) => r.id);
    for (const rule of rules) {
      const pool = named(demo.resources, T.pool, `${prefix}-${rule}-pool`).inputs;
      expect(pool).toMatchObject({ protocol: "HTTP", loadbalancerId: "acme-entry-anyshare-cloud-web-elb-id" });
      expect(pool.listenerId).toBeUndefined();
      // Users' requests to the reserved path go to the web port; only the health check asks the responder.
      expect(named(demo.resources, T.member, `${prefix}-${rule}-member`).inputs).toMatchObject({ protocolPort: 80, address: named(demo.resources, T.member, `${prefix}-member`).inputs.address });
      expect(named(demo.resources, T.monitor, `${prefix}-${rule}-health`).inputs).toMatchObject({ protocol: "HTTP", port: MIDDLEWARE_CHECK_PORT, urlPath: `/${rule}`, statusCode: "200" });
      expect(named(demo.resources, T.policy, `${prefix}-${rule}-check`).inputs).toMatchObject({ listenerId: `${prefix}-id`, action: "REDIRECT_TO_POOL", redirectPoolId: `${prefix}-${rule}-pool-id` });
      expect(named(demo.resources, T.l7rule, `${prefix}-${rule}-check-path`).inputs).toMatchObject({ type: "PATH", compareType: "EQUAL_TO", value: `${MIDDLEWARE_CHECK_POOL_PATH}/${rule}` });
      const alarm = named(demo.resources, "huaweicloud:Cse/alarmrule:Alarmrule", `acme-middleware-${rule}-anyshare-cloud`).inputs as Record<string, any>;
      expect(alarm.resources).toEqual([{ dimensions: [{ name: "lbaas_instance_id", value: "acme-entry-anyshare-cloud-web-elb-id" }, { name: "lbaas_pool_id", value: `${prefix}-${rule}-pool-id` }] }]);
      expect(alarm.conditions[0]).toMatchObject({ metricName: "m9_abnormal_servers", comparisonOperator: ">", value: 0, alarmLevel: 2 });
      expect(alarm.alarmDescription).toMatch(new RegExp(`; ${rule} > .* on anyshare-cloud; monitor middleware:(tomcat|zookeeper)@anyshare-cloud$`));
      expect(alarm.alarmDescription.length).toBeLessThanOrEqual(256);
    }
    // AnyBackup runs Tomcat only (the demo's table): its ELB checks Tomcat's two rules, nothing else.
    expect(ofType(demo.resources, T.pool).filter((p) => p.name.startsWith("acme-entry-anybackup-cloud-web-443-") && !["acme-entry-anybackup-cloud-web-443-pool", "acme-entry-anybackup-cloud-web-443-login-pool"].includes(p.name)).map((p) => p.name).sort()).toEqual([
      "acme-entry-anybackup-cloud-web-443-tomcat-heap-pool",
      "acme-entry-anybackup-cloud-web-443-tomcat-restarted-pool",
    ]);
  });

  it("the hosts that run middleware run the responder; the balancers' subnets, and nothing else, reach its port", () => {
    const runcmd = (name: string) => (parse(userData(named(demo.resources, T.instance, name))) as { runcmd: string[] }).runcmd.join("\n");
    const files = (name: string) => (parse(userData(named(demo.resources, T.instance, name))) as { write_files: { path: string; content: string }[] }).write_files;
    expect(runcmd("acme-anyshare-cloud-instance")).toContain("systemctl enable --now tenantry-middleware-check.socket");
    expect(files("acme-anyshare-cloud-instance").find((f) => f.path.endsWith("/tenantry-middleware-check"))!.content).toContain("/zookeeper-latency) check_zookeeper_latency");
    expect(files("acme-anybackup-cloud-instance").find((f) => f.path.endsWith("/tenantry-middleware-check"))!.content).not.toContain("/zookeeper-latency)");
    expect(runcmd("acme-ops-server-host-instance")).not.toContain("tenantry-middleware-check");
    const publicCidrs = blueprints.find((b) => b.tenant === "acme")!.network.subnets.filter((s) => s.tier === "public").map((s) => s.cidr);
    const rules = ofType(demo.resources, T.rule).filter((r) => r.name.startsWith("acme-network-") && r.inputs.portRangeMin === MIDDLEWARE_CHECK_PORT);
    expect(rules.map((r) => [r.inputs.securityGroupId, r.inputs.remoteIpPrefix]).sort()).toEqual(publicCidrs.map((c) => ["acme-network-web-sg-id", c]).sort());
  });

  it("every host checks for the Cloud Eye agent and installs the region's agent when it is missing; and runs node_exporter", () => {
    for (const h of ofType(demo.resources, T.instance)) {
      const runcmd = (parse(userData(h)) as { runcmd: string[] }).runcmd.join("\n");
      for (const path of CLOUD_EYE_AGENT_PATHS) expect(runcmd, h.name).toContain(path);
      expect(runcmd, h.name).toContain("https://obs.cn-north-4.myhuaweicloud.com/uniagent-cn-north-4/package/agent_install.sh");
      expect(runcmd, h.name).toContain("-r cn-north-4");
      expect(runcmd, h.name).toContain("systemctl enable --now node_exporter");
    }
  });

  it("the ops server probes the public entry points by their DNS names (home page and login), and scrapes the middleware", () => {
    const ops = named(demo.resources, T.instance, "acme-ops-server-host-instance");
    const files = (parse(userData(ops)) as { write_files: { path: string; content: string }[] }).write_files;
    const prometheus = files.find((f) => f.path.endsWith("prometheus.yml"))!.content;
    expect(prometheus).toContain("https://share-acme.tenants.example.com/");
    expect(prometheus).toContain("https://share-acme.tenants.example.com/api/v1/auth/login");
    expect(prometheus).toContain("https://backup-acme.tenants.example.com/login");
    const rules = ofType(demo.resources, T.rule).filter((r) => r.name.startsWith("acme-network-management-"));
    expect(rules.map((r) => r.inputs.portRangeMin)).toEqual(expect.arrayContaining([9404, 7000]));
  });
});

describe("huaweiMonitorCoverage", () => {
  it("a monitor is rendered by a Cloud Eye rule or by the ops server; otherwise it is named with the reason, never dropped", () => {
    const acme = blueprints.find((b) => b.tenant === "acme")!;
    const all = acme.monitors.map((m) => m.id);
    expect(huaweiMonitorCoverage(acme.monitors, [], true)).toEqual({ rendered: all, notRendered: [] });
    const alone = huaweiMonitorCoverage(acme.monitors, ["url:home-page@anyshare-cloud"], false);
    expect(alone.rendered).toEqual(["url:home-page@anyshare-cloud"]);
    expect(alone.notRendered.map((n) => n.id).sort()).toEqual(all.filter((id) => id !== "url:home-page@anyshare-cloud").sort());
    for (const n of alone.notRendered) expect(n.reason, n.id).toMatch(/ops server/);
  });
});
