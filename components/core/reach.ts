/**
 * How a tenant's users reach its services (public entry points) and what watches them (monitors),
 * cloud-neutrally. `tenantBlueprint` puts both into the blueprint; every cloud renders them.
 *
 * Documented: AnyShare's bandwidth per tier (product-facts.md §1); the monitor kinds and quotas
 * (§5). Not documented, and so parameters (`ServiceParams`, one set per stack): AnyBackup's backup
 * client ports, which middleware runs on which product's host, the login path of each web service,
 * the DNS domain. Tenantry's choices (defaults.ts): the web back-end port behind a load balancer.
 */
import { z } from "zod";
import type { Severity } from "./alarms.js";
import type { DocumentedRow } from "./catalog.js";
import { DEFAULT_PROBE_LATENCY_SECONDS, DEFAULT_WEB_BACKEND_PORT } from "./defaults.js";
import type { Product } from "./manifest.js";
import {
  MIDDLEWARE,
  MIDDLEWARE_RULES,
  PORT_SEVERITY,
  URL_SEVERITY,
  type Middleware,
  type MiddlewareRule,
  type PortCheck,
  type CountedMonitorKind,
} from "./monitoring.js";
import { MYSQL_PORT, SSH_PORT, type EntryMode } from "./network-layout.js";
import type { Problem } from "./problems.js";

/** The products users reach over the internet (the ops server is reached by operators over SSH). */
export const WEB_PRODUCTS = ["anyshare-cloud", "anybackup-cloud"] as const;
export type WebProduct = (typeof WEB_PRODUCTS)[number];

/** Whether `product` is web-facing (its users reach it through an entry point). */
export function isWebProduct(product: Product): product is WebProduct {
  return (WEB_PRODUCTS as readonly Product[]).includes(product);
}

/**
 * What every cloud's network takes from the blueprint so that its security groups admit exactly the
 * entry traffic: the entry points, how they are reached (`direct`: the host's own public IP), and the
 * middleware the ops server probes. A retiring tenant keeps its network (its databases stand on it)
 * but no way out to the internet.
 */
export function networkReach(
  bp: { readonly entryPoints: readonly EntryPointNeed[]; readonly hosts: readonly { readonly middleware: readonly Middleware[] }[]; readonly retired?: boolean },
  direct: boolean,
): { entryPoints: readonly EntryPointNeed[]; entryMode: EntryMode; middleware: Middleware[]; natStrategy?: "none" } {
  return {
    entryPoints: bp.entryPoints,
    entryMode: direct ? "direct" : "load-balancer",
    middleware: bp.hosts.flatMap((h) => h.middleware),
    ...(bp.retired ? { natStrategy: "none" as const } : {}),
  };
}

const port = z.number().int().min(1).max(65535);
const urlPath = z.string().regex(/^\/[A-Za-z0-9._~!$&'()*+,;=:@%/-]*(\?[A-Za-z0-9._~!$&'()*+,;=:@%/?-]*)?$/, {
  error: "must be a URL path starting with /",
});
const dnsDomain = z.string().regex(/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, {
  error: "must be a DNS domain such as example.com (lowercase)",
});

/** Cloud-neutral service parameters: the same keys in every cloud's stack configuration. */
export const serviceParamsSchema = z.object({
  /** AnyBackup's backup-client ports (TCP). Not documented: required when a tenant runs AnyBackup. */
  anybackupClientPorts: z.array(port).min(1).optional(),
  /** Which middleware runs on which product's host. Not documented: required per product in use. */
  middleware: z.strictObject(Object.fromEntries(WEB_PRODUCTS.map((p) => [p, z.array(z.enum(MIDDLEWARE)).optional()])) as Record<WebProduct, z.ZodOptional<z.ZodArray<z.ZodEnum<{ tomcat: "tomcat"; zookeeper: "zookeeper" }>>>>).optional(),
  /** The login endpoint of each web service, for the "login endpoint working" probe. Not documented: required per product in use. */
  loginPaths: z.strictObject(Object.fromEntries(WEB_PRODUCTS.map((p) => [p, urlPath.optional()])) as Record<WebProduct, z.ZodOptional<typeof urlPath>>).optional(),
  /** A DNS domain: each entry point gets `<service>-<tenant>.<domain>`. Default: no DNS records. */
  dnsDomain: dnsDomain.optional(),
  /** The host port a load balancer forwards web traffic to (plain HTTP inside the VPC). Default `DEFAULT_WEB_BACKEND_PORT`. */
  webBackendPort: port.optional(),
  /** Probe latency threshold in seconds (not documented). Default `DEFAULT_PROBE_LATENCY_SECONDS`. */
  probeLatencySeconds: z.number().positive().max(60).optional(),
});
export type ServiceParams = z.output<typeof serviceParamsSchema>;

/** What the fleet needs of the service parameters, as problems under `prefix` (e.g. `tenantry:aws.`). */
export function serviceParamsProblems(params: ServiceParams, products: ReadonlySet<Product>, prefix: string): Problem[] {
  const problems: Problem[] = [];
  if (products.has("anybackup-cloud") && !params.anybackupClientPorts) {
    problems.push({ path: `${prefix}anybackupClientPorts`, message: "is required: a tenant runs AnyBackup, whose backup-client ports the documents do not give (TCP ports)" });
  }
  for (const product of WEB_PRODUCTS) {
    if (!products.has(product)) continue;
    if (params.middleware?.[product] === undefined) {
      problems.push({ path: `${prefix}middleware.${product}`, message: `is required: a tenant runs ${product}; which middleware (${MIDDLEWARE.join(", ")}) its host runs is not documented (list them, or [] for none)` });
    }
    if (params.loginPaths?.[product] === undefined) {
      problems.push({ path: `${prefix}loginPaths.${product}`, message: `is required: a tenant runs ${product}, whose login endpoint the documents do not give (a URL path such as /login)` });
    }
  }
  return problems;
}

export type ListenerProtocol = "https" | "http-redirect" | "tcp";

export interface ListenerNeed {
  /** The public port. */
  readonly port: number;
  /** `https`: TLS with the configured certificate; `http-redirect`: answers with a redirect to https; `tcp`: passed through. */
  readonly protocol: ListenerProtocol;
  /** The host port traffic goes to (none for a redirect). */
  readonly backendPort?: number;
}

/** A public way in to one service of a tenant. */
export interface EntryPointNeed {
  /** Stable key within the tenant: used in resource names. */
  readonly key: `${WebProduct}-web` | "anybackup-cloud-clients";
  readonly product: WebProduct;
  readonly purpose: "web" | "backup-clients";
  readonly listeners: readonly ListenerNeed[];
  /** Documented internet bandwidth (AnyShare tiers, product-facts.md §1), in Mbit/s. */
  readonly bandwidthMbps?: number;
  readonly bandwidthSource?: DocumentedRow;
  /** The DNS name users type, when the stack has a DNS domain. */
  readonly dnsName?: string;
}

/** The public HTTPS port, and the plain-HTTP port that redirects to it. */
export const HTTPS_PORT = 443;
export const HTTP_PORT = 80;

const DNS_LABEL: Readonly<Record<WebProduct, string>> = { "anyshare-cloud": "share", "anybackup-cloud": "backup" };

/** The entry points of a tenant's web-facing services. */
export function entryPointNeeds(
  tenant: string,
  services: readonly { product: Product; bandwidthMbps?: number | undefined; source?: DocumentedRow | undefined }[],
  params: ServiceParams,
): EntryPointNeed[] {
  const backendPort = params.webBackendPort ?? DEFAULT_WEB_BACKEND_PORT;
  const needs: EntryPointNeed[] = [];
  for (const s of services) {
    if (s.product !== "anyshare-cloud" && s.product !== "anybackup-cloud") continue;
    const dns = params.dnsDomain ? { dnsName: `${DNS_LABEL[s.product]}-${tenant}.${params.dnsDomain}` } : {};
    needs.push({
      key: `${s.product}-web`,
      product: s.product,
      purpose: "web",
      listeners: [
        { port: HTTPS_PORT, protocol: "https", backendPort },
        { port: HTTP_PORT, protocol: "http-redirect" },
      ],
      ...(s.bandwidthMbps !== undefined ? { bandwidthMbps: s.bandwidthMbps, ...(s.source ? { bandwidthSource: s.source } : {}) } : {}),
      ...dns,
    });
    if (s.product === "anybackup-cloud") {
      needs.push({
        key: "anybackup-cloud-clients",
        product: s.product,
        purpose: "backup-clients",
        listeners: (params.anybackupClientPorts ?? []).map((p) => ({ port: p, protocol: "tcp" as const, backendPort: p })),
        ...(params.dnsDomain ? { dnsName: `${DNS_LABEL[s.product]}-clients-${tenant}.${params.dnsDomain}` } : {}),
      });
    }
  }
  return needs;
}

/** Who implements a monitor: the cloud's own agents and probes, the ops server's Prometheus, or both. */
export type MonitorImplementer = "cloud" | "ops-server";

interface MonitorCommon {
  /** Stable, tenant-unique id, `<kind>:<check>@<target>`: the unit the managed-ops quotas count. */
  readonly id: string;
  readonly kind: CountedMonitorKind;
  /**
   * Who may implement it, cloud-neutrally: `cloud` (the cloud's own monitoring, where that cloud
   * can: a per-cloud fact, `CLOUD_MONITORING`) and `ops-server` (the tenant's ops server). What
   * does on a given cloud: `monitorImplementers`.
   */
  readonly via: readonly MonitorImplementer[];
}

export interface MiddlewareMonitorNeed extends MonitorCommon {
  readonly kind: "middleware";
  readonly host: WebProduct;
  readonly middleware: Middleware;
  readonly rules: readonly MiddlewareRule[];
}

export type PortTarget = { readonly host: Product } | { readonly database: Product };

export interface PortMonitorNeed extends MonitorCommon {
  readonly kind: "port";
  readonly check: PortCheck;
  readonly target: PortTarget;
  readonly port: number;
  readonly severity: Severity;
}

export interface UrlMonitorNeed extends MonitorCommon {
  readonly kind: "url";
  readonly check: "home-page" | "login";
  readonly entryPoint: EntryPointNeed["key"];
  readonly path: string;
  readonly severity: Severity;
  /** "probe latency": slower than this is a warning. */
  readonly latencySeconds: number;
  readonly latencySeverity: Severity;
}

export type MonitorNeed = MiddlewareMonitorNeed | PortMonitorNeed | UrlMonitorNeed;

/**
 * The monitors of a tenant. Middleware runs where the parameter table says and is watched by the
 * cloud's agent where the cloud can (`CLOUD_MONITORING`) and by the ops server, when the tenant has one. Ports inside the tenant network
 * (SSH, web back ends, MySQL, backup clients) are probed by the ops server, the one machine that
 * reaches them, so they exist only with an ops server. Home page and login are probed from the
 * internet by the cloud (and by the ops server).
 */
export function monitorNeeds(
  products: readonly Product[],
  hasDatabase: (p: Product) => boolean,
  entryPoints: readonly EntryPointNeed[],
  params: ServiceParams,
): MonitorNeed[] {
  const ops = products.includes("ops-server");
  const both: MonitorImplementer[] = ops ? ["cloud", "ops-server"] : ["cloud"];
  const monitors: MonitorNeed[] = [];
  for (const p of WEB_PRODUCTS) {
    if (!products.includes(p)) continue;
    for (const middleware of params.middleware?.[p] ?? []) {
      monitors.push({ id: `middleware:${middleware}@${p}`, kind: "middleware", via: both, host: p, middleware, rules: MIDDLEWARE_RULES.filter((r) => r.middleware === middleware) });
    }
  }
  if (ops) {
    const port = (check: PortCheck, target: PortTarget, n: number, name: string): PortMonitorNeed => ({
      id: `port:${check}${check === "backup-client" ? `-${n}` : ""}@${name}`,
      kind: "port",
      via: ["ops-server"],
      check,
      target,
      port: n,
      severity: PORT_SEVERITY,
    });
    for (const p of products) {
      if (p === "ops-server") continue;
      monitors.push(port("ssh", { host: p }, SSH_PORT, p));
      const web = entryPoints.find((e) => e.key === `${p}-web`);
      const backend = web?.listeners.find((l) => l.protocol === "https")?.backendPort;
      if (backend !== undefined) monitors.push(port("web", { host: p }, backend, p));
      if (hasDatabase(p)) monitors.push(port("mysql", { database: p }, MYSQL_PORT, `${p}-db`));
    }
    for (const e of entryPoints.filter((e) => e.purpose === "backup-clients")) {
      for (const l of e.listeners) monitors.push(port("backup-client", { host: e.product }, l.backendPort!, e.product));
    }
  }
  const latencySeconds = params.probeLatencySeconds ?? DEFAULT_PROBE_LATENCY_SECONDS;
  for (const e of entryPoints.filter((e) => e.purpose === "web")) {
    const url = (check: "home-page" | "login", path: string): UrlMonitorNeed => ({
      id: `url:${check}@${e.product}`,
      kind: "url",
      via: both,
      check,
      entryPoint: e.key,
      path,
      severity: URL_SEVERITY[check],
      latencySeconds,
      latencySeverity: URL_SEVERITY.latency,
    });
    monitors.push(url("home-page", "/"));
    const login = params.loginPaths?.[e.product];
    if (login) monitors.push(url("login", login));
  }
  return monitors;
}

/** How many monitors of each counted kind a tenant has (the managed-ops plan's unit, §5). */
export function monitorCounts(monitors: readonly MonitorNeed[]): Record<CountedMonitorKind, number> {
  const counts = { middleware: 0, port: 0, url: 0 };
  for (const m of monitors) counts[m.kind] += 1;
  return counts;
}
