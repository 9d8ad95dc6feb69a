/**
 * Graded alarms on Huawei Cloud: an SMN topic per severity, each Cloud Eye rule to its severity's
 * topic, chat webhooks SMN can push to as subscriptions, silence as Cloud Eye's notification window.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { SEVERITIES, type Severity, type TenantBlueprint } from "../../components/core/index.js";
import { ALARM_LEVEL, notificationWindow, smnProtocol, webhookSubscriptionName } from "../../components/huaweicloud/index.js";
import { SecretValue } from "../../plan/mock-run.js";
import { demoBlueprints } from "../helpers/fleet.js";
import { named, ofType, runHuaweicloudStack } from "../helpers/stacks.js";

const RULE = "huaweicloud:Cse/alarmrule:Alarmrule";
const TOPIC = "huaweicloud:Smn/topic:Topic";
const SUBSCRIPTION = "huaweicloud:Smn/subscription:Subscription";

const DINGTALK = "https://oapi.dingtalk.com/robot/send?access_token=t1";
const WECOM = "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k1";
const RELAY = "https://relay.example.com/alarms";
const notifications = {
  urgent: { emails: ["oncall@example.com"], webhooks: [{ kind: "dingtalk", url: DINGTALK }, { kind: "https", url: RELAY }, { kind: "dingtalk", url: DINGTALK }] },
  warning: { webhooks: [{ kind: "wecom", url: WECOM }, { kind: "slack", url: "https://hooks.slack.com/services/A/B/C" }, { kind: "feishu", url: "https://open.feishu.cn/open-apis/bot/v2/hook/x" }] },
  silence: { from: "22:00", to: "07:00", severities: ["warning", "info"] },
};

let blueprints: TenantBlueprint[];
let run: Awaited<ReturnType<typeof runHuaweicloudStack>>;
beforeAll(async () => {
  blueprints = await demoBlueprints();
  run = await runHuaweicloudStack(blueprints, { notifications });
});

const topicOf = (r: { inputs: Record<string, unknown> }) => ((r.inputs.alarmActions as { notificationLists: string[] }[])[0]!.notificationLists[0] ?? "").split(":").pop();
const severityOfLevel = (level: unknown) => SEVERITIES.find((s) => ALARM_LEVEL[s] === level)!;

describe("SMN topics per severity", () => {
  it("one topic per severity; the urgent one keeps the released component, child and SMN names", () => {
    expect(ofType(run.resources, TOPIC).map((t) => [t.name, t.parent, t.inputs.name])).toEqual([
      ["alarms-topic", "alarms", "tenantry-huaweicloud-demo-alarms"],
      ["alarms-warning-topic", "alarms-warning", "tenantry-huaweicloud-demo-alarms-warning"],
      ["alarms-info-topic", "alarms-info", "tenantry-huaweicloud-demo-alarms-info"],
    ]);
    // The released single topic was a root component named `alarms` with e-mail subscriptions `alarms-<address>`.
    expect(named(run.resources, "tenantry:huaweicloud:AlarmTopic", "alarms").parent).toBeUndefined();
    expect(named(run.resources, SUBSCRIPTION, "alarms-ops-example-com").inputs).toMatchObject({ protocol: "email", endpoint: "ops@example.com" });
    expect(named(run.resources, TOPIC, "alarms-topic").inputs.displayName).toBe("tenantry alarms");
  });

  it("every severity mails alarmEmails; chat webhooks SMN can push to are subscriptions (secret URLs, once each); Slack and Feishu go through the topic's chat relay", () => {
    const subs = ofType(run.resources, SUBSCRIPTION);
    const byTopic = (component: string) => subs.filter((s) => s.parent === component).map((s) => [s.inputs.protocol, s.inputs.endpoint instanceof SecretValue ? s.inputs.endpoint.value : s.inputs.endpoint]);
    expect(byTopic("alarms")).toEqual([
      ["email", "ops@example.com"],
      ["email", "oncall@example.com"],
      ["dingding", DINGTALK],
      ["https", RELAY],
    ]);
    expect(byTopic("alarms-warning")).toEqual([
      ["email", "ops@example.com"],
      ["wechat", WECOM],
    ]);
    expect(byTopic("alarms-info")).toEqual([["email", "ops@example.com"]]);
    for (const s of subs.filter((s) => s.inputs.protocol !== "email")) expect(s.inputs.endpoint, s.name).toBeInstanceOf(SecretValue);
    expect(named(run.resources, SUBSCRIPTION, webhookSubscriptionName("alarms", "dingtalk", DINGTALK)).name).toMatch(/^alarms-dingtalk-[0-9a-f]{10}$/);
    expect([smnProtocol("slack"), smnProtocol("feishu")]).toEqual([undefined, undefined]);
    expect(ofType(run.resources, "tenantry:huaweicloud:ChatRelay").map((r) => r.parent)).toEqual(["alarms-warning"]);
  });
});

describe("Cloud Eye rules", () => {
  it("each rule notifies its severity's topic (level 1 urgent, 2 warning, 4 info), on alarm and on recovery", () => {
    const rules = ofType(run.resources, RULE);
    const seen = new Set<Severity>();
    for (const r of rules) {
      const severity = severityOfLevel(r.inputs.alarmLevel);
      seen.add(severity);
      expect(topicOf(r), r.name).toBe(severity === "urgent" ? "tenantry-huaweicloud-demo-alarms" : `tenantry-huaweicloud-demo-alarms-${severity}`);
      expect(r.inputs.okActions, r.name).toEqual(r.inputs.alarmActions);
    }
    expect([...seen].sort()).toEqual(["urgent", "warning"]);
    // The database's free storage is urgent (a full database stops the service), its CPU a warning.
    const db = rules.filter((r) => r.name.startsWith("acme-anyshare-cloud-db-alarms-"));
    expect(db.map((r) => [r.name.replace("acme-anyshare-cloud-db-alarms-", ""), severityOfLevel(r.inputs.alarmLevel)])).toEqual([
      ["cpu", "warning"],
      ["free-storage", "urgent"],
    ]);
  });

  it("silenced severities notify only outside the quiet hours; urgent rules always", () => {
    for (const r of ofType(run.resources, RULE)) {
      const silenced = severityOfLevel(r.inputs.alarmLevel) !== "urgent";
      expect([r.inputs.notificationBeginTime, r.inputs.notificationEndTime], r.name).toEqual(silenced ? ["07:00", "22:00"] : [undefined, undefined]);
    }
  });

  it("the notification window is the silence's complement, never ending at 00:00", () => {
    const silence = { from: "00:00", to: "06:30", severities: ["info" as const] };
    expect(notificationWindow(silence, "info")).toEqual({ notificationBeginTime: "06:30", notificationEndTime: "23:59" });
    expect(notificationWindow(silence, "warning")).toBeUndefined();
    expect(notificationWindow({ ...silence, severities: ["warning", "info"] }, "urgent")).toBeUndefined();
    expect(notificationWindow(undefined, "info")).toBeUndefined();
  });
});
