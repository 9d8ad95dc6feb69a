/**
 * The URL monitors of a tenant (product-facts.md §5) that Huawei Cloud's own monitoring can watch.
 * The provider (v0.0.11) binds no internet probe, but each web entry point's dedicated ELB
 * health-checks its back end every few seconds (`HuaweiEntryPoints`):
 * - "home page reachable": the 443 pool's check of `/`, alarmed on the balancer's unhealthy back
 *   ends (`m9_abnormal_servers` > 0 per `lbaas_instance_id`, so the login check's failures raise it
 *   too: a login failure is never silent, even where the per-pool metric below were missing);
 * - "probe latency": the balancer's average response time (`m14_l7_rt`) over the threshold;
 * - "login endpoint working": the login-check pool's check of the login path, alarmed on that
 *   pool's unhealthy back ends (`m9_abnormal_servers` > 0 per `lbaas_instance_id` and `lbaas_pool_id`).
 * Each rule at its monitor's severity; rules take no tags, so the description names the monitor.
 */
import * as pulumi from "@pulumi/pulumi";
import { CLOUD_MONITORING, validated, type AlarmTiming, type UrlMonitorNeed } from "../core/index.js";
import { alarmRuleArgs, timingSchema } from "./host-alarms.js";
import { ELB_DIMENSION, ELB_METRICS, ELB_POOL_DIMENSION } from "./metrics.js";
import { Alarmrule } from "./provider/index.js";
import type { HuaweiAlarmRoute } from "./alarm-topic.js";
import type { HuaweiWebPools } from "./entry-points.js";

export interface HuaweiUrlProbesArgs extends AlarmTiming, HuaweiAlarmRoute {
  /** The tenant's URL monitors; those no balancer watches are left to the ops server. */
  readonly monitors: readonly UrlMonitorNeed[];
  /** The dedicated ELB of each entry point. */
  readonly loadBalancerIds: Readonly<Partial<Record<string, pulumi.Input<string>>>>;
  /** The pools of each web entry point (`HuaweiEntryPoints.webPools`): the login-check pool carries "login endpoint working". Default: none (no login rule). */
  readonly webPools?: Readonly<Partial<Record<string, HuaweiWebPools>>>;
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
      const balancer = { name: ELB_DIMENSION, value: lb };
      const rule = (suffix: string, metric: (typeof ELB_METRICS)[keyof typeof ELB_METRICS], dimensions: Parameters<typeof alarmRuleArgs>[2], threshold: number, severity: UrlMonitorNeed["severity"]) => {
        const base = alarmRuleArgs(`${id}-${suffix}`, metric, dimensions, { comparison: ">", threshold }, t, args, args.enterpriseProjectId, severity);
        new Alarmrule(`${id}-${suffix}`, { ...base, alarmDescription: `${base.alarmDescription}; ${monitorNote(m.id)}` }, { parent: this });
      };
      if (m.check === "login") {
        const pool = args.webPools?.[m.entryPoint]?.login;
        if (pool === undefined) continue;
        // Only availability: the login-check pool carries no user requests, so it has no response time.
        rule("availability", ELB_METRICS.unhealthyBackends, [balancer, { name: ELB_POOL_DIMENSION, value: pool }], 0, m.severity);
      } else {
        rule("availability", ELB_METRICS.unhealthyBackends, balancer, 0, m.severity);
        rule("latency", ELB_METRICS.responseTime, balancer, m.latencySeconds * 1000, m.latencySeverity);
      }
      this.monitorIds.push(m.id);
    }
    this.registerOutputs({ monitorIds: this.monitorIds });
  }
}
