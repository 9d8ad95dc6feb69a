/**
 * A tenant's own network on Huawei Cloud (product-facts.md §3: overlay model, one VPC per tenant):
 * the VPC of the tenant block, a subnet per planned subnet, a NAT gateway with SNAT rules for the
 * private subnets, and the core security-group layout (Huawei's default rules removed first).
 */
import * as pulumi from "@pulumi/pulumi";
import { Netmask } from "netmask";
import { z } from "zod";
import {
  allowListSchema,
  DEFAULT_LOG_RETENTION_DAYS,
  EGRESS_GROUPS,
  ENTRY_MODES,
  ingressRules,
  plannedNetworkSchema,
  ROUTE_OF_TIER,
  securityGroupsOf,
  SUBNET_TIERS,
  validated,
  type EntryMode,
  type EntryPointNeed,
  type HostSecurityGroupRole,
  type Middleware,
  type PlannedSubnet,
  type SecurityGroupRole,
  type SubnetTier,
  type Tags,
} from "../core/index.js";
import { stackScope } from "./naming.js";
import { Eip, FlowLog, getAvailabilityZones, LtsGroup, LtsStream, NatGateway, Secgroup, SecgroupRule, SnatRule, Subnet, Vpc } from "./provider/index.js";

export const HUAWEI_NAT_STRATEGIES = ["none", "single"] as const;
export type HuaweiNatStrategy = (typeof HUAWEI_NAT_STRATEGIES)[number];
/** NAT gateway sizes: `"1"` small (10,000 SNAT connections) to `"4"` extra-large (1,000,000). */
export const NAT_SPECS = ["1", "2", "3", "4"] as const;

export interface HuaweiNetworkArgs {
  /** The tenant block and its subnet plan: a core `TenantBlueprint["network"]`. */
  readonly network: { readonly cidr: string; readonly zones: number; readonly subnets: readonly PlannedSubnet[] };
  readonly tags: Tags;
  /** The enterprise project of the tenant's resources. Default: none (the account's default project). */
  readonly enterpriseProjectId?: pulumi.Input<string>;
  /** `single`: one NAT gateway with SNAT for the private subnets; `none`: no way out. Default `single`. */
  readonly natStrategy?: HuaweiNatStrategy;
  /** Bandwidth of the NAT gateway's EIP in Mbit/s. Not documented: required with a NAT gateway. */
  readonly natBandwidthMbps?: number;
  /** The NAT gateway's size. Not documented: Tenantry's default is the smallest, `"1"`. */
  readonly natSpec?: (typeof NAT_SPECS)[number];
  /** Who may use the web entry points (443, 80). Default: nobody. */
  readonly webCidrs?: readonly string[];
  /** Who may use the backup-client entry point. Default: `webCidrs`. */
  readonly clientCidrs?: readonly string[];
  /** The tenant's entry points (core `TenantBlueprint["entryPoints"]`): the security groups admit exactly their traffic. Default: none. */
  readonly entryPoints?: readonly EntryPointNeed[];
  /** Through load balancers, or straight to the hosts' public IPs. Default `load-balancer`. */
  readonly entryMode?: EntryMode;
  /** Middleware the tenant's hosts run: the ops server may scrape their metrics ports. Default: none. */
  readonly middleware?: readonly Middleware[];
  /** The port of the hosts' middleware check responder, which the ELBs' health checks request (from the public subnets). Default: none (no such rule). */
  readonly middlewareCheckPort?: number;
  /** Who may SSH into the ops server. Default: nobody. Never the whole internet. */
  readonly adminCidrs?: readonly string[];
  /** Availability zone names, one per zone of the plan. Default: the region's first zones. */
  readonly zoneNames?: readonly pulumi.Input<string>[];
  /** VPC flow logs (all traffic) into an LTS group and stream of the tenant's own. Default `true`. */
  readonly flowLogs?: boolean;
  /** Days flow logs are kept (LTS keeps 1 to 365). Default 365 (Tenantry's choice, `DEFAULT_LOG_RETENTION_DAYS`). */
  readonly flowLogRetentionDays?: number;
}

const argsSchema = z
  .object({
    network: plannedNetworkSchema,
    natStrategy: z.enum(HUAWEI_NAT_STRATEGIES, { error: `must be one of ${HUAWEI_NAT_STRATEGIES.join(", ")}` }).default("single"),
    natBandwidthMbps: z.number().int().min(1).max(300).optional(),
    natSpec: z.enum(NAT_SPECS).default("1"),
    webCidrs: allowListSchema("the web ports", true).default([]),
    clientCidrs: allowListSchema("the backup-client ports", true).optional(),
    entryMode: z.enum(ENTRY_MODES).default("load-balancer"),
    adminCidrs: allowListSchema("SSH", false).default([]),
    flowLogs: z.boolean().default(true),
    flowLogRetentionDays: z.number().int().min(1).max(365).default(DEFAULT_LOG_RETENTION_DAYS),
  })
  .superRefine((a, ctx) => {
    if (a.natStrategy === "single" && a.natBandwidthMbps === undefined) {
      ctx.addIssue({ code: "custom", path: ["natBandwidthMbps"], message: "is required with a NAT gateway: the bandwidth of its EIP in Mbit/s (not documented)" });
    }
  });

/** The gateway address Huawei needs for a subnet: its first host. */
export function gatewayIpOf(cidr: string): string {
  return new Netmask(cidr).first;
}

export class HuaweiNetwork extends pulumi.ComponentResource {
  public readonly vpcId: pulumi.Output<string>;
  /** Subnet (network) ids per tier, in zone order. */
  public readonly subnetIds: Record<SubnetTier, pulumi.Output<string>[]>;
  /** IPv4 subnet ids per tier, in zone order (what ELB balancers and members take). */
  public readonly ipv4SubnetIds: Record<SubnetTier, pulumi.Output<string>[]>;
  /** Subnet CIDRs per tier, in zone order. */
  public readonly subnetCidrs: Record<SubnetTier, string[]>;
  public readonly zoneNames: pulumi.Output<string>[];
  /** Every core group but `entry`: dedicated ELBs join no security group (see below). */
  public readonly securityGroupIds: Record<HostSecurityGroupRole, pulumi.Output<string>>;

  constructor(name: string, args: HuaweiNetworkArgs, opts?: pulumi.ComponentResourceOptions) {
    super("tenantry:huaweicloud:Network", name, {}, opts);
    const a = validated(argsSchema, args, `arguments of HuaweiNetwork ${name}`, "args.");
    const parent = { parent: this };
    const { zones, cidr } = a.network;
    const eps = args.enterpriseProjectId !== undefined ? { enterpriseProjectId: args.enterpriseProjectId } : {};

    this.zoneNames = args.zoneNames
      ? args.zoneNames.map((z) => pulumi.output(z))
      : Array.from({ length: zones }, (_, z) =>
          getAvailabilityZones({ state: "available" }, parent).names.apply((names) => {
            const zone = names[z];
            if (!zone) throw new Error(`HuaweiNetwork ${name}: the region has ${names.length} availability zones, the plan needs ${zones}`);
            return zone;
          }),
        );

    const vpc = new Vpc(`${name}-vpc`, { name: `${name}-vpc`, cidr, description: `${name} (tenantry)`, ...eps, tags: args.tags }, parent);
    this.vpcId = vpc.id;
    const subnets = a.network.subnets.map((s) => ({
      ...s,
      subnet: new Subnet(
        `${name}-${s.tier}-${s.zone}`,
        { name: `${name}-${s.tier}-${s.zone}`, vpcId: vpc.id, cidr: s.cidr, gatewayIp: gatewayIpOf(s.cidr), availabilityZone: this.zoneNames[s.zone]!, tags: args.tags },
        parent,
      ),
    }));
    const byTier = <T>(pick: (v: (typeof subnets)[number]) => T) =>
      Object.fromEntries(SUBNET_TIERS.map((tier) => [tier, subnets.filter((v) => v.tier === tier).sort((x, y) => x.zone - y.zone).map(pick)])) as Record<SubnetTier, T[]>;
    this.subnetIds = byTier((v) => v.subnet.id);
    this.ipv4SubnetIds = byTier((v) => v.subnet.ipv4SubnetId);
    this.subnetCidrs = byTier((v) => v.cidr);

    if (a.natStrategy === "single") {
      const publicSubnet = subnets.find((v) => v.tier === "public" && v.zone === 0)!.subnet;
      const nat = new NatGateway(
        `${name}-nat`,
        { name: `${name}-nat`, vpcId: vpc.id, subnetId: publicSubnet.id, spec: a.natSpec, description: `${name} (tenantry)`, ...eps, tags: args.tags },
        parent,
      );
      const eip = new Eip(
        `${name}-nat-eip`,
        {
          name: `${name}-nat-eip`,
          publicip: { type: "5_bgp" },
          bandwidth: { shareType: "PER", name: `${name}-nat`, size: a.natBandwidthMbps!, chargeMode: "bandwidth" },
          ...eps,
          tags: args.tags,
        },
        parent,
      );
      for (const v of subnets.filter((v) => ROUTE_OF_TIER[v.tier] === "private")) {
        new SnatRule(
          `${name}-snat-${v.tier}-${v.zone}`,
          { natGatewayId: nat.id, floatingIpId: eip.id, subnetId: v.subnet.id, description: `${name} ${v.tier} ${v.zone}` },
          parent,
        );
      }
    }

    // Dedicated ELBs have no security group: the `entry` group, which only they would join, is not
    // made (it would hold world-open web rules that guard nothing). Their IP address groups say who
    // may use an entry point (entry-points.ts).
    const roles = securityGroupsOf(false) as readonly HostSecurityGroupRole[];
    const groups = Object.fromEntries(
      roles.map((role) => [
        role,
        new Secgroup(`${name}-${role}-sg`, { name: `${name}-${role}`, description: `${name} ${role} (tenantry)`, deleteDefaultRules: true, ...eps, tags: args.tags }, parent),
      ]),
    ) as Record<HostSecurityGroupRole, Secgroup>;
    this.securityGroupIds = Object.fromEntries(roles.map((role) => [role, groups[role].id])) as Record<HostSecurityGroupRole, pulumi.Output<string>>;
    const group = (role: SecurityGroupRole): Secgroup => {
      if (role === "entry") throw new Error(`HuaweiNetwork ${name}: a rule names the entry group, which Huawei Cloud's dedicated ELBs do not join`);
      return groups[role];
    };

    // A dedicated ELB has no security group: it reaches back ends from addresses of the subnet it sits in
    // (the public tier) and, on TCP listeners that pass the client's address through, from the clients.
    const balancerSubnets = subnets.filter((v) => v.tier === "public").map((v) => ({ cidr: v.cidr }));
    const entry = {
      mode: a.entryMode,
      entryPoints: args.entryPoints ?? [],
      webCidrs: a.webCidrs,
      clientCidrs: a.clientCidrs ?? a.webCidrs,
      peers: { l7: balancerSubnets, l4: [...balancerSubnets, "clients" as const] },
      balancerGroup: false,
    };
    for (const rule of ingressRules({ adminCidrs: a.adminCidrs, entry, middleware: args.middleware ?? [], ...(args.middlewareCheckPort !== undefined ? { middlewareCheckPort: args.middlewareCheckPort } : {}) })) {
      new SecgroupRule(
        `${name}-${rule.id}`,
        {
          securityGroupId: group(rule.group).id,
          direction: "ingress",
          ethertype: "IPv4",
          protocol: "tcp",
          portRangeMin: rule.port,
          portRangeMax: rule.port,
          action: "allow",
          description: rule.description,
          ...("cidr" in rule.from ? { remoteIpPrefix: rule.from.cidr } : { remoteGroupId: group(rule.from.group).id }),
        },
        parent,
      );
    }
    for (const role of EGRESS_GROUPS) {
      new SecgroupRule(
        `${name}-${role}-egress`,
        { securityGroupId: groups[role].id, direction: "egress", ethertype: "IPv4", remoteIpPrefix: "0.0.0.0/0", action: "allow", description: "outbound (updates, object storage, monitoring)" },
        parent,
      );
    }

    if (a.flowLogs) {
      // Every accepted and rejected connection of the VPC, into the tenant's own LTS group (names are
      // unique per account and region: the stack's scope is part of the group's).
      const group = new LtsGroup(`${name}-flow-logs`, { groupName: `${stackScope()}-${name}-flow-logs`.slice(0, 64), ttlInDays: a.flowLogRetentionDays, ...eps, tags: args.tags }, parent);
      const stream = new LtsStream(`${name}-flow-log-stream`, { groupId: group.id, streamName: "vpc-flow-logs", ...eps, tags: args.tags }, parent);
      new FlowLog(
        `${name}-flow-log`,
        { name: `${name}-flow-log`, description: `${name}: every accepted and rejected connection (tenantry)`, resourceType: "vpc", resourceId: vpc.id, trafficType: "all", logGroupId: group.id, logStreamId: stream.id, enabled: true },
        parent,
      );
    }

    this.registerOutputs({ vpcId: this.vpcId, subnetIds: this.subnetIds, securityGroupIds: this.securityGroupIds });
  }
}
