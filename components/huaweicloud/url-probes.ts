/**
 * The URL monitors of a tenant (product-facts.md §5) that Huawei Cloud's own monitoring can watch:
 * Cloud Eye has no internet probes (site monitoring) in the provider, but each web entry point's
 * dedicated ELB health-checks its back end's home page (`/`) every few seconds. So "home page
 * reachable" is a Cloud Eye rule on the balancer's unhealthy back ends, and "probe latency" one on
 * its average response time, each at its severity. "Login endpoint working" needs a request the
 * balancer does not make: the ops server's blackbox prober carries it (docs/monitoring.md).
 */
import * as pulumi from "@pulumi/pulumi";
import { CLOUD_MONITORING, validated, type AlarmTiming, type UrlMonitorNeed } from "../core/index.js";
import { alarmRuleArgs, timingSchema } from "./host-alarms.js";
import { ELB_DIMENSION, ELB_METRICS } from "./metrics.js";
import { Alarmrule } from "./provider/index.js";
import type { HuaweiAlarmRoute } from "./alarm-topic.js";

export interface HuaweiUrlProbesArgs extends AlarmTiming, HuaweiAlarmRoute {
  /** The tenant's URL monitors; those the balancers cannot watch (login) are left to the ops server. */
  readonly monitors: readonly UrlMonitorNeed[];
  /** The dedicated ELB of each entry point. */
  readonly loadBalancerIds: Readonly<Partial<Record<string, pulumi.Input<string>>>>;
  /** The enterprise project of the rules. Default: the account's default enterprise project. */
  readonly enterpriseProjectId?: pulumi.Input<string>;
}

/** The checks a balancer's health check stands for (core `CLOUD_MONITORING`: Huawei's `load-balancer` URL checks). */
export const ELB_WATCHED_CHECKS: readonly UrlMonitorNeed["check"][] = (["home-page", "login"] as const).filter((c) => CLOUD_MONITORING.huaweicloud[`url:${c}`].cloud === "load-balancer");

/** The text a rule's description carries to say which monitor it implements (Cloud Eye rules take no tags). */
export const monitorNote = (id: string) => `monitor ${id}`;

export class HuaweiUrlProbes extends pulumi.ComponentResource {
  /** The ids of the monitors these rules implement. */
  public readonly monitorIds: string[] = [];

  constructor(name: string, args: HuaweiUrlProbesArgs, opts?: pulumi.ComponentResourceOptions) {
    super("tenantry:huaweicloud:UrlProbes", name, {}, opts);
    const t = validated(timingSchema, args, `arguments of HuaweiUrlProbes ${name}`, "args.");
    for (const m of args.monitors.filter((m) => ELB_WATCHED_CHECKS.includes(m.check))) {
      const lb = args.loadBalancerIds[m.entryPoint];
      if (lb === undefined) continue;
      const id = `${name}-${m.check}-${m.entryPoint}`;
      const dimension = { name: ELB_DIMENSION, value: lb };
      const rule = (suffix: string, metric: (typeof ELB_METRICS)[keyof typeof ELB_METRICS], threshold: number, severity: UrlMonitorNeed["severity"]) => {
        const base = alarmRuleArgs(`${id}-${suffix}`, metric, dimension, { comparison: ">", threshold }, t, args, args.enterpriseProjectId, severity);
        new Alarmrule(`${id}-${suffix}`, { ...base, alarmDescription: `${base.alarmDescription}; ${monitorNote(m.id)}` }, { parent: this });
      };
      rule("availability", ELB_METRICS.unhealthyBackends, 0, m.severity);
      rule("latency", ELB_METRICS.responseTime, m.latencySeconds * 1000, m.latencySeverity);
      this.monitorIds.push(m.id);
    }
    this.registerOutputs({ monitorIds: this.monitorIds });
  }
}
