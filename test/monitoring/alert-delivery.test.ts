/**
 * Each alert reaches each notification target once: the cloud's own notifications and the ops
 * server's Alertmanager, as generated, never both deliver an alert to a target, and where neither
 * does, the combination is one `undeliveredCases` names (docs/monitoring.md lists them).
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  alertDeliverer,
  alertmanagerConfig,
  CLOUD_LATENCY,
  CLOUD_NOTIFICATIONS,
  cloudDelivery,
  cloudHasProber,
  cloudMonitorIds,
  cloudReachedTargets,
  MONITORED_CLOUDS,
  prometheusRules,
  routeBySeverity,
  SEVERITIES,
  tenantBlueprint,
  undeliveredCases,
  WEBHOOK_KINDS,
  type AlertKind,
  type MonitoredCloud,
  type Notifications,
  type NotificationTargets,
  type Severity,
  type TargetKind,
  type TenantBlueprint,
} from "../../components/core/index.js";
import { smnProtocol } from "../../components/huaweicloud/alarm-topic.js";
import { relayed } from "../../components/huaweicloud/chat-relay.js";
import { demoBlueprints, demoParams, demoTenants } from "../helpers/fleet.js";
import { ofType, runHuaweicloudStack } from "../helpers/stacks.js";

interface Route {
  receiver?: string;
  matchers?: string[];
  routes?: Route[];
}
interface Receiver {
  name: string;
  email_configs?: { to: string }[];
  slack_configs?: { api_url: string }[];
  webhook_configs?: { url: string }[];
}

/** Alertmanager's routing: the deepest matching route, first match among siblings (no `continue`). */
function receiverOf(route: Route, labels: Record<string, string>, inherited = "none"): string {
  const own = route.receiver ?? inherited;
  for (const child of route.routes ?? []) {
    const matches = (child.matchers ?? []).every((m) => {
      const [, name, op, value] = /^(\w+)(=~|!=|=)"(.*)"$/.exec(m)!;
      const v = labels[name!] ?? "";
      return op === "=" ? v === value : op === "!=" ? v !== value : new RegExp(`^(?:${value})$`).test(v);
    });
    if (matches) return receiverOf(child, labels, own);
  }
  return own;
}

/** The targets a receiver sends to: e-mail addresses and webhook URLs. */
function targetsOf(r: Receiver): string[] {
  return [
    ...(r.email_configs ?? []).map((e) => e.to),
    ...(r.slack_configs ?? []).map((s) => s.api_url),
    ...(r.webhook_configs ?? []).map((w) => decodeURIComponent(new URL(w.url).searchParams.get("target")!)),
  ];
}

/** One e-mail address and one webhook of every kind per severity (two https ones: Alibaba's callback takes the first only). */
function everyTarget(): Notifications {
  const of = (s: Severity) => ({
    emails: [`${s}@example.com`],
    webhooks: [...WEBHOOK_KINDS.map((kind) => ({ kind, url: `https://${kind}.example.com/${s}` })), { kind: "https" as const, url: `https://https2.example.com/${s}` }],
  });
  return { urgent: of("urgent"), warning: of("warning"), info: of("info") };
}

const kindOfTarget = (t: string): TargetKind => (t.includes("@") ? "email" : (new URL(t).hostname.split(".")[0]!.replace(/2$/, "") as TargetKind));

function alertKind(labels: Record<string, string>): AlertKind {
  if (labels.kind === "basic" || labels.kind === "middleware" || labels.kind === "port") return labels.kind;
  const check = labels.monitor!.startsWith("url:login") ? "login" : "home-page";
  return labels.rule === "url-latency" ? `latency:${check}` : `url:${check}`;
}

async function blueprint(opsServer: boolean): Promise<TenantBlueprint> {
  const acme = (await demoTenants()).find((t) => t.id === "acme")!;
  return tenantBlueprint({ ...acme, services: acme.services.filter((s) => opsServer || s.product !== "ops-server") }, demoParams());
}

describe("who delivers each alert to each target", () => {
  it("the cloud when it evaluates the rule and reaches the target, else the ops server (e-mail only through its SMTP relay)", () => {
    const base = { cloudEvaluates: true, cloudReaches: true, opsServer: true, smtp: true, target: "wecom" as const };
    expect(alertDeliverer(base)).toBe("cloud");
    expect(alertDeliverer({ ...base, cloudReaches: false })).toBe("ops-server");
    expect(alertDeliverer({ ...base, cloudEvaluates: false })).toBe("ops-server");
    expect(alertDeliverer({ ...base, cloudEvaluates: false, target: "email", smtp: false })).toBeUndefined();
    expect(alertDeliverer({ ...base, cloudReaches: false, opsServer: false })).toBeUndefined();
  });

  it("the cloud reaches what its notification components render: SMN's protocols and the FunctionGraph relay on Huawei Cloud, every target on Alibaba Cloud (contacts and the chat relay)", () => {
    const t = routeBySeverity(everyTarget(), [])["urgent"];
    expect(cloudReachedTargets("huaweicloud", t).webhooks).toEqual(t.webhooks.filter((w) => smnProtocol(w.kind) !== undefined || relayed(w.kind)));
    expect(cloudReachedTargets("aws", t)).toEqual(t);
    expect(cloudReachedTargets("alicloud", t)).toEqual(t);
  });

  it("every cloud × alert × target × (ops server or not) × (SMTP relay or not): at most one deliverer, and none only where undeliveredCases says", async () => {
    const seenNone = new Set<string>();
    const notifications = everyTarget();
    for (const opsServer of [true, false]) {
      const bp = await blueprint(opsServer);
      const rules = prometheusRules(bp).groups.flatMap((g) => g.rules);
      for (const cloud of MONITORED_CLOUDS)
        for (const loadBalancer of [true, false])
          for (const prober of !opsServer && cloudHasProber(cloud) ? [true, false] : [false])
          for (const smtp of [true, false]) {
            const targets = routeBySeverity(notifications, []);
            const delivery = cloudDelivery(cloud, bp.monitors, cloudMonitorIds(cloud, bp.monitors, () => loadBalancer, prober), prober);
            const am = alertmanagerConfig({ targets, ...(smtp ? { smtp: { smarthost: "smtp.example.com:587", from: "a@example.com" } } : {}), cloud: delivery }) as {
              route: Route;
              receivers: Receiver[];
            };
            for (const rule of rules) {
              const evaluated = rule.labels.rule === "url-latency" ? delivery.latency! : delivery.monitors;
              const cloudEvaluates = rule.labels.kind === "basic" || evaluated.includes(rule.labels.monitor ?? "");
              // An alert nothing evaluates is not rendered at all (the tenant's monitors.notRendered says so).
              if (!cloudEvaluates && !opsServer) continue;
              const severity = rule.labels.severity as Severity;
              const all: NotificationTargets = targets[severity];
              const byCloud = cloudEvaluates ? cloudReachedTargets(cloud, all) : { emails: [], webhooks: [] };
              const byOps = opsServer ? targetsOf(am.receivers.find((r) => r.name === receiverOf(am.route, rule.labels))!) : [];
              for (const target of [...all.emails, ...all.webhooks.map((w) => w.url)]) {
                const deliverers = Number(byCloud.emails.includes(target) || byCloud.webhooks.some((w) => w.url === target)) + Number(byOps.includes(target));
                expect(deliverers, `${cloud} ${rule.alert} -> ${target} (ops server ${opsServer}, smtp ${smtp}, load balancer ${loadBalancer})`).toBeLessThanOrEqual(1);
                if (deliverers === 0) seenNone.add(JSON.stringify([cloud, alertKind(rule.labels), loadBalancer, kindOfTarget(target), target.includes("https2"), opsServer, smtp, prober]));
              }
            }
          }
    }
    const expected = undeliveredCases().map((c) => JSON.stringify([c.cloud, c.alert, c.loadBalancer, c.target, c.laterOfKind, c.opsServer, c.smtp, c.prober === true]));
    // Every case the function names occurs in the generated configuration, and no other.
    expect([...seenNone].sort()).toEqual(expected.filter((c) => !c.includes('"https",true') || c.includes('"alicloud"')).sort());
  });

  it("rules only the ops server evaluates (ports, middleware on Alibaba and Huawei Cloud, login on Huawei Cloud) reach every target kind with an SMTP relay", async () => {
    const none = undeliveredCases().filter((c) => c.opsServer && c.smtp);
    expect(none).toEqual([]);
  });

  it("docs/monitoring.md names every combination nothing delivers", () => {
    const doc = readFileSync("docs/monitoring.md", "utf8");
    const section = doc.slice(doc.indexOf("**Combinations nothing delivers**"), doc.indexOf("Silences differ by deliverer"));
    const bullets = section.split("\n- ").slice(1);
    const CLOUD = { aws: "AWS", alicloud: "Alibaba Cloud", huaweicloud: "Huawei Cloud" } as const;
    const WORD: Record<TargetKind, string> = { email: "e-mail", dingtalk: "DingTalk", wecom: "WeCom", feishu: "Feishu", slack: "Slack", https: "HTTPS" };
    for (const c of undeliveredCases()) {
      const bullet = c.opsServer ? bullets.find((b) => b.startsWith("Ops server without an SMTP relay")) : bullets.find((b) => b.startsWith(`No ops server, ${CLOUD[c.cloud]}`));
      expect(bullet, JSON.stringify(c)).toBeDefined();
      expect(bullet!, JSON.stringify(c)).toContain(WORD[c.target]);
    }
  });

  it("Huawei Cloud evaluates the latency of the URL monitors CLOUD_LATENCY says, and no other (the login-check pool has none)", async () => {
    const run = await runHuaweicloudStack(await demoBlueprints());
    const latency = ofType(run.resources, "huaweicloud:Cse/alarmrule:Alarmrule").filter((r) => r.name.includes("-probes-") && r.name.endsWith("-latency"));
    expect(latency.length).toBeGreaterThan(0);
    for (const r of latency) expect(CLOUD_LATENCY.huaweicloud[r.name.includes("-login-") ? "login" : "home-page"], r.name).toBe(true);
    expect(run.resources.some((r) => r.name.includes("-probes-login-"))).toBe(true);
  });

  it("names each cloud's channel for every target kind", () => {
    for (const cloud of MONITORED_CLOUDS as readonly MonitoredCloud[]) for (const f of Object.values(CLOUD_NOTIFICATIONS[cloud])) expect(f.how.length).toBeGreaterThan(0);
  });
});
