/**
 * Where alerts go, per severity (product-facts.md §5: "alerts are pushed 7x24 to a chat group";
 * the PaaS plan adds notification targets, silence periods and graded alerts). Targets and routes
 * are configuration; the chat message shapes are the chat services' own webhook formats.
 */
import { z } from "zod";
import { SEVERITIES, type Severity } from "./alarms.js";
import type { Problem } from "./problems.js";

export const WEBHOOK_KINDS = ["dingtalk", "wecom", "feishu", "slack", "https"] as const;
export type WebhookKind = (typeof WEBHOOK_KINDS)[number];

const httpsUrl = z.url({ protocol: /^https$/, error: "must be an https:// URL" });
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: "must be a time of day HH:MM (24-hour)" });

const targetsSchema = z.strictObject({
  emails: z.array(z.email({ error: "must be an email address" })).default([]),
  webhooks: z.array(z.strictObject({ kind: z.enum(WEBHOOK_KINDS), url: httpsUrl })).default([]),
});

export const notificationsSchema = z.strictObject({
  urgent: targetsSchema.optional(),
  warning: targetsSchema.optional(),
  info: targetsSchema.optional(),
  /**
   * A daily quiet period (UTC) for chat webhooks, e.g. `{ from: "00:00", to: "07:00", severities: [info] }`:
   * alerts of those severities are not pushed then. Urgent alerts are never silenced.
   */
  silence: z
    .strictObject({ from: hhmm, to: hhmm, severities: z.array(z.enum(["warning", "info"])).min(1) })
    .optional(),
  /** The mail relay the ops server's Alertmanager sends e-mail through (`host:port`). Without it, only the cloud sends e-mail. */
  smtp: z.strictObject({ smarthost: z.string().regex(/^[A-Za-z0-9.-]+:\d+$/, { error: "must be host:port" }), from: z.email() }).optional(),
});
export type Notifications = z.output<typeof notificationsSchema>;
export type NotificationTargets = z.output<typeof targetsSchema>;

/**
 * Targets per severity: the stack's `alarmEmails` receive every severity (as before), plus the
 * severity's own routes.
 */
export function routeBySeverity(notifications: Notifications | undefined, alarmEmails: readonly string[]): Record<Severity, NotificationTargets> {
  return Object.fromEntries(
    SEVERITIES.map((s) => {
      const own = notifications?.[s];
      return [s, { emails: [...new Set([...alarmEmails, ...(own?.emails ?? [])])], webhooks: own?.webhooks ?? [] }];
    }),
  ) as Record<Severity, NotificationTargets>;
}

/** Whether `severity` is silenced at `minuteOfDay` (UTC) by `silence` (a period may wrap midnight). */
export function silenced(silence: Notifications["silence"], severity: Severity, minuteOfDay: number): boolean {
  if (!silence || severity === "urgent" || !(silence.severities as readonly string[]).includes(severity)) return false;
  const minutes = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3));
  const from = minutes(silence.from);
  const to = minutes(silence.to);
  return from <= to ? minuteOfDay >= from && minuteOfDay < to : minuteOfDay >= from || minuteOfDay < to;
}

/**
 * The daily period outside a silence (its complement), as the clouds' alarm rules take it: one
 * `HH:MM`-`HH:MM` period within a day, its start before its end. Documented so: Huawei Cloud Eye's
 * `notification_begin_time` / `notification_end_time` ("05:30", "22:10" in the provider's
 * huaweicloud_ces_alarmrule reference; "00:00" and "23:59" in Cloud Eye's API reference, "Creating
 * an Alarm Rule (Recommended)", https://support.huaweicloud.com/intl/en-us/api-ces/CreateAlarmRules.html),
 * Alibaba CloudMonitor's `EffectiveInterval` ("00:00-23:59" in PutResourceMetricRule,
 * https://www.alibabacloud.com/help/doc-detail/114934.htm; "06:00-20:00" in alicloud_cms_alarm).
 * Neither documents a period across midnight, so a period never ends at 00:00 (it ends at 23:59),
 * and a silence inside one day, whose complement would cross midnight, is refused
 * (`silenceWindowProblems`). Undefined for an empty silence (from = to).
 */
export function silenceComplement(silence: NonNullable<Notifications["silence"]>): { begin: string; end: string } | undefined {
  if (silence.from === silence.to) return undefined;
  const end = silence.from === "00:00" ? "23:59" : silence.from;
  return silence.to < end ? { begin: silence.to, end } : undefined;
}

/** Problems of a silence the clouds' alarm rules cannot take (`silenceComplement`): one inside a day, e.g. 01:00-05:00. `path`: the silence's config path. */
export function silenceWindowProblems(silence: Notifications["silence"], path: string, cloud: string): Problem[] {
  if (!silence || silence.from === silence.to || silenceComplement(silence)) return [];
  return [
    {
      path,
      message: `must contain midnight (from later than to, e.g. 22:00-06:00) or start at 00:00 on ${cloud}: its alarm rules notify within one period of a day (their complement of the silence), and a period across midnight is not documented`,
      received: `${silence.from}-${silence.to}`,
    },
  ];
}

/**
 * The start of a chat relay's handler, as source (the AWS and Alibaba relays run it; `silenced` must
 * be in scope): reads the relay's settings from its environment — `TARGETS` (the severity's
 * webhooks, JSON), `SEVERITY`, `SILENCE` (JSON, optional) — and returns `{ silenced: true }` while
 * the severity is silenced (UTC).
 */
export const CHAT_RELAY_SETTINGS_SOURCE = `  const targets = JSON.parse(process.env.TARGETS ?? "[]");
  const severity = process.env.SEVERITY ?? "urgent";
  const silence = process.env.SILENCE ? JSON.parse(process.env.SILENCE) : undefined;
  const now = new Date();
  if (silenced(silence, severity, now.getUTCHours() * 60 + now.getUTCMinutes())) return { silenced: true };`;

/**
 * The body a chat service's incoming webhook expects for a text message: DingTalk and WeCom group
 * robots (`msgtype: text`), Feishu bots (`msg_type: text`), Slack incoming webhooks (`text`), and a
 * plain JSON document for any other HTTPS endpoint. Self-contained (no imports, no closures): the
 * AWS chat relay runs this very function's source.
 */
export function chatPayload(kind: string, severity: string, title: string, text: string): Record<string, unknown> {
  const line = "[" + severity.toUpperCase() + "] " + title + (text ? "\n" + text : "");
  switch (kind) {
    case "dingtalk":
    case "wecom":
      return { msgtype: "text", text: { content: line } };
    case "feishu":
      return { msg_type: "text", content: { text: line } };
    case "slack":
      return { text: line };
    default:
      return { severity: severity, title: title, text: text };
  }
}
