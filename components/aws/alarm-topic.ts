/**
 * Where alarms go on AWS: an SNS topic per severity (core `SEVERITIES`), each encrypted with a KMS
 * key of its own that CloudWatch may use to publish (the AWS-managed SNS key would refuse CloudWatch),
 * with an e-mail subscription per address and, when the severity routes to chat webhooks, a small
 * Lambda relay that posts each alarm in the chat service's format (core `chatPayload`) outside the
 * silence period.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import {
  CHAT_RELAY_SETTINGS_SOURCE,
  chatPayload,
  nameSafe,
  notificationsSchema,
  retainedTags,
  routeBySeverity,
  SEVERITIES,
  silenced,
  validated,
  WEBHOOK_KINDS,
  type Notifications,
  type Severity,
  type Tags,
} from "../core/index.js";
import { awsTags } from "./naming.js";
import { logsMayUse, type PolicyDocument } from "./policies.js";
import { Provider } from "./provider.js";

export interface AlarmTopicArgs {
  /** Addresses that receive every alarm; each must confirm the subscription AWS mails it. */
  readonly emails: readonly string[];
  /** Chat webhooks that receive every alarm of this topic (through the relay). Default: none. */
  readonly webhooks?: readonly { kind: (typeof WEBHOOK_KINDS)[number]; url: string }[];
  /** The severity the topic carries (the relay's message prefix and silence). Default `urgent`. */
  readonly severity?: Severity;
  /** A daily quiet period for the chat webhooks (e-mail is never silenced). Default: none. */
  readonly silence?: Notifications["silence"];
  readonly tags: Tags;
}

const argsSchema = z.object({
  emails: z.array(z.email({ error: "must be an email address" })),
  webhooks: z.array(z.object({ kind: z.enum(WEBHOOK_KINDS), url: z.url({ protocol: /^https$/, error: "must be an https:// URL" }) })).default([]),
});

/**
 * The relay's source: `chatPayload` and `silenced` from the core, run as they are (`__name` is what
 * esbuild's keep-names transform may leave in a function's source).
 */
export function chatRelaySource(): string {
  return `const __name = (f) => f;
const chatPayload = ${chatPayload.toString()};
const silenced = ${silenced.toString()};
export const handler = async (event) => {
${CHAT_RELAY_SETTINGS_SOURCE}
  for (const record of event.Records ?? []) {
    let title = record.Sns?.Subject ?? "alarm";
    let text = record.Sns?.Message ?? "";
    try {
      const alarm = JSON.parse(text);
      title = alarm.NewStateValue + " " + alarm.AlarmName;
      text = (alarm.AlarmDescription ? alarm.AlarmDescription + "\\n" : "") + (alarm.NewStateReason ?? "");
    } catch {}
    for (const t of targets) {
      const response = await fetch(t.url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(chatPayload(t.kind, severity, title, text)) });
      if (!response.ok) throw new Error(t.kind + " webhook answered " + response.status);
    }
  }
  return { sent: (event.Records ?? []).length * targets.length };
};
`;
}

/** Where the relays' log groups lie (under the topic's key). */
export const RELAY_LOG_GROUP_PREFIX = "/tenantry/alarm-relay";

/**
 * The topic key's policy: the account administers it; CloudWatch alarms of this account may encrypt
 * messages to the topic; CloudWatch Logs may encrypt the relays' log groups with it.
 */
export function alarmTopicKeyPolicy(partition: string, account: string, region: string, dnsSuffix: string): PolicyDocument {
  return {
    Version: "2012-10-17",
    Statement: [
      { Sid: "AccountAdministers", Effect: "Allow", Principal: { AWS: `arn:${partition}:iam::${account}:root` }, Action: "kms:*", Resource: "*" },
      {
        Sid: "CloudWatchPublishes",
        Effect: "Allow",
        Principal: { Service: "cloudwatch.amazonaws.com" },
        Action: ["kms:Decrypt", "kms:GenerateDataKey*"],
        Resource: "*",
        Condition: { StringEquals: { "aws:SourceAccount": account } },
      },
      logsMayUse({ partition, region, account }, dnsSuffix, RELAY_LOG_GROUP_PREFIX),
    ],
  };
}

const LAMBDA_TRUST = {
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }],
} as const;

export class AlarmTopic extends pulumi.ComponentResource {
  public readonly topicArn: pulumi.Output<string>;

  constructor(name: string, args: AlarmTopicArgs, opts?: pulumi.ComponentResourceOptions) {
    super("tenantry:aws:AlarmTopic", name, {}, opts);
    const a = validated(argsSchema, args, `arguments of AlarmTopic ${name}`, "args.");
    const parent = { parent: this };
    const partitionOf = aws.getPartitionOutput({}, parent);
    const partition = partitionOf.partition;
    const region = aws.getRegionOutput({}, parent).region;
    const account = aws.getCallerIdentityOutput({}, parent).accountId;
    const key = new aws.kms.Key(
      `${name}-key`,
      {
        description: `${name}: alarm notifications (tenantry)`,
        enableKeyRotation: true,
        policy: pulumi.all([partition, account, region, partitionOf.dnsSuffix]).apply(([p, acct, r, dns]) => JSON.stringify(alarmTopicKeyPolicy(p, acct, r, dns))),
        tags: awsTags(retainedTags(args.tags, true), `${name}-key`),
      },
      // Kept like every key: messages still queued for delivery may need it.
      { parent: this, retainOnDelete: true },
    );
    const topic = new aws.sns.Topic(`${name}-topic`, { kmsMasterKeyId: key.arn, tags: awsTags(args.tags, `${name}-topic`) }, parent);
    for (const email of new Set(a.emails)) {
      new aws.sns.TopicSubscription(`${name}-${nameSafe(email)}`, { topic: topic.arn, protocol: "email", endpoint: email }, parent);
    }
    if (a.webhooks.length > 0) {
      const role = new aws.iam.Role(`${name}-relay-role`, { assumeRolePolicy: JSON.stringify(LAMBDA_TRUST), tags: awsTags(args.tags, `${name}-relay-role`) }, parent);
      // Its own log group, and the right to write there only (not AWS's Lambda policy, which reaches every log group).
      const logGroup = new aws.cloudwatch.LogGroup(`${name}-relay-logs`, { namePrefix: `${RELAY_LOG_GROUP_PREFIX}/`, retentionInDays: 30, kmsKeyId: key.arn, tags: awsTags(args.tags, `${name}-relay-logs`) }, parent);
      new aws.iam.RolePolicy(
        `${name}-relay-logs-policy`,
        {
          role: role.name,
          policy: logGroup.arn.apply((arn) =>
            JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents"], Resource: [arn, `${arn}:log-stream:*`] }] } satisfies PolicyDocument),
          ),
        },
        parent,
      );
      const relay = new aws.lambda.Function(
        `${name}-relay`,
        {
          description: `${name}: alarms to chat webhooks (tenantry)`,
          runtime: "nodejs20.x",
          handler: "index.handler",
          role: role.arn,
          timeout: 30,
          loggingConfig: { logFormat: "Text", logGroup: logGroup.name },
          code: new pulumi.asset.AssetArchive({ "index.mjs": new pulumi.asset.StringAsset(chatRelaySource()) }),
          // Webhook URLs carry their access tokens: a secret.
          environment: {
            variables: pulumi.secret({
              TARGETS: JSON.stringify(a.webhooks),
              SEVERITY: args.severity ?? "urgent",
              ...(args.silence ? { SILENCE: JSON.stringify(args.silence) } : {}),
            }),
          },
          tags: awsTags(args.tags, `${name}-relay`),
        },
        parent,
      );
      const permission = new aws.lambda.Permission(`${name}-relay-invoke`, { action: "lambda:InvokeFunction", function: relay.name, principal: "sns.amazonaws.com", sourceArn: topic.arn }, parent);
      new aws.sns.TopicSubscription(`${name}-relay-subscription`, { topic: topic.arn, protocol: "lambda", endpoint: relay.arn }, { parent: this, dependsOn: [permission] });
    }
    this.topicArn = topic.arn;
    this.registerOutputs({ topicArn: this.topicArn });
  }
}

export interface AlarmRoutingArgs {
  /** Addresses that receive every severity. */
  readonly emails: readonly string[];
  /** Per-severity targets and the silence period (core `notificationsSchema`). Default: `emails` for every severity. */
  readonly notifications?: Notifications;
  /** Create the topics through a provider of their own with these settings (e.g. another region). Default: the inherited provider. */
  readonly provider?: aws.ProviderArgs & { readonly region: string };
  readonly tags: Tags;
}

/** One `AlarmTopic` per severity, routed as the notifications say. */
export class AlarmRouting extends pulumi.ComponentResource {
  public readonly topicArns: Record<Severity, pulumi.Output<string>>;

  constructor(name: string, args: AlarmRoutingArgs, opts?: pulumi.ComponentResourceOptions) {
    super("tenantry:aws:AlarmRouting", name, {}, opts);
    const n = validated(notificationsSchema.optional(), args.notifications, `arguments of AlarmRouting ${name}`, "args.notifications.");
    const routes = routeBySeverity(n, args.emails);
    const provider = args.provider ? new Provider(`${name}-${args.provider.region}`, args.provider, { parent: this }) : undefined;
    this.topicArns = Object.fromEntries(
      SEVERITIES.map((s) => [
        s,
        new AlarmTopic(`${name}-${s}`, { emails: routes[s].emails, webhooks: routes[s].webhooks, severity: s, ...(n?.silence ? { silence: n.silence } : {}), tags: args.tags }, { parent: this, ...(provider ? { providers: { aws: provider } } : {}) }).topicArn,
      ]),
    ) as Record<Severity, pulumi.Output<string>>;
    this.registerOutputs({ topicArns: this.topicArns });
  }
}
