/**
 * A tenant's own network on Alibaba Cloud (product-facts.md §3: overlay model, one VPC per tenant):
 * the VPC of the tenant block, a vSwitch per planned subnet, a NAT gateway with SNAT entries for the
 * private vSwitches, and the core security-group layout.
 */
import { createHash } from "node:crypto";
import * as alicloud from "@pulumi/alicloud";
import * as pulumi from "@pulumi/pulumi";
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
  TAG_KEYS,
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

/** The address range CLB (SLB) uses towards back-end servers (layer-7 forwarding and health checks). */
export const CLB_BACKEND_SOURCE = "100.64.0.0/10";

export const ALICLOUD_NAT_STRATEGIES = ["none", "single"] as const;
export type AlicloudNatStrategy = (typeof ALICLOUD_NAT_STRATEGIES)[number];

export interface AlicloudNetworkArgs {
  /** The tenant block and its subnet plan: a core `TenantBlueprint["network"]`. */
  readonly network: { readonly cidr: string; readonly zones: number; readonly subnets: readonly PlannedSubnet[] };
  readonly tags: Tags;
  /** `single`: one NAT gateway (in zone 0) with SNAT for the private vSwitches; `none`: no way out. Default `single`. */
  readonly natStrategy?: AlicloudNatStrategy;
  /** Bandwidth of the NAT gateway's EIP in Mbit/s. Not documented: required with a NAT gateway. */
  readonly natBandwidthMbps?: number;
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
  /** The port of the hosts' middleware check responder, which the CLBs' health checks request (from CLB's back-end range). Default: none (no such rule). */
  readonly middlewareCheckPort?: number;
  /** Who may SSH into the ops server. Default: nobody. Never the whole internet. */
  readonly adminCidrs?: readonly string[];
  /** Zone ids, one per zone of the plan. Default: the region's first zones that can hold vSwitches. */
  readonly zoneIds?: readonly pulumi.Input<string>[];
  /** VPC flow logs (all traffic) into a Log Service project and logstore of the tenant's own. Default `true`. */
  readonly flowLogs?: boolean;
  /** Days flow logs are kept. Default 365 (Tenantry's choice, `DEFAULT_LOG_RETENTION_DAYS`). */
  readonly flowLogRetentionDays?: number;
}

/**
 * The Log Service project of a tenant's flow logs. Project names are unique in a region across all
 * Alibaba Cloud accounts, so the account id is part of it, and the same tenant id in two stacks of
 * one account must not meet: a stable 6-hex-digit hash of the stack scope (`tenantry:scope`, else
 * the stack's name) is part of it too. Lowercase letters, digits and hyphens, 3 to 63 characters
 * (a tenant id has at most 24: 24 + 11 + 7 + 17 = 59).
 */
export function flowLogProjectName(tenant: string, account: string, scope: string): string {
  return `${tenant}-flow-logs-${createHash("sha256").update(scope).digest("hex").slice(0, 6)}-${account}`;
}

const argsSchema = z
  .object({
    network: plannedNetworkSchema,
    natStrategy: z.enum(ALICLOUD_NAT_STRATEGIES, { error: `must be one of ${ALICLOUD_NAT_STRATEGIES.join(", ")}` }).default("single"),
    natBandwidthMbps: z.number().int().min(1).max(500).optional(),
    webCidrs: allowListSchema("the web ports", true).default([]),
    clientCidrs: allowListSchema("the backup-client ports", true).optional(),
    entryMode: z.enum(ENTRY_MODES).default("load-balancer"),
    adminCidrs: allowListSchema("SSH", false).default([]),
    flowLogs: z.boolean().default(true),
    // Log Service keeps 1 to 3650 days.
    flowLogRetentionDays: z.number().int().min(1).max(3650).default(DEFAULT_LOG_RETENTION_DAYS),
  })
  .superRefine((a, ctx) => {
    if (a.natStrategy === "single" && a.natBandwidthMbps === undefined) {
      ctx.addIssue({ code: "custom", path: ["natBandwidthMbps"], message: "is required with a NAT gateway: the bandwidth of its EIP in Mbit/s (not documented)" });
    }
  });

export class AlicloudNetwork extends pulumi.ComponentResource {
  public readonly vpcId: pulumi.Output<string>;
  /** vSwitch ids per tier, in zone order. */
  public readonly vswitchIds: Record<SubnetTier, pulumi.Output<string>[]>;
  /** vSwitch CIDRs per tier, in zone order. */
  public readonly vswitchCidrs: Record<SubnetTier, string[]>;
  public readonly zoneIds: pulumi.Output<string>[];
  /** The hosts' and databases' groups (no `entry` group: CLB instances join none). */
  public readonly securityGroupIds: Record<HostSecurityGroupRole, pulumi.Output<string>>;

  constructor(name: string, args: AlicloudNetworkArgs, opts?: pulumi.ComponentResourceOptions) {
    super("tenantry:alicloud:Network", name, {}, opts);
    const a = validated(argsSchema, args, `arguments of AlicloudNetwork ${name}`, "args.");
    const parent = { parent: this };
    const { zones, cidr } = a.network;

    this.zoneIds = args.zoneIds
      ? args.zoneIds.map((z) => pulumi.output(z))
      : Array.from({ length: zones }, (_, z) =>
          alicloud.getZonesOutput({ availableResourceCreation: "VSwitch" }, parent).ids.apply((ids) => {
            const id = ids[z];
            if (!id) throw new Error(`AlicloudNetwork ${name}: the region has ${ids.length} zones for vSwitches, the plan needs ${zones}`);
            return id;
          }),
        );

    const vpc = new alicloud.vpc.Network(`${name}-vpc`, { vpcName: `${name}-vpc`, cidrBlock: cidr, tags: args.tags }, parent);
    this.vpcId = vpc.id;
    const vswitches = a.network.subnets.map((s) => ({
      ...s,
      vswitch: new alicloud.vpc.Switch(
        `${name}-${s.tier}-${s.zone}`,
        { vswitchName: `${name}-${s.tier}-${s.zone}`, vpcId: vpc.id, cidrBlock: s.cidr, zoneId: this.zoneIds[s.zone]!, tags: args.tags },
        parent,
      ),
    }));
    const byTier = <T>(pick: (v: (typeof vswitches)[number]) => T) =>
      Object.fromEntries(SUBNET_TIERS.map((tier) => [tier, vswitches.filter((v) => v.tier === tier).sort((x, y) => x.zone - y.zone).map(pick)])) as Record<SubnetTier, T[]>;
    this.vswitchIds = byTier((v) => v.vswitch.id);
    this.vswitchCidrs = byTier((v) => v.cidr);

    if (a.natStrategy === "single") {
      const publicVswitch = vswitches.find((v) => v.tier === "public" && v.zone === 0)!.vswitch;
      const nat = new alicloud.vpc.NatGateway(
        `${name}-nat`,
        { natGatewayName: `${name}-nat`, vpcId: vpc.id, vswitchId: publicVswitch.id, natType: "Enhanced", networkType: "internet", paymentType: "PayAsYouGo", tags: args.tags },
        parent,
      );
      const eip = new alicloud.ecs.EipAddress(
        `${name}-nat-eip`,
        { addressName: `${name}-nat-eip`, bandwidth: String(a.natBandwidthMbps), internetChargeType: "PayByBandwidth", paymentType: "PayAsYouGo", tags: args.tags },
        parent,
      );
      const association = new alicloud.ecs.EipAssociation(`${name}-nat-eip-association`, { allocationId: eip.id, instanceId: nat.id, instanceType: "Nat" }, parent);
      for (const v of vswitches.filter((v) => ROUTE_OF_TIER[v.tier] === "private")) {
        new alicloud.vpc.SnatEntry(
          `${name}-snat-${v.tier}-${v.zone}`,
          { snatTableId: nat.snatTableIds, sourceVswitchId: v.vswitch.id, snatIp: eip.ipAddress, snatEntryName: `${name}-${v.tier}-${v.zone}` },
          { parent: this, dependsOn: [association] },
        );
      }
    }

    // CLB (SLB) instances join no security group (the provider's load balancer takes none; an
    // access list says who may use an entry point, entry-points.ts), and `eip` entry points are the
    // hosts' own addresses: the `entry` group, which only balancers would join, is not made (it
    // would hold world-open web rules that guard nothing).
    const roles = securityGroupsOf(false) as readonly HostSecurityGroupRole[];
    const groups = Object.fromEntries(
      roles.map((role) => [
        role,
        new alicloud.ecs.SecurityGroup(
          `${name}-${role}-sg`,
          { securityGroupName: `${name}-${role}`, vpcId: vpc.id, description: `${name} ${role} (tenantry)`, innerAccessPolicy: "Drop", tags: args.tags },
          parent,
        ),
      ]),
    ) as Record<HostSecurityGroupRole, alicloud.ecs.SecurityGroup>;
    this.securityGroupIds = Object.fromEntries(roles.map((role) => [role, groups[role].id])) as Record<HostSecurityGroupRole, pulumi.Output<string>>;
    const group = (role: SecurityGroupRole): alicloud.ecs.SecurityGroup => {
      if (role === "entry") throw new Error(`AlicloudNetwork ${name}: a rule names the entry group, which Alibaba Cloud's CLB instances do not join`);
      return groups[role];
    };

    // CLB (SLB) reaches back ends from 100.64.0.0/10 (its layer-7 traffic and every health check);
    // its layer-4 listeners keep the client's address.
    const entry = {
      mode: a.entryMode,
      entryPoints: args.entryPoints ?? [],
      webCidrs: a.webCidrs,
      clientCidrs: a.clientCidrs ?? a.webCidrs,
      peers: { l7: [{ cidr: CLB_BACKEND_SOURCE }], l4: [{ cidr: CLB_BACKEND_SOURCE }, "clients" as const] },
      balancerGroup: false,
    };
    const checks = args.middlewareCheckPort !== undefined ? { middlewareCheckPort: args.middlewareCheckPort } : {};
    for (const rule of ingressRules({ adminCidrs: a.adminCidrs, entry, middleware: args.middleware ?? [], ...checks })) {
      new alicloud.ecs.SecurityGroupRule(
        `${name}-${rule.id}`,
        {
          securityGroupId: group(rule.group).id,
          type: "ingress",
          ipProtocol: "tcp",
          portRange: `${rule.port}/${rule.port}`,
          policy: "accept",
          priority: 1,
          nicType: "intranet",
          description: rule.description,
          ...("cidr" in rule.from ? { cidrIp: rule.from.cidr } : { sourceSecurityGroupId: group(rule.from.group).id }),
        },
        parent,
      );
    }
    for (const role of EGRESS_GROUPS) {
      new alicloud.ecs.SecurityGroupRule(
        `${name}-${role}-egress`,
        { securityGroupId: groups[role].id, type: "egress", ipProtocol: "all", portRange: "-1/-1", cidrIp: "0.0.0.0/0", policy: "accept", priority: 1, nicType: "intranet", description: "outbound (updates, object storage, monitoring)" },
        parent,
      );
    }

    if (a.flowLogs) this.flowLogs(name, vpc, a.flowLogRetentionDays, args.tags);

    this.registerOutputs({ vpcId: this.vpcId, vswitchIds: this.vswitchIds, securityGroupIds: this.securityGroupIds });
  }

  /** Flow logs of every accepted and dropped connection of the VPC, into a Log Service project and logstore of the tenant's own. */
  private flowLogs(name: string, vpc: alicloud.vpc.Network, retentionDays: number, tags: Tags): void {
    const parent = { parent: this };
    const tenant = tags[TAG_KEYS.tenant] ?? name;
    const account = alicloud.getAccountOutput(parent).id;
    const project = new alicloud.log.Project(
      `${name}-flow-logs`,
      { projectName: account.apply((a) => flowLogProjectName(tenant, a, stackScope())), description: `${name}: VPC flow logs (tenantry)`, tags },
      // A project made before the stack scope was part of its name keeps its name (a new name would
      // replace the project and drop its logs): only new projects take the scoped name.
      { parent: this, ignoreChanges: ["projectName"] },
    );
    const store = new alicloud.log.Store(
      `${name}-flow-logstore`,
      { projectName: project.projectName, logstoreName: "vpc-flow-logs", retentionPeriod: retentionDays, shardCount: 2, autoSplit: true, maxSplitShardCount: 64 },
      parent,
    );
    new alicloud.vpc.FlowLog(
      `${name}-flow-log`,
      {
        flowLogName: `${name}-flow-log`,
        description: `${name}: every accepted and dropped connection (tenantry)`,
        resourceType: "VPC",
        resourceId: vpc.id,
        trafficType: "All",
        projectName: project.projectName,
        logStoreName: store.logstoreName,
        status: "Active",
        tags,
      },
      parent,
    );
  }
}
