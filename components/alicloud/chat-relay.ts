/**
 * The Alibaba Cloud chat relay: what carries CloudMonitor's alarms to WeCom, Feishu, Slack and plain
 * HTTPS webhooks, which CloudMonitor's contacts cannot reach (its contacts push e-mail and DingTalk
 * robots only; DingTalk stays with them, so no group gets an alarm twice). A Function Compute
 * service with one function per severity that has such webhooks; the function posts each alarm in
 * the chat service's format (`chatRelaySource`) outside the silence period.
 *
 * How CloudMonitor reaches it, decided against the provider Tenantry binds (@pulumi/alicloud 3.108,
 * bridging terraform-provider-alicloud) and Alibaba's API reference:
 * - Alarm rules name the function as a direct target (`alicloud.cms.Alarm` `targets`, i.e.
 *   PutMetricRuleTargets), whose documented ARN form for Function Compute is
 *   `acs:fc:{regionId}:{userId}:services/{service}/functions/{function}`, with the rule's level.
 * - The expiry event rule names it in `fcParameters` (PutEventRuleTargets: region, service, function).
 * Both name a Function Compute 2.0 service and function: neither documents a 3.0 function (no
 * service), so the relay is a 2.0 service (`alicloud.fc.Service`) and function
 * (`alicloud.fc.V2Function`, runtime `nodejs20`, which FC 2.0 lists).
 * Not the rule's callback (`webhook`) to an HTTP trigger: its page says "only HTTP callbacks are
 * supported" (the event-callback page says HTTP or HTTPS), so a trigger's token would cross the
 * internet in clear, and the function would need a public endpoint. A direct target needs neither.
 *
 * Privileges: the service has no RAM role (the function only posts to the webhooks, over the
 * internet); CloudMonitor's right to invoke a function target is not documented on the pages above
 * (unverified on a real account: docs/monitoring.md). The webhooks carry their tokens: the function's
 * environment is a Pulumi secret, and the relay never logs a URL. Each function has an alarm on its
 * own errors (`acs_fc` `FunctionFunctionErrors`), to the urgent contact group (e-mail, DingTalk),
 * never to the relay itself.
 */
import * as alicloud from "@pulumi/alicloud";
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { SEVERITIES, TAG_KEYS, validated, WEBHOOK_KINDS, type NotificationTargets, type Notifications, type Severity, type Tags } from "../core/index.js";
import { CMS_LEVEL } from "./alarm-contacts.js";
import { chatRelayZip } from "./chat-relay-source.js";
import { stackScope } from "./naming.js";

/** The webhook kinds the relay serves: every kind but DingTalk, whose robots CloudMonitor's contacts push to (core `CLOUD_NOTIFICATIONS.alicloud`). */
export const RELAYED_KINDS = WEBHOOK_KINDS.filter((k) => k !== "dingtalk");

type Webhook = NotificationTargets["webhooks"][number];

/** Per severity, the webhooks the relay serves (every one of a relayed kind, in order); severities without any are left out. */
export function relayedWebhooks(routes: Readonly<Record<Severity, NotificationTargets>>): Partial<Record<Severity, Webhook[]>> {
  return Object.fromEntries(
    SEVERITIES.flatMap((s) => {
      const webhooks = routes[s].webhooks.filter((w) => (RELAYED_KINDS as readonly string[]).includes(w.kind));
      return webhooks.length > 0 ? [[s, webhooks]] : [];
    }),
  );
}

/** The severity of the relay's own error alarm: a failing relay silences the chat groups (Tenantry's choice). */
export const RELAY_ERROR_SEVERITY: Severity = "urgent";

const ESCALATION = { CRITICAL: "escalationsCritical", WARN: "escalationsWarn", INFO: "escalationsInfo" } as const;

/** Function Compute's metric of errors thrown by a function's code (namespace `acs_fc`; dimensions userId, region, serviceName, functionName). */
export const FC_ERRORS_METRIC = { project: "acs_fc", metric: "FunctionFunctionErrors" } as const;

/** The relay's service name: unique per stack and account (`[A-Za-z_][A-Za-z0-9_-]`, at most 128). */
export function relayServiceName(name: string, scope: string): string {
  return `tenantry-${scope}-${name}`.replace(/[^A-Za-z0-9_-]/g, "-").slice(0, 128);
}

/** The ARN an alarm rule's target names a function by (PutMetricRuleTargets' form for Function Compute). */
export function relayFunctionArn(region: string, account: string, service: string, fn: string): string {
  return `acs:fc:${region}:${account}:services/${service}/functions/${fn}`;
}

export interface AlicloudChatRelayArgs {
  /** Per severity, the webhooks to post to (`relayedWebhooks`); one function per severity listed. */
  readonly webhooks: Partial<Record<Severity, readonly Webhook[]>>;
  /** A daily quiet period for the chat webhooks. Default: none. */
  readonly silence?: Notifications["silence"];
  /** The contact group that hears of the relay's own errors (the urgent group). */
  readonly errorContactGroup: pulumi.Input<string>;
  readonly tags: Tags;
}

const webhookSchema = z.object({ kind: z.enum(RELAYED_KINDS as [string, ...string[]], { error: `must be one of ${RELAYED_KINDS.join(", ")} (DingTalk goes through CloudMonitor's contacts)` }), url: z.url({ protocol: /^https$/, error: "must be an https:// URL" }) });
const argsSchema = z.object({
  webhooks: z.partialRecord(z.enum(SEVERITIES), z.array(webhookSchema).min(1, { error: "must list at least one webhook (leave the severity out instead)" })),
});

/** What an alarm rule or event rule of one severity takes to reach the relay. */
export interface RelayTarget {
  /** For `alicloud.cms.Alarm` `targets`. */
  readonly rule: pulumi.Output<{ targetId: string; arn: string; level: string }>;
  /** For `alicloud.cms.EventRule` `fcParameters`. */
  readonly event: pulumi.Output<{ fcParametersId: string; region: string; serviceName: string; functionName: string }>;
}

export class AlicloudChatRelay extends pulumi.ComponentResource {
  /** Per severity with webhooks: how its rules reach the relay. */
  public readonly targets: Partial<Record<Severity, RelayTarget>> = {};

  constructor(name: string, args: AlicloudChatRelayArgs, opts?: pulumi.ComponentResourceOptions) {
    super("tenantry:alicloud:ChatRelay", name, {}, opts);
    const a = validated(argsSchema, args, `arguments of AlicloudChatRelay ${name}`, "args.");
    const parent = { parent: this };
    const account = alicloud.getAccountOutput(parent).id;
    const region = alicloud.getRegionsOutput({ current: true }, parent).regions.apply((r) => r[0]!.id);
    const service = new alicloud.fc.Service(
      `${name}-service`,
      { name: relayServiceName(name, stackScope()), description: `${name}: CloudMonitor alarms to chat webhooks (tenantry)`, internetAccess: true, tags: args.tags },
      parent,
    );
    const code = chatRelayZip();
    for (const severity of SEVERITIES) {
      const webhooks = a.webhooks[severity];
      if (!webhooks) continue;
      const fn = new alicloud.fc.V2Function(
        `${name}-${severity}`,
        {
          serviceName: service.name,
          functionName: severity,
          description: `${name}: ${severity} alarms to chat webhooks (tenantry)`,
          runtime: "nodejs20",
          handler: "index.handler",
          memorySize: 128,
          timeout: 60,
          code: { zipFile: code },
          // Webhook URLs carry their access tokens: a secret.
          environmentVariables: pulumi.secret({
            TARGETS: JSON.stringify(webhooks),
            SEVERITY: severity,
            ...(args.silence ? { SILENCE: JSON.stringify(args.silence) } : {}),
          }),
        },
        parent,
      );
      const serviceName = service.name;
      const functionName = fn.functionName;
      new alicloud.cms.Alarm(
        `${name}-${severity}-errors`,
        {
          name: `${name}-${severity}-errors`,
          project: FC_ERRORS_METRIC.project,
          metric: FC_ERRORS_METRIC.metric,
          metricDimensions: pulumi
            .all([account, region, serviceName, functionName])
            .apply(([userId, r, s, f]) => JSON.stringify([{ userId, region: r, serviceName: s, functionName: f }])),
          period: 60,
          contactGroups: [args.errorContactGroup],
          enabled: true,
          [ESCALATION[CMS_LEVEL[RELAY_ERROR_SEVERITY]]]: { statistics: "Value", comparisonOperator: "GreaterThanThreshold", threshold: "0", times: 1 },
          tags: { ...args.tags, [TAG_KEYS.severity]: RELAY_ERROR_SEVERITY },
        },
        parent,
      );
      this.targets[severity] = {
        rule: pulumi.all([region, account, serviceName, functionName]).apply(([r, acct, s, f]) => ({ targetId: "1", arn: relayFunctionArn(r, acct, s, f), level: CMS_LEVEL[severity] })),
        event: pulumi.all([region, serviceName, functionName]).apply(([r, s, f]) => ({ fcParametersId: "1", region: r, serviceName: s, functionName: f })),
      };
    }
    this.registerOutputs({});
  }
}
