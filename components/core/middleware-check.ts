/**
 * The middleware check responder: a way for a load balancer's health check, which needs no
 * credential, to watch the documented middleware rules (product-facts.md §5: Tomcat heap > 80 %,
 * Tomcat restarted, ZooKeeper open file descriptors > 80 %, ZooKeeper average latency > 3 s) on a
 * host where the cloud's agent collects no JMX or ZooKeeper metrics.
 *
 * systemd listens on `MIDDLEWARE_CHECK_PORT` (a socket unit with `Accept=yes`) and runs a bash
 * script per connection, stdin and stdout being the connection (no python, socat or nc needed).
 * `GET /<rule id>` (e.g. `/tomcat-heap`) answers `200` while the rule holds and `503` when it is
 * breached or cannot be evaluated: the script reads the local JMX exporter or ZooKeeper's metrics
 * provider (the same series the ops server's Prometheus rules use, `middlewareExpression`) with
 * curl and awk and compares them with the rule's threshold (core `MIDDLEWARE_RULES`). An exporter
 * that does not answer is a breach (a silent exporter must alarm). "Tomcat restarted" answers 503
 * for `restartWindowSeconds` after the JVM's start time changes (kept in a state file).
 */
import { DEFAULT_ALARM_PERIOD_SECONDS, MIDDLEWARE_CHECK_LISTENER_PORTS, MIDDLEWARE_CHECK_PORT } from "./defaults.js";
import { MIDDLEWARE_METRICS_PORT, MIDDLEWARE_RULES, type Middleware, type MiddlewareMetric, type MiddlewareRule } from "./monitoring.js";
import type { CloudInitPart } from "./ops-monitoring.js";

/** One Prometheus series: its name and, optionally, one label it must carry (`area="heap"`). */
export interface Series {
  readonly name: string;
  readonly label?: string;
}

/**
 * How each measured middleware metric is computed from the exporter's series: `numerator /
 * denominator * scale` (the ops server's `middlewareExpression` computes the same: JMX exporter 1.x
 * names for Tomcat's JVM, ZooKeeper's metrics provider for ZooKeeper, whose latency is in ms).
 */
export const MIDDLEWARE_SERIES: Readonly<Record<Exclude<MiddlewareMetric, "tomcat-restarts">, { numerator: Series; denominator?: Series; scale: number }>> = {
  "tomcat-heap-utilisation": { numerator: { name: "jvm_memory_used_bytes", label: 'area="heap"' }, denominator: { name: "jvm_memory_max_bytes", label: 'area="heap"' }, scale: 100 },
  "zookeeper-open-fd-utilisation": { numerator: { name: "open_file_descriptor_count" }, denominator: { name: "max_file_descriptor_count" }, scale: 100 },
  "zookeeper-avg-latency": { numerator: { name: "avg_latency" }, scale: 0.001 },
};
/** "Tomcat restarted": the JVM's start time (JMX exporter 1.x), as the ops server's `changes(...)` reads it. */
export const TOMCAT_START_SERIES: Series = { name: "process_start_time_seconds" };

/** Where the responder keeps what it must remember (the JVM's last start time). */
export const MIDDLEWARE_CHECK_STATE_DIR = "/var/lib/tenantry/middleware-check";
export const MIDDLEWARE_CHECK_SCRIPT = "/usr/local/bin/tenantry-middleware-check";
/** The systemd units: the socket, and the service template it starts per connection. */
export const MIDDLEWARE_CHECK_UNIT = "tenantry-middleware-check";

/** The path a health check requests for a rule on the responder's port. */
export const middlewareCheckPath = (rule: Pick<MiddlewareRule, "id">) => `/${rule.id}`;

/** FNV-1a (32 bit) of a string's UTF-16 code units: a small, stable hash (no dependency). */
function fnv1a(value: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < value.length; i++) hash = Math.imul(hash ^ value.charCodeAt(i), 0x01000193) >>> 0;
  return hash;
}

/**
 * The frontend port of a rule's middleware-check listener, where a load balancer reports health per
 * listener (Alibaba CLB): derived from the rule id alone, in `MIDDLEWARE_CHECK_LISTENER_PORTS`, so
 * adding or removing a rule never moves another rule's port (and its listener and alarm).
 */
export function middlewareCheckListenerPort(ruleId: string): number {
  return MIDDLEWARE_CHECK_LISTENER_PORTS.first + (fnv1a(ruleId) % MIDDLEWARE_CHECK_LISTENER_PORTS.count);
}

/** The listener port of each rule (by id); throws when two rules would share one (rename the newer rule's id). */
export function middlewareCheckListenerPorts(ruleIds: readonly string[]): Record<string, number> {
  const ports: Record<string, number> = {};
  const owner = new Map<number, string>();
  for (const id of new Set(ruleIds)) {
    const port = middlewareCheckListenerPort(id);
    const other = owner.get(port);
    if (other !== undefined) throw new Error(`middlewareCheckListenerPorts: rules ${other} and ${id} derive the same listener port ${port}`);
    owner.set(port, id);
    ports[id] = port;
  }
  return ports;
}

/**
 * How long the responder answers 503 after Tomcat restarted, when a load balancer's health check
 * reads it: the alarm period (the ops server's rule looks back as far), and never less than the
 * balancer needs to see it (`failures` failed checks `intervalSeconds` apart, twice over) plus the
 * cloud monitor's one-minute data (Tenantry's margin).
 */
export function responderRestartWindowSeconds(periodSeconds: number, healthCheck: { readonly intervalSeconds: number; readonly failures: number }): number {
  return Math.max(periodSeconds, 2 * healthCheck.intervalSeconds * healthCheck.failures + 60);
}

export interface MiddlewareCheckOptions {
  /** How long "Tomcat restarted" answers 503 after a restart, in seconds. Default `DEFAULT_ALARM_PERIOD_SECONDS` (the alarm period: the ops server's rule looks back as far). */
  readonly restartWindowSeconds?: number;
  /** Where the exporters are read. Default: the local JMX exporter and ZooKeeper metrics ports (`MIDDLEWARE_METRICS_PORT`). */
  readonly metricsUrls?: Partial<Record<Middleware, string>>;
}

/** The middleware rules a host running `middleware` answers for (core `MIDDLEWARE_RULES`, in its order). */
export function middlewareCheckRules(middleware: readonly Middleware[]): MiddlewareRule[] {
  return MIDDLEWARE_RULES.filter((r) => middleware.includes(r.middleware));
}

const shellName = (id: string) => `check_${id.replace(/[^a-z0-9]/g, "_")}`;
const q = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
const URL_VAR: Readonly<Record<Middleware, string>> = { tomcat: "TOMCAT_METRICS", zookeeper: "ZOOKEEPER_METRICS" };

function checkFunction(rule: MiddlewareRule): string {
  const url = `$${URL_VAR[rule.middleware]}`;
  const head = [
    `${shellName(rule.id)}() {`,
    `  fetch "${url}" || respond "503 Service Unavailable" "${rule.id}: the ${rule.middleware} metrics at ${url} do not answer"`,
  ];
  if (rule.metric === "tomcat-restarts") {
    return [
      ...head,
      `  restarted ${q(rule.id)} "$(series ${q(TOMCAT_START_SERIES.name)} '')"`,
      "}",
    ].join("\n");
  }
  const s = MIDDLEWARE_SERIES[rule.metric];
  const read = (x: Series) => `"$(series ${q(x.name)} ${q(x.label ?? "")})"`;
  return [
    ...head,
    `  compare ${q(rule.id)} ${read(s.numerator)} ${s.denominator ? read(s.denominator) : "1"} ${s.scale} ${rule.threshold} ${q(rule.unit)}`,
    "}",
  ].join("\n");
}

/**
 * The responder script for a host that runs `middleware`: one check per rule of that middleware.
 * `TENANTRY_TOMCAT_METRICS`, `TENANTRY_ZOOKEEPER_METRICS` and `TENANTRY_STATE_DIR` override where it
 * reads and keeps state (tests point them at a fake exporter).
 */
export function middlewareCheckScript(middleware: readonly Middleware[], options: MiddlewareCheckOptions = {}): string {
  const rules = middlewareCheckRules(middleware);
  if (rules.length === 0) throw new Error("middlewareCheckScript: the host runs no middleware");
  const window = options.restartWindowSeconds ?? DEFAULT_ALARM_PERIOD_SECONDS;
  if (!Number.isInteger(window) || window < 1) throw new Error(`middlewareCheckScript: restartWindowSeconds must be a positive whole number of seconds, got ${window}`);
  const url = (m: Middleware) => options.metricsUrls?.[m] ?? `http://127.0.0.1:${MIDDLEWARE_METRICS_PORT[m]}/metrics`;
  return `#!/bin/bash
# Tenantry middleware check responder (generated from the documented rules; do not edit).
# systemd (${MIDDLEWARE_CHECK_UNIT}.socket, Accept=yes) runs it once per connection: stdin and stdout
# are the connection. GET /<rule> answers 200 while the rule holds, 503 when it is breached or
# cannot be evaluated (an exporter that does not answer included), 404 for anything else.
set -u
export LC_ALL=C
TOMCAT_METRICS="\${TENANTRY_TOMCAT_METRICS:-${url("tomcat")}}"
ZOOKEEPER_METRICS="\${TENANTRY_ZOOKEEPER_METRICS:-${url("zookeeper")}}"
STATE_DIR="\${TENANTRY_STATE_DIR:-${MIDDLEWARE_CHECK_STATE_DIR}}"
RESTART_WINDOW=${window}
METHOD=GET
METRICS=""

respond() {
  local body="$2"$'\\n'
  printf 'HTTP/1.1 %s\\r\\nContent-Type: text/plain\\r\\nContent-Length: %d\\r\\nCache-Control: no-store\\r\\nConnection: close\\r\\n\\r\\n' "$1" "\${#body}"
  [ "$METHOD" = HEAD ] || printf '%s' "$body"
  exit 0
}

fetch() {
  METRICS="$(curl -fsS --max-time 3 "$1" 2>/dev/null)" && [ -n "$METRICS" ]
}

# The sum of the samples of one series (name, and one label it must carry); nothing when absent.
series() {
  printf '%s\\n' "$METRICS" | awk -v name="$1" -v want="$2" '
    /^#/ || NF < 2 { next }
    {
      line = $0; brace = index(line, "{"); space = index(line, " ")
      if (brace > 0 && brace < space) {
        n = substr(line, 1, brace - 1); close_ = index(line, "}")
        labels = substr(line, brace + 1, close_ - brace - 1); rest = substr(line, close_ + 1)
      } else { n = substr(line, 1, space - 1); labels = ""; rest = substr(line, space + 1) }
      if (n != name) next
      if (want != "" && index("," labels ",", "," want ",") == 0) next
      split(rest, f, " "); sum += f[1]; found = 1
    }
    END { if (found) printf "%.17g\\n", sum }'
}

# compare <rule> <numerator> <denominator> <scale> <threshold> <unit>: 503 when numerator / denominator * scale > threshold.
compare() {
  [ -n "$2" ] && [ -n "$3" ] || respond "503 Service Unavailable" "$1: a series it needs is missing from the metrics"
  local verdict
  verdict="$(awk -v a="$2" -v b="$3" -v s="$4" -v t="$5" 'BEGIN { if (b + 0 <= 0) { print "undefined"; exit } v = a / b * s; if (v != v) { print "undefined"; exit } printf "%s %.6g\\n", (v > t ? "breached" : "holds"), v }')"
  case "$verdict" in
    holds*) respond "200 OK" "$1: \${verdict#holds } <= $5 $6" ;;
    breached*) respond "503 Service Unavailable" "$1: \${verdict#breached } > $5 $6" ;;
    *) respond "503 Service Unavailable" "$1: cannot be evaluated ($2 / $3)" ;;
  esac
}

# restarted <rule> <start time>: 503 within RESTART_WINDOW seconds of a change of the JVM's start time.
restarted() {
  [ -n "$2" ] || respond "503 Service Unavailable" "$1: the JVM's start time is missing from the metrics"
  local file="$STATE_DIR/$1" now previous="" since=0
  now="$(date +%s)"
  [ -r "$file" ] && read -r previous since < "$file"
  case "$since" in ''|*[!0-9]*) since=0 ;; esac
  if [ "$previous" != "$2" ]; then
    # The first start seen is no restart; a different one is.
    [ -n "$previous" ] && since="$now"
    { printf '%s %s\\n' "$2" "$since" > "$file.$$" && mv -f "$file.$$" "$file"; } 2>/dev/null || respond "503 Service Unavailable" "$1: cannot keep its state in $STATE_DIR"
  fi
  if [ "$since" -gt 0 ] && [ $((now - since)) -lt "$RESTART_WINDOW" ]; then
    respond "503 Service Unavailable" "$1: the JVM restarted $((now - since)) s ago (within $RESTART_WINDOW s)"
  fi
  respond "200 OK" "$1: no restart within $RESTART_WINDOW s"
}

${rules.map(checkFunction).join("\n\n")}

IFS=' ' read -r -t 5 METHOD TARGET _ || respond "400 Bad Request" "no request line"
TARGET="\${TARGET:-}"; TARGET="\${TARGET%$'\\r'}"
# Read the request's headers to the end: closing with unread data would reset the connection.
while IFS= read -r -t 2 line; do line="\${line%$'\\r'}"; [ -z "$line" ] && break; done
case "$METHOD" in GET | HEAD) ;; *) METHOD=GET; respond "405 Method Not Allowed" "GET or HEAD only" ;; esac
case "\${TARGET%%\\?*}" in
${rules.map((r) => `  ${middlewareCheckPath(r)}) ${shellName(r.id)} ;;`).join("\n")}
  /) respond "200 OK" "checks: ${rules.map(middlewareCheckPath).join(" ")}" ;;
  *) respond "404 Not Found" "no such check" ;;
esac
`;
}

/**
 * The responder as a cloud-init part: the script, the socket unit on `port` (one service per
 * connection, as the unprivileged `nobody`, with a few seconds to answer) and its state directory.
 */
export function middlewareCheckCloudInit(middleware: readonly Middleware[], options: MiddlewareCheckOptions & { readonly port?: number } = {}): CloudInitPart {
  const port = options.port ?? MIDDLEWARE_CHECK_PORT;
  return {
    files: [
      { path: MIDDLEWARE_CHECK_SCRIPT, content: middlewareCheckScript(middleware, options), permissions: "0755" },
      {
        path: `/etc/systemd/system/${MIDDLEWARE_CHECK_UNIT}.socket`,
        content: `[Unit]\nDescription=middleware checks for the load balancer's health checks (tenantry)\n\n[Socket]\nListenStream=${port}\nAccept=yes\nMaxConnections=32\n\n[Install]\nWantedBy=sockets.target\n`,
      },
      {
        path: `/etc/systemd/system/${MIDDLEWARE_CHECK_UNIT}@.service`,
        content:
          `[Unit]\nDescription=one middleware check (tenantry)\n\n[Service]\nExecStart=${MIDDLEWARE_CHECK_SCRIPT}\nStandardInput=socket\nStandardOutput=socket\nStandardError=journal\n` +
          `User=nobody\nRuntimeMaxSec=15\nNoNewPrivileges=yes\nProtectSystem=full\nProtectHome=yes\nPrivateTmp=yes\n`,
      },
    ],
    commands: [`install -d -m 0700 -o nobody ${MIDDLEWARE_CHECK_STATE_DIR}`, `systemctl daemon-reload && systemctl enable --now ${MIDDLEWARE_CHECK_UNIT}.socket`],
  };
}
