/**
 * "Expiry of ECS, RDS, SLB and OSS" (product-facts.md §5) on Alibaba Cloud, for prepaid (`yearly`)
 * resources: a CloudMonitor event rule on the ECS system events that announce a subscription about
 * to expire, at the expiry severity's level, to that severity's contact group and, when given, to the
 * chat relay's function of that severity (`fcParameters`: WeCom, Feishu, Slack, HTTPS). The event names are
 * a parameter (`subscriptionExpiryEvents`): the documents do not give them, the account's
 * CloudMonitor event list does.
 *
 * The rule was registered by the stack itself (`stacks/alicloud.ts`) before it became a component:
 * it keeps its name (`<name>`, e.g. `alarms-expiry`) and an alias to its old parent (the stack), so
 * moving it here replaces nothing.
 */
import * as alicloud from "@pulumi/alicloud";
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { EXPIRY_SEVERITY, validated } from "../core/index.js";
import { CMS_LEVEL } from "./alarm-contacts.js";
import type { RelayTarget } from "./chat-relay.js";

export interface AlicloudExpiryAlarmsArgs {
  /** CloudMonitor event names of ECS that announce a subscription's expiry (e.g. as the account's event list names them). */
  readonly events: readonly string[];
  /** The expiry severity's contact group (`AlarmContacts.groupNames[EXPIRY_SEVERITY]`). */
  readonly contactGroupName: pulumi.Input<string>;
  /** The chat relay's function of the expiry severity (`AlicloudChatRelay.targets[EXPIRY_SEVERITY]`), as the rule's Function Compute target. Default: none. */
  readonly relayTarget?: RelayTarget;
}

const argsSchema = z.object({ events: z.array(z.string().min(1, { error: "must be a CloudMonitor event name" })).min(1, { error: "must name at least one event" }) });

/** The event rule's inputs: every listed ECS event, at the expiry severity's level, to its contact group (and to the chat relay, when given). */
export function expiryEventRuleArgs(name: string, events: readonly string[], contactGroupName: pulumi.Input<string>, relay?: RelayTarget): alicloud.cms.EventRuleArgs {
  return {
    ...(relay ? { fcParameters: [relay.event] } : {}),
    ruleName: `tenantry-${name.replace(/-expiry$/, "")}-subscription-expiry`.slice(0, 64),
    description: "tenantry: prepaid instances about to expire",
    eventPattern: { product: "ecs", nameLists: [...events], eventTypeLists: ["*"] },
    contactParameters: [{ contactParametersId: "1", contactGroupName, level: CMS_LEVEL[EXPIRY_SEVERITY] }],
    status: "ENABLED",
  };
}

export class AlicloudExpiryAlarms extends pulumi.ComponentResource {
  public readonly ruleName: pulumi.Output<string>;

  /** `name` is the rule's own (unchanged since it was the stack's child): `<contacts name>-expiry`. */
  constructor(name: string, args: AlicloudExpiryAlarmsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("tenantry:alicloud:ExpiryAlarms", name, {}, opts);
    const a = validated(argsSchema, args, `arguments of AlicloudExpiryAlarms ${name}`, "args.");
    const rule = new alicloud.cms.EventRule(name, expiryEventRuleArgs(name, a.events, args.contactGroupName, args.relayTarget), {
      parent: this,
      ...(opts?.provider ? { provider: opts.provider } : {}),
      // Registered at the stack's top level before this component existed.
      aliases: [{ parent: pulumi.rootStackResource }],
    });
    this.ruleName = rule.ruleName;
    this.registerOutputs({ ruleName: this.ruleName });
  }
}
