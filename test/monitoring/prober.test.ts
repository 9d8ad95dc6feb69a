/**
 * The cloud prober (core `probePlan`, `probeChecks`, `runProbes`, `probeNotices`) and Huawei's
 * handler: the shipped sources loaded as CommonJS modules under node and run against loopback HTTP
 * servers on port 0 (a home page up, down and slow, a login, a middleware responder answering 200,
 * 503 or not at all) and a fake SMN.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MIDDLEWARE_RULES, probeChecks, probeModuleSource, probePlan, type ProbeCheck, type ProbeNotice, type ProbeResult, type Severity, type TenantBlueprint } from "../../components/core/index.js";
import { proberSource } from "../../components/huaweicloud/index.js";
import { demoBlueprints } from "../helpers/fleet.js";

const load = <T>(source: string, name: string): T => {
  const file = join(mkdtempSync(join(tmpdir(), "tenantry-prober-")), `${name}.cjs`);
  writeFileSync(file, source);
  return createRequire(import.meta.url)(file) as T;
};

interface ProbeModule {
  runProbes(checks: readonly ProbeCheck[]): Promise<ProbeResult[]>;
  probeNotices(tenant: string, results: readonly ProbeResult[], last: Record<string, boolean>, isSilenced: (s: Severity) => boolean): { notices: ProbeNotice[]; remember: Record<string, boolean> };
}

function serve(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<{ server: Server; base: string }> {
  const server = createServer(handler);
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve({ server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` })));
}

let acme: TenantBlueprint;
let web: { server: Server; base: string };
let closed: string;
const probe = load<ProbeModule>(probeModuleSource(), "probe");
beforeAll(async () => {
  acme = (await demoBlueprints()).find((b) => b.tenant === "acme")!;
  web = await serve((req, res) => {
    const path = req.url ?? "/";
    if (path === "/slow") return void setTimeout(() => res.end("late"), 400);
    if (path === "/hang") return; // never answers
    if (path === "/down") return void res.writeHead(502).end("bad gateway");
    if (path === "/login") return void res.writeHead(302, { location: "/home" }).end();
    if (path === "/tomcat-heap") return void res.writeHead(200).end("ok");
    if (path === "/tomcat-restarted") return void res.writeHead(503).end("restarted 20 s ago");
    res.writeHead(200).end("home");
  });
  const spare = await serve(() => undefined);
  closed = spare.base;
  await new Promise((r) => spare.server.close(r));
});
afterAll(() => new Promise((r) => web.server.close(r)));

const check = (name: string, path: string, extra: Partial<ProbeCheck> = {}): ProbeCheck => ({ monitor: `url:${name}@x`, name, url: `${web.base}${path}`, okStatuses: [200, 301, 302], timeoutSeconds: 2, severity: "urgent", latencySeconds: 0.2, latencySeverity: "warning", ...extra });

describe("probePlan", () => {
  const plan = (opsServer: boolean, loadBalancer: boolean, publicEntry = true) =>
    probePlan("huaweicloud", acme.monitors, { opsServer, behindLoadBalancer: () => loadBalancer, publicEntry: () => publicEntry }).map((p) => `${p.monitor.id}${p.availability ? " up" : ""}${p.latency ? " latency" : ""}`);

  it("on Huawei without an ops server: with eip the home page and login with their latency; behind an ELB the login's latency only; never the middleware", () => {
    const monitors = acme.monitors.filter((m) => m.kind === "url").map((m) => m.id);
    const noOps = acme.monitors.filter((m) => m.kind !== "port").map((m) => ({ ...m, via: ["cloud" as const] }));
    const alone = (lb: boolean) => probePlan("huaweicloud", noOps, { opsServer: false, behindLoadBalancer: () => lb, publicEntry: () => true }).map((p) => `${p.monitor.id}${p.availability ? " up" : ""}${p.latency ? " latency" : ""}`);
    expect(alone(false).sort()).toEqual(monitors.map((id) => `${id} up latency`).sort());
    expect(alone(true).sort()).toEqual(monitors.filter((id) => id.startsWith("url:login")).map((id) => `${id} latency`).sort());
    expect(plan(true, false)).toEqual([]);
    expect(probePlan("huaweicloud", noOps, { opsServer: false, behindLoadBalancer: () => false, publicEntry: () => false })).toEqual([]);
    expect(probePlan("aws", noOps, { opsServer: false, behindLoadBalancer: () => false, publicEntry: () => true })).toEqual([]);
  });

  it("resolves URL checks against the entry points' names, middleware rules against the hosts' responders; unknown addresses are left out", () => {
    const url = acme.monitors.find((m) => m.id === "url:login@anyshare-cloud")!;
    const tomcat = acme.monitors.find((m) => m.id === "middleware:tomcat@anyshare-cloud")!;
    const checks = probeChecks(
      [
        { monitor: url, availability: true, latency: true },
        { monitor: tomcat, availability: true, latency: false },
        { monitor: acme.monitors.find((m) => m.id === "url:login@anybackup-cloud")!, availability: false, latency: true },
      ],
      { entryPoints: { "anyshare-cloud-web": "share-acme.example.com" }, hosts: { "anyshare-cloud": "10.0.1.5" } },
    );
    expect(checks[0]).toEqual({ monitor: url.id, name: "login", url: "https://share-acme.example.com/api/v1/auth/login", okStatuses: [200, 201, 202, 204, 301, 302, 303, 307, 308], timeoutSeconds: 10, severity: "urgent", latencySeconds: 5, latencySeverity: "warning" });
    expect(checks.slice(1).map((c) => [c.url, c.okStatuses, c.severity])).toEqual(MIDDLEWARE_RULES.filter((r) => r.middleware === "tomcat").map((r) => [`http://10.0.1.5:9405/${r.id}`, [200], r.severity]));
  });
});

describe("runProbes (its shipped source, under node)", () => {
  it("an answering home page and a redirecting login pass, within the latency threshold", async () => {
    const results = await probe.runProbes([check("home-page", "/"), check("login", "/login")]);
    expect(results.map((r) => [r.alert, r.ok, r.status])).toEqual([
      ["home-page", true, 200],
      ["home-page-latency", true, 200],
      ["login", true, 302],
      ["login-latency", true, 302],
    ]);
  });

  it("a failing page breaches at its severity; a slow one breaches its latency only; one that never answers breaches both at its timeout", async () => {
    const results = await probe.runProbes([check("home-page", "/down"), check("slow", "/slow"), check("hang", "/hang", { timeoutSeconds: 0.5 })]);
    const by = (alert: string) => results.find((r) => r.alert === alert)!;
    expect([by("home-page").ok, by("home-page").severity, by("home-page-latency").ok]).toEqual([false, "urgent", true]);
    expect(by("home-page").message).toMatch(/^home-page http:\/\/127\.0\.0\.1:\d+\/down failing: HTTP 502/);
    expect([by("slow").ok, by("slow-latency").ok, by("slow-latency").severity]).toEqual([true, false, "warning"]);
    expect(by("slow-latency").message).toMatch(/slower than 0\.2 s/);
    expect([by("hang").ok, by("hang-latency").ok]).toEqual([false, false]);
    expect(by("hang").message).toContain("no answer within 0.5 s");
  });

  it("a latency-only check (another watches its availability) reports its latency alone", async () => {
    const results = await probe.runProbes([{ ...check("login", "/down"), severity: undefined } as ProbeCheck]);
    expect(results.map((r) => [r.alert, r.ok])).toEqual([["login-latency", true]]);
  });

  it("the middleware responder: 200 holds, 503 breaches, a closed port breaches", async () => {
    const responder = (rule: string, base = web.base): ProbeCheck => ({ monitor: "middleware:tomcat@anyshare-cloud", name: rule, url: `${base}/${rule}`, okStatuses: [200], timeoutSeconds: 2, severity: "warning" });
    const results = await probe.runProbes([responder("tomcat-heap"), responder("tomcat-restarted"), responder("tomcat-heap", closed)]);
    expect(results.map((r) => [r.alert, r.ok, r.severity])).toEqual([
      ["tomcat-heap", true, "warning"],
      ["tomcat-restarted", false, "warning"],
      ["tomcat-heap", false, "warning"],
    ]);
    expect(results[2]!.message).toContain("ECONNREFUSED");
  });
});

describe("probeNotices (its shipped source)", () => {
  const r = (alert: string, ok: boolean, severity: Severity = "urgent"): ProbeResult => ({ monitor: "url:home-page@anyshare-cloud", alert, ok, severity, message: `${alert} ${ok}`, seconds: 0.1 });
  const never = () => false;

  it("tells a breach once, and its recovery once; nothing while all is well", () => {
    const first = probe.probeNotices("acme", [r("home-page", false), r("home-page-latency", true, "warning")], {}, never);
    expect(first.notices.map((n) => [n.subject, n.state])).toEqual([["[URGENT] tenantry acme: home-page breached (monitor url:home-page@anyshare-cloud)", "breached"]]);
    expect(first.notices[0]!.message).toBe("Tenant acme, monitor url:home-page@anyshare-cloud: home-page false");
    expect(probe.probeNotices("acme", [r("home-page", false)], first.remember, never).notices).toEqual([]);
    const back = probe.probeNotices("acme", [r("home-page", true)], first.remember, never);
    expect(back.notices.map((n) => [n.subject, n.severity])).toEqual([["[URGENT] tenantry acme: home-page OK again (monitor url:home-page@anyshare-cloud)", "urgent"]]);
    expect(probe.probeNotices("acme", [r("home-page", true)], back.remember, never).notices).toEqual([]);
  });

  it("holds back what a silence mutes, and tells it once the silence ends if it still holds", () => {
    const muted = probe.probeNotices("acme", [r("home-page-latency", false, "warning")], {}, (s) => s === "warning");
    expect(muted.notices).toEqual([]);
    expect(probe.probeNotices("acme", [r("home-page-latency", false, "warning")], muted.remember, never).notices).toHaveLength(1);
  });
});

describe("Huawei's prober handler (its shipped source, under node)", () => {
  it("probes, publishes each new breach to its severity's topic with the agency's token, once; a refused publish fails the run and is retried", async () => {
    const calls: { url: string; token: string; body: { subject: string; message: string } }[] = [];
    let refuse = false;
    const smn = await serve((req, res) => {
      let body = "";
      req.on("data", (c) => (body += c));
      req.on("end", () => {
        calls.push({ url: req.url!, token: String(req.headers["x-auth-token"]), body: JSON.parse(body) });
        res.writeHead(refuse ? 403 : 200, { "content-type": "application/json" }).end(refuse ? '{"error_code":"SMN.0001"}' : '{"message_id":"m"}');
      });
    });
    try {
      const topicUrns = { urgent: "urn:smn:cn-north-4:project-1:alarms", warning: "urn:smn:cn-north-4:project-1:alarms-warning", info: "urn:smn:cn-north-4:project-1:alarms-info" };
      const settings = { tenant: "initech", checks: [check("home-page", "/down"), { ...check("login", "/slow"), severity: undefined }], topicUrns, smnEndpoint: smn.base };
      const handler = load<{ handler: (e: unknown, c: unknown) => Promise<{ checked: number; breached: string[]; notices: string[] }> }>(proberSource(), "prober").handler;
      const context = { getUserData: (k: string) => (k === "PROBE" ? JSON.stringify(settings) : undefined), getToken: () => "agency-token" };
      const first = await handler({}, context);
      expect(first.checked).toBe(2);
      expect(first.breached).toEqual(["url:home-page@x home-page", "url:login@x login-latency"]);
      expect(calls.map((c) => [c.url, c.token, c.body.subject])).toEqual([
        ["/v2/project-1/notifications/topics/urn:smn:cn-north-4:project-1:alarms/publish", "agency-token", "[URGENT] tenantry initech: home-page breached (monitor url:home-page@x)"],
        ["/v2/project-1/notifications/topics/urn:smn:cn-north-4:project-1:alarms-warning/publish", "agency-token", "[WARNING] tenantry initech: login-latency breached (monitor url:login@x)"],
      ]);
      expect((await handler({}, context)).notices).toEqual([]);
      expect(calls).toHaveLength(2);
      // The page recovers, but SMN refuses: the run fails (Cloud Eye's error rule sees it), and the recovery is told at the next run.
      settings.checks[0] = check("home-page", "/");
      refuse = true;
      await expect(handler({}, context)).rejects.toThrow(/SMN publish to urn:smn:cn-north-4:project-1:alarms failed: HTTP 403/);
      refuse = false;
      expect((await handler({}, context)).notices).toEqual(["[URGENT] tenantry initech: home-page OK again (monitor url:home-page@x)"]);
    } finally {
      await new Promise((r) => smn.server.close(r));
    }
  });
});
