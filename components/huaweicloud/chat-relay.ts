/**
 * The chat webhooks SMN cannot push to (Feishu: SMN's `feishu` protocol needs the bot's keyword or
 * signing secret, which the notifications do not carry; Slack: SMN has no such protocol), served on
 * Huawei Cloud by a FunctionGraph function per severity topic that has any, as the AWS relay serves
 * them from SNS: it runs core `chatPayload` as it is and posts each SMN message to the topic's Feishu
 * and Slack webhooks. The kinds SMN pushes itself (DingTalk `dingding`, WeCom `wechat`, `https`) stay
 * SMN subscriptions: no target gets a message twice.
 *
 * The silence period is not applied again here (unlike the AWS relay, behind which SNS silences
 * nothing): on Huawei Cloud it is each silenced rule's Cloud Eye notification window, so a silenced
 * alarm never reaches the topic, for any target. What does reach it in the quiet hours is meant to:
 * the expiry watcher's notices, which keep no silence by design (it runs at the same hours every day,
 * which a silence would cover every day). So Feishu and Slack get exactly what DingTalk and e-mail get.
 *
 * How the function hears the topic: a FunctionGraph SMN trigger (`huaweicloud_fgs_trigger`, `type:
 * SMN`, `smn.topic_urn`; in the provider release Tenantry binds). FunctionGraph then subscribes the
 * function to the topic itself ("Using an SMN Trigger": "a subscription is generated for the
 * corresponding topic") and lets SMN invoke it, with no agency. The other way, an SMN subscription of
 * the function, is `functionstage` with the function's URN (the provider's `functiongraph` protocol
 * takes a FunctionGraph workflow id), and no page says what right SMN then needs to invoke it.
 *
 * What the function receives is SMN's message to a function (SMN user guide, "Messages of Different
 * Protocols": `{ record: [{ event_source: "smn", smn: { subject, message, topic_urn, ... } }] }`).
 * What Cloud Eye writes into `subject` and `message` for a function subscriber is not documented:
 * the relay posts them as they come (a JSON message as its fields, one per line). Not verified on a
 * real account.
 *
 * The webhook URLs carry their bots' tokens: they are the function's encrypted environment variables
 * (`encryptedUserData`, a Pulumi secret), never plain settings. The function needs no agency: it
 * reads nothing of the account and only calls the chat services.
 */
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { chatPayload, InputError, nameSafe, SEVERITIES, validated, WEBHOOK_KINDS, type Notifications, type Problem, type Severity, type Tags, type WebhookKind } from "../core/index.js";
import { FgsFunction, FgsTrigger } from "./provider/index.js";
import { WATCHER_RUNTIME } from "./expiry-watcher.js";
import { functionFailureAlarm } from "./function-failures.js";
import { clipName } from "./naming.js";

/** The webhook kinds the relay serves: those SMN cannot push to (`SMN_WEBHOOK_PROTOCOL` has none for them). */
export const RELAYED_WEBHOOK_KINDS = ["feishu", "slack"] as const satisfies readonly WebhookKind[];

/** Whether a webhook of `kind` goes through the relay (rather than an SMN subscription). */
export function relayed(kind: WebhookKind): boolean {
  return (RELAYED_WEBHOOK_KINDS as readonly string[]).includes(kind);
}

/**
 * FunctionGraph's limit on one environment variable, key and value together ("Configuring
 * Environment Variables": 2048 characters in the older page, 4096 in the newer; the lower one holds).
 */
export const FUNCTIONGRAPH_SETTING_MAX_CHARS = 2048;

/**
 * The chat messages of one SMN event to a function: per record, its subject (without a leading
 * `[SEVERITY] ` that the relay adds again, as in the expiry watcher's subjects) and its message (a
 * JSON object as `key: value` lines). Self-contained: the relay runs this very function's source.
 */
export function smnChatMessages(event: unknown, severity: string): { title: string; text: string }[] {
  const records = event && typeof event === "object" && Array.isArray((event as { record?: unknown }).record) ? (event as { record: unknown[] }).record : [];
  const messages: { title: string; text: string }[] = [];
  const prefix = "[" + severity.toUpperCase() + "] ";
  for (const record of records) {
    const smn = record && typeof record === "object" ? (record as { smn?: { subject?: unknown; message?: unknown } }).smn : undefined;
    if (!smn) continue;
    let title = typeof smn.subject === "string" && smn.subject.trim() !== "" ? smn.subject.trim() : "alarm";
    if (title.startsWith(prefix)) title = title.slice(prefix.length);
    let text = typeof smn.message === "string" ? smn.message : smn.message === undefined || smn.message === null ? "" : JSON.stringify(smn.message);
    try {
      const parsed: unknown = JSON.parse(text);
      if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) {
        text = Object.entries(parsed as Record<string, unknown>)
          .map(([k, v]) => k + ": " + (typeof v === "string" ? v : JSON.stringify(v)))
          .join("\n");
      }
    } catch {
      // Plain text: as it is.
    }
    messages.push({ title, text });
  }
  return messages;
}

/**
 * The function's `index.js` (CommonJS, as FunctionGraph loads Node.js code): core `chatPayload` and
 * `smnChatMessages` as they are, and a handler that reads its settings (`context.getUserData`:
 * `TARGETS` encrypted, `SEVERITY` plain; the process environment as a fallback) and posts every
 * message to every target. It throws when a webhook
 * refuses, so the failure shows in the function's logs and its `failcount`.
 */
export function huaweiChatRelaySource(): string {
  return `"use strict";
const __name = (f) => f;
const chatPayload = ${chatPayload.toString()};
const smnChatMessages = ${smnChatMessages.toString()};
exports.handler = async (event, context) => {
  const setting = (key) => (context && typeof context.getUserData === "function" && context.getUserData(key)) || process.env[key];
  const targets = JSON.parse(setting("TARGETS") || "[]");
  const severity = setting("SEVERITY") || "urgent";
  const messages = smnChatMessages(event, severity);
  for (const m of messages) {
    for (const t of targets) {
      const response = await fetch(t.url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(chatPayload(t.kind, severity, m.title, m.text)) });
      if (!response.ok) throw new Error(t.kind + " webhook answered " + response.status);
    }
  }
  return { sent: messages.length * targets.length };
};
`;
}

export interface HuaweiChatRelayArgs {
  /** The severity topic the relay listens to (`HuaweiAlarmTopic`), which its own error alarm notifies too. */
  readonly topicUrn: pulumi.Input<string>;
  /** The topic's severity: the messages' prefix, and its error alarm's. */
  readonly severity: Severity;
  /** The topic's Feishu and Slack webhooks (`RELAYED_WEBHOOK_KINDS`), each once. */
  readonly webhooks: readonly { kind: WebhookKind; url: string }[];
  /** The daily quiet period (core `notificationsSchema`): the window of the relay's own error alarm (the relay posts what reaches the topic). Default: none. */
  readonly silence?: Notifications["silence"];
  /** The function's name (letters, digits, `-`, starting with a letter; at most 60 characters): unique per region. */
  readonly functionName: string;
  readonly tags: Tags;
}

const argsSchema = z.object({
  severity: z.enum(SEVERITIES),
  webhooks: z
    .array(
      z.object({
        kind: z.enum(WEBHOOK_KINDS).refine(relayed, { error: `must be one of ${RELAYED_WEBHOOK_KINDS.join(", ")}: the others are SMN subscriptions` }),
        url: z.url({ protocol: /^https$/, error: "must be an https:// URL" }),
      }),
    )
    .min(1, { error: "must name at least one webhook: a relay without targets is not made" }),
  functionName: z.string().regex(/^[A-Za-z][A-Za-z0-9_-]{0,59}$/, { error: "must be 1 to 60 letters, digits, - or _, starting with a letter (a FunctionGraph function name)" }),
});

/**
 * Problems of a severity's relayed webhooks (the Feishu and Slack ones of `webhooks`): they must fit
 * one FunctionGraph setting. The URLs carry tokens: the problem says their length, never them.
 */
export function chatRelayProblems(webhooks: readonly { kind: WebhookKind; url: string }[], path: string): Problem[] {
  const targets = webhooks.filter((w) => relayed(w.kind)).map((w) => ({ kind: w.kind, url: w.url }));
  const length = `TARGETS${JSON.stringify(targets)}`.length;
  if (length <= FUNCTIONGRAPH_SETTING_MAX_CHARS) return [];
  return [
    {
      path,
      message: `the Feishu and Slack webhooks of a severity must fit one FunctionGraph setting of their chat relay (${FUNCTIONGRAPH_SETTING_MAX_CHARS} characters with its key, as JSON): use fewer or shorter webhook URLs`,
      received: `${targets.length} webhooks, ${length} characters`,
    },
  ];
}

/** A relay's function name: `tenantry-<scope>-<topic component>`, name-safe, at most 60 characters. */
export function chatRelayFunctionName(scope: string, name: string): string {
  return clipName(`tenantry-${nameSafe(scope)}-${nameSafe(name)}-relay`, 60);
}

export class HuaweiChatRelay extends pulumi.ComponentResource {
  /** The function's URN (the provider's id of the function). */
  public readonly functionUrn: pulumi.Output<string>;

  constructor(name: string, args: HuaweiChatRelayArgs, opts?: pulumi.ComponentResourceOptions) {
    super("tenantry:huaweicloud:ChatRelay", name, {}, opts);
    const a = validated(argsSchema, args, `arguments of HuaweiChatRelay ${name}`, "args.");
    const tooLong = chatRelayProblems(a.webhooks, "args.webhooks");
    if (tooLong.length > 0) throw new InputError(`arguments of HuaweiChatRelay ${name}`, tooLong);
    const fn = new FgsFunction(
      `${name}-function`,
      {
        name: a.functionName,
        app: "default",
        description: `${name}: ${a.severity} alarms to Feishu and Slack webhooks (tenantry)`,
        runtime: WATCHER_RUNTIME,
        handler: "index.handler",
        codeType: "inline",
        funcCode: huaweiChatRelaySource(),
        memorySize: 128,
        timeout: 30,
        userData: JSON.stringify({ SEVERITY: a.severity }),
        // The webhook URLs carry their bots' tokens: encrypted settings, and a Pulumi secret.
        encryptedUserData: pulumi.secret(JSON.stringify({ TARGETS: JSON.stringify(a.webhooks) })),
        tags: args.tags,
      },
      { parent: this },
    );
    new FgsTrigger(`${name}-trigger`, { functionUrn: fn.id, type: "SMN", status: "ACTIVE", smn: { topicUrn: args.topicUrn } }, { parent: this });
    // The relay's own failures (a webhook refusing, a changed message), at its severity, to its topic:
    // its e-mail and SMN-pushed targets learn that the chat groups miss alarms.
    const route = { topicUrns: { urgent: args.topicUrn, warning: args.topicUrn, info: args.topicUrn }, ...(args.silence ? { silence: args.silence } : {}) };
    functionFailureAlarm(name, fn, { functionName: a.functionName, route, severity: a.severity, description: `the chat relay ${a.functionName} failed: Feishu/Slack groups miss ${a.severity} alarms (tenantry)` }, this);
    this.functionUrn = fn.id;
    this.registerOutputs({ functionUrn: this.functionUrn });
  }
}
