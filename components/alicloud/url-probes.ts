/**
 * The URL monitors of a tenant (product-facts.md §5: home page reachable, login endpoint working,
 * probe latency) as CloudMonitor site monitoring from Alibaba's probe points on the internet, each
 * with an alarm rule on its availability and one on its response time, routed by severity.
 */
import * as alicloud from "@pulumi/alicloud";
import * as pulumi from "@pulumi/pulumi";
import type { RelayTarget } from "./chat-relay.js";
import { DEFAULT_PROBE_INTERVAL_SECONDS, TAG_KEYS, type Notifications, type Severity, type Tags, type UrlMonitorNeed } from "../core/index.js";

import { routing } from "./host-alarms.js";

/** Where site monitoring publishes its metrics. */
export const SITE_MONITOR_NAMESPACE = "acs_networkmonitor";
/** Consecutive failed probes before "unreachable" (Tenantry's choice, as Route 53's default on AWS). */
const FAILURES = 3;

export interface AlicloudUrlProbesArgs {
  readonly monitors: readonly UrlMonitorNeed[];
  readonly hostNames: Readonly<Record<string, pulumi.Input<string>>>;
  readonly contactGroups: Readonly<Record<Severity, pulumi.Input<string>>>;
  /** A plain HTTPS callback per severity (CloudMonitor's own format). Default: none. */
  readonly callbacks?: Partial<Record<Severity, string>>;
  /** The chat relay's function per severity (`AlicloudChatRelay.targets`). Default: none. */
  readonly relayTargets?: Partial<Record<Severity, RelayTarget>>;
  /** Quiet hours: alarms of the silenced severities are not raised then. Default: none. */
  readonly silence?: Notifications["silence"];
  readonly tags: Tags;
}

export class AlicloudUrlProbes extends pulumi.ComponentResource {
  constructor(name: string, args: AlicloudUrlProbesArgs, opts?: pulumi.ComponentResourceOptions) {
    super("tenantry:alicloud:UrlProbes", name, {}, opts);
    const parent = { parent: this };
    for (const m of args.monitors) {
      const host = args.hostNames[m.entryPoint];
      if (host === undefined) continue;
      const id = `${name}-${m.check}-${m.entryPoint}`;
      const task = new alicloud.cms.SiteMonitor(
        id,
        { taskName: id.slice(0, 100), taskType: "HTTP", address: pulumi.interpolate`https://${host}${m.path}`, interval: String(Math.max(1, Math.round(DEFAULT_PROBE_INTERVAL_SECONDS / 60))) },
        parent,
      );
      const dimensions = task.id.apply((taskId) => JSON.stringify([{ taskId }]));
      const rule = (suffix: string, severity: Severity, metric: string, comparisonOperator: string, threshold: number, times: number) => {
        const route = routing(args, severity);
        new alicloud.cms.Alarm(
          `${id}-${suffix}`,
          {
            name: `${id}-${suffix}`,
            project: SITE_MONITOR_NAMESPACE,
            metric,
            metricDimensions: dimensions,
            period: 60,
            contactGroups: route.contactGroups,
            enabled: true,
            ...route.extra,
            [route.escalation]: { statistics: "Average", comparisonOperator, threshold: String(threshold), times },
            tags: { ...args.tags, [TAG_KEYS.monitor]: m.id, [TAG_KEYS.severity]: severity },
          },
          parent,
        );
      };
      rule("availability", m.severity, "Availability", "LessThanThreshold", 100, FAILURES);
      rule("latency", m.latencySeverity, "ResponseTime", "GreaterThanThreshold", m.latencySeconds * 1000, FAILURES);
    }
    this.registerOutputs({});
  }
}

