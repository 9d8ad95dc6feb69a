/**
 * The cloud-neutral network layout of a tenant (product-facts.md §3: VPC planning, subnet division,
 * security-group policy): which security groups exist, which rules they hold, which groups each
 * host joins, and how each subnet tier reaches the internet. Every cloud renders this same layout.
 */
import { z } from "zod";
import { ipv4CidrProblems, SUBNET_TIERS, type SubnetTier } from "./cidr.js";
import type { Product } from "./manifest.js";

export const SECURITY_GROUPS = ["web", "app", "data", "management", "ops"] as const;
export type SecurityGroupRole = (typeof SECURITY_GROUPS)[number];

export const SSH_PORT = 22;
export const MYSQL_PORT = 3306;
export const WEB_PORTS = [80, 443] as const;
/** Ports that must never be open to the whole internet: SSH, RDP, MySQL. */
export const ADMIN_AND_DATABASE_PORTS = [SSH_PORT, 3389, MYSQL_PORT] as const;

export interface IngressRule {
  /** Stable id, used in resource names: derived from the rule, never from list positions. */
  readonly id: string;
  readonly group: SecurityGroupRole;
  readonly port: number;
  readonly from: { readonly cidr: string } | { readonly group: SecurityGroupRole };
  readonly description: string;
}

/** A name-safe form of a CIDR or other free value (`10.0.0.0/8` -> `10-0-0-0-8`). */
export function nameSafe(value: string): string {
  return value.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
}

/**
 * The ingress rules of a tenant network: web ports from the VPC and `webCidrs`; MySQL into `data`
 * only from `app`; SSH into tenant hosts (`management`) only from the ops server's group; SSH
 * into the ops server (`ops`) only from `adminCidrs`.
 */
export function ingressRules(args: { vpcCidr: string; webCidrs: readonly string[]; adminCidrs: readonly string[] }): IngressRule[] {
  const rules: IngressRule[] = [];
  for (const port of WEB_PORTS) {
    for (const cidr of [args.vpcCidr, ...args.webCidrs]) {
      rules.push({ id: `web-${port}-${nameSafe(cidr)}`, group: "web", port, from: { cidr }, description: `web port ${port} from ${cidr}` });
    }
  }
  rules.push({ id: "data-mysql-from-app", group: "data", port: MYSQL_PORT, from: { group: "app" }, description: "MySQL only from the app group" });
  rules.push({ id: "management-ssh-from-ops", group: "management", port: SSH_PORT, from: { group: "ops" }, description: "SSH into tenant hosts only from the ops server" });
  for (const cidr of args.adminCidrs) {
    rules.push({ id: `ops-ssh-${nameSafe(cidr)}`, group: "ops", port: SSH_PORT, from: { cidr }, description: `SSH into the ops server from ${cidr}` });
  }
  return rules;
}

/** Groups whose members may send anywhere (updates, object storage, monitoring). */
export const EGRESS_GROUPS: readonly SecurityGroupRole[] = ["app", "ops"];

/** The security groups a host joins: the ops server `ops`; every service host `app`, `web`, `management`. */
export function hostSecurityGroups(key: Product): SecurityGroupRole[] {
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
