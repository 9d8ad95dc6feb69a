/**
 * The cloud-neutral network layout of a tenant (product-facts.md §3: VPC planning, subnet division,
 * security-group policy): which security groups exist, which rules they hold, which groups each
 * host joins, and how each subnet tier reaches the internet. Every cloud renders this same layout.
 */
import { z } from "zod";
import { ipv4CidrProblems, SUBNET_TIERS, type SubnetTier } from "./cidr.js";
import type { Product } from "./manifest.js";
import type { EntryPointNeed } from "./reach.js";
import { MIDDLEWARE_METRICS_PORT, type Middleware } from "./monitoring.js";

/** `entry` holds the tenant's load balancers (where the cloud gives them security groups). */
export const SECURITY_GROUPS = ["web", "app", "data", "management", "ops", "entry"] as const;
export type SecurityGroupRole = (typeof SECURITY_GROUPS)[number];
/** The groups hosts and databases join: every group but the load balancers' `entry`. */
export type HostSecurityGroupRole = Exclude<SecurityGroupRole, "entry">;

/**
 * The security groups a cloud renders: all of them, or, where load balancers join no security group
 * (`balancerGroup: false`, e.g. Huawei Cloud's dedicated ELBs), all but `entry`, which nothing
 * would join and which would only hold world-open rules.
 */
export function securityGroupsOf(balancerGroup: boolean): readonly SecurityGroupRole[] {
  return balancerGroup ? SECURITY_GROUPS : SECURITY_GROUPS.filter((g) => g !== "entry");
}

export const SSH_PORT = 22;
export const MYSQL_PORT = 3306;
export const WEB_PORTS = [80, 443] as const;
/** Ports that must never be open to the whole internet: SSH, RDP, MySQL. */
export const ADMIN_AND_DATABASE_PORTS = [SSH_PORT, 3389, MYSQL_PORT] as const;
/** Where the ops server's Prometheus scrapes host metrics: node_exporter's registered default port. */
export const NODE_EXPORTER_PORT = 9100;

/** How users' traffic reaches the hosts: through the tenant's load balancers, or straight to the host's public IP. */
export const ENTRY_MODES = ["load-balancer", "direct"] as const;
export type EntryMode = (typeof ENTRY_MODES)[number];

/** Where a load balancer's traffic comes from, as the hosts see it: a security group, or address ranges. */
export type Source = { readonly cidr: string } | { readonly group: SecurityGroupRole };

export interface IngressRule {
  /** Stable id, used in resource names: derived from the rule, never from list positions. */
  readonly id: string;
  readonly group: SecurityGroupRole;
  readonly port: number;
  readonly from: Source;
  readonly description: string;
}

/** How a cloud's load balancers reach the hosts: for HTTP(S) listeners (`l7`) and TCP listeners (`l4`). */
export interface LoadBalancerPeers {
  readonly l7: readonly Source[];
  /** `clients`: the balancer keeps the client's address, so the hosts admit the allowed client CIDRs. */
  readonly l4: readonly (Source | "clients")[];
}

/** The reachability part of the layout: entry points, who may use them, and how load balancers arrive. */
export interface EntryLayout {
  readonly mode: EntryMode;
  readonly entryPoints: readonly EntryPointNeed[];
  /** Who may use the web entry points (443, 80). */
  readonly webCidrs: readonly string[];
  /** Who may use the backup-client entry point. */
  readonly clientCidrs: readonly string[];
  /** With `load-balancer`: how the cloud's balancers reach the hosts. */
  readonly peers?: LoadBalancerPeers;
  /**
   * Whether the cloud's load balancers join the `entry` group. Default `true`. `false` where they
   * have no security group (Huawei Cloud's dedicated ELBs): no `entry` rules at all; who may use
   * an entry point is then the balancer's own access control (e.g. an IP address group).
   */
  readonly balancerGroup?: boolean;
}

const sourceId = (s: Source) => ("cidr" in s ? nameSafe(s.cidr) : `from-${s.group}`);
const sourceText = (s: Source) => ("cidr" in s ? s.cidr : `the ${s.group} group`);

/** A name-safe form of a CIDR or other free value (`10.0.0.0/8` -> `10-0-0-0-8`). */
export function nameSafe(value: string): string {
  return value.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
}

/**
 * The ingress rules of a tenant network, exactly for the traffic the tenant has:
 * - users: the web entry points (443, 80) from `webCidrs` and the backup-client ports from
 *   `clientCidrs`, into the `entry` group (load balancers; none where balancers join no group,
 *   `balancerGroup: false`) or, `direct`, into the `web` group;
 * - load balancers to hosts: the web back-end port and the client ports, from the balancers (`peers`);
 * - MySQL into `data` from `app` and from the ops server;
 * - the ops server to what it monitors: SSH into `management`, node_exporter, the web and client
 *   ports of the `web` group, MySQL;
 * - SSH into the ops server (`ops`) only from `adminCidrs`;
 * - with `middlewareCheckPort` (a cloud whose balancers' health checks watch the middleware, core
 *   `middlewareCheckCloudInit`), the balancers into that port of the `web` group, when a host runs
 *   middleware and users come through load balancers.
 */
export function ingressRules(args: { adminCidrs: readonly string[]; entry?: EntryLayout; middleware?: readonly Middleware[]; middlewareCheckPort?: number }): IngressRule[] {
  const rules: IngressRule[] = [];
  // Rules released before entry points keep their ids (resource names never change).
  const add = (group: SecurityGroupRole, port: number, from: Source, what: string, releasedId?: string) => {
    const id = releasedId ?? `${group}-${port}-${sourceId(from)}`;
    if (!rules.some((r) => r.id === id)) rules.push({ id, group, port, from, description: `${what} ${port} from ${sourceText(from)}` });
  };
  const entry = args.entry;
  const web = entry?.entryPoints.filter((e) => e.purpose === "web") ?? [];
  const clients = entry?.entryPoints.filter((e) => e.purpose === "backup-clients") ?? [];
  const publicPorts = [...new Set(web.flatMap((e) => e.listeners.map((l) => l.port)))];
  const backendPorts = [...new Set(web.flatMap((e) => e.listeners.flatMap((l) => (l.backendPort !== undefined ? [l.backendPort] : []))))];
  const clientPorts = [...new Set(clients.flatMap((e) => e.listeners.map((l) => l.port)))];
  if (entry?.mode === "load-balancer") {
    const peers = entry.peers ?? { l7: [{ group: "entry" }], l4: [{ group: "entry" }] };
    if (entry.balancerGroup === false && [...peers.l7, ...peers.l4].some((p) => p !== "clients" && "group" in p && p.group === "entry")) {
      throw new Error("ingressRules: balancers that join no security group cannot reach the hosts from the entry group: give their peers");
    }
    if (entry.balancerGroup !== false) {
      for (const port of publicPorts) for (const cidr of entry.webCidrs) add("entry", port, { cidr }, "users to the web entry point on");
      for (const port of clientPorts) for (const cidr of entry.clientCidrs) add("entry", port, { cidr }, "backup clients to the entry point on");
    }
    for (const port of backendPorts) for (const peer of peers.l7) add("web", port, peer, "the load balancer to the web back end on");
    const l4 = peers.l4.flatMap((p) => (p === "clients" ? entry.clientCidrs.map((cidr): Source => ({ cidr })) : [p]));
    for (const port of clientPorts) for (const peer of l4) add("web", port, peer, "backup clients through the load balancer on");
    if (args.middlewareCheckPort !== undefined && (args.middleware ?? []).length > 0 && web.length > 0) {
      for (const peer of peers.l7) add("web", args.middlewareCheckPort, peer, "the load balancer's middleware checks on");
    }
  } else if (entry) {
    for (const port of publicPorts) for (const cidr of entry.webCidrs) add("web", port, { cidr }, "users to the web port");
    for (const port of clientPorts) for (const cidr of entry.clientCidrs) add("web", port, { cidr }, "backup clients to port");
  }
  add("data", MYSQL_PORT, { group: "app" }, "MySQL", "data-mysql-from-app");
  add("data", MYSQL_PORT, { group: "ops" }, "MySQL (monitoring)");
  add("management", SSH_PORT, { group: "ops" }, "SSH", "management-ssh-from-ops");
  add("management", NODE_EXPORTER_PORT, { group: "ops" }, "node_exporter (monitoring)");
  for (const m of new Set(args.middleware ?? [])) add("management", MIDDLEWARE_METRICS_PORT[m], { group: "ops" }, `${m} metrics (monitoring)`);
  const monitoredWebPorts = entry?.mode === "direct" ? [...publicPorts, ...backendPorts] : backendPorts;
  for (const port of [...monitoredWebPorts, ...clientPorts]) add("web", port, { group: "ops" }, "monitoring probes to port");
  for (const cidr of args.adminCidrs) add("ops", SSH_PORT, { cidr }, "SSH into the ops server", `ops-ssh-${nameSafe(cidr)}`);
  return rules;
}

/** Groups whose members may send anywhere (updates, object storage, monitoring). */
export const EGRESS_GROUPS: readonly HostSecurityGroupRole[] = ["app", "ops"];

/** The security groups a host joins: the ops server `ops`; every service host `app`, `web`, `management`. */
export function hostSecurityGroups(key: Product): HostSecurityGroupRole[] {
  return key === "ops-server" ? ["ops"] : ["app", "web", "management"];
}

/**
 * How each subnet tier reaches the internet: `public` (directly: internet gateway or the host's
 * own public IP), `private` (out through NAT), `isolated` (not at all). Management is public so
 * that the ops server's public IP works.
 */
export const ROUTE_OF_TIER: Readonly<Record<SubnetTier, "public" | "private" | "isolated">> = {
  public: "public",
  management: "public",
  app: "private",
  data: "isolated",
};

/**
 * A list of CIDRs for an allow list; with `allowWorld: false`, `/0` (the whole internet) is refused.
 * `what` names what the list opens, for the message.
 */
export function allowListSchema(what: string, allowWorld: boolean) {
  return z.array(
    z.string().superRefine((cidr, ctx) => {
      for (const message of ipv4CidrProblems(cidr)) ctx.addIssue({ code: "custom", message, input: cidr });
      if (!allowWorld && cidr.endsWith("/0")) {
        ctx.addIssue({ code: "custom", message: `must not open ${what} to the whole internet: name the networks that need it`, input: cidr });
      }
    }),
  );
}

/** A planned tenant network (core `TenantBlueprint["network"]`), as components receive it. */
export const plannedNetworkSchema = z.object({
  cidr: z.string(),
  zones: z.number().int().min(1),
  subnets: z.array(z.object({ tier: z.enum(SUBNET_TIERS), zone: z.number().int().min(0), cidr: z.string() })).min(1),
});
