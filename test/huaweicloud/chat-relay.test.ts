/**
 * The Huawei chat relay: Feishu and Slack webhooks (which SMN cannot push to) get each severity's
 * alarms from a FunctionGraph function on an SMN trigger. Its shipped source is loaded by Node as
 * FunctionGraph loads `index.js` and run against a loopback HTTP server with an SMN event in the
 * documented shape; the components are registered under mocks.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { chatRelayProblems, huaweiAlarmRouting, huaweiChatRelaySource, relayed, smnChatMessages, smnProtocol } from "../../components/huaweicloud/index.js";
import { WEBHOOK_KINDS } from "../../components/core/index.js";
import { runUnderMocks, SecretValue } from "../../plan/mock-run.js";
import { SDK, sdkProblems } from "../helpers/huawei-sdk.js";
import { named, ofType } from "../helpers/stacks.js";

const FUNCTION = "huaweicloud:FunctionGraph/function:Function";
const TRIGGER = "huaweicloud:FunctionGraph/trigger:Trigger";
const RULE = "huaweicloud:Cse/alarmrule:Alarmrule";
const SUBSCRIPTION = "huaweicloud:Smn/subscription:Subscription";

/** A message SMN delivers to a function (SMN user guide, "Messages of Different Protocols"). */
function smnEvent(subject: string, message: string) {
  return {
    record: [
      {
        event_version: "1.0",
        smn: {
          message_attributes: "",
          subject,
          message_id: "e6fa59c6b3e0424c9c02cbed35b680e7",
          topic_urn: "urn:smn:cn-north-4:0123456789abcdef0123456789abcdef:tenantry-demo-alarms-warning",
          type: "notification",
          message,
          timestamp: "2026-06-15T10:07:14Z",
        },
        event_source: "smn",
        event_subscription_urn: "urn:cff:cn-north-4:0123456789abcdef0123456789abcdef:function:default:tenantry-demo-alarms-warning-relay:latest",
      },
    ],
  };
}

describe("the relay's shipped source, loaded and run by Node against a loopback webhook server", () => {
  const posts: { path: string; body: unknown }[] = [];
  let server: Server;
  let base: string;
  let dir: string;
  let handler: (event: unknown, context: unknown) => Promise<unknown>;
  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = "";
      req.on("data", (c: Buffer) => (body += c.toString()));
      req.on("end", () => {
        posts.push({ path: req.url ?? "", body: JSON.parse(body) });
        res.statusCode = req.url === "/refuses" ? 403 : 200;
        res.end("{}");
      });
    });
    await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    // FunctionGraph loads the inline code as index.js (CommonJS), as Node does outside a module package.
    dir = mkdtempSync(join(tmpdir(), "tenantry-relay-"));
    writeFileSync(join(dir, "index.js"), huaweiChatRelaySource());
    handler = (createRequire(join(dir, "index.js"))(join(dir, "index.js")) as { handler: typeof handler }).handler;
  });
  afterAll(async () => {
    vi.useRealTimers();
    await new Promise((done) => server.close(done));
    rmSync(dir, { recursive: true, force: true });
  });

  /** FunctionGraph's context: settings through getUserData (encrypted ones too). */
  const context = (settings: Record<string, string>) => ({ getUserData: (key: string) => settings[key] });
  const targets = () => JSON.stringify([{ kind: "feishu", url: `${base}/feishu` }, { kind: "slack", url: `${base}/slack` }]);

  it("posts each SMN message to Feishu and Slack in their formats, whatever the hour (Cloud Eye's window silences the rules; the expiry watcher's notices keep none)", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    // 23:00 UTC, inside the demo's quiet hours: the relay posts what reaches the topic.
    vi.setSystemTime(new Date("2026-06-15T23:00:00Z"));
    const event = smnEvent("[WARNING] tenantry acme: 1 prepaid resource expiring (monitor cloud-expiry)", "Tenant acme: 1 prepaid resource to renew.\n- ecs acme-anyshare-cloud (i-1): expires soon");
    expect(await handler(event, context({ TARGETS: targets(), SEVERITY: "warning" }))).toEqual({ sent: 2 });
    // The watcher's own "[WARNING] " is not doubled.
    const line = "[WARNING] tenantry acme: 1 prepaid resource expiring (monitor cloud-expiry)\nTenant acme: 1 prepaid resource to renew.\n- ecs acme-anyshare-cloud (i-1): expires soon";
    expect(posts).toEqual([
      { path: "/feishu", body: { msg_type: "text", content: { text: line } } },
      { path: "/slack", body: { text: line } },
    ]);
    expect(await handler(smnEvent("disk full", "disk_usedPercent > 95"), context({ TARGETS: targets(), SEVERITY: "urgent" }))).toEqual({ sent: 2 });
    expect(posts.slice(2)).toEqual([
      { path: "/feishu", body: { msg_type: "text", content: { text: "[URGENT] disk full\ndisk_usedPercent > 95" } } },
      { path: "/slack", body: { text: "[URGENT] disk full\ndisk_usedPercent > 95" } },
    ]);
    vi.useRealTimers();
  });

  it("fails the run when a webhook refuses (so the failcount alarm fires)", async () => {
    const refusing = JSON.stringify([{ kind: "slack", url: `${base}/refuses` }]);
    await expect(handler(smnEvent("x", "y"), context({ TARGETS: refusing, SEVERITY: "info" }))).rejects.toThrow("slack webhook answered 403");
  });
});

describe("smnChatMessages", () => {
  it("takes subject and message per record; a JSON message as its fields; nothing from an event of another shape", () => {
    expect(smnChatMessages(smnEvent("", JSON.stringify({ alarm_name: "acme-cpu", alarm_status: "alarm", value: 93 })), "info")).toEqual([{ title: "alarm", text: "alarm_name: acme-cpu\nalarm_status: alarm\nvalue: 93" }]);
    expect(smnChatMessages({ Records: [{ Sns: { Subject: "aws" } }] }, "info")).toEqual([]);
    expect(smnChatMessages(undefined, "info")).toEqual([]);
  });
});

describe("HuaweiChatRelay in the alarm routing", () => {
  const SLACK = "https://hooks.slack.com/services/A/B/C";
  const FEISHU = "https://open.feishu.cn/open-apis/bot/v2/hook/x";
  const WECOM = "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k1";
  const route = (notifications: Record<string, unknown>) =>
    runUnderMocks(() => {
      huaweiAlarmRouting("alarms", { emails: ["ops@example.com"], notifications: notifications as never, tags: { "tenantry:managed-by": "tenantry" } });
    }, {}, "huaweicloud-demo");

  it("the relay serves exactly the kinds SMN cannot push to", () => {
    expect(WEBHOOK_KINDS.filter(relayed)).toEqual(WEBHOOK_KINDS.filter((k) => smnProtocol(k) === undefined));
  });

  it("a severity with Feishu or Slack webhooks gets a function on its topic's SMN trigger, its webhooks encrypted and secret, and an alarm on its errors (in the notification window); WeCom stays an SMN subscription", async () => {
    const silence = { from: "22:00", to: "07:00", severities: ["warning"] };
    const run = await route({ warning: { webhooks: [{ kind: "wecom", url: WECOM }, { kind: "slack", url: SLACK }, { kind: "feishu", url: FEISHU }, { kind: "slack", url: SLACK }] }, silence });
    expect(ofType(run.resources, "tenantry:huaweicloud:ChatRelay").map((r) => [r.name, r.parent])).toEqual([["alarms-warning-relay", "alarms-warning"]]);
    const fn = named(run.resources, FUNCTION, "alarms-warning-relay-function").inputs;
    expect(fn).toMatchObject({ name: "tenantry-huaweicloud-demo-alarms-warning-relay", runtime: "Node.js18.15", handler: "index.handler", codeType: "inline", app: "default", funcCode: huaweiChatRelaySource() });
    expect(fn.agency).toBeUndefined();
    expect(JSON.parse(String(fn.userData))).toEqual({ SEVERITY: "warning" });
    expect(String(fn.userData)).not.toContain("https://");
    expect(fn.encryptedUserData).toBeInstanceOf(SecretValue);
    expect(JSON.parse(JSON.parse(String((fn.encryptedUserData as SecretValue).value)).TARGETS)).toEqual([{ kind: "slack", url: SLACK }, { kind: "feishu", url: FEISHU }]);
    const trigger = named(run.resources, TRIGGER, "alarms-warning-relay-trigger").inputs;
    expect(trigger).toEqual({ functionUrn: "alarms-warning-relay-function-id", type: "SMN", status: "ACTIVE", smn: { topicUrn: expect.stringMatching(/:tenantry-huaweicloud-demo-alarms-warning$/) } });
    const rule = named(run.resources, RULE, "alarms-warning-relay-errors").inputs;
    expect(rule).toMatchObject({
      metric: { namespace: "SYS.FunctionGraph" },
      resources: [{ dimensions: [{ name: "package-functionname", value: "default-tenantry-huaweicloud-demo-alarms-warning-relay" }] }],
      conditions: [{ metricName: "failcount", comparisonOperator: ">", value: 0, alarmLevel: 2 }],
      alarmActions: [{ type: "notification", notificationLists: [expect.stringMatching(/:tenantry-huaweicloud-demo-alarms-warning$/)] }],
      notificationBeginTime: "07:00",
      notificationEndTime: "22:00",
    });
    // No duplicates: WeCom is SMN's, Slack and Feishu are the relay's only.
    expect(ofType(run.resources, SUBSCRIPTION).map((s) => s.inputs.protocol)).toEqual(["email", "email", "wechat", "email"]);
    for (const r of run.resources.filter((r) => r.custom && r.name.startsWith("alarms-warning-relay-"))) expect(sdkProblems(r.inputs, SDK.resources[r.type]!.inputs), r.name).toEqual([]);
  });

  it("webhooks too long for one FunctionGraph setting fail before any topic is registered, naming the severity, never the URLs", async () => {
    const long = Array.from({ length: 12 }, (_, i) => ({ kind: "feishu" as const, url: `https://open.feishu.cn/open-apis/bot/v2/hook/${"t".repeat(150)}${i}` }));
    const failing = route({ info: { webhooks: [{ kind: "dingtalk", url: "https://oapi.dingtalk.com/robot/send?access_token=t" }, ...long] } });
    await expect(failing).rejects.toThrow(/args\.notifications\.info\.webhooks: the Feishu and Slack webhooks of a severity must fit one FunctionGraph setting .*\(got "12 webhooks, \d+ characters"\)/);
    await expect(failing).rejects.not.toThrow("hook/ttt");
    expect(chatRelayProblems(long.slice(0, 2), "p")).toEqual([]);
  });

  it("no Feishu or Slack webhook: no relay, no function", async () => {
    const run = await route({ urgent: { webhooks: [{ kind: "dingtalk", url: "https://oapi.dingtalk.com/robot/send?access_token=t" }, { kind: "https", url: "https://relay.example.com/a" }] } });
    expect(ofType(run.resources, "tenantry:huaweicloud:ChatRelay")).toEqual([]);
    expect(ofType(run.resources, FUNCTION)).toEqual([]);
    expect(ofType(run.resources, TRIGGER)).toEqual([]);
  });
});
