/**
 * The middleware monitors of a tenant (product-facts.md §5: Tomcat heap > 80 %, Tomcat restarted,
 * ZooKeeper open file descriptors > 80 %, ZooKeeper average latency > 3 s) in Cloud Eye, without
 * any credential on the hosts: each rule has a pool of the web ELB whose health check asks the
 * host's middleware check responder (core `middlewareCheckCloudInit`) whether the rule holds
 * (`HuaweiEntryPoints`), and here a Cloud Eye rule per pool fires on its unhealthy back end
 * (`m9_abnormal_servers` > 0 per `lbaas_instance_id` and `lbaas_pool_id`), at the rule's severity,
 * to its severity's topic. Rules take no tags, so the description names the monitor.
 */
import * as pulumi from "@pulumi/pulumi";
import { responderRestartWindowSeconds, validated, type AlarmTiming, type MiddlewareMonitorNeed } from "../core/index.js";
import { alarmRuleArgs, timingSchema } from "./host-alarms.js";
import { ELB_DIMENSION, ELB_METRICS, ELB_POOL_DIMENSION } from "./metrics.js";
import { Alarmrule } from "./provider/index.js";
import type { HuaweiAlarmRoute } from "./alarm-topic.js";
import { HEALTH_CHECK, type HuaweiWebPools } from "./entry-points.js";

export interface HuaweiMiddlewareChecksArgs extends AlarmTiming, HuaweiAlarmRoute {
  /** The tenant's middleware monitors whose host is behind a web ELB. */
  readonly monitors: readonly MiddlewareMonitorNeed[];
  /** The dedicated ELB of each entry point. */
  readonly loadBalancerIds: Readonly<Partial<Record<string, pulumi.Input<string>>>>;
  /** The pools of each web entry point (`HuaweiEntryPoints.webPools`): their `middleware` pools carry the rules. */
  readonly webPools: Readonly<Partial<Record<string, HuaweiWebPools>>>;
  /** The enterprise project of the rules. Default: the account's default enterprise project. */
  readonly enterpriseProjectId?: pulumi.Input<string>;
}

/** How long the responder answers 503 after Tomcat restarted, for the ELB's health check (`HEALTH_CHECK`; core `responderRestartWindowSeconds`). */
export function restartWindowSeconds(periodSeconds: number): number {
  return responderRestartWindowSeconds(periodSeconds, { intervalSeconds: HEALTH_CHECK.interval, failures: HEALTH_CHECK.maxRetries });
}

export class HuaweiMiddlewareChecks extends pulumi.ComponentResource {
  /** The ids of the monitors these rules implement (every rule of the monitor has its pool and rule). */
  public readonly monitorIds: string[] = [];

  constructor(name: string, args: HuaweiMiddlewareChecksArgs, opts?: pulumi.ComponentResourceOptions) {
    super("tenantry:huaweicloud:MiddlewareChecks", name, {}, opts);
    const t = validated(timingSchema, args, `arguments of HuaweiMiddlewareChecks ${name}`, "args.");
    for (const m of args.monitors) {
      const entryPoint = `${m.host}-web`;
      const lb = args.loadBalancerIds[entryPoint];
      const pools = args.webPools[entryPoint]?.middleware;
      if (lb === undefined || pools === undefined || m.rules.some((r) => pools[r.id] === undefined)) continue;
      for (const r of m.rules) {
        const id = `${name}-${r.id}-${m.host}`;
        const base = alarmRuleArgs(id, ELB_METRICS.unhealthyBackends, [{ name: ELB_DIMENSION, value: lb }, { name: ELB_POOL_DIMENSION, value: pools[r.id]! }], { comparison: ">", threshold: 0 }, t, args, args.enterpriseProjectId, r.severity);
        const rule = `${r.id} ${r.comparison} ${r.threshold} ${r.unit} on ${m.host}`;
        new Alarmrule(id, { ...base, alarmDescription: `${base.alarmDescription}; ${rule}; monitor ${m.id}` }, { parent: this });
      }
      this.monitorIds.push(m.id);
    }
    this.registerOutputs({ monitorIds: this.monitorIds });
  }
}
