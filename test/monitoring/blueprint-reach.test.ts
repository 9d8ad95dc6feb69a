/** The blueprint's entry points, monitors and security rules: what every cloud renders. */
import { describe, expect, it } from "vitest";
import {
  ANYSHARE_TIERS,
  DOCUMENTED_RULES,
  ingressRules,
  securityGroupsOf,
  MANAGED_OPS_MONITOR_QUOTAS,
  monitorCounts,
  parseMonitorsTag,
  serviceParamsProblems,
  TAG_KEYS,
  tenantBlueprint,
} from "../../components/core/index.js";
import { anyBackup, anyShare, demoBlueprints, demoParams, makeTenant, opsServer } from "../helpers/fleet.js";

describe("entry points", () => {
  it("gives AnyShare web and AnyBackup console 443 (TLS) + 80 (redirect), and the backup clients their ports", async () => {
    const acme = (await demoBlueprints()).find((b) => b.tenant === "acme")!;
    expect(acme.entryPoints.map((e) => [e.key, e.listeners.map((l) => `${l.port}/${l.protocol}${l.backendPort ? `->${l.backendPort}` : ""}`), e.dnsName])).toEqual([
      ["anyshare-cloud-web", ["443/https->80", "80/http-redirect"], "share-acme.tenants.example.com"],
      ["anybackup-cloud-web", ["443/https->80", "80/http-redirect"], "backup-acme.tenants.example.com"],
      ["anybackup-cloud-clients", ["9801/tcp->9801", "9802/tcp->9802"], "backup-clients-acme.tenants.example.com"],
    ]);
  });

  it("carries the documented AnyShare bandwidth of every tier (product-facts.md §1)", () => {
    for (const [i, tier] of ANYSHARE_TIERS.entries()) {
      const bp = tenantBlueprint(makeTenant(i, [anyShare(tier.users, `as_t${i}`)]), demoParams());
      expect(bp.entryPoints[0]!.bandwidthMbps).toBe(tier.host.bandwidthMbps);
      expect(bp.entryPoints[0]!.bandwidthSource!.row).toBe(`${tier.users} users`);
    }
  });

  it("has no backup-client listeners or login probes without the parameters, and says which are required", () => {
    const tenant = makeTenant(1, [anyShare(100, "as_x_1"), anyBackup(true, "ab_x_1")]);
    const bp = tenantBlueprint(tenant);
    expect(bp.entryPoints.find((e) => e.purpose === "backup-clients")!.listeners).toEqual([]);
    expect(bp.monitors.filter((m) => m.kind === "url").map((m) => m.id)).toEqual(["url:home-page@anyshare-cloud", "url:home-page@anybackup-cloud"]);
    expect(serviceParamsProblems({}, new Set(["anyshare-cloud", "anybackup-cloud"]), "x.").map((p) => p.path)).toEqual([
      "x.anybackupClientPorts",
      "x.middleware.anyshare-cloud",
      "x.loginPaths.anyshare-cloud",
      "x.middleware.anybackup-cloud",
      "x.loginPaths.anybackup-cloud",
    ]);
  });
});

describe("monitors", () => {
  it("acme: middleware where the table puts it, ports probed by the ops server, home page and login per web service", async () => {
    const acme = (await demoBlueprints()).find((b) => b.tenant === "acme")!;
    expect(acme.monitors.map((m) => `${m.id} via ${m.via.join("+")}`)).toEqual([
      "middleware:tomcat@anyshare-cloud via cloud+ops-server",
      "middleware:zookeeper@anyshare-cloud via cloud+ops-server",
      "middleware:tomcat@anybackup-cloud via cloud+ops-server",
      "port:ssh@anyshare-cloud via ops-server",
      "port:web@anyshare-cloud via ops-server",
      "port:mysql@anyshare-cloud-db via ops-server",
      "port:ssh@anybackup-cloud via ops-server",
      "port:web@anybackup-cloud via ops-server",
      "port:backup-client-9801@anybackup-cloud via ops-server",
      "port:backup-client-9802@anybackup-cloud via ops-server",
      "url:home-page@anyshare-cloud via cloud+ops-server",
      "url:login@anyshare-cloud via cloud+ops-server",
      "url:home-page@anybackup-cloud via cloud+ops-server",
      "url:login@anybackup-cloud via cloud+ops-server",
    ]);
    const ops = acme.hosts.find((h) => h.key === "ops-server")!;
    expect(parseMonitorsTag(ops.tags[TAG_KEYS.monitors])).toEqual({ middleware: 3, port: 7, url: 4 });
  });

  it("every demo tenant fits one managed-ops plan (20 middleware, 50 port, 5 URL)", async () => {
    for (const bp of await demoBlueprints()) {
      const counts = monitorCounts(bp.monitors);
      for (const kind of ["middleware", "port", "url"] as const) expect(counts[kind]).toBeLessThanOrEqual(MANAGED_OPS_MONITOR_QUOTAS[kind]);
    }
  });

  it("grades every documented rule; only 'licence expired' is graded by the document", () => {
    expect(DOCUMENTED_RULES.filter((r) => r.severitySource === "documented").map((r) => [r.id, r.severity])).toEqual([["licence-expired", "urgent"]]);
    expect(DOCUMENTED_RULES.map((r) => r.id)).toEqual(expect.arrayContaining(["cpu", "memory", "disk", "load-and-cpu", "tomcat-heap", "tomcat-restarted", "zookeeper-open-fds", "zookeeper-latency", "port-ssh", "port-web", "port-mysql", "port-oracle", "url-home-page", "url-login", "url-latency", "cloud-expiry"]));
  });
});

describe("ingressRules: exactly the traffic of the entry points", () => {
  const acmeEntry = async () => (await demoBlueprints()).find((b) => b.tenant === "acme")!.entryPoints;
  const show = (rules: ReturnType<typeof ingressRules>) => rules.map((r) => `${r.group}:${r.port}<-${"cidr" in r.from ? r.from.cidr : r.from.group}`);

  it("behind load balancers: users reach the balancers, the balancers the back-end ports, the ops server what it monitors", async () => {
    const rules = ingressRules({
      adminCidrs: ["198.51.100.0/24"],
      entry: { mode: "load-balancer", entryPoints: await acmeEntry(), webCidrs: ["0.0.0.0/0"], clientCidrs: ["203.0.113.0/24"] },
      middleware: ["tomcat", "zookeeper"],
    });
    expect(show(rules)).toEqual([
      "entry:443<-0.0.0.0/0",
      "entry:80<-0.0.0.0/0",
      "entry:9801<-203.0.113.0/24",
      "entry:9802<-203.0.113.0/24",
      "web:80<-entry",
      "web:9801<-entry",
      "web:9802<-entry",
      "data:3306<-app",
      "data:3306<-ops",
      "management:22<-ops",
      "management:9100<-ops",
      "management:9404<-ops",
      "management:7000<-ops",
      "web:80<-ops",
      "web:9801<-ops",
      "web:9802<-ops",
      "ops:22<-198.51.100.0/24",
    ]);
    expect(rules.filter((r) => "cidr" in r.from && r.from.cidr.endsWith("/0")).every((r) => r.group === "entry")).toBe(true);
    expect(rules.find((r) => r.group === "data" && "group" in r.from && r.from.group === "app")!.id).toBe("data-mysql-from-app");
  });

  it("straight to the hosts: the web and client ports open to the allowed CIDRs on the web group", async () => {
    const rules = ingressRules({ adminCidrs: [], entry: { mode: "direct", entryPoints: await acmeEntry(), webCidrs: ["192.0.2.0/24"], clientCidrs: ["192.0.2.0/24"] } });
    expect(show(rules).filter((r) => r.startsWith("web:") || r.startsWith("entry:"))).toEqual([
      "web:443<-192.0.2.0/24",
      "web:80<-192.0.2.0/24",
      "web:9801<-192.0.2.0/24",
      "web:9802<-192.0.2.0/24",
      "web:443<-ops",
      "web:80<-ops",
      "web:9801<-ops",
      "web:9802<-ops",
    ]);
  });

  it("balancers that join no security group (balancerGroup: false): no entry rules, the balancers' peers reach the back ends; the entry group as a peer is refused", async () => {
    const entryPoints = await acmeEntry();
    const peers = { l7: [{ cidr: "10.16.0.0/26" }], l4: [{ cidr: "10.16.0.0/26" }, "clients" as const] };
    const rules = ingressRules({ adminCidrs: [], entry: { mode: "load-balancer", entryPoints, webCidrs: ["0.0.0.0/0"], clientCidrs: ["203.0.113.0/24"], peers, balancerGroup: false } });
    expect(rules.filter((r) => r.group === "entry")).toEqual([]);
    expect(show(rules).filter((r) => r.startsWith("web:") && !r.endsWith("<-ops"))).toEqual([
      "web:80<-10.16.0.0/26",
      "web:9801<-10.16.0.0/26",
      "web:9801<-203.0.113.0/24",
      "web:9802<-10.16.0.0/26",
      "web:9802<-203.0.113.0/24",
    ]);
    expect(() => ingressRules({ adminCidrs: [], entry: { mode: "load-balancer", entryPoints, webCidrs: [], clientCidrs: [], balancerGroup: false } })).toThrow(/entry group/);
    expect(securityGroupsOf(false)).not.toContain("entry");
    expect(securityGroupsOf(true)).toContain("entry");
  });
});
