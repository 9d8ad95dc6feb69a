/**
 * The managed-operations monitoring table (product-facts.md §5, managed-ops), as typed data: every
 * documented rule with its threshold, the kind of monitor that implements it, and its severity.
 * One table drives every cloud's alarms and probes and the ops server's Prometheus rules.
 *
 * Documented: the rules and thresholds, the monitor quotas (20 middleware, 50 port, 5 URL per plan),
 * 7x24 push to a chat group, graded alerts, notification targets and silence periods; "licence
 * expired" is an urgent alert (§2). Not documented, and so Tenantry's choice (labelled `ours`):
 * which severity each other rule gets, the probe-latency threshold, how early expiry is announced,
 * and which middleware runs on which product's host (a parameter: `MiddlewarePlacement`).
 */
import { BASIC_HOST_ALARMS, type Severity } from "./alarms.js";
import { DEFAULT_EXPIRY_NOTICE_DAYS, DEFAULT_PROBE_LATENCY_SECONDS, TOMCAT_JMX_EXPORTER_PORT } from "./defaults.js";
import { DEFAULT_EXPIRING_WITHIN_DAYS } from "./licence.js";

/** The middleware §5 names ("Tomcat", "ZooKeeper"). */
export const MIDDLEWARE = ["tomcat", "zookeeper"] as const;
export type Middleware = (typeof MIDDLEWARE)[number];

/**
 * Where each middleware's metrics are scraped (Prometheus format): Tomcat through a JMX exporter
 * agent (port: Tenantry's choice), ZooKeeper through its own metrics provider (3.6+), whose default
 * `metricsProvider.httpPort` is 7000.
 */
export const MIDDLEWARE_METRICS_PORT: Readonly<Record<Middleware, number>> = { tomcat: TOMCAT_JMX_EXPORTER_PORT, zookeeper: 7000 };

export type MiddlewareMetric = "tomcat-heap-utilisation" | "tomcat-restarts" | "zookeeper-open-fd-utilisation" | "zookeeper-avg-latency";

export interface MiddlewareRule {
  /** Stable id: used in resource names, never change it. */
  readonly id: string;
  readonly middleware: Middleware;
  readonly metric: MiddlewareMetric;
  readonly comparison: ">";
  readonly threshold: number;
  readonly unit: "percent" | "seconds" | "count";
  readonly severity: Severity;
}

/**
 * §5 middleware rules: Tomcat heap > 80 %; Tomcat restarted (restarts > 0 within a period);
 * ZooKeeper open file descriptors > 80 % (of the process limit); ZooKeeper average latency > 3 s.
 * Severities (ours): a restart already happened and heals itself (warning); the others warn before
 * an outage (warning).
 */
export const MIDDLEWARE_RULES: readonly MiddlewareRule[] = [
  { id: "tomcat-heap", middleware: "tomcat", metric: "tomcat-heap-utilisation", comparison: ">", threshold: 80, unit: "percent", severity: "warning" },
  { id: "tomcat-restarted", middleware: "tomcat", metric: "tomcat-restarts", comparison: ">", threshold: 0, unit: "count", severity: "warning" },
  { id: "zookeeper-open-fds", middleware: "zookeeper", metric: "zookeeper-open-fd-utilisation", comparison: ">", threshold: 80, unit: "percent", severity: "warning" },
  { id: "zookeeper-latency", middleware: "zookeeper", metric: "zookeeper-avg-latency", comparison: ">", threshold: 3, unit: "seconds", severity: "warning" },
];

/** §5 port rules: "SSH, Nginx, Apache, MySQL, Oracle ports reachable"; Nginx and Apache are the web ports. */
export const PORT_CHECKS = ["ssh", "web", "mysql", "oracle", "backup-client"] as const;
export type PortCheck = (typeof PORT_CHECKS)[number];

/** §5 URL rules: "home page reachable; login endpoint working; probe latency". */
export const URL_CHECKS = ["home-page", "login", "latency"] as const;
export type UrlCheck = (typeof URL_CHECKS)[number];

/** One row of the README table: a documented rule and how Tenantry grades it. */
export interface DocumentedRule {
  readonly id: string;
  readonly kind: "basic" | "middleware" | "port" | "url" | "cloud-resource" | "licence";
  /** The rule in the document's words. */
  readonly documented: string;
  readonly severity: Severity;
  /** `documented` when the document grades it (only "licence expired"); otherwise Tenantry's choice. */
  readonly severitySource: "documented" | "ours";
  /** Why a rule applies to no tenant, when it does not (e.g. no Oracle anywhere). */
  readonly notApplicable?: string;
}

const BASIC_WORDS: Record<string, string> = {
  cpu: "CPU utilisation > 90 %",
  memory: "memory utilisation > 90 %",
  disk: "disk utilisation > 80 %",
  "load-and-cpu": "CPU load > 5 and CPU utilisation > 90 %",
};
const MIDDLEWARE_WORDS: Record<string, string> = {
  "tomcat-heap": "Tomcat heap utilisation > 80 %",
  "tomcat-restarted": "Tomcat restarted",
  "zookeeper-open-fds": "ZooKeeper open file descriptors > 80 %",
  "zookeeper-latency": "ZooKeeper average latency > 3 s",
};

/** Severities of port and URL checks (ours): the service is unreachable (urgent) or slow (warning). */
export const PORT_SEVERITY: Severity = "urgent";
export const URL_SEVERITY: Readonly<Record<UrlCheck, Severity>> = { "home-page": "urgent", login: "urgent", latency: "warning" };
/** Cloud resources about to expire: a warning, sent `DEFAULT_EXPIRY_NOTICE_DAYS` ahead (ours). */
export const EXPIRY_SEVERITY: Severity = "warning";
/** §2: "An expired licence raises an urgent alert"; "expiring soon" is a warning (ours). */
export const LICENCE_SEVERITY = { expired: "urgent", expiring: "warning" } as const satisfies Record<string, Severity>;

/** Every documented §5 rule (plus the §2 licence alerts), as the README table lists them. */
export const DOCUMENTED_RULES: readonly DocumentedRule[] = [
  ...BASIC_HOST_ALARMS.map((r): DocumentedRule => ({ id: r.id, kind: "basic", documented: BASIC_WORDS[r.id]!, severity: r.severity, severitySource: "ours" })),
  ...MIDDLEWARE_RULES.map((r): DocumentedRule => ({ id: r.id, kind: "middleware", documented: MIDDLEWARE_WORDS[r.id]!, severity: r.severity, severitySource: "ours" })),
  { id: "port-ssh", kind: "port", documented: "SSH port reachable", severity: PORT_SEVERITY, severitySource: "ours" },
  { id: "port-web", kind: "port", documented: "Nginx / Apache (web) ports reachable", severity: PORT_SEVERITY, severitySource: "ours" },
  { id: "port-mysql", kind: "port", documented: "MySQL port reachable", severity: PORT_SEVERITY, severitySource: "ours" },
  {
    id: "port-oracle",
    kind: "port",
    documented: "Oracle port reachable",
    severity: PORT_SEVERITY,
    severitySource: "ours",
    notApplicable: "no documented product runs Oracle (AnyShare's database is MySQL)",
  },
  { id: "url-home-page", kind: "url", documented: "home page reachable", severity: URL_SEVERITY["home-page"], severitySource: "ours" },
  { id: "url-login", kind: "url", documented: "login endpoint working", severity: URL_SEVERITY.login, severitySource: "ours" },
  { id: "url-latency", kind: "url", documented: `probe latency (over ${DEFAULT_PROBE_LATENCY_SECONDS} s, ours)`, severity: URL_SEVERITY.latency, severitySource: "ours" },
  {
    id: "cloud-expiry",
    kind: "cloud-resource",
    documented: `expiry of ECS, RDS, SLB and OSS (announced ${DEFAULT_EXPIRY_NOTICE_DAYS} days ahead, ours)`,
    severity: EXPIRY_SEVERITY,
    severitySource: "ours",
  },
  { id: "licence-expired", kind: "licence", documented: "licence expired (urgent, naming customer and licence object)", severity: LICENCE_SEVERITY.expired, severitySource: "documented" },
  {
    id: "licence-expiring",
    kind: "licence",
    documented: `licence expiring soon (within ${DEFAULT_EXPIRING_WITHIN_DAYS} days)`,
    severity: LICENCE_SEVERITY.expiring,
    severitySource: "ours",
  },
];

/** The monitor kinds the managed-ops plan counts (§5 quotas). */
export type CountedMonitorKind = "middleware" | "port" | "url";

/** Middleware per product host. Not documented: a parameter of every stack (`middleware`). */
export type MiddlewarePlacement = Readonly<Partial<Record<"anyshare-cloud" | "anybackup-cloud", readonly Middleware[]>>>;
