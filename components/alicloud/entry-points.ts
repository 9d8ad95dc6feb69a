/**
 * A tenant's public entry points on Alibaba Cloud (core `EntryPointNeed`): per entry point an
 * internet CLB (SLB) instance billed by bandwidth, with the documented bandwidth of the AnyShare tier
 * (product-facts.md §1) or the configured one: HTTPS 443 with the certificate, HTTP 80 redirecting to
 * 443, a TCP listener per backup-client port, users limited to the allowed CIDRs by an access list;
 * or, with `eip`, the host's own EIP (its bandwidth set by the host). Optional Alibaba Cloud DNS records.
 */
import * as alicloud from "@pulumi/alicloud";
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { nameSafe, TAG_KEYS, validated, type EntryPointNeed, type Tags, type WebProduct } from "../core/index.js";

export const ALICLOUD_ENTRY_MODES = ["slb", "eip"] as const;
export type AlicloudEntryMode = (typeof ALICLOUD_ENTRY_MODES)[number];

/** TLS 1.2 and later on the HTTPS listeners. */
export const TLS_CIPHER_POLICY = "tls_cipher_policy_1_2";

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
}

const argsSchema = z
  .object({ mode: z.enum(ALICLOUD_ENTRY_MODES), certificateId: z.any().optional(), bandwidthMbps: z.number().int().min(1).max(5000).optional(), loadBalancerSpec: z.string().default("slb.s1.small") })
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
      const list = new alicloud.slb.Acl(id, { name: id, ipVersion: "ipv4", entryLists: cidrs.map((entry) => ({ entry, comment: "tenantry" })) }, parent);
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
}
