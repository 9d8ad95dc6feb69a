/**
 * The stack's CloudMonitor contact groups, one per severity (core `SEVERITIES`): an e-mail contact
 * per address, and a DingTalk robot per DingTalk webhook (CloudMonitor pushes to DingTalk itself).
 * The contacts the provider offers cannot reach WeCom, Feishu or Slack robots nor a plain HTTPS
 * endpoint: the chat relay (`AlicloudChatRelay`, a function each alarm rule names as its target)
 * posts to those.
 */
import * as alicloud from "@pulumi/alicloud";
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { stackScope } from "./naming.js";
import { cloudReachedTargets, nameSafe, notificationsSchema, routeBySeverity, SEVERITIES, silenceComplement, validated, type Notifications, type Severity } from "../core/index.js";

export interface AlarmContactsArgs {
  /** Addresses that receive every alarm. */
  readonly emails: readonly string[];
  /** Per-severity targets and the silence period (core `notificationsSchema`). Default: `emails` for every severity. */
  readonly notifications?: Notifications;
}

const argsSchema = z.object({ emails: z.array(z.email({ error: "must be an email address" })), notifications: notificationsSchema.optional() });

/** CloudMonitor's alarm levels for each severity. */
export const CMS_LEVEL: Readonly<Record<Severity, "CRITICAL" | "WARN" | "INFO">> = { urgent: "CRITICAL", warning: "WARN", info: "INFO" };

export class AlarmContacts extends pulumi.ComponentResource {
  /** Each severity's contact group name, which alarm rules refer to. */
  public readonly groupNames: Record<Severity, pulumi.Output<string>>;

  constructor(name: string, args: AlarmContactsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("tenantry:alicloud:AlarmContacts", name, {}, opts);
    const a = validated(argsSchema, args, `arguments of AlarmContacts ${name}`, "args.");
    const routes = routeBySeverity(a.notifications, a.emails);
    const contacts = new Map<string, alicloud.cms.AlarmContact>();
    const contact = (key: string, make: () => alicloud.cms.AlarmContact) => contacts.get(key) ?? contacts.set(key, make()).get(key)!;
    this.groupNames = Object.fromEntries(
      SEVERITIES.map((severity) => {
        // What CloudMonitor's contacts push to: e-mail and DingTalk (the chat relay posts to the other webhooks).
        const reached = cloudReachedTargets("alicloud", routes[severity]);
        const members = [
          ...reached.emails.map((email) =>
            contact(email, () => new alicloud.cms.AlarmContact(`${name}-${nameSafe(email)}`, { alarmContactName: nameSafe(email).slice(0, 40), describe: `tenantry alarms (${email})`, channelsMail: email }, { parent: this })),
          ),
          ...reached.webhooks
            .filter((w) => w.kind === "dingtalk")
            .map((w, i) =>
              contact(w.url, () => {
                const id = `${name}-${severity}-dingtalk-${i}`;
                return new alicloud.cms.AlarmContact(id, { alarmContactName: id.slice(0, 40), describe: "tenantry alarms (DingTalk group)", channelsDingWebHook: pulumi.secret(w.url) }, { parent: this });
              }),
            ),
        ];
        // The group name is as released for the urgent group (it was the only group before severities).
        const groupName = severity === "urgent" ? `tenantry-${stackScope()}` : `tenantry-${stackScope()}-${severity}`;
        const group = new alicloud.cms.AlarmContactGroup(
          severity === "urgent" ? `${name}-group` : `${name}-${severity}-group`,
          { alarmContactGroupName: groupName.slice(0, 40), describe: `tenantry ${severity} alarms`, contacts: members.map((c) => c.alarmContactName) },
          { parent: this },
        );
        return [severity, group.alarmContactGroupName];
      }),
    ) as Record<Severity, pulumi.Output<string>>;
    this.registerOutputs({ groupNames: this.groupNames });
  }
}

/**
 * CloudMonitor's `effectiveInterval` for a severity: the complement of the silence period, when it
 * silences that severity (CloudMonitor then raises no alarm of it in the quiet hours). One period
 * within a day, `HH:MM-HH:MM` (core `silenceComplement`: the form PutResourceMetricRule documents,
 * https://www.alibabacloud.com/help/doc-detail/114934.htm), never ending at 00:00; the stack refuses
 * a silence whose complement would cross midnight. The time zone is not documented (docs/monitoring.md).
 */
export function effectiveInterval(silence: Notifications["silence"], severity: Severity): string | undefined {
  if (!silence || severity === "urgent" || !(silence.severities as readonly string[]).includes(severity)) return undefined;
  const window = silenceComplement(silence);
  return window ? `${window.begin}-${window.end}` : undefined;
}
