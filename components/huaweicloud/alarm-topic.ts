/**
 * Where alarms go on Huawei Cloud: an SMN topic per severity (core `SEVERITIES`), each with an
 * e-mail subscription per address and a subscription per chat webhook SMN can push to itself:
 * SMN's `dingding` (DingTalk group robot), `wechat` (WeCom group robot) and `https` (any HTTPS
 * endpoint, which receives SMN's own JSON message and must confirm the subscription first).
 * Feishu and Slack webhooks, which SMN cannot push to (SMN's `feishu` protocol requires a keyword or
 * signing secret of the bot that the notifications do not carry, and SMN has no Slack protocol; see
 * `smnProtocol`), go through the topic's FunctionGraph chat relay (`HuaweiChatRelay`), made only
 * when the topic has such a webhook.
 */
import { createHash } from "node:crypto";
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { InputError, nameSafe, notificationsSchema, routeBySeverity, SEVERITIES, silenceComplement, validated, WEBHOOK_KINDS, type Notifications, type Severity, type Tags, type WebhookKind } from "../core/index.js";
import { chatRelayFunctionName, chatRelayProblems, HuaweiChatRelay, relayed } from "./chat-relay.js";
import { stackScope } from "./naming.js";
import { Subscription, Topic } from "./provider/index.js";

/** SMN subscription protocol of each chat webhook kind SMN can push to; `undefined`: SMN cannot (the topic's chat relay does). */
export const SMN_WEBHOOK_PROTOCOL: Readonly<Record<WebhookKind, "dingding" | "wechat" | "https" | undefined>> = {
  dingtalk: "dingding",
  wecom: "wechat",
  https: "https",
  // SMN's feishu protocol needs the bot's keyword or signing secret (not in the notifications).
  feishu: undefined,
  // SMN has no Slack protocol, and Slack cannot confirm an https subscription.
  slack: undefined,
};

/** The SMN protocol a webhook of `kind` is subscribed with, or undefined when SMN cannot push to it. */
export function smnProtocol(kind: WebhookKind): "dingding" | "wechat" | "https" | undefined {
  return SMN_WEBHOOK_PROTOCOL[kind];
}

export interface HuaweiAlarmTopicArgs {
  /** Addresses that receive every alarm of this topic. */
  readonly emails: readonly string[];
  /** Chat webhooks that receive every alarm of this topic (SMN subscriptions, or the chat relay for Feishu and Slack). Default: none. */
  readonly webhooks?: readonly { kind: WebhookKind; url: string }[];
  /** The severity the topic carries (its display name, the relay's message prefix). Default: none named (every alarm; the relay says urgent). */
  readonly severity?: Severity;
  /** The daily quiet period (core `notificationsSchema`): the window of the chat relay's error alarm. Default: none. */
  readonly silence?: Notifications["silence"];
  readonly tags: Tags;
}

const argsSchema = z.object({
  emails: z.array(z.email({ error: "must be an email address" })),
  webhooks: z.array(z.object({ kind: z.enum(WEBHOOK_KINDS), url: z.url({ protocol: /^https$/, error: "must be an https:// URL" }) })).default([]),
});

/**
 * A webhook subscription's resource name: the kind and a short digest of the URL, never its
 * position (adding a webhook leaves the others alone) nor the URL itself (it carries the token).
 */
export function webhookSubscriptionName(topic: string, kind: WebhookKind, url: string): string {
  return `${topic}-${kind}-${createHash("sha256").update(url).digest("hex").slice(0, 10)}`;
}

export class HuaweiAlarmTopic extends pulumi.ComponentResource {
  /** The topic's URN, which Cloud Eye alarm actions name. */
  public readonly topicUrn: pulumi.Output<string>;

  constructor(name: string, args: HuaweiAlarmTopicArgs, opts?: pulumi.ComponentResourceOptions) {
    super("tenantry:huaweicloud:AlarmTopic", name, {}, opts);
    const a = validated(argsSchema, args, `arguments of HuaweiAlarmTopic ${name}`, "args.");
    // The urgent (formerly the only) topic keeps its released display name, the e-mails' sender name.
    const topic = new Topic(
      `${name}-topic`,
      { name: `tenantry-${stackScope()}-${name}`.replace(/[^A-Za-z0-9_-]/g, "-").slice(0, 255), displayName: args.severity && args.severity !== "urgent" ? `tenantry ${args.severity} alarms` : "tenantry alarms", tags: args.tags },
      { parent: this },
    );
    for (const email of new Set(a.emails)) {
      new Subscription(`${name}-${nameSafe(email)}`, { topicUrn: topic.topicUrn, protocol: "email", endpoint: email, remark: "tenantry alarms" }, { parent: this });
    }
    const names = new Set<string>();
    for (const w of a.webhooks) {
      const protocol = smnProtocol(w.kind);
      const id = webhookSubscriptionName(name, w.kind, w.url);
      // A webhook listed twice is subscribed once.
      if (!protocol || names.has(id)) continue;
      names.add(id);
      // The URL carries the robot's access token: a secret.
      new Subscription(id, { topicUrn: topic.topicUrn, protocol, endpoint: pulumi.secret(w.url), remark: `tenantry alarms (${w.kind})` }, { parent: this });
    }
    // Feishu and Slack, each webhook once, through the relay (only when there is one).
    const viaRelay = [...new Map(a.webhooks.filter((w) => relayed(w.kind)).map((w) => [`${w.kind} ${w.url}`, { kind: w.kind, url: w.url }])).values()];
    if (viaRelay.length > 0) {
      new HuaweiChatRelay(
        `${name}-relay`,
        { topicUrn: topic.topicUrn, severity: args.severity ?? "urgent", webhooks: viaRelay, functionName: chatRelayFunctionName(stackScope(), name), ...(args.silence ? { silence: args.silence } : {}), tags: args.tags },
        { parent: this },
      );
    }
    this.topicUrn = topic.topicUrn;
    this.registerOutputs({ topicUrn: this.topicUrn });
  }
}

export interface HuaweiAlarmRoutingArgs {
  /** Addresses that receive every severity. */
  readonly emails: readonly string[];
  /** Per-severity targets (core `notificationsSchema`). Default: `emails` for every severity. */
  readonly notifications?: Notifications;
  readonly tags: Tags;
}

/**
 * One `HuaweiAlarmTopic` per severity, routed as the notifications say, side by side under the
 * caller's parent. The urgent topic is the stack's former single topic, unchanged: component
 * `<name>`, SMN topic `tenantry-<scope>-<name>`, its e-mail subscriptions (no alias needed); the
 * others are `<name>-warning` and `<name>-info`. Returns each severity's topic URN.
 */
export function huaweiAlarmRouting(name: string, args: HuaweiAlarmRoutingArgs, opts?: pulumi.ComponentResourceOptions): Record<Severity, pulumi.Output<string>> {
  const n = validated(notificationsSchema.optional(), args.notifications, `arguments of huaweiAlarmRouting ${name}`, "args.notifications.");
  const routes = routeBySeverity(n, args.emails);
  // Every topic's chat relay fits its settings, checked before any topic is registered.
  const tooLong = SEVERITIES.flatMap((s) => chatRelayProblems(routes[s].webhooks, `args.notifications.${s}.webhooks`));
  if (tooLong.length > 0) throw new InputError(`arguments of huaweiAlarmRouting ${name}`, tooLong);
  return Object.fromEntries(
    SEVERITIES.map((s) => [
      s,
      new HuaweiAlarmTopic(s === "urgent" ? name : `${name}-${s}`, { emails: routes[s].emails, webhooks: routes[s].webhooks, severity: s, ...(n?.silence ? { silence: n.silence } : {}), tags: args.tags }, opts).topicUrn,
    ]),
  ) as Record<Severity, pulumi.Output<string>>;
}

/**
 * Cloud Eye's daily notification window (`notificationBeginTime`/`notificationEndTime`) for a rule
 * of `severity`: the complement of the silence period, when it silences that severity (Cloud Eye
 * then sends no notification of the rule in the quiet hours). Urgent alarms are never silenced.
 * One period within a day (core `silenceComplement`: the form Cloud Eye's API reference documents,
 * https://support.huaweicloud.com/intl/en-us/api-ces/CreateAlarmRules.html); the stack refuses a
 * silence whose complement would cross midnight (`silenceWindowProblems`). The time zone Cloud Eye
 * reads it in is not documented for the provider release Tenantry binds (docs/monitoring.md).
 */
export function notificationWindow(silence: Notifications["silence"], severity: Severity): { notificationBeginTime: string; notificationEndTime: string } | undefined {
  if (!silence || severity === "urgent" || !(silence.severities as readonly string[]).includes(severity)) return undefined;
  const window = silenceComplement(silence);
  return window ? { notificationBeginTime: window.begin, notificationEndTime: window.end } : undefined;
}

/** Where a Cloud Eye rule notifies: the topic of each severity, and the silence period. */
export interface HuaweiAlarmRoute {
  /** Each severity's SMN topic URN (`huaweiAlarmRouting`). */
  readonly topicUrns: Readonly<Record<Severity, pulumi.Input<string>>>;
  /** The daily quiet period (core `notificationsSchema`); Cloud Eye notifies outside it. Default: none. */
  readonly silence?: Notifications["silence"];
}

/** A rule's notifications: its severity's topic when it fires and when it clears, within the notification window. */
export function notifyArgs(route: HuaweiAlarmRoute, severity: Severity, onRecovery = true) {
  const notify = [{ type: "notification", notificationLists: [route.topicUrns[severity]] }];
  return { alarmActions: notify, ...(onRecovery ? { okActions: notify } : {}), ...notificationWindow(route.silence, severity) };
}
