/**
 * A tenant's public entry points on Alibaba Cloud (core `EntryPointNeed`): per entry point an
 * internet CLB (SLB) instance billed by bandwidth, with the documented bandwidth of the AnyShare tier
 * (product-facts.md §1) or the configured one: HTTPS 443 with the certificate, HTTP 80 redirecting to
 * 443, a TCP listener per backup-client port, users limited to the allowed CIDRs by an access list;
 * or, with `eip`, the host's own EIP (its bandwidth set by the host). Optional Alibaba Cloud DNS records.
 *
 * The middleware rules (product-facts.md §5) without any credential on the hosts: per rule of the
 * web host, a TCP listener on the web CLB on the rule's reserved frontend port (core
 * `middlewareCheckListenerPort`) whose back end is the host's middleware check responder (core
 * `middlewareCheckCloudInit`) and whose HTTP health check asks it for that rule (2xx only).
 * CloudMonitor reports unhealthy back ends per listener, so each rule has a count of its own
 * (`AlicloudMiddlewareChecks` alarms on it). No user reaches these listeners: an access list that
 * admits only an address no client can connect from (`NO_CLIENT`; an empty whitelist admits everyone).
 */
import * as alicloud from "@pulumi/alicloud";
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { MIDDLEWARE_CHECK_PORT, middlewareCheckListenerPorts, middlewareCheckPath, nameSafe, TAG_KEYS, validated, type EntryPointNeed, type Tags, type WebProduct } from "../core/index.js";

export const ALICLOUD_ENTRY_MODES = ["slb", "eip"] as const;
export type AlicloudEntryMode = (typeof ALICLOUD_ENTRY_MODES)[number];

/** TLS 1.2 and later on the HTTPS listeners. */
export const TLS_CIPHER_POLICY = "tls_cipher_policy_1_2";

/**
 * The one entry of the middleware-check listeners' whitelist: an address of TEST-NET-1 (RFC 5737,
 * reserved for documentation, never routed on the internet), so no client can open a connection.
 * A whitelist must not be empty: CLB forwards every request when an access list holds no entry
 * (CLB, "Access control" overview).
 */
export const NO_CLIENT = "192.0.2.1/32";

/**
 * The health checks of the middleware-check listeners (Tenantry's choice, as Huawei's): every 5 s,
 * 5 s to answer (the provider raises a timeout shorter than the interval to it), 3 checks to change
 * state; 2xx only (the responder answers 200 or 503).
 */
export const CLB_MIDDLEWARE_HEALTH_CHECK = { healthCheckInterval: 5, healthCheckTimeout: 5, healthyThreshold: 3, unhealthyThreshold: 3, healthCheckHttpCode: "http_2xx" } as const;

export interface AlicloudEntryPointsArgs {
  readonly entryPoints: readonly EntryPointNeed[];
  readonly mode: AlicloudEntryMode;
  /** The SLB server certificate id of the 443 listeners. Required with `slb` when there is a web entry point. */
  readonly certificateId?: pulumi.Input<string>;
  /** Bandwidth in Mbit/s of an entry point the documents give none (AnyBackup's). Required with `slb` when there is one. */
  readonly bandwidthMbps?: number;
  /** The CLB specification. Default `slb.s1.small` (Tenantry's choice). */
  readonly loadBalancerSpec?: string;
  readonly instanceIds: Partial<Record<WebProduct, pulumi.Input<string>>>;
  /** Each product host's EIP address: required with `eip`. Default: none. */
  readonly publicIps?: Partial<Record<WebProduct, pulumi.Input<string>>>;
  /** Who may use the web and the backup-client entry points. */
  readonly webCidrs: readonly string[];
  readonly clientCidrs: readonly string[];
  /** The Alibaba Cloud DNS domain of the entry points' names. Default: no records. */
  readonly dnsDomain?: string;
  readonly tags: Partial<Record<WebProduct, Tags>>;
  /**
   * The middleware rules (core rule ids) of each web entry point's host that the CLB checks: a
   * listener per rule, health-checked on the host's middleware check responder, with `slb`. Default: none.
   */
  readonly middlewareChecks?: Partial<Record<EntryPointNeed["key"], readonly string[]>>;
  /** The port of the hosts' middleware check responder. Default `MIDDLEWARE_CHECK_PORT` (ours). */
  readonly middlewareCheckPort?: number;
}

/** A web entry point's middleware checks: its CLB, and each rule's listener port. */
export interface AlicloudMiddlewareListeners {
  readonly loadBalancerId: pulumi.Output<string>;
  /** The CLB's service address (CloudMonitor's `vip` dimension). */
  readonly address: pulumi.Output<string>;
  /** The frontend port of each rule's listener (by core rule id). */
  readonly ports: Readonly<Record<string, number>>;
}

const argsSchema = z
  .object({
    mode: z.enum(ALICLOUD_ENTRY_MODES),
    certificateId: z.any().optional(),
    bandwidthMbps: z.number().int().min(1).max(5000).optional(),
    loadBalancerSpec: z.string().default("slb.s1.small"),
    middlewareChecks: z.record(z.string(), z.array(z.string().regex(/^[a-z0-9-]+$/, { error: "must be a core middleware rule id (lowercase letters, digits, -)" }))).optional(),
    middlewareCheckPort: z.number().int().min(1).max(65535).optional(),
  })
  .superRefine((a, ctx) => {
    if (a.mode === "slb" && a.certificateId === undefined) ctx.addIssue({ code: "custom", path: ["certificateId"], message: "is required with slb: the server certificate of the 443 listeners" });
  });

export interface AlicloudEntryPointSummary {
  hostName: pulumi.Output<string>;
  listeners: string[];
  /** Applied: the CLB's (or EIP's) bandwidth in Mbit/s. */
  bandwidthMbps?: number;
}

export class AlicloudEntryPoints extends pulumi.ComponentResource {
  public readonly entryPoints: Record<string, AlicloudEntryPointSummary> = {};
  /** The middleware-check listeners of each web entry point (none with `eip`). */
  public readonly middlewareListeners: Partial<Record<EntryPointNeed["key"], AlicloudMiddlewareListeners>> = {};

  constructor(name: string, args: AlicloudEntryPointsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("tenantry:alicloud:EntryPoints", name, {}, opts);
    const used = args.entryPoints.filter((e) => e.listeners.length > 0);
    const a = validated(argsSchema, args.mode === "slb" && used.length > 0 ? args : { ...args, mode: "eip" }, `arguments of AlicloudEntryPoints ${name}`, "args.");
    const parent = { parent: this };
    if (args.mode === "slb" && used.some((e) => e.bandwidthMbps === undefined) && args.bandwidthMbps === undefined) {
      throw new Error(`AlicloudEntryPoints ${name}: args.bandwidthMbps is required: an entry point has no documented bandwidth (Mbit/s)`);
    }
    const acl = (cidrs: readonly string[], id: string) => {
      if (cidrs.some((c) => c.endsWith("/0"))) return {};
      // Nobody allowed: CLB would forward every request under an empty whitelist, so it holds `NO_CLIENT`.
      const entries = cidrs.length > 0 ? cidrs.map((entry) => ({ entry, comment: "tenantry" })) : [{ entry: NO_CLIENT, comment: "tenantry-no-client-rfc5737" }];
      const list = new alicloud.slb.Acl(id, { name: id, ipVersion: "ipv4", entryLists: entries }, parent);
      return { aclStatus: "on", aclType: "white", aclId: list.id };
    };

    for (const e of used) {
      const id = `${name}-${e.key}`;
      const base = args.tags[e.product] ?? {};
      const instanceId = args.instanceIds[e.product];
      if (instanceId === undefined) throw new Error(`AlicloudEntryPoints ${name}: no instance for ${e.product}`);
      let address: pulumi.Output<string>;
      let bandwidth: number | undefined;
      if (args.mode === "eip") {
        const ip = args.publicIps?.[e.product];
        if (ip === undefined) throw new Error(`AlicloudEntryPoints ${name}: mode eip needs the EIP of ${e.product}`);
        address = pulumi.output(ip);
        bandwidth = e.bandwidthMbps;
      } else {
        bandwidth = e.bandwidthMbps ?? a.bandwidthMbps!;
        const lb = new alicloud.slb.ApplicationLoadBalancer(
          `${id}-slb`,
          {
            loadBalancerName: id,
            addressType: "internet",
            internetChargeType: "PayByBandwidth",
            bandwidth,
            loadBalancerSpec: a.loadBalancerSpec,
            paymentType: "PayAsYouGo",
            tags: { ...base, [TAG_KEYS.bandwidthMbps]: String(bandwidth) },
          },
          parent,
        );
        new alicloud.slb.BackendServer(`${id}-backends`, { loadBalancerId: lb.id, backendServers: [{ serverId: instanceId, weight: 100, type: "ecs" }] }, parent);
        const limit = acl(e.purpose === "web" ? args.webCidrs : args.clientCidrs, `${id}-acl`);
        for (const l of e.listeners) {
          const common = { loadBalancerId: lb.id, frontendPort: l.port, bandwidth: -1, ...limit };
          if (l.protocol === "http-redirect") {
            new alicloud.slb.Listener(`${id}-${l.port}`, { ...common, protocol: "http", listenerForward: "on", forwardPort: 443 }, { parent: this, dependsOn: [] });
          } else if (l.protocol === "https") {
            new alicloud.slb.Listener(
              `${id}-${l.port}`,
              {
                ...common,
                protocol: "https",
                backendPort: l.backendPort!,
                serverCertificateId: args.certificateId!,
                tlsCipherPolicy: TLS_CIPHER_POLICY,
                stickySession: "off",
                healthCheck: "on",
                healthCheckUri: "/",
                healthCheckHttpCode: "http_2xx,http_3xx",
                xForwardedFor: { retriveClientIp: true },
              },
              parent,
            );
          } else {
            new alicloud.slb.Listener(`${id}-${l.port}`, { ...common, protocol: "tcp", backendPort: l.backendPort!, healthCheckType: "tcp" }, parent);
          }
        }
        const rules = e.purpose === "web" ? (a.middlewareChecks?.[e.key] ?? []) : [];
        if (rules.length > 0) this.middlewareListeners[e.key] = { loadBalancerId: lb.id, address: lb.address, ports: this.middlewareCheckListeners(id, e, lb, rules, a.middlewareCheckPort ?? MIDDLEWARE_CHECK_PORT) };
        address = lb.address;
      }
      let hostName = address;
      if (e.dnsName && args.dnsDomain && e.dnsName.endsWith(`.${args.dnsDomain}`)) {
        const rr = e.dnsName.slice(0, -(args.dnsDomain.length + 1));
        new alicloud.dns.AlidnsRecord(`${id}-dns`, { domainName: args.dnsDomain, rr, type: "A", value: address, ttl: 600, remark: `tenantry ${nameSafe(e.key)}` }, parent);
        hostName = pulumi.output(e.dnsName);
      }
      this.entryPoints[e.key] = { hostName, listeners: e.listeners.map((l) => `${l.port}/${l.protocol}`), ...(bandwidth !== undefined ? { bandwidthMbps: bandwidth } : {}) };
    }
    this.registerOutputs({ entryPoints: this.entryPoints });
  }

  /**
   * Per rule a TCP listener on its reserved port, forwarding to the responder's port and
   * health-checked there over HTTP on `/<rule id>`, behind an access list that admits no client.
   * Child names `<id>-checks-acl` and `<id>-<rule id>`.
   */
  private middlewareCheckListeners(id: string, e: EntryPointNeed, lb: alicloud.slb.ApplicationLoadBalancer, rules: readonly string[], responderPort: number): Record<string, number> {
    const parent = { parent: this };
    const ports = middlewareCheckListenerPorts(rules);
    const taken = e.listeners.map((l) => l.port).filter((p) => Object.values(ports).includes(p));
    if (taken.length > 0) throw new Error(`AlicloudEntryPoints: ${e.key} already listens on ${taken.join(", ")}, a middleware-check listener's port`);
    const nobody = new alicloud.slb.Acl(`${id}-checks-acl`, { name: `${id}-checks`, ipVersion: "ipv4", entryLists: [{ entry: NO_CLIENT, comment: "tenantry-no-client-rfc5737" }] }, parent);
    for (const rule of rules) {
      new alicloud.slb.Listener(
        `${id}-${rule}`,
        {
          loadBalancerId: lb.id,
          protocol: "tcp",
          frontendPort: ports[rule]!,
          backendPort: responderPort,
          bandwidth: -1,
          // Letters, digits, hyphens only: what every CLB name and description accepts.
          description: `tenantry-middleware-check-${rule}`,
          aclStatus: "on",
          aclType: "white",
          aclIds: [nobody.id],
          healthCheckType: "http",
          healthCheckConnectPort: responderPort,
          healthCheckUri: middlewareCheckPath({ id: rule }),
          ...CLB_MIDDLEWARE_HEALTH_CHECK,
        },
        parent,
      );
    }
    return ports;
  }
}
