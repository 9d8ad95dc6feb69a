/**
 * The blueprint's monitors (product-facts.md §5; core `monitorNeeds`) on Kubernetes, for the
 * cluster's prometheus-operator: a `Probe` through the blackbox exporter for each URL check (home
 * page, login, with the probe-latency rule) and each port check (web, MySQL, backup clients), a
 * `PodMonitor` for each middleware's metrics port, and their alert rules with the core's severities,
 * in a `PrometheusRule` of the tenant's namespace. SSH port checks have nothing to probe: pods run
 * no SSH server (operators `kubectl exec` through their Role), so they are reported, not rendered.
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { DEFAULT_PROBE_INTERVAL_SECONDS, MIDDLEWARE_METRICS_PORT, middlewareExpression, type Middleware, type MonitorNeed, type Tags } from "../core/index.js";
import { metadataOf, selectorLabels } from "./labels.js";
import type { PrometheusAlert } from "./alert-rules.js";

/** The container port names of the middleware metrics endpoints (at most 15 characters). */
export const METRICS_PORT_NAMES: Readonly<Record<Middleware, string>> = { tomcat: "tomcat-metrics", zookeeper: "zk-metrics" };

export interface MonitorTargets {
  /** `host:port` of each port check's target, by monitor id (absent: nothing to probe). */
  readonly ports: Readonly<Record<string, string>>;
  /** The public host name of each web entry point, by entry point key. */
  readonly hosts: Readonly<Record<string, string>>;
}

export interface MonitorObjects {
  probes: { id: string; spec: Record<string, unknown> }[];
  podMonitors: { id: string; spec: Record<string, unknown> }[];
  rules: PrometheusAlert[];
  /** Monitors with nothing to render here, with the reason. */
  notRendered: { id: string; reason: string }[];
}

const objectName = (id: string) => id.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "").slice(0, 63);

/** What the monitors come to: pure, so that tests read them. */
export function monitorObjects(a: { tenant: string; namespace: string; monitors: readonly MonitorNeed[]; targets: MonitorTargets; prober: string; intervalSeconds: number; periodSeconds: number }): MonitorObjects {
  const out: MonitorObjects = { probes: [], podMonitors: [], rules: [], notRendered: [] };
  const prober = { url: a.prober, path: "/probe" };
  const labels = (m: MonitorNeed) => ({ monitor: m.id, tenant: a.tenant });
  const probe = (m: MonitorNeed, module: string, target: string) =>
    out.probes.push({ id: objectName(m.id), spec: { jobName: `${a.tenant}-${objectName(m.id)}`, interval: `${a.intervalSeconds}s`, prober, module, targets: { staticConfig: { static: [target], labels: labels(m) } } } });
  const sel = (m: MonitorNeed) => `monitor="${m.id}",tenant="${a.tenant}"`;
  for (const m of a.monitors) {
    if (m.kind === "port") {
      const target = a.targets.ports[m.id];
      if (!target) {
        out.notRendered.push({ id: m.id, reason: m.check === "ssh" ? "pods run no SSH server: operators use kubectl exec through their Role" : "nothing to probe on Kubernetes" });
        continue;
      }
      probe(m, "tcp_connect", target);
      out.rules.push({ alert: `${a.tenant}:${m.id}`, expr: `probe_success{${sel(m)}} == 0`, for: "2m", labels: { severity: m.severity, rule: `port-${m.check}`, ...labels(m) }, annotations: { summary: `${target} unreachable (${m.id})` } });
    } else if (m.kind === "url") {
      const host = a.targets.hosts[m.entryPoint];
      if (!host) {
        out.notRendered.push({ id: m.id, reason: "the entry point has no host name" });
        continue;
      }
      probe(m, "http_2xx", `https://${host}${m.path}`);
      out.rules.push(
        { alert: `${a.tenant}:${m.id}`, expr: `probe_success{${sel(m)}} == 0`, for: "2m", labels: { severity: m.severity, rule: `url-${m.check}`, ...labels(m) }, annotations: { summary: `${m.check} ${m.path} failing (${m.id})` } },
        {
          alert: `${a.tenant}:${m.id}-latency`,
          expr: `probe_duration_seconds{${sel(m)}} > ${m.latencySeconds}`,
          for: "5m",
          labels: { severity: m.latencySeverity, rule: "url-latency", ...labels(m) },
          annotations: { summary: `${m.check} slower than ${m.latencySeconds} s (${m.id})` },
        },
      );
    } else {
      const portName = METRICS_PORT_NAMES[m.middleware];
      out.podMonitors.push({
        id: objectName(m.id),
        spec: {
          selector: { matchLabels: selectorLabels(a.tenant, m.host) },
          podMetricsEndpoints: [{ port: portName, interval: `${a.intervalSeconds}s`, relabelings: [{ action: "replace", targetLabel: "job", replacement: m.middleware }, { action: "replace", targetLabel: "monitor", replacement: m.id }] }],
        },
      });
      for (const r of m.rules) {
        // The core's expressions select by job; here they also select the tenant's namespace and pods.
        const expr = middlewareExpression(r.metric, a.periodSeconds).replaceAll(`job="${m.middleware}"`, `job="${m.middleware}",namespace="${a.namespace}",pod=~"${m.host}-[0-9]+"`);
        out.rules.push({
          alert: `${a.tenant}:${r.id}-${m.host}`,
          expr: `${expr} ${r.comparison} ${r.threshold}`,
          for: r.metric === "tomcat-restarts" ? "0s" : `${a.periodSeconds}s`,
          labels: { severity: r.severity, rule: r.id, product: m.host, ...labels(m) },
          annotations: { summary: `${r.id} ${r.comparison} ${r.threshold} ${r.unit} on ${m.host} (tenant ${a.tenant})` },
        });
      }
    }
  }
  return out;
}

/** The middleware metrics ports a product's pods expose (for its container ports). */
export function metricsPorts(monitors: readonly MonitorNeed[], product: string): { name: string; port: number }[] {
  return monitors.flatMap((m) => (m.kind === "middleware" && m.host === product ? [{ name: METRICS_PORT_NAMES[m.middleware], port: MIDDLEWARE_METRICS_PORT[m.middleware] }] : []));
}

export interface TenantMonitorsArgs {
  readonly namespace: pulumi.Input<string>;
  readonly namespaceName: string;
  readonly tenant: string;
  readonly tags: Tags;
  readonly monitors: readonly MonitorNeed[];
  readonly targets: MonitorTargets;
  /** The blackbox exporter's address, e.g. `blackbox-exporter.monitoring.svc:9115`. */
  readonly prober: string;
  /** Seconds between two probes. Default: `DEFAULT_PROBE_INTERVAL_SECONDS`. */
  readonly intervalSeconds?: number;
  readonly periodSeconds: number;
  /** Labels Prometheus selects these objects by (its selectors). Default: none beyond the tenant labels. */
  readonly ruleLabels?: Readonly<Record<string, string>>;
}

export class TenantMonitors extends pulumi.ComponentResource {
  public readonly rendered: string[];
  public readonly notRendered: { id: string; reason: string }[];

  constructor(name: string, args: TenantMonitorsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("tenantry:kubernetes:Monitors", name, {}, opts);
    const o = monitorObjects({ ...args, namespace: args.namespaceName, intervalSeconds: args.intervalSeconds ?? DEFAULT_PROBE_INTERVAL_SECONDS });
    const meta = metadataOf(args.tags);
    const cr = (kind: string, id: string, spec: Record<string, unknown>, labels: Record<string, string> = {}) =>
      new k8s.apiextensions.CustomResource(
        `${name}-${kind.toLowerCase()}-${id}`,
        { apiVersion: "monitoring.coreos.com/v1", kind, metadata: { name: id, namespace: args.namespace, labels: { ...meta.labels, ...labels }, annotations: meta.annotations }, spec },
        { parent: this },
      );
    for (const p of o.probes) cr("Probe", p.id, p.spec, args.ruleLabels);
    for (const p of o.podMonitors) cr("PodMonitor", p.id, p.spec, args.ruleLabels);
    if (o.rules.length > 0) cr("PrometheusRule", "tenantry-monitors", { groups: [{ name: `tenantry-${args.tenant}-monitors`, rules: o.rules }] }, args.ruleLabels);
    this.rendered = args.monitors.map((m) => m.id).filter((id) => !o.notRendered.some((n) => n.id === id));
    this.notRendered = o.notRendered;
    this.registerOutputs({ rendered: this.rendered, notRendered: this.notRendered });
  }
}
