/**
 * A tenant's public entry points on Huawei Cloud (core `EntryPointNeed`): per entry point a dedicated
 * ELB with an EIP of its own whose bandwidth is the documented one of the AnyShare tier
 * (product-facts.md §1) or the configured one: HTTPS 443 with the ELB certificate, HTTP 80 redirected
 * to the 443 listener, a TCP listener per backup-client port, each with its back-end pool, member and
 * health check, users limited to the allowed CIDRs by an IP address group; or, with `eip`, the host's
 * own EIP (its bandwidth set by the host). Optional Huawei Cloud DNS records in a configured zone.
 * Each ELB sends its access logs to the tenant's LTS stream when given one.
 *
 * "Login endpoint working" (product-facts.md §5) without an internet probe: a second pool of the
 * same back end, health-checked on the login path, joined to the 443 listener by an L7 policy that
 * matches only Tenantry's reserved path (`LOGIN_CHECK_POOL_PATH`), so users' requests, login
 * included, never depend on it; Cloud Eye alarms on that pool's unhealthy back ends (`HuaweiUrlProbes`).
 */
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { MIDDLEWARE_CHECK_PORT, TAG_KEYS, validated, type EntryPointNeed, type ListenerNeed, type Tags, type WebProduct } from "../core/index.js";
import { Eip, Ipgroup, L7policy, L7rule, Listener, Loadbalancer, Logtank, Member, Monitor, Pool, Recordset } from "./provider/index.js";

export const HUAWEI_ENTRY_MODES = ["elb", "eip"] as const;
export type HuaweiEntryMode = (typeof HUAWEI_ENTRY_MODES)[number];

/** TLS 1.2 with forward secrecy, and TLS 1.3, on the HTTPS listeners (the ELB default is TLS 1.0). */
export const TLS_CIPHERS_POLICY = "tls-1-2-fs-with-1-3";

/** Health checks of the back ends (Tenantry's choice): every 5 s, 3 s timeout, 3 checks to change state. */
export const HEALTH_CHECK = { interval: 5, timeout: 3, maxRetries: 3 } as const;
/** The status codes a web health check accepts (2xx and 3xx, as the ops server's `http_2xx` probe). */
export const HEALTH_CHECK_STATUS = "200-399";

/**
 * The only path the login-check pool receives requests for (Tenantry's choice; the back end answers
 * it as any unknown path). The pool exists to be health-checked on the login path: a pool joins a
 * listener through its default pool or an L7 policy, and this policy matches nothing users request.
 */
export const LOGIN_CHECK_POOL_PATH = "/.well-known/tenantry-login-check";

/**
 * The paths the middleware-check pools receive requests for: this prefix and the rule id (Tenantry's
 * choice; the back end answers them as any unknown path). Each pool exists to be health-checked on
 * the host's middleware check responder (core `middlewareCheckCloudInit`), as the login check's.
 */
export const MIDDLEWARE_CHECK_POOL_PATH = "/.well-known/tenantry-middleware-check";

/**
 * What a dedicated ELB health check may request (the provider's `huaweicloud_elb_monitor`
 * `url_path`: letters, digits and `-/.%#&~!()*[]@$^:',+`; no query string).
 */
export const ELB_HEALTH_CHECK_PATH = /^\/[A-Za-z0-9\-/.%#&~!()*[\]@$^:',+]*$/;

export interface HuaweiEntryPointsArgs {
  readonly entryPoints: readonly EntryPointNeed[];
  readonly mode: HuaweiEntryMode;
  /** The ELB certificate id of the 443 listeners. Required with `elb` when there is a web entry point. */
  readonly certificateId?: pulumi.Input<string>;
  /** Bandwidth in Mbit/s of an entry point the documents give none (AnyBackup's). Required with `elb` when there is one. */
  readonly bandwidthMbps?: number;
  /** The dedicated ELB flavour ids of the region: `l7` for the web entry points, `l4` for the backup clients' (`huaweicloud:DedicatedElb/getFlavors`). Required with `elb` for the layers in use. */
  readonly flavorIds?: { readonly l7?: pulumi.Input<string>; readonly l4?: pulumi.Input<string> };
  readonly vpcId: pulumi.Input<string>;
  /** The IPv4 subnet id (`ipv4SubnetId`) the balancers take their private address in (the public tier). */
  readonly subnetId: pulumi.Input<string>;
  /** The availability zones the balancers run in. */
  readonly availabilityZones: pulumi.Input<string>[];
  /** The back end of each product's entry points: its private address and IPv4 subnet id. */
  readonly backends: Partial<Record<WebProduct, { readonly address: pulumi.Input<string>; readonly subnetId: pulumi.Input<string> }>>;
  /** Each product host's EIP address: required with `eip`. Default: none. */
  readonly publicIps?: Partial<Record<WebProduct, pulumi.Input<string>>>;
  /** Who may use the web and the backup-client entry points. */
  readonly webCidrs: readonly string[];
  readonly clientCidrs: readonly string[];
  /** A Huawei Cloud DNS zone (its id) holding the entry points' names (`EntryPointNeed.dnsName`). Default: no records. */
  readonly dnsZoneId?: pulumi.Input<string>;
  /** The enterprise project of the balancers, EIPs and IP groups. Default: the account's default enterprise project. */
  readonly enterpriseProjectId?: pulumi.Input<string>;
  readonly tags: Partial<Record<WebProduct, Tags>>;
  /** The `tenantry:monitors` tag of the web ELBs: the tenant's monitors Cloud Eye implements (the monitor quota counts them). Default: none. */
  readonly monitorsTag?: string;
  /** Where each ELB writes its access logs (the tenant's `HuaweiEntryLogs`). Default: no access logs (rule `entry-access-logged` fires). */
  readonly accessLogs?: { readonly logGroupId: pulumi.Input<string>; readonly logStreamId: pulumi.Input<string> };
  /** The login path of each web entry point whose "login endpoint working" the ELB checks (a login-check pool, with `elb`). Default: none. */
  readonly loginPaths?: Partial<Record<EntryPointNeed["key"], string>>;
  /**
   * The middleware rules (core rule ids) of each web entry point's host whose checks the ELB runs: a
   * pool per rule, health-checked on the host's middleware check responder (`middlewareCheckPort`,
   * path `/<rule id>`, 200 only), with `elb`. Default: none.
   */
  readonly middlewareChecks?: Partial<Record<EntryPointNeed["key"], readonly string[]>>;
  /** The port of the hosts' middleware check responder. Default `MIDDLEWARE_CHECK_PORT` (ours). */
  readonly middlewareCheckPort?: number;
}

const argsSchema = z
  .object({
    mode: z.enum(HUAWEI_ENTRY_MODES),
    certificateId: z.any().optional(),
    bandwidthMbps: z.number().int().min(1).max(2000).optional(),
    flavorIds: z.object({ l7: z.any().optional(), l4: z.any().optional() }).optional(),
    availabilityZones: z.array(z.any()).min(1, { error: "must name at least one availability zone" }),
    entryPoints: z.array(z.object({ purpose: z.string(), bandwidthMbps: z.number().optional(), listeners: z.array(z.object({ protocol: z.string() })) })),
    loginPaths: z
      .record(z.string(), z.string().regex(ELB_HEALTH_CHECK_PATH, { error: "must be a path a dedicated ELB health check can request: letters, digits and -/.%#&~!()*[]@$^:',+ (no query string)" }))
      .optional(),
    middlewareChecks: z.record(z.string(), z.array(z.string().regex(/^[a-z0-9-]+$/, { error: "must be a core middleware rule id (lowercase letters, digits, -)" }))).optional(),
    middlewareCheckPort: z.number().int().min(1).max(65535).optional(),
  })
  .superRefine((a, ctx) => {
    if (a.mode !== "elb") return;
    const used = a.entryPoints.filter((e) => e.listeners.length > 0);
    const web = used.some((e) => e.purpose === "web");
    if (web && a.certificateId === undefined) ctx.addIssue({ code: "custom", path: ["certificateId"], message: "is required with elb: the ELB certificate of the 443 listeners" });
    if (web && a.flavorIds?.l7 === undefined) ctx.addIssue({ code: "custom", path: ["flavorIds", "l7"], message: "is required with elb: the region's layer-7 dedicated ELB flavour id (web entry points)" });
    if (used.some((e) => e.purpose === "backup-clients") && a.flavorIds?.l4 === undefined) {
      ctx.addIssue({ code: "custom", path: ["flavorIds", "l4"], message: "is required with elb: the region's layer-4 dedicated ELB flavour id (backup-client entry point)" });
    }
    if (used.some((e) => e.bandwidthMbps === undefined) && a.bandwidthMbps === undefined) {
      ctx.addIssue({ code: "custom", path: ["bandwidthMbps"], message: "is required with elb: an entry point has no documented bandwidth (Mbit/s)" });
    }
  });

/** The back-end pools of a web entry point that Cloud Eye's URL rules watch. */
export interface HuaweiWebPools {
  /** The 443 listener's pool, health-checked on `/`. */
  readonly web: pulumi.Output<string>;
  /** The login-check pool, health-checked on the login path (when the entry point has one). */
  readonly login?: pulumi.Output<string>;
  /** The middleware-check pool of each rule (by core rule id), health-checked on the host's responder. */
  readonly middleware?: Readonly<Record<string, pulumi.Output<string>>>;
}

export interface HuaweiEntryPointSummary {
  /** The DNS name (with a zone) or else the public address. */
  hostName: pulumi.Output<string>;
  listeners: string[];
  /** Applied: the EIP's bandwidth in Mbit/s. */
  bandwidthMbps?: number;
}

/** The pool and health check protocol behind a listener. */
function backendProtocol(l: ListenerNeed): "HTTP" | "TCP" {
  return l.protocol === "https" ? "HTTP" : "TCP";
}

export class HuaweiEntryPoints extends pulumi.ComponentResource {
  public readonly entryPoints: Record<string, HuaweiEntryPointSummary> = {};
  /** The dedicated ELB of each entry point (none with `eip`). */
  public readonly loadBalancerIds: Partial<Record<EntryPointNeed["key"], pulumi.Output<string>>> = {};
  /** The pools of each web entry point's 443 listener (none with `eip`). */
  public readonly webPools: Partial<Record<EntryPointNeed["key"], HuaweiWebPools>> = {};

  constructor(name: string, args: HuaweiEntryPointsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("tenantry:huaweicloud:EntryPoints", name, {}, opts);
    const a = validated(argsSchema, args, `arguments of HuaweiEntryPoints ${name}`, "args.");
    const parent = { parent: this };
    const eps = args.enterpriseProjectId !== undefined ? { enterpriseProjectId: args.enterpriseProjectId } : {};
    const used = args.entryPoints.filter((e) => e.listeners.length > 0);

    // An IP address group per entry point, unless it is open to the whole internet.
    const allowList = (cidrs: readonly string[], id: string) => {
      if (cidrs.some((c) => c.endsWith("/0"))) return {};
      const group = new Ipgroup(`${id}-ips`, { name: `${id}-ips`, description: `${id}: who may connect (tenantry)`, ipLists: cidrs.map((ip) => ({ ip, description: "tenantry" })), ...eps }, parent);
      return { ipGroup: group.id, accessPolicy: "white" };
    };

    for (const e of used) {
      const id = `${name}-${e.key}`;
      const tags = args.tags[e.product] ?? {};
      let address: pulumi.Output<string>;
      let bandwidth: number | undefined;
      if (a.mode === "eip") {
        const ip = args.publicIps?.[e.product];
        if (ip === undefined) throw new Error(`HuaweiEntryPoints ${name}: mode eip needs the EIP of ${e.product}`);
        address = pulumi.output(ip);
        bandwidth = e.bandwidthMbps ?? a.bandwidthMbps;
      } else {
        const backend = args.backends[e.product];
        if (backend === undefined) throw new Error(`HuaweiEntryPoints ${name}: no back end for ${e.product}`);
        bandwidth = e.bandwidthMbps ?? a.bandwidthMbps!;
        const bandwidthTags = { ...tags, [TAG_KEYS.bandwidthMbps]: String(bandwidth) };
        // The EIP is a resource of its own: its bandwidth changes in place (the balancer's inline EIP would be replaced).
        const eip = new Eip(
          `${id}-eip`,
          { name: `${id}-eip`, publicip: { type: "5_bgp" }, bandwidth: { shareType: "PER", name: `${id}-eip`, size: bandwidth, chargeMode: "bandwidth" }, ...eps, tags: bandwidthTags },
          parent,
        );
        const layer = e.purpose === "web" ? { l7FlavorId: args.flavorIds!.l7! } : { l4FlavorId: args.flavorIds!.l4! };
        const lb = new Loadbalancer(
          `${id}-elb`,
          {
            name: id,
            description: `${e.key} of ${name} (tenantry)`,
            availabilityZones: args.availabilityZones,
            vpcId: args.vpcId,
            ipv4SubnetId: args.subnetId,
            ipv4EipId: eip.id,
            ...layer,
            ...eps,
            tags: { ...bandwidthTags, ...(e.purpose === "web" && args.monitorsTag !== undefined ? { [TAG_KEYS.monitors]: args.monitorsTag } : {}) },
          },
          parent,
        );
        this.loadBalancerIds[e.key] = lb.id;
        if (args.accessLogs) new Logtank(`${id}-access-logs`, { loadbalancerId: lb.id, logGroupId: args.accessLogs.logGroupId, logTopicId: args.accessLogs.logStreamId }, parent);
        const limit = allowList(e.purpose === "web" ? args.webCidrs : args.clientCidrs, id);
        const https = e.listeners.find((l) => l.protocol === "https");
        let httpsListener: Listener | undefined;
        // The HTTPS (and TCP) listeners first: the 80 listener redirects to the 443 one.
        for (const l of [...e.listeners].sort((x, y) => Number(x.protocol === "http-redirect") - Number(y.protocol === "http-redirect"))) {
          const lid = `${id}-${l.port}`;
          if (l.protocol === "http-redirect") {
            if (!httpsListener) throw new Error(`HuaweiEntryPoints ${name}: ${e.key} redirects ${l.port} without an HTTPS listener`);
            const http = new Listener(lid, { name: lid, loadbalancerId: lb.id, protocol: "HTTP", protocolPort: l.port, ...limit, tags }, parent);
            new L7policy(`${lid}-redirect`, { name: `${lid}-redirect`, listenerId: http.id, action: "REDIRECT_TO_LISTENER", redirectListenerId: httpsListener.id }, parent);
            continue;
          }
          const listener = new Listener(
            lid,
            {
              name: lid,
              loadbalancerId: lb.id,
              protocol: l.protocol === "https" ? "HTTPS" : "TCP",
              protocolPort: l.port,
              ...(l.protocol === "https" ? { serverCertificate: args.certificateId!, tlsCiphersPolicy: TLS_CIPHERS_POLICY } : {}),
              ...limit,
              tags,
            },
            parent,
          );
          if (l === https) httpsListener = listener;
          const protocol = backendProtocol(l);
          const pool = new Pool(`${lid}-pool`, { name: `${lid}-pool`, listenerId: listener.id, protocol, lbMethod: "ROUND_ROBIN" }, parent);
          new Member(`${lid}-member`, { name: `${lid}-${e.product}`, poolId: pool.id, address: backend.address, protocolPort: l.backendPort!, subnetId: backend.subnetId }, parent);
          new Monitor(
            `${lid}-health`,
            { name: `${lid}-health`, poolId: pool.id, protocol, ...HEALTH_CHECK, ...(protocol === "HTTP" ? { urlPath: "/", statusCode: HEALTH_CHECK_STATUS } : {}) },
            parent,
          );
          if (l !== https) continue;
          const middleware = this.middlewareCheckPools(lid, e, listener, lb, backend, l.backendPort!, args);
          const loginPath = a.loginPaths?.[e.key];
          if (loginPath === undefined) {
            this.webPools[e.key] = { web: pool.id, ...middleware };
            continue;
          }
          // The login check: the same back end in a pool of its own, health-checked on the login path;
          // an L7 policy on Tenantry's reserved path joins it to the listener (users never reach it).
          const loginPool = this.checkPool(`${lid}-login`, "login", e, listener, lb, backend, l.backendPort!, { urlPath: loginPath, statusCode: HEALTH_CHECK_STATUS }, LOGIN_CHECK_POOL_PATH);
          this.webPools[e.key] = { web: pool.id, login: loginPool, ...middleware };
        }
        address = eip.address;
      }
      let hostName = address;
      if (e.dnsName && args.dnsZoneId !== undefined) {
        new Recordset(`${id}-dns`, { zoneId: args.dnsZoneId, name: `${e.dnsName}.`, type: "A", records: [address], ttl: 300, description: `${e.key} of ${name} (tenantry)`, tags }, parent);
        hostName = pulumi.output(e.dnsName);
      }
      this.entryPoints[e.key] = { hostName, listeners: e.listeners.map((l) => `${l.port}/${l.protocol}`), ...(bandwidth !== undefined ? { bandwidthMbps: bandwidth } : {}) };
    }
    this.registerOutputs({ entryPoints: this.entryPoints });
  }

  /**
   * The middleware checks of a web entry point: per rule, a pool of the same back end (users'
   * requests to the reserved path go to the web port, as to any unknown path) whose health check
   * asks the host's responder, on its own port, whether the rule holds (200 only), joined to the 443
   * listener by an L7 policy on `MIDDLEWARE_CHECK_POOL_PATH/<rule id>`, as the login check.
   */
  private middlewareCheckPools(
    lid: string,
    e: EntryPointNeed,
    listener: Listener,
    lb: Loadbalancer,
    backend: { readonly address: pulumi.Input<string>; readonly subnetId: pulumi.Input<string> },
    backendPort: number,
    args: HuaweiEntryPointsArgs,
  ): { middleware?: Record<string, pulumi.Output<string>> } {
    const rules = args.middlewareChecks?.[e.key] ?? [];
    if (rules.length === 0) return {};
    const pools: Record<string, pulumi.Output<string>> = {};
    const port = args.middlewareCheckPort ?? MIDDLEWARE_CHECK_PORT;
    for (const rule of rules) {
      pools[rule] = this.checkPool(`${lid}-${rule}`, rule, e, listener, lb, backend, backendPort, { port, urlPath: `/${rule}`, statusCode: "200" }, `${MIDDLEWARE_CHECK_POOL_PATH}/${rule}`);
    }
    return { middleware: pools };
  }

  /**
   * A check pool (the login check, a middleware check): the web back end in a pool of its own, with
   * its own health check, joined to the 443 listener by an L7 policy on one reserved path only, so
   * users never depend on it. Child names `<id>-pool`, `-member`, `-health`, `-check`, `-check-path`.
   */
  private checkPool(
    id: string,
    what: string,
    e: EntryPointNeed,
    listener: Listener,
    lb: Loadbalancer,
    backend: { readonly address: pulumi.Input<string>; readonly subnetId: pulumi.Input<string> },
    backendPort: number,
    health: { readonly port?: number; readonly urlPath: string; readonly statusCode: string },
    reservedPath: string,
  ): pulumi.Output<string> {
    const parent = { parent: this };
    const pool = new Pool(`${id}-pool`, { name: `${id}-pool`, loadbalancerId: lb.id, protocol: "HTTP", lbMethod: "ROUND_ROBIN", description: `${what} check of ${e.key} (tenantry)` }, parent);
    new Member(`${id}-member`, { name: `${id}-${e.product}`, poolId: pool.id, address: backend.address, protocolPort: backendPort, subnetId: backend.subnetId }, parent);
    new Monitor(`${id}-health`, { name: `${id}-health`, poolId: pool.id, protocol: "HTTP", ...HEALTH_CHECK, ...health }, parent);
    const policy = new L7policy(
      `${id}-check`,
      { name: `${id}-check`, description: `joins the ${what} check pool of ${e.key} (tenantry)`, listenerId: listener.id, action: "REDIRECT_TO_POOL", redirectPoolId: pool.id },
      parent,
    );
    new L7rule(`${id}-check-path`, { l7policyId: policy.id, type: "PATH", compareType: "EQUAL_TO", value: reservedPath }, parent);
    return pool.id;
  }
}
