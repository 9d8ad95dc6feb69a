/**
 * The middleware monitors of a tenant (product-facts.md §5: Tomcat heap > 80 %, Tomcat restarted,
 * ZooKeeper open file descriptors > 80 %, ZooKeeper average latency > 3 s) in CloudMonitor, without
 * any credential on the hosts: each rule has a listener of the web CLB whose health check asks the
 * host's middleware check responder (core `middlewareCheckCloudInit`) whether the rule holds
 * (`AlicloudEntryPoints`), and here a CloudMonitor rule per listener fires on its unhealthy back end
 * (`UnhealthyServerCount` > 0 per `instanceId`, `port` and `vip`), at the rule's severity, to its
 * severity's contact group, with the quiet hours and callback every other rule has. A rule's name
 * says which rule on which host (`<component>-<rule id>-<host>`); its `tenantry:monitor` tag names
 * the monitor (the monitor quota counts it).
 */
import * as alicloud from "@pulumi/alicloud";
import * as pulumi from "@pulumi/pulumi";
import { responderRestartWindowSeconds, TAG_KEYS, validated, type AlarmTiming, type MiddlewareMonitorNeed, type Tags, type WebProduct } from "../core/index.js";
import { CLB_MIDDLEWARE_HEALTH_CHECK, type AlicloudMiddlewareListeners } from "./entry-points.js";
import { routing, timingSchema, type AlicloudHostAlarmsArgs } from "./host-alarms.js";

/** Where CLB publishes its metrics in CloudMonitor. */
export const CLB_NAMESPACE = "acs_slb_dashboard";
/** The number of unhealthy back ends of a listener (dimensions `instanceId`, `port`, `vip`). */
export const CLB_UNHEALTHY_METRIC = "UnhealthyServerCount";

export interface AlicloudMiddlewareChecksArgs extends AlarmTiming, Pick<AlicloudHostAlarmsArgs, "contactGroups" | "callbacks" | "relayTargets" | "silence"> {
  /** The tenant's middleware monitors whose host is behind a web CLB. */
  readonly monitors: readonly MiddlewareMonitorNeed[];
  /** The middleware-check listeners of each web entry point (`AlicloudEntryPoints.middlewareListeners`). */
  readonly listeners: Readonly<Partial<Record<string, AlicloudMiddlewareListeners>>>;
  /** The tags of each host's resources (the rules carry them, with the monitor and severity). */
  readonly tags: Readonly<Partial<Record<WebProduct, Tags>>>;
}

/** How long the responder answers 503 after Tomcat restarted, for CLB's health check (`CLB_MIDDLEWARE_HEALTH_CHECK`; core `responderRestartWindowSeconds`). */
export function clbRestartWindowSeconds(periodSeconds: number): number {
  return responderRestartWindowSeconds(periodSeconds, { intervalSeconds: CLB_MIDDLEWARE_HEALTH_CHECK.healthCheckInterval, failures: CLB_MIDDLEWARE_HEALTH_CHECK.unhealthyThreshold });
}

export class AlicloudMiddlewareChecks extends pulumi.ComponentResource {
  /** The ids of the monitors these rules implement (every rule of the monitor has its listener and rule). */
  public readonly monitorIds: string[] = [];

  constructor(name: string, args: AlicloudMiddlewareChecksArgs, opts?: pulumi.ComponentResourceOptions) {
    super("tenantry:alicloud:MiddlewareChecks", name, {}, opts);
    const t = validated(timingSchema, args, `arguments of AlicloudMiddlewareChecks ${name}`, "args.");
    for (const m of args.monitors) {
      const checks = args.listeners[`${m.host}-web`];
      if (checks === undefined || m.rules.some((r) => checks.ports[r.id] === undefined)) continue;
      for (const r of m.rules) {
        const id = `${name}-${r.id}-${m.host}`;
        const route = routing(args, r.severity);
        const port = String(checks.ports[r.id]!);
        new alicloud.cms.Alarm(
          id,
          {
            name: id,
            project: CLB_NAMESPACE,
            metric: CLB_UNHEALTHY_METRIC,
            metricDimensions: pulumi.all([checks.loadBalancerId, checks.address]).apply(([instanceId, vip]) => JSON.stringify([{ instanceId, port, vip }])),
            period: t.periodSeconds,
            contactGroups: route.contactGroups,
            enabled: true,
            ...route.extra,
            [route.escalation]: { statistics: "Maximum", comparisonOperator: "GreaterThanThreshold", threshold: "0", times: t.evaluationPeriods },
            tags: { ...args.tags[m.host], [TAG_KEYS.monitor]: m.id, [TAG_KEYS.severity]: r.severity },
          },
          { parent: this },
        );
      }
      this.monitorIds.push(m.id);
    }
    this.registerOutputs({ monitorIds: this.monitorIds });
  }
}
