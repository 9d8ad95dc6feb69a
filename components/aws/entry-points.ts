/**
 * A tenant's public entry points on AWS (core `EntryPointNeed`): per web service an Application Load
 * Balancer (443 with the ACM certificate, 80 redirecting to 443) or a Network Load Balancer (TLS 443
 * with the certificate, TCP 80 passed through), the backup clients through a Network Load Balancer,
 * or, with `eip`, the host's own Elastic IP; an optional Route 53 record per entry point. AWS does
 * not sell bandwidth per load balancer or address: the documented bandwidth is reported (output and
 * `tenantry:bandwidth-mbps` tag), not applied. Load balancers write access logs into the tenant's
 * {@link EntryLogBucket} when given one.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { TAG_KEYS, validated, type EntryPointNeed, type Tags, type WebProduct } from "../core/index.js";
import { entryLogPrefix, type EntryLogBucket } from "./log-bucket.js";
import { awsTags } from "./naming.js";

export const AWS_ENTRY_MODES = ["alb", "nlb", "eip"] as const;
export type AwsEntryMode = (typeof AWS_ENTRY_MODES)[number];

/** TLS policy of the HTTPS and TLS listeners: TLS 1.2 and 1.3 only. */
export const TLS_POLICY = "ELBSecurityPolicy-TLS13-1-2-2021-06";

export interface EntryPointsArgs {
  readonly entryPoints: readonly EntryPointNeed[];
  readonly mode: AwsEntryMode;
  /** ACM certificate for the 443 listeners. Required with `alb` or `nlb` when there is a web entry point. */
  readonly certificateArn?: pulumi.Input<string>;
  readonly vpcId: pulumi.Input<string>;
  /** Public subnets, one per zone (load balancers). */
  readonly subnetIds: pulumi.Input<string>[];
  /** The network's `entry` security group (load balancers). */
  readonly securityGroupId: pulumi.Input<string>;
  /** The instance behind each product's entry points. */
  readonly instanceIds: Partial<Record<WebProduct, pulumi.Input<string>>>;
  /** Each product host's Elastic IP: required with `eip`. Default: none. */
  readonly publicIps?: Partial<Record<WebProduct, pulumi.Input<string>>>;
  /** A Route 53 hosted zone for the entry points' DNS names (`EntryPointNeed.dnsName`). Default: no records. */
  readonly route53ZoneId?: pulumi.Input<string>;
  /** Tags per product (the blueprint's host tags). */
  readonly tags: Partial<Record<WebProduct, Tags>>;
  /**
   * Where the load balancers write their access logs (core `AccessLogNeed`): the tenant's
   * {@link EntryLogBucket}, each load balancer under `elb/<entry point key>/`. Default: no access
   * logs (the security pack's `entry-access-logged` rule fires).
   */
  readonly accessLogs?: EntryLogBucket;
}

const argsSchema = z
  .object({
    mode: z.enum(AWS_ENTRY_MODES),
    certificateArn: z.any().optional(),
    subnetIds: z.array(z.any()).min(2, { error: "must list public subnets in at least two zones (load balancers require it)" }),
  })
  .superRefine((a, ctx) => {
    if (a.mode !== "eip" && a.certificateArn === undefined) ctx.addIssue({ code: "custom", path: ["certificateArn"], message: `is required with ${a.mode}: the ACM certificate of the 443 listeners` });
  });

/** What an entry point came to: the name users connect to, and its documented bandwidth. */
export interface EntryPointSummary {
  /** The DNS name (with a hosted zone) or else the load balancer's name or the Elastic IP. */
  hostName: pulumi.Output<string>;
  listeners: string[];
  /** Documented (AnyShare tier), reported: AWS does not meter bandwidth per load balancer or address. */
  bandwidthMbps?: number;
}

export class EntryPoints extends pulumi.ComponentResource {
  public readonly entryPoints: Record<string, EntryPointSummary> = {};

  constructor(name: string, args: EntryPointsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("tenantry:aws:EntryPoints", name, {}, opts);
    const needsLb = args.mode !== "eip" && args.entryPoints.length > 0;
    validated(argsSchema, needsLb ? args : { ...args, mode: "eip", subnetIds: ["-", "-"] }, `arguments of EntryPoints ${name}`, "args.");
    const parent = { parent: this };

    for (const e of args.entryPoints) {
      if (e.listeners.length === 0) continue;
      const base = args.tags[e.product] ?? {};
      const tagged = { ...base, ...(e.bandwidthMbps !== undefined ? { [TAG_KEYS.bandwidthMbps]: String(e.bandwidthMbps) } : {}) };
      const id = `${name}-${e.key}`;
      const instanceId = args.instanceIds[e.product];
      if (instanceId === undefined) throw new Error(`EntryPoints ${name}: no instance for ${e.product}`);
      let hostName: pulumi.Output<string>;
      let alias: { name: pulumi.Output<string>; zoneId: pulumi.Output<string> } | undefined;
      let address: pulumi.Output<string> | undefined;

      if (args.mode === "eip") {
        const ip = args.publicIps?.[e.product];
        if (ip === undefined) throw new Error(`EntryPoints ${name}: mode eip needs the Elastic IP of ${e.product}`);
        address = pulumi.output(ip);
        hostName = address;
      } else {
        const alb = args.mode === "alb" && e.purpose === "web";
        const lb = new aws.lb.LoadBalancer(
          `${id}-lb`,
          {
            loadBalancerType: alb ? "application" : "network",
            internal: false,
            subnets: args.subnetIds,
            securityGroups: [args.securityGroupId],
            ...(alb ? { dropInvalidHeaderFields: true } : {}),
            // Network Load Balancers log their TLS connections only (AWS): the backup clients' TCP ones go unlogged.
            ...(args.accessLogs ? { accessLogs: { enabled: true, bucket: args.accessLogs.bucketName, prefix: entryLogPrefix(e.key) } } : {}),
            tags: awsTags(tagged, `${id}-lb`),
          },
          args.accessLogs ? { parent: this, dependsOn: [args.accessLogs.ready] } : parent,
        );
        for (const l of e.listeners) {
          const lid = `${id}-${l.port}`;
          if (l.protocol === "http-redirect" && alb) {
            new aws.lb.Listener(
              lid,
              { loadBalancerArn: lb.arn, port: l.port, protocol: "HTTP", defaultActions: [{ type: "redirect", redirect: { port: "443", protocol: "HTTPS", statusCode: "HTTP_301" } }], tags: awsTags(base, lid) },
              parent,
            );
            continue;
          }
          const backendPort = l.backendPort ?? l.port;
          const group = new aws.lb.TargetGroup(
            `${lid}-targets`,
            {
              vpcId: args.vpcId,
              targetType: "instance",
              port: backendPort,
              protocol: alb ? "HTTP" : "TCP",
              healthCheck: alb ? { protocol: "HTTP", path: "/", matcher: "200-399" } : { protocol: "TCP" },
              tags: awsTags(base, `${lid}-targets`),
            },
            parent,
          );
          new aws.lb.TargetGroupAttachment(`${lid}-target`, { targetGroupArn: group.arn, targetId: instanceId, port: backendPort }, parent);
          const tls = l.protocol === "https";
          new aws.lb.Listener(
            lid,
            {
              loadBalancerArn: lb.arn,
              port: l.port,
              protocol: tls ? (alb ? "HTTPS" : "TLS") : alb ? "HTTP" : "TCP",
              ...(tls ? { certificateArn: args.certificateArn!, sslPolicy: TLS_POLICY } : {}),
              defaultActions: [{ type: "forward", targetGroupArn: group.arn }],
              tags: awsTags(base, lid),
            },
            parent,
          );
        }
        alias = { name: lb.dnsName, zoneId: lb.zoneId };
        hostName = lb.dnsName;
      }

      if (e.dnsName && args.route53ZoneId !== undefined) {
        new aws.route53.Record(
          `${id}-dns`,
          {
            zoneId: args.route53ZoneId,
            name: e.dnsName,
            type: "A",
            ...(alias ? { aliases: [{ name: alias.name, zoneId: alias.zoneId, evaluateTargetHealth: true }] } : { ttl: 300, records: [address!] }),
          },
          parent,
        );
        hostName = pulumi.output(e.dnsName);
      }
      this.entryPoints[e.key] = {
        hostName,
        listeners: e.listeners.map((l) => `${l.port}/${l.protocol}`),
        ...(e.bandwidthMbps !== undefined ? { bandwidthMbps: e.bandwidthMbps } : {}),
      };
    }
    this.registerOutputs({ entryPoints: this.entryPoints });
  }
}
