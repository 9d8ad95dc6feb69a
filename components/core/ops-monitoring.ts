/**
 * The ops server's monitoring stack (product-facts.md §1/§5: "monitoring and alerting platform"),
 * generated from the same rule table as the cloud alarms: Prometheus (scrape jobs and alert rules),
 * Alertmanager (routes per severity, silence periods), the blackbox exporter (port and URL probes),
 * and the cloud-init that installs and starts them. Pure functions of resolved addresses.
 */
import { stringify } from "yaml";
import { BASIC_HOST_ALARMS, SEVERITIES, type Condition, type HostMetric, type Severity } from "./alarms.js";
import type { TenantBlueprint } from "./blueprint.js";
import { DEFAULT_ALARM_PERIOD_SECONDS, DEFAULT_PROBE_INTERVAL_SECONDS, MONITORING_VERSIONS } from "./defaults.js";
import type { Product } from "./manifest.js";
import { MIDDLEWARE_METRICS_PORT, type MiddlewareMetric, type MiddlewareRule } from "./monitoring.js";
import { NODE_EXPORTER_PORT } from "./network-layout.js";
import { chatPayload, type NotificationTargets, type Notifications } from "./notifications.js";
import { opsServerTargets, type CloudDelivery } from "./alert-delivery.js";
import type { EntryPointNeed, MonitorNeed } from "./reach.js";

/** Where the monitored things are, once the cloud has created them. */
export interface OpsTargets {
  /** Private address of each tenant host. */
  readonly hosts: Partial<Record<Product, string>>;
  /** Host name of each database (its endpoint without the port). */
  readonly databases: Partial<Record<Product, string>>;
  /** Public host name (DNS name, load balancer name or IP) of each entry point. */
  readonly entryPoints: Partial<Record<EntryPointNeed["key"], string>>;
}

export interface OpsRouting {
  readonly targets: Record<Severity, NotificationTargets>;
  readonly silence?: Notifications["silence"];
  readonly smtp?: Notifications["smtp"];
  /**
   * The cloud the ops server runs on and the monitors its own monitoring implements: the alerts the
   * cloud evaluates reach only the targets the cloud's notifications cannot (`alertDeliverer`), so
   * that no target gets an alert twice. Without it, Alertmanager sends every alert to every target.
   */
  readonly cloud?: CloudDelivery;
}

/** PromQL for each documented basic metric, from node_exporter. */
const CPU = `(100 - avg by (instance) (rate(node_cpu_seconds_total{mode="idle"}[5m])) * 100)`;
export const NODE_EXPRESSIONS: Readonly<Record<HostMetric, string>> = {
  "cpu-utilisation": CPU,
  "memory-utilisation": `((1 - node_memory_MemAvailable_bytes / node_memory_MemTotal_bytes) * 100)`,
  "disk-utilisation": `max by (instance) ((1 - node_filesystem_avail_bytes{fstype!~"tmpfs|overlay|squashfs"} / node_filesystem_size_bytes{fstype!~"tmpfs|overlay|squashfs"}) * 100)`,
  "cpu-load": `node_load1`,
};

/**
 * PromQL for each documented middleware metric: JMX exporter 1.x names for Tomcat's JVM, ZooKeeper's
 * own metrics provider for ZooKeeper (latency in milliseconds, hence / 1000).
 */
export function middlewareExpression(metric: MiddlewareMetric, windowSeconds: number): string {
  switch (metric) {
    case "tomcat-heap-utilisation":
      return `(jvm_memory_used_bytes{job="tomcat",area="heap"} / jvm_memory_max_bytes{job="tomcat",area="heap"} * 100)`;
    case "tomcat-restarts":
      return `changes(process_start_time_seconds{job="tomcat"}[${windowSeconds}s])`;
    case "zookeeper-open-fd-utilisation":
      return `(open_file_descriptor_count{job="zookeeper"} / max_file_descriptor_count{job="zookeeper"} * 100)`;
    case "zookeeper-avg-latency":
      return `(avg_latency{job="zookeeper"} / 1000)`;
  }
}

const condition = (c: Condition) => `${NODE_EXPRESSIONS[c.metric]} ${c.comparison} ${c.threshold}`;

interface PromRule {
  alert: string;
  expr: string;
  for?: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

/** The Prometheus alert rules of a tenant: basic (every host), middleware, port and URL monitors. */
export function prometheusRules(bp: TenantBlueprint, periodSeconds = DEFAULT_ALARM_PERIOD_SECONDS): { groups: { name: string; rules: PromRule[] }[] } {
  // Every rule carries `kind` (basic, middleware, port, url): Alertmanager routes by it and by `monitor`.
  const labels = (severity: Severity, rule: string, kind: "basic" | MonitorNeed["kind"], extra: Record<string, string> = {}) => ({ severity, rule, kind, tenant: bp.tenant, ...extra });
  const basic: PromRule[] = BASIC_HOST_ALARMS.map((r) => ({
    alert: `host-${r.id}`,
    expr: r.conditions.length === 1 ? condition(r.conditions[0]!) : r.conditions.map((c) => `(${condition(c)})`).join(" and on (instance) "),
    for: `${periodSeconds}s`,
    labels: labels(r.severity, r.id, "basic"),
    annotations: { summary: `${r.conditions.map((c) => `${c.metric} > ${c.threshold}`).join(" and ")} on {{ $labels.instance }} (tenant ${bp.tenant})` },
  }));
  const middleware: PromRule[] = bp.monitors.flatMap((m) =>
    m.kind !== "middleware"
      ? []
      : m.rules.map((r: MiddlewareRule) => ({
          alert: `${r.id}-${m.host}`,
          expr: `${middlewareExpression(r.metric, periodSeconds)} ${r.comparison} ${r.threshold}`,
          ...(r.metric === "tomcat-restarts" ? {} : { for: `${periodSeconds}s` }),
          labels: labels(r.severity, r.id, "middleware", { monitor: m.id, product: m.host }),
          annotations: { summary: `${r.id} ${r.comparison} ${r.threshold} ${r.unit} on ${m.host} (tenant ${bp.tenant})` },
        })),
  );
  const probes: PromRule[] = bp.monitors.flatMap((m): PromRule[] => {
    if (m.kind === "port") {
      return [{ alert: m.id, expr: `probe_success{monitor="${m.id}"} == 0`, for: "2m", labels: labels(m.severity, `port-${m.check}`, "port", { monitor: m.id }), annotations: { summary: `port ${m.port} unreachable (${m.id})` } }];
    }
    if (m.kind === "url") {
      return [
        { alert: m.id, expr: `probe_success{monitor="${m.id}"} == 0`, for: "2m", labels: labels(m.severity, `url-${m.check}`, "url", { monitor: m.id }), annotations: { summary: `${m.check} ${m.path} failing (${m.id})` } },
        {
          alert: `${m.id}-latency`,
          expr: `probe_duration_seconds{monitor="${m.id}"} > ${m.latencySeconds}`,
          for: "5m",
          labels: labels(m.latencySeverity, "url-latency", "url", { monitor: m.id }),
          annotations: { summary: `${m.check} slower than ${m.latencySeconds} s (${m.id})` },
        },
      ];
    }
    return [];
  });
  return {
    groups: [
      { name: `${bp.tenant}-basic`, rules: basic },
      { name: `${bp.tenant}-middleware`, rules: middleware },
      { name: `${bp.tenant}-probes`, rules: probes },
    ],
  };
}

const BLACKBOX = "127.0.0.1:9115";

/** Where a port or URL monitor points, given the resolved addresses (undefined when not known). */
export function probeTarget(m: MonitorNeed, t: OpsTargets): string | undefined {
  if (m.kind === "port") {
    const host = "host" in m.target ? t.hosts[m.target.host] : t.databases[m.target.database];
    return host === undefined ? undefined : `${host}:${m.port}`;
  }
  if (m.kind === "url") {
    const name = t.entryPoints[m.entryPoint];
    return name === undefined ? undefined : `https://${name}${m.path}`;
  }
  return undefined;
}

/** prometheus.yml: self, node_exporter on every tenant host, middleware exporters, and one blackbox job per probe. */
export function prometheusConfig(bp: TenantBlueprint, t: OpsTargets, intervalSeconds = DEFAULT_PROBE_INTERVAL_SECONDS): Record<string, unknown> {
  const tenantHosts = bp.hosts.filter((h) => h.key !== "ops-server");
  const jobs: Record<string, unknown>[] = [
    { job_name: "prometheus", static_configs: [{ targets: ["127.0.0.1:9090"] }] },
    {
      job_name: "node",
      static_configs: tenantHosts.flatMap((h) => (t.hosts[h.key] ? [{ targets: [`${t.hosts[h.key]}:${NODE_EXPORTER_PORT}`], labels: { product: h.key, tenant: bp.tenant } }] : [])),
    },
  ];
  for (const middleware of ["tomcat", "zookeeper"] as const) {
    const on = bp.monitors.filter((m) => m.kind === "middleware" && m.middleware === middleware);
    if (on.length === 0) continue;
    jobs.push({
      job_name: middleware,
      static_configs: on.flatMap((m) => (m.kind === "middleware" && t.hosts[m.host] ? [{ targets: [`${t.hosts[m.host]}:${MIDDLEWARE_METRICS_PORT[middleware]}`], labels: { product: m.host, tenant: bp.tenant, monitor: m.id } }] : [])),
    });
  }
  for (const m of bp.monitors) {
    const target = probeTarget(m, t);
    if (target === undefined || m.kind === "middleware") continue;
    jobs.push({
      job_name: m.id,
      metrics_path: "/probe",
      params: { module: [m.kind === "port" ? "tcp_connect" : "http_2xx"] },
      static_configs: [{ targets: [target], labels: { monitor: m.id, tenant: bp.tenant } }],
      relabel_configs: [
        { source_labels: ["__address__"], target_label: "__param_target" },
        { source_labels: ["__param_target"], target_label: "instance" },
        { target_label: "__address__", replacement: BLACKBOX },
      ],
    });
  }
  return {
    global: { scrape_interval: `${intervalSeconds}s`, evaluation_interval: `${intervalSeconds}s`, external_labels: { tenant: bp.tenant } },
    rule_files: ["/etc/tenantry/prometheus/rules.yml"],
    alerting: { alertmanagers: [{ static_configs: [{ targets: ["127.0.0.1:9093"] }] }] },
    scrape_configs: jobs,
  };
}

/** blackbox.yml: a TCP connect and an HTTP(S) check whose status must be 2xx or 3xx. */
export const BLACKBOX_CONFIG = {
  modules: {
    tcp_connect: { prober: "tcp", timeout: "10s" },
    http_2xx: { prober: "http", timeout: "15s", http: { valid_status_codes: [200, 201, 202, 204, 301, 302, 303, 307, 308], preferred_ip_protocol: "ip4", follow_redirects: false } },
  },
} as const;

/** The local port of the chat relay that turns Alertmanager's webhook into chat robot messages. */
export const CHAT_RELAY_PORT = 9099;

/** The receiver of one severity's targets: e-mail (through the SMTP relay), Slack, and the other chat robots through the relay. */
function receiver(name: string, severity: Severity, t: NotificationTargets, smtp: boolean): Record<string, unknown> {
  const r: Record<string, unknown> = { name };
  if (smtp && t.emails.length > 0) r.email_configs = t.emails.map((to) => ({ to, send_resolved: true }));
  const slack = t.webhooks.filter((w) => w.kind === "slack");
  if (slack.length > 0) r.slack_configs = slack.map((w) => ({ api_url: w.url, send_resolved: true, title: `[${severity}] {{ .CommonLabels.alertname }}`, text: "{{ range .Alerts }}{{ .Annotations.summary }}\n{{ end }}" }));
  const others = t.webhooks.filter((w) => w.kind !== "slack");
  if (others.length > 0) {
    r.webhook_configs = others.map((w) => ({
      url: `http://127.0.0.1:${CHAT_RELAY_PORT}/?kind=${w.kind}&severity=${severity}&target=${encodeURIComponent(w.url)}`,
      send_resolved: true,
    }));
  }
  return r;
}

/** A regular expression matching exactly these values (Alertmanager anchors it). */
const anyOf = (values: readonly string[]) => values.map((v) => v.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|");

/**
 * alertmanager.yml: per severity, a receiver of the targets for the alerts only the ops server
 * evaluates (`<severity>`), and, on a cloud (`routing.cloud`), one of the targets the cloud's
 * notifications cannot reach for the alerts the cloud evaluates too (`<severity>-beside-cloud`:
 * every basic rule, `kind="basic"`, the monitors the cloud implements, by `monitor`, and their
 * "probe latency" (`rule="url-latency"`) where the cloud evaluates it too), so that
 * each target gets each alert once (core `alertDeliverer`). Silence periods as mute time intervals.
 */
export function alertmanagerConfig(routing: OpsRouting): Record<string, unknown> {
  const smtp = routing.smtp !== undefined;
  const cloud = routing.cloud;
  const latency = cloud?.latency ?? cloud?.monitors ?? [];
  const receivers = SEVERITIES.flatMap((s) => [
    receiver(s, s, opsServerTargets(cloud?.cloud, routing.targets[s], false, smtp), smtp),
    ...(cloud ? [receiver(`${s}-beside-cloud`, s, opsServerTargets(cloud.cloud, routing.targets[s], true, smtp), smtp)] : []),
  ]);
  const muted = (s: Severity) => (routing.silence && (routing.silence.severities as readonly string[]).includes(s) ? { mute_time_intervals: ["silence"] } : {});
  // Mute time intervals are not inherited: each child route names them again.
  const besideCloud = (s: Severity) =>
    cloud
      ? {
          routes: [
            { receiver: `${s}-beside-cloud`, matchers: ['kind="basic"'], ...muted(s) },
            ...(cloud.monitors.length > 0 ? [{ receiver: `${s}-beside-cloud`, matchers: [`monitor=~"${anyOf(cloud.monitors)}"`, 'rule!="url-latency"'], ...muted(s) }] : []),
            ...(latency.length > 0 ? [{ receiver: `${s}-beside-cloud`, matchers: [`monitor=~"${anyOf(latency)}"`, 'rule="url-latency"'], ...muted(s) }] : []),
          ],
        }
      : {};
  const intervals = routing.silence ? [{ name: "silence", time_intervals: [{ times: silenceRanges(routing.silence.from, routing.silence.to), location: "UTC" }] }] : [];
  return {
    global: routing.smtp ? { smtp_smarthost: routing.smtp.smarthost, smtp_from: routing.smtp.from, smtp_require_tls: true } : {},
    route: {
      receiver: "info",
      group_by: ["alertname", "tenant"],
      routes: SEVERITIES.map((s) => ({ receiver: s, matchers: [`severity="${s}"`], ...muted(s), ...besideCloud(s) })),
    },
    receivers,
    ...(intervals.length ? { time_intervals: intervals } : {}),
  };
}

/** A daily HH:MM-HH:MM period as Alertmanager time ranges (split at midnight when it wraps). */
export function silenceRanges(from: string, to: string): { start_time: string; end_time: string }[] {
  return from <= to ? [{ start_time: from, end_time: to }] : [{ start_time: from, end_time: "24:00" }, { start_time: "00:00", end_time: to }];
}

/**
 * The chat relay: a small Python 3 service on the ops server that receives Alertmanager's webhook
 * and posts each alert in the chat service's own format (DingTalk, WeCom, Feishu, any HTTPS).
 * The message shapes are those of `chatPayload`.
 */
export function chatRelayScript(): string {
  // Each format, as JSON with TITLE/TEXT placeholders, from chatPayload itself.
  const formats = Object.fromEntries(["dingtalk", "wecom", "feishu", "https"].map((k) => [k, chatPayload(k, "SEVERITY", "TITLE", "TEXT")]));
  return `#!/usr/bin/env python3
# Tenantry chat relay: Alertmanager webhook -> chat robot message. Generated; do not edit.
import json, urllib.parse, urllib.request
from http.server import BaseHTTPRequestHandler, HTTPServer
FORMATS = json.loads(${JSON.stringify(JSON.stringify(formats))})
def fill(v, sev, title, text):
    if isinstance(v, dict):
        return {k: fill(x, sev, title, text) for k, x in v.items()}
    if isinstance(v, str):
        return v.replace("[SEVERITY]", "[" + sev.upper() + "]").replace("SEVERITY", sev).replace("TITLE", title).replace("TEXT", text)
    return v
class Relay(BaseHTTPRequestHandler):
    def do_POST(self):
        q = urllib.parse.parse_qs(urllib.parse.urlparse(self.path).query)
        body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))) or b"{}")
        kind, sev, target = q["kind"][0], q["severity"][0], q["target"][0]
        for a in body.get("alerts", []):
            title = ("RESOLVED " if a.get("status") == "resolved" else "") + a.get("labels", {}).get("alertname", "alert")
            text = a.get("annotations", {}).get("summary", "")
            data = json.dumps(fill(FORMATS.get(kind, FORMATS["https"]), sev, title, text)).encode()
            urllib.request.urlopen(urllib.request.Request(target, data=data, headers={"Content-Type": "application/json"}), timeout=10)
        self.send_response(200)
        self.end_headers()
HTTPServer(("127.0.0.1", ${CHAT_RELAY_PORT}), Relay).serve_forever()
`;
}

export interface OpsMonitoringFiles {
  readonly "prometheus.yml": string;
  readonly "rules.yml": string;
  readonly "alertmanager.yml": string;
  readonly "blackbox.yml": string;
}

/** Every configuration file of the ops server's monitoring stack, as YAML text. */
export function opsMonitoringFiles(bp: TenantBlueprint, targets: OpsTargets, routing: OpsRouting, periodSeconds?: number): OpsMonitoringFiles {
  return {
    "prometheus.yml": stringify(prometheusConfig(bp, targets)),
    "rules.yml": stringify(prometheusRules(bp, periodSeconds)),
    "alertmanager.yml": stringify(alertmanagerConfig(routing)),
    "blackbox.yml": stringify(BLACKBOX_CONFIG),
  };
}

const GITHUB = "https://github.com/prometheus";

/** The shell lines that download and unpack one Prometheus project release for linux-amd64 into /opt/<name>. */
function install(name: string, version: string): string {
  const dir = `${name}-${version}.linux-amd64`;
  return `curl -fsSL ${GITHUB}/${name}/releases/download/v${version}/${dir}.tar.gz | tar -xz -C /opt && ln -sfn /opt/${dir} /opt/${name}`;
}

function unit(name: string, exec: string): { path: string; content: string } {
  return {
    path: `/etc/systemd/system/${name}.service`,
    content: `[Unit]\nDescription=${name} (tenantry)\nAfter=network-online.target\n\n[Service]\nUser=nobody\nExecStart=${exec}\nRestart=always\n\n[Install]\nWantedBy=multi-user.target\n`,
  };
}

/** A part of a host's cloud-init: files to write and commands to run (in order). */
export interface CloudInitPart {
  readonly files: readonly { path: string; content: string; permissions?: string }[];
  readonly commands: readonly string[];
}

/** One `#cloud-config` document from several parts (files first, then every part's commands in order). */
export function cloudConfig(parts: readonly CloudInitPart[]): string {
  return `#cloud-config\n${stringify({ write_files: parts.flatMap((p) => p.files), runcmd: parts.flatMap((p) => p.commands) })}`;
}

/** The ops server's monitoring stack as a cloud-init part: the generated files, installed and started. */
export function opsServerCloudInit(files: OpsMonitoringFiles, versions = MONITORING_VERSIONS): CloudInitPart {
  const write = [
    ...Object.entries(files).map(([name, content]) => ({
      path: `/etc/tenantry/${name === "alertmanager.yml" ? "alertmanager" : name === "blackbox.yml" ? "blackbox" : "prometheus"}/${name}`,
      content,
      permissions: name === "alertmanager.yml" ? "0640" : "0644",
    })),
    { path: "/usr/local/bin/tenantry-chat-relay", content: chatRelayScript(), permissions: "0755" },
    unit("prometheus", "/opt/prometheus/prometheus --config.file=/etc/tenantry/prometheus/prometheus.yml --storage.tsdb.path=/var/lib/prometheus"),
    unit("alertmanager", "/opt/alertmanager/alertmanager --config.file=/etc/tenantry/alertmanager/alertmanager.yml --storage.path=/var/lib/alertmanager"),
    unit("blackbox_exporter", "/opt/blackbox_exporter/blackbox_exporter --config.file=/etc/tenantry/blackbox/blackbox.yml --web.listen-address=127.0.0.1:9115"),
    unit("tenantry-chat-relay", "/usr/bin/python3 /usr/local/bin/tenantry-chat-relay"),
  ];
  const commands = [
    install("prometheus", versions.prometheus),
    install("alertmanager", versions.alertmanager),
    install("blackbox_exporter", versions.blackboxExporter),
    "mkdir -p /var/lib/prometheus /var/lib/alertmanager && chown nobody /var/lib/prometheus /var/lib/alertmanager && chgrp -R nobody /etc/tenantry",
    "systemctl daemon-reload",
    "systemctl enable --now prometheus alertmanager blackbox_exporter tenantry-chat-relay",
  ];
  return { files: write, commands };
}

/** node_exporter on a host (the ops server's basic rules, and the cloud agents' load average), as a cloud-init part. */
export function nodeExporterCloudInit(versions = MONITORING_VERSIONS): CloudInitPart {
  return {
    files: [unit("node_exporter", "/opt/node_exporter/node_exporter")],
    commands: [install("node_exporter", versions.nodeExporter), "systemctl daemon-reload && systemctl enable --now node_exporter"],
  };
}
