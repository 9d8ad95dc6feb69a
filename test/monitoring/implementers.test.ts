/** What implements each monitor per cloud: the core table, the truth per tenant, and the README's rule table agreeing with it. */
import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { CLOUD_MONITORING, checkOf, MONITOR_CHECKS, MONITORED_CLOUDS, monitorImplementers, type MonitorCheck, type TenantBlueprint } from "../../components/core/index.js";
import { demoBlueprints } from "../helpers/fleet.js";

let acme: TenantBlueprint;
beforeAll(async () => {
  acme = (await demoBlueprints()).find((b) => b.tenant === "acme")!;
});

describe("monitorImplementers", () => {
  it("the cloud where the table says it can, the ops server when the tenant has one; a load-balancer check only behind a balancer", () => {
    const by = (cloud: (typeof MONITORED_CLOUDS)[number], id: string, tenant: { opsServer: boolean; loadBalancer: boolean }) =>
      monitorImplementers(cloud, acme.monitors.find((m) => m.id === id)!, tenant);
    const both = { opsServer: true, loadBalancer: true };
    expect(by("aws", "middleware:tomcat@anyshare-cloud", both)).toEqual(["cloud", "ops-server"]);
    expect(by("alicloud", "middleware:tomcat@anyshare-cloud", both)).toEqual(["cloud", "ops-server"]);
    expect(by("alicloud", "middleware:tomcat@anyshare-cloud", { opsServer: false, loadBalancer: true })).toEqual(["cloud"]);
    expect(by("alicloud", "middleware:tomcat@anyshare-cloud", { opsServer: false, loadBalancer: false })).toEqual([]);
    expect(by("huaweicloud", "middleware:tomcat@anyshare-cloud", { opsServer: false, loadBalancer: true })).toEqual(["cloud"]);
    expect(by("huaweicloud", "middleware:tomcat@anyshare-cloud", { opsServer: false, loadBalancer: false })).toEqual([]);
    expect(by("huaweicloud", "url:home-page@anyshare-cloud", { opsServer: false, loadBalancer: true })).toEqual(["cloud"]);
    expect(by("huaweicloud", "url:home-page@anyshare-cloud", { opsServer: false, loadBalancer: false })).toEqual([]);
    expect(by("huaweicloud", "url:login@anyshare-cloud", both)).toEqual(["cloud", "ops-server"]);
    expect(by("huaweicloud", "url:login@anyshare-cloud", { opsServer: false, loadBalancer: false })).toEqual([]);
    expect(by("aws", "port:ssh@anyshare-cloud", both)).toEqual(["ops-server"]);
    expect(new Set(acme.monitors.map(checkOf))).toEqual(new Set(MONITOR_CHECKS));
  });
});

describe("the README's rule table", () => {
  const ROWS: Record<MonitorCheck, string[]> = {
    middleware: ["Tomcat heap > 80 %, Tomcat restarted", "ZooKeeper open fds > 80 %, avg latency > 3 s"],
    port: ["SSH, Nginx/Apache (web), MySQL ports reachable"],
    "url:home-page": ["home page reachable"],
    "url:login": ["login endpoint working"],
  };
  const COLUMN = { aws: 2, alicloud: 3, huaweicloud: 4 } as const;
  const cells = (rule: string) => {
    const line = readFileSync("README.md", "utf8").split("\n").find((l) => l.startsWith(`| ${rule} |`));
    if (!line) throw new Error(`README has no rule row "${rule}"`);
    return line.split(" | ").map((c) => c.replace(/^\| |\s*\|$/g, ""));
  };

  it("says the ops server exactly where the core table gives the cloud no monitor, and a load balancer where it needs one", () => {
    for (const check of MONITOR_CHECKS) {
      for (const rule of ROWS[check]) {
        const row = cells(rule);
        for (const cloud of MONITORED_CLOUDS) {
          const cell = row[COLUMN[cloud]]!;
          const fact = CLOUD_MONITORING[cloud][check].cloud;
          expect(/^ops server/.test(cell), `${rule} on ${cloud}: "${cell}"`).toBe(fact === "no");
          if (fact === "load-balancer") expect(cell, `${rule} on ${cloud}`).toMatch(/ELB|CLB|load balancer/);
        }
      }
    }
  });
});
