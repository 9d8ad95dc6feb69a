/**
 * A tenant's own network on AWS (product-facts.md §3: overlay model, one VPC per tenant): the VPC
 * of the tenant block, its subnets as planned by the core CIDR plan, internet and NAT gateways,
 * route tables, and the security-group layout.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import {
  DEFAULT_LOG_RETENTION_DAYS,
  TAG_KEYS,
  tenantLogGroupPrefix,
  allowListSchema,
  EGRESS_GROUPS,
  ENTRY_MODES,
  ingressRules,
  plannedNetworkSchema,
  ROUTE_OF_TIER,
  SECURITY_GROUPS,
  SUBNET_TIERS,
  validated,
  type EntryMode,
  type EntryPointNeed,
  type Middleware,
  type PlannedSubnet,
  type SecurityGroupRole,
  type SubnetTier,
  type Tags,
} from "../core/index.js";
import { awsTags, stackScope } from "./naming.js";

export const NAT_STRATEGIES = ["none", "single", "perZone"] as const;
export type NatStrategy = (typeof NAT_STRATEGIES)[number];

/** The retention values CloudWatch Logs accepts for a log group, in days (its `PutRetentionPolicy` API). */
export const CLOUDWATCH_RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653] as const;

export interface TenantNetworkArgs {
  /** The tenant block and its subnet plan: a core `TenantBlueprint["network"]`. */
  readonly network: { readonly cidr: string; readonly zones: number; readonly subnets: readonly PlannedSubnet[] };
  /** Tags for every resource (the core tag contract). */
  readonly tags: Tags;
  /** How private subnets reach the internet. Default `single`: one NAT gateway in zone 0. */
  readonly natStrategy?: NatStrategy;
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
  /** Who may SSH into the ops server. Default: nobody. Never the whole internet. */
  readonly adminCidrs?: readonly string[];
  /** Availability-zone names, one per zone of the plan. Default: the region's first available zones. */
  readonly availabilityZones?: readonly pulumi.Input<string>[];
  /** VPC flow logs (all traffic) to a log group of the tenant's own. Default `true`. */
  readonly flowLogs?: boolean;
  /** Days flow logs are kept: one of {@link CLOUDWATCH_RETENTION_DAYS}. Default 365 (Tenantry's choice). */
  readonly flowLogRetentionDays?: number;
  /** A KMS key for the flow-log group (its policy must let CloudWatch Logs use it: `tenantDataKeyPolicy`). Default: none (CloudWatch's own encryption). */
  readonly flowLogKmsKeyId?: pulumi.Input<string>;
}

/** The trust policy of the role VPC Flow Logs uses to write to CloudWatch Logs. */
export const FLOW_LOGS_TRUST_POLICY = {
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Principal: { Service: "vpc-flow-logs.amazonaws.com" }, Action: "sts:AssumeRole" }],
} as const;

const argsSchema = z.object({
  network: plannedNetworkSchema,
  natStrategy: z.enum(NAT_STRATEGIES, { error: `must be one of ${NAT_STRATEGIES.join(", ")}` }).default("single"),
  webCidrs: allowListSchema("the web ports", true).default([]),
    clientCidrs: allowListSchema("the backup-client ports", true).optional(),
    entryMode: z.enum(ENTRY_MODES).default("load-balancer"),
  adminCidrs: allowListSchema("SSH", false).default([]),
  availabilityZones: z.array(z.any()).optional(),
  tags: z.record(z.string(), z.string()),
  flowLogs: z.boolean().default(true),
  flowLogRetentionDays: z.literal(CLOUDWATCH_RETENTION_DAYS, { error: `must be one of CloudWatch Logs' retention values: ${CLOUDWATCH_RETENTION_DAYS.join(", ")}` }).default(DEFAULT_LOG_RETENTION_DAYS),
});

export class TenantNetwork extends pulumi.ComponentResource {
  public readonly vpcId: pulumi.Output<string>;
  /** Subnet ids per tier, in zone order. */
  public readonly subnetIds: Record<SubnetTier, pulumi.Output<string>[]>;
  public readonly securityGroupIds: Record<SecurityGroupRole, pulumi.Output<string>>;
  public readonly availabilityZones: pulumi.Output<string>[];

  constructor(name: string, args: TenantNetworkArgs, opts?: pulumi.ComponentResourceOptions) {
    super("tenantry:aws:TenantNetwork", name, {}, opts);
    const a = validated(argsSchema, args, `arguments of TenantNetwork ${name}`, "args.");
    const { zones, cidr } = a.network;
    const parent = { parent: this };
    const tags = (suffix: string) => awsTags(a.tags, `${name}-${suffix}`);

    const azNames = a.availabilityZones
      ? (args.availabilityZones as pulumi.Input<string>[]).map((az) => pulumi.output(az))
      : Array.from({ length: zones }, (_, z) =>
          aws.getAvailabilityZonesOutput({ state: "available" }, parent).names.apply((names) => {
            const az = names[z];
            if (!az) throw new Error(`TenantNetwork ${name}: the region has ${names.length} available zones, the plan needs ${zones}`);
            return az;
          }),
        );
    this.availabilityZones = azNames;

    const vpc = new aws.ec2.Vpc(`${name}-vpc`, { cidrBlock: cidr, enableDnsHostnames: true, enableDnsSupport: true, tags: tags("vpc") }, parent);
    this.vpcId = vpc.id;

    // The VPC's default security group, adopted with no rules: anything placed in it by mistake is cut off.
    new aws.ec2.DefaultSecurityGroup(`${name}-default-sg`, { vpcId: vpc.id, ingress: [], egress: [], tags: tags("default-sg") }, parent);
    if (a.flowLogs) this.flowLogs(name, vpc, a.flowLogRetentionDays, args.flowLogKmsKeyId, a.tags, tags);

    const subnets = a.network.subnets.map((s) => ({
      ...s,
      subnet: new aws.ec2.Subnet(
        `${name}-${s.tier}-${s.zone}`,
        { vpcId: vpc.id, cidrBlock: s.cidr, availabilityZone: azNames[s.zone]!, mapPublicIpOnLaunch: false, tags: tags(`${s.tier}-${s.zone}`) },
        parent,
      ),
    }));
    this.subnetIds = Object.fromEntries(
      SUBNET_TIERS.map((tier) => [tier, subnets.filter((s) => s.tier === tier).sort((x, y) => x.zone - y.zone).map((s) => s.subnet.id)]),
    ) as Record<SubnetTier, pulumi.Output<string>[]>;

    // Routing: public (internet gateway), private per zone (NAT), isolated (no internet).
    const igw = new aws.ec2.InternetGateway(`${name}-igw`, { vpcId: vpc.id, tags: tags("igw") }, parent);
    const publicRt = new aws.ec2.RouteTable(`${name}-public-rt`, { vpcId: vpc.id, tags: tags("public-rt") }, parent);
    new aws.ec2.Route(`${name}-public-default`, { routeTableId: publicRt.id, destinationCidrBlock: "0.0.0.0/0", gatewayId: igw.id }, parent);
    const isolatedRt = new aws.ec2.RouteTable(`${name}-isolated-rt`, { vpcId: vpc.id, tags: tags("isolated-rt") }, parent);

    const natZones = a.natStrategy === "none" ? [] : a.natStrategy === "single" ? [0] : Array.from({ length: zones }, (_, z) => z);
    const publicSubnet = (zone: number) => subnets.find((s) => s.tier === "public" && s.zone === zone)!.subnet;
    const nats = natZones.map((z) => {
      const eip = new aws.ec2.Eip(`${name}-nat-eip-${z}`, { domain: "vpc", tags: tags(`nat-eip-${z}`) }, parent);
      return new aws.ec2.NatGateway(
        `${name}-nat-${z}`,
        { allocationId: eip.id, subnetId: publicSubnet(z).id, tags: tags(`nat-${z}`) },
        { parent: this, dependsOn: [igw] },
      );
    });
    const privateRts = Array.from({ length: zones }, (_, z) => {
      const rt = new aws.ec2.RouteTable(`${name}-private-rt-${z}`, { vpcId: vpc.id, tags: tags(`private-rt-${z}`) }, parent);
      const nat = nats[a.natStrategy === "perZone" ? z : 0];
      if (nat) new aws.ec2.Route(`${name}-private-default-${z}`, { routeTableId: rt.id, destinationCidrBlock: "0.0.0.0/0", natGatewayId: nat.id }, parent);
      return rt;
    });
    for (const s of subnets) {
      const route = ROUTE_OF_TIER[s.tier];
      const rt = route === "public" ? publicRt : route === "isolated" ? isolatedRt : privateRts[s.zone]!;
      new aws.ec2.RouteTableAssociation(`${name}-${s.tier}-${s.zone}-rt`, { subnetId: s.subnet.id, routeTableId: rt.id }, parent);
    }

    // Security groups, with every rule a resource of its own so that rules never fight.
    const groups = Object.fromEntries(
      SECURITY_GROUPS.map((role) => [
        role,
        new aws.ec2.SecurityGroup(`${name}-${role}-sg`, { vpcId: vpc.id, description: `${name} ${role} (tenantry)`, tags: tags(`${role}-sg`) }, parent),
      ]),
    ) as Record<SecurityGroupRole, aws.ec2.SecurityGroup>;
    this.securityGroupIds = Object.fromEntries(SECURITY_GROUPS.map((role) => [role, groups[role].id])) as Record<SecurityGroupRole, pulumi.Output<string>>;

    // Load balancers (ALB and NLB) have the `entry` group; the hosts admit that group.
    const entry = { mode: a.entryMode, entryPoints: args.entryPoints ?? [], webCidrs: a.webCidrs, clientCidrs: a.clientCidrs ?? a.webCidrs };
    for (const rule of ingressRules({ adminCidrs: a.adminCidrs, entry, middleware: args.middleware ?? [] })) {
      new aws.vpc.SecurityGroupIngressRule(
        `${name}-${rule.id}`,
        {
          securityGroupId: groups[rule.group].id,
          ipProtocol: "tcp",
          fromPort: rule.port,
          toPort: rule.port,
          description: rule.description,
          ...("cidr" in rule.from ? { cidrIpv4: rule.from.cidr } : { referencedSecurityGroupId: groups[rule.from.group].id }),
          tags: tags(rule.id),
        },
        parent,
      );
    }
    for (const role of EGRESS_GROUPS) {
      new aws.vpc.SecurityGroupEgressRule(
        `${name}-${role}-egress`,
        { securityGroupId: groups[role].id, ipProtocol: "-1", cidrIpv4: "0.0.0.0/0", description: "outbound (updates, object storage, monitoring)", tags: tags(`${role}-egress`) },
        parent,
      );
    }

    // The load balancers send only to the hosts in the VPC.
    new aws.vpc.SecurityGroupEgressRule(
      `${name}-entry-egress`,
      { securityGroupId: groups.entry.id, ipProtocol: "tcp", fromPort: 1, toPort: 65535, cidrIpv4: cidr, description: "load balancers to the hosts", tags: tags("entry-egress") },
      parent,
    );

    this.registerOutputs({ vpcId: this.vpcId, subnetIds: this.subnetIds, securityGroupIds: this.securityGroupIds });
  }

  /** Flow logs of every accepted and rejected connection, into the tenant's own log group. */
  private flowLogs(
    name: string,
    vpc: aws.ec2.Vpc,
    retentionDays: number,
    kmsKeyId: pulumi.Input<string> | undefined,
    tenantTags: Record<string, string>,
    tags: (suffix: string) => Record<string, string>,
  ): void {
    const parent = { parent: this };
    const tenant = tenantTags[TAG_KEYS.tenant] ?? name;
    const group = new aws.cloudwatch.LogGroup(
      `${name}-flow-logs`,
      { name: `${tenantLogGroupPrefix(stackScope(), tenant)}/vpc-flow-logs`, retentionInDays: retentionDays, ...(kmsKeyId !== undefined ? { kmsKeyId } : {}), tags: tags("flow-logs") },
      parent,
    );
    const role = new aws.iam.Role(`${name}-flow-logs-role`, { assumeRolePolicy: JSON.stringify(FLOW_LOGS_TRUST_POLICY), tags: tags("flow-logs-role") }, parent);
    new aws.iam.RolePolicy(
      `${name}-flow-logs-write`,
      {
        role: role.id,
        policy: group.arn.apply((arn) =>
          JSON.stringify({
            Version: "2012-10-17",
            Statement: [
              { Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"], Resource: [arn, `${arn}:log-stream:*`] },
            ],
          }),
        ),
      },
      parent,
    );
    new aws.ec2.FlowLog(
      `${name}-flow-log`,
      { vpcId: vpc.id, trafficType: "ALL", logDestinationType: "cloud-watch-logs", logDestination: group.arn, iamRoleArn: role.arn, tags: tags("flow-log") },
      parent,
    );
  }
}
