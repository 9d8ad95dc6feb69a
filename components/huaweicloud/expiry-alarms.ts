/**
 * "Expiry of ECS, RDS, SLB and OSS" (product-facts.md §5) on Huawei Cloud, for prepaid (`yearly`)
 * resources: on Tenantry's Huawei tenants only the ECS hosts are prepaid (databases, EIPs and
 * balancers are billed by use and cannot expire).
 *
 * Huawei Cloud documents no Cloud Eye system event that announces a subscription about to expire
 * (the event lists of ECS, EIP and ELB name none; docs/huaweicloud.md says what was searched). So:
 * - prepaid hosts renew themselves by default (`autoRenew`, Tenantry's choice, `DEFAULT_AUTO_RENEW`):
 *   Huawei's billing centre charges an auto-renewal 7 days before the expiry date;
 * - when an account's Cloud Eye event list does show an event for it, `subscriptionExpiryEvents`
 *   names it (namespace and event name, as `huaweicloud_ces_events` or the console list them) and
 *   each becomes a Cloud Eye event rule here, at the expiry severity. Nothing is guessed: the
 *   stack requires the events when automatic renewal is off, and has no default list.
 */
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { EXPIRY_SEVERITY, nameSafe, validated } from "../core/index.js";
import { ALARM_LEVEL } from "./host-alarms.js";
import { Alarmrule, type AlarmruleArgs } from "./provider/index.js";
import { notifyArgs, type HuaweiAlarmRoute } from "./alarm-topic.js";

/** A Cloud Eye system event: the namespace of its service (`SYS.ECS`) and its event name. */
export interface CloudEyeEvent {
  readonly namespace: string;
  readonly name: string;
}

/** What Cloud Eye accepts: `service.item` namespaces, and event (metric) names of 1 to 64 letters, digits and `_` starting with a letter. */
export const cloudEyeEventSchema = z.strictObject({
  namespace: z.string().regex(/^[A-Za-z][A-Za-z0-9_]*\.[A-Za-z][A-Za-z0-9_]*$/, { error: "must be a Cloud Eye namespace such as SYS.ECS" }),
  name: z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,63}$/, { error: "must be a Cloud Eye event name (1 to 64 letters, digits and _, starting with a letter)" }),
});

export interface HuaweiExpiryAlarmsArgs {
  /** The system events that announce a subscription's expiry, as the account's event list names them. */
  readonly events: readonly CloudEyeEvent[];
  /** The topics per severity (the stack's `huaweiAlarmRouting`): the rules notify the expiry severity's, outside the silence period. */
  readonly route: HuaweiAlarmRoute;
}

const argsSchema = z.object({ events: z.array(cloudEyeEventSchema).min(1, { error: "must name at least one event" }) });

/** A Cloud Eye event rule: fires once each time `event` is reported for any resource of its namespace, at the expiry severity, to its topic. */
export function expiryEventRuleArgs(alarmName: string, event: CloudEyeEvent, route: HuaweiAlarmRoute): AlarmruleArgs {
  const level = ALARM_LEVEL[EXPIRY_SEVERITY];
  return {
    alarmName: alarmName.slice(0, 128),
    alarmDescription: `${event.namespace} ${event.name}: a prepaid resource is about to expire (tenantry; monitor cloud-expiry)`,
    alarmType: "EVENT.SYS",
    metric: { namespace: event.namespace },
    // Events are reported as they happen: period 0, one occurrence is enough.
    conditions: [{ metricName: event.name, period: 0, filter: "average", comparisonOperator: ">=", value: 1, unit: "count", count: 1, suppressDuration: 0, alarmLevel: level }],
    alarmLevel: level,
    alarmEnabled: true,
    alarmActionEnabled: true,
    // An event does not clear: no recovery notification.
    ...notifyArgs(route, EXPIRY_SEVERITY, false),
  };
}

export class HuaweiExpiryAlarms extends pulumi.ComponentResource {
  public readonly ruleNames: string[] = [];

  constructor(name: string, args: HuaweiExpiryAlarmsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("tenantry:huaweicloud:ExpiryAlarms", name, {}, opts);
    const a = validated(argsSchema, args, `arguments of HuaweiExpiryAlarms ${name}`, "args.");
    // Named after the event, never its position: adding an event leaves the others alone.
    for (const event of a.events) {
      const id = `${name}-${nameSafe(event.namespace)}-${nameSafe(event.name)}`;
      if (this.ruleNames.includes(id)) continue;
      new Alarmrule(id, expiryEventRuleArgs(id, event, args.route), { parent: this });
      this.ruleNames.push(id);
    }
    this.registerOutputs({ ruleNames: this.ruleNames });
  }
}
