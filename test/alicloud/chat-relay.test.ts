/**
 * The Alibaba Cloud chat relay: its shipped code run under node against a loopback server (as
 * Function Compute would run it), and its wiring under mocks (each tenant's rules name its
 * functions; a tenant without such webhooks gets none; the expiry rule reaches it too).
 */
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { unzipSync, strFromU8 } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chatRelayZip, CMS_LEVEL, cloudMonitorAlert, RELAYED_KINDS, relayedWebhooks } from "../../components/alicloud/index.js";
import { CLOUD_NOTIFICATIONS, routeBySeverity, WEBHOOK_KINDS, type Severity } from "../../components/core/index.js";
import { MOCK_ALICLOUD_ACCOUNT, SecretValue, type RecordedResource } from "../../plan/mock-run.js";
import { demoBlueprints } from "../helpers/fleet.js";
import { named, ofTenant, ofType, runAlicloudStack } from "../helpers/stacks.js";

const FN = "alicloud:fc/v2Function:V2Function";
const ALARM = "alicloud:cms/alarm:Alarm";

describe("cloudMonitorAlert reads CloudMonitor's documented notification shapes", () => {
  it("a threshold alert, form-encoded or JSON, and a system event; anything else as raw text", () => {
    const form = "alertName=acme-anyshare-cloud-alarms-disk&alertState=ALERT&curValue=91&metricName=diskusage_utilization&namespace=acs_ecs_dashboard&expression=%24Average%3E80&instanceName=acme-anyshare";
    const expected = { title: "ALERT acme-anyshare-cloud-alarms-disk", text: "acs_ecs_dashboard diskusage_utilization\n$Average>80\nvalue 91\nacme-anyshare" };
    expect(cloudMonitorAlert(Buffer.from(form))).toEqual(expected);
    expect(cloudMonitorAlert(Buffer.from(JSON.stringify(Object.fromEntries(new URLSearchParams(form)))))).toEqual(expected);
    expect(cloudMonitorAlert({ product: "ECS", name: "Instance:PreExpire", level: "WARN", instanceName: "acme-anyshare", content: { days: 7 } })).toEqual({
      title: "ECS Instance:PreExpire",
      text: 'WARN\nacme-anyshare\n{"days":7}',
    });
    expect(cloudMonitorAlert("disk full")).toEqual({ title: "CloudMonitor alert", text: "disk full" });
  });
});

interface Post {
  path: string;
  body: unknown;
}

describe("the relay's shipped code, run under node against a loopback server", () => {
  const posts: Post[] = [];
  let base = "";
  const dir = mkdtempSync(join(tmpdir(), "tenantry-alirelay-"));
  const server = createServer((req: IncomingMessage, res) => {
    let data = "";
    req.on("data", (c: Buffer) => (data += c.toString()));
    req.on("end", () => {
      posts.push({ path: req.url ?? "", body: JSON.parse(data) });
      res.statusCode = req.url === "/broken" ? 500 : 200;
      res.end("{}");
    });
  });
  beforeAll(async () => {
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    // What Function Compute unpacks: the zip's index.mjs.
    const files = unzipSync(Buffer.from(chatRelayZip(), "base64"));
    expect(Object.keys(files)).toEqual(["index.mjs"]);
    writeFileSync(join(dir, "index.mjs"), strFromU8(files["index.mjs"]!));
  });
  afterAll(() => {
    server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Invokes `index.handler` in a node process with the function's environment and `event` as the Buffer FC passes. */
  const invoke = (env: Record<string, string>, event: string, now: string) =>
    new Promise<{ result?: unknown; error?: string }>((done, fail) => {
      const driver = `Date.now = () => Date.parse(${JSON.stringify(now)}); const RealDate = Date; globalThis.Date = class extends RealDate { constructor(...a) { super(...(a.length ? a : [RealDate.now()])); } };
const { handler } = await import(${JSON.stringify(pathToFileURL(join(dir, "index.mjs")).href)});
try { console.log(JSON.stringify({ result: await handler(Buffer.from(${JSON.stringify(event)}), {}) })); } catch (e) { console.log(JSON.stringify({ error: e.message })); }`;
      execFile(process.execPath, ["--input-type=module", "-e", driver], { env: { PATH: process.env.PATH ?? "", ...env } }, (err, stdout) => (err ? fail(err) : done(JSON.parse(stdout))));
    });

  const alarm = JSON.stringify({ alertName: "acme-db-cpu", alertState: "ALERT", metricName: "CpuUsage", namespace: "acs_rds_dashboard", curValue: "95" });

  it("posts each alarm to every webhook of its severity in the chat service's format", async () => {
    posts.length = 0;
    const targets = [
      { kind: "wecom", url: `${base}/wecom` },
      { kind: "feishu", url: `${base}/feishu` },
      { kind: "slack", url: `${base}/slack` },
      { kind: "https", url: `${base}/https1` },
      { kind: "https", url: `${base}/https2` },
    ];
    const run = await invoke({ TARGETS: JSON.stringify(targets), SEVERITY: "warning" }, alarm, "2026-06-15T12:00:00Z");
    expect(run).toEqual({ result: { sent: 5 } });
    const line = "[WARNING] ALERT acme-db-cpu\nacs_rds_dashboard CpuUsage\nvalue 95";
    expect(posts).toEqual([
      { path: "/wecom", body: { msgtype: "text", text: { content: line } } },
      { path: "/feishu", body: { msg_type: "text", content: { text: line } } },
      { path: "/slack", body: { text: line } },
      { path: "/https1", body: { severity: "warning", title: "ALERT acme-db-cpu", text: "acs_rds_dashboard CpuUsage\nvalue 95" } },
      { path: "/https2", body: { severity: "warning", title: "ALERT acme-db-cpu", text: "acs_rds_dashboard CpuUsage\nvalue 95" } },
    ]);
  });

  it("keeps the silence period (UTC) for the silenced severities, never for urgent", async () => {
    posts.length = 0;
    const targets = JSON.stringify([{ kind: "slack", url: `${base}/slack` }]);
    const silence = JSON.stringify({ from: "22:00", to: "07:00", severities: ["info"] });
    expect(await invoke({ TARGETS: targets, SEVERITY: "info", SILENCE: silence }, alarm, "2026-06-15T23:30:00Z")).toEqual({ result: { silenced: true } });
    expect(posts).toEqual([]);
    expect(await invoke({ TARGETS: targets, SEVERITY: "info", SILENCE: silence }, alarm, "2026-06-15T07:00:00Z")).toEqual({ result: { sent: 1 } });
    expect(await invoke({ TARGETS: targets, SEVERITY: "urgent", SILENCE: silence }, alarm, "2026-06-15T23:30:00Z")).toEqual({ result: { sent: 1 } });
    expect(posts).toHaveLength(2);
  });

  it("a failing webhook does not stop the others; the invocation fails naming kind and status, never the URL (it carries the token)", async () => {
    posts.length = 0;
    const targets = JSON.stringify([
      { kind: "https", url: `${base}/broken` },
      { kind: "feishu", url: `${base}/feishu` },
    ]);
    const run = await invoke({ TARGETS: targets, SEVERITY: "urgent" }, alarm, "2026-06-15T12:00:00Z");
    expect(run).toEqual({ error: "https webhook answered 500" });
    expect(posts.map((p) => p.path)).toEqual(["/broken", "/feishu"]);
  });
});

describe("which webhooks the relay serves", () => {
  it("every one of WeCom, Feishu, Slack and HTTPS, in order; DingTalk stays with CloudMonitor's contacts; as CLOUD_NOTIFICATIONS.alicloud says", () => {
    const routes = routeBySeverity(
      {
        urgent: { emails: [], webhooks: WEBHOOK_KINDS.map((kind) => ({ kind, url: `https://${kind}.example.com/` })) },
        info: { emails: [], webhooks: [{ kind: "dingtalk", url: "https://dingtalk.example.com/" }] },
      },
      [],
    );
    expect(relayedWebhooks(routes)).toEqual({ urgent: routes.urgent.webhooks.filter((w) => w.kind !== "dingtalk") });
    expect(RELAYED_KINDS).toEqual(["wecom", "feishu", "slack", "https"]);
    for (const kind of RELAYED_KINDS) expect(CLOUD_NOTIFICATIONS.alicloud[kind].how).toContain("chat relay");
    expect(CLOUD_NOTIFICATIONS.alicloud.dingtalk.how).toContain("DingTalk robot contacts");
  });
});

describe("the relay's wiring, under mocks", () => {
  const notifications = {
    urgent: { webhooks: [{ kind: "dingtalk", url: "https://oapi.dingtalk.com/robot/send?access_token=D" }, { kind: "wecom", url: "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=W" }, { kind: "feishu", url: "https://open.feishu.cn/open-apis/bot/v2/hook/F" }] },
    warning: { webhooks: [{ kind: "slack", url: "https://hooks.slack.com/services/S" }, { kind: "https", url: "https://ops.example.com/a" }, { kind: "https", url: "https://ops.example.com/b" }] },
    silence: { from: "22:00", to: "07:00", severities: ["info"] },
  };
  const arn = (tenant: string, severity: string) => `acs:fc:cn-hangzhou:${MOCK_ALICLOUD_ACCOUNT}:services/tenantry-alicloud-demo-${tenant}-chat-relay/functions/${severity}`;
  const targetsOf = (r: RecordedResource) => r.inputs.targets as { arn: string; level: string }[] | undefined;

  it("each tenant gets its own relay: a function per severity with such webhooks (secret), every alarm rule naming its severity's, no callback", async () => {
    const run = await runAlicloudStack(await demoBlueprints(), { notifications, billing: "yearly", subscriptionExpiryEvents: ["Instance:PreExpire"] });
    for (const tenant of ["acme", "globex", "initech"]) {
      const mine = ofTenant(run.resources, tenant);
      expect(ofType(mine, FN).map((f) => f.name).sort()).toEqual([`${tenant}-chat-relay-urgent`, `${tenant}-chat-relay-warning`]);
      const urgent = named(mine, FN, `${tenant}-chat-relay-urgent`).inputs;
      expect(urgent).toMatchObject({ serviceName: `tenantry-alicloud-demo-${tenant}-chat-relay`, functionName: "urgent", runtime: "nodejs20", handler: "index.handler" });
      expect(urgent.environmentVariables).toBeInstanceOf(SecretValue);
      expect((urgent.environmentVariables as SecretValue).value).toEqual({ TARGETS: JSON.stringify(notifications.urgent.webhooks.slice(1)), SEVERITY: "urgent", SILENCE: JSON.stringify(notifications.silence) });
      expect(named(mine, "alicloud:fc/service:Service", `${tenant}-chat-relay-service`).inputs).toMatchObject({ tags: { "tenantry:tenant": tenant } });
      expect(named(mine, "alicloud:fc/service:Service", `${tenant}-chat-relay-service`).inputs.role).toBeUndefined();
      // Every alarm rule of the tenant: its severity's function (info has none), never a callback.
      const rules = ofType(mine, ALARM).filter((r) => !r.name.includes("-chat-relay-"));
      expect(rules.length).toBeGreaterThan(5);
      for (const r of rules) {
        expect(r.inputs.webhook, r.name).toBeUndefined();
        const severity = r.name.endsWith("-capacity") ? "warning" : (r.inputs.tags as Record<string, string>)["tenantry:severity"]!;
        const expected = severity === "info" ? undefined : arn(tenant, severity);
        expect(targetsOf(r)?.map((t) => t.arn)[0], r.name).toBe(expected);
        if (expected && !r.name.endsWith("-capacity")) expect(targetsOf(r), r.name).toEqual([{ targetId: "1", arn: expected, level: CMS_LEVEL[severity as Severity] }]);
      }
      // Its errors alarm the urgent contact group, never the relay itself.
      const errors = named(mine, ALARM, `${tenant}-chat-relay-urgent-errors`).inputs;
      expect(errors).toMatchObject({ project: "acs_fc", metric: "FunctionFunctionErrors", contactGroups: ["tenantry-alicloud-demo"] });
      expect(errors.targets).toBeUndefined();
    }
    // The expiry rule (the account's) reaches the webhooks of the expiry severity through a relay beside it.
    expect(named(run.resources, "alicloud:cms/eventRule:EventRule", "alarms-expiry").inputs.fcParameters).toEqual([
      { fcParametersId: "1", region: "cn-hangzhou", serviceName: "tenantry-alicloud-demo-alarms-chat-relay", functionName: "warning" },
    ]);
    expect(ofType(run.resources, FN).filter((f) => f.name.startsWith("alarms-")).map((f) => f.name)).toEqual(["alarms-chat-relay-warning"]);
  });

  it("with account isolation, the expiry rule of each tenant's account reaches a relay in that account, tagged as the tenant's", async () => {
    const run = await runAlicloudStack(await demoBlueprints(), {
      notifications,
      billing: "yearly",
      subscriptionExpiryEvents: ["Instance:PreExpire"],
      isolation: "account",
      accounts: { acme: "1111111111111111", globex: "2222222222222222", initech: "3333333333333333" },
    });
    for (const tenant of ["acme", "globex", "initech"]) {
      const rule = named(run.resources, "alicloud:cms/eventRule:EventRule", `${tenant}-alarms-expiry`);
      expect(rule.inputs.fcParameters).toEqual([{ fcParametersId: "1", region: "cn-hangzhou", serviceName: `tenantry-alicloud-demo-${tenant}-alarms-chat-relay`, functionName: "warning" }]);
      const service = named(run.resources, "alicloud:fc/service:Service", `${tenant}-alarms-chat-relay-service`);
      expect(service.inputs.tags).toMatchObject({ "tenantry:tenant": tenant });
      // In the tenant's account (its provider's): the error alarm's dimensions name that account.
      const errors = named(run.resources, ALARM, `${tenant}-alarms-chat-relay-warning-errors`).inputs.metricDimensions as string;
      expect(JSON.parse(errors)).toEqual([{ userId: { acme: "1111111111111111", globex: "2222222222222222", initech: "3333333333333333" }[tenant], region: "cn-hangzhou", serviceName: `tenantry-alicloud-demo-${tenant}-alarms-chat-relay`, functionName: "warning" }]);
    }
  });

  it("a stack whose webhooks are all DingTalk (or none) gets no relay, and its rules name no target", async () => {
    const run = await runAlicloudStack(await demoBlueprints(), { notifications: { urgent: { webhooks: notifications.urgent.webhooks.slice(0, 1) } } });
    expect(ofType(run.resources, FN)).toEqual([]);
    expect(ofType(run.resources, "tenantry:alicloud:ChatRelay")).toEqual([]);
    for (const r of ofType(run.resources, ALARM)) expect(targetsOf(r), r.name).toBeUndefined();
  });
});
