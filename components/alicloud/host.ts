/**
 * A tenant host on ECS, sized from a documented catalog row (product-facts.md §1): encrypted ESSD
 * system disk of the documented size, an encrypted ESSD cache disk where documented, metadata in
 * security-hardened mode only, and a public IP only when asked: an EIP whose bandwidth is the
 * documented bandwidth (Alibaba sells internet bandwidth per EIP).
 */
import * as alicloud from "@pulumi/alicloud";
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { retainedTags, validated, type DocumentedRow, type HostSize, type Tags } from "../core/index.js";
import { ecsInstanceType } from "./flavors.js";

export const BILLING = ["pay-as-you-go", "yearly"] as const;
export type Billing = (typeof BILLING)[number];

export interface AlicloudHostArgs {
  /** A documented host size (core catalog), e.g. `sizeForAnyShare(500).host`. */
  readonly size: HostSize;
  readonly source: DocumentedRow;
  readonly vswitchId: pulumi.Input<string>;
  readonly securityGroupIds: pulumi.Input<string>[];
  /** The image id. The documents name CentOS 6 (end-of-life): the image is always the caller's choice. */
  readonly imageId: pulumi.Input<string>;
  readonly tags: Tags;
  /** Attach an EIP. Default: `size.publicIp` (true only for the documented ops server). */
  readonly publicIp?: boolean;
  /** EIP bandwidth in Mbit/s when the size documents none (the ops server). Default: the documented bandwidth. */
  readonly publicBandwidthMbps?: number;
  /** `pay-as-you-go` or `yearly` (a one-year subscription, what the documents recommend). Default `pay-as-you-go`. */
  readonly billing?: Billing;
  /** A RAM role for the instance (e.g. the ops server's monitoring role). Default: none. */
  readonly ramRoleName?: pulumi.Input<string>;
  /** Keep the cache disk when this host is removed from the program. Default `true`. */
  readonly retainDataOnDelete?: boolean;
  /** The tenant's KMS key for the system and cache disks. Default: none (ECS's default service key). */
  readonly kmsKeyId?: pulumi.Input<string>;
  /** cloud-init user data (the tenant gives every host node_exporter and the CloudMonitor agent check). Runs at first boot. Default: none. */
  readonly userData?: pulumi.Input<string>;
}

const argsSchema = z
  .object({
    size: z.object({
      vcpu: z.number().int().positive(),
      memoryGiB: z.number().positive(),
      systemDiskGiB: z.number().int().min(20).max(500),
      cacheDiskGiB: z.number().int().min(20).max(65536).optional(),
      bandwidthMbps: z.number().int().min(1).optional(),
      publicIp: z.boolean(),
    }),
    source: z.object({ table: z.string(), row: z.string() }),
    publicIp: z.boolean().optional(),
    publicBandwidthMbps: z.number().int().min(1).max(500).optional(),
    billing: z.enum(BILLING).default("pay-as-you-go"),
    retainDataOnDelete: z.boolean().default(true),
  })
  .superRefine((a, ctx) => {
    if ((a.publicIp ?? a.size.publicIp) && a.size.bandwidthMbps === undefined && a.publicBandwidthMbps === undefined) {
      ctx.addIssue({ code: "custom", path: ["publicBandwidthMbps"], message: "is required for a public host whose size documents no bandwidth (EIP bandwidth in Mbit/s)" });
    }
  });

export class AlicloudHost extends pulumi.ComponentResource {
  public readonly instanceId: pulumi.Output<string>;
  public readonly instanceType: string;
  public readonly exactSize: boolean;
  public readonly privateIp: pulumi.Output<string>;
  public readonly publicIp?: pulumi.Output<string>;
  public readonly cacheDiskId?: pulumi.Output<string>;
  /** The documented bandwidth in Mbit/s: the EIP's bandwidth when the host is public. */
  public readonly bandwidthMbps?: number;
  public readonly source: DocumentedRow;

  constructor(name: string, args: AlicloudHostArgs, opts?: pulumi.ComponentResourceOptions) {
    super("tenantry:alicloud:Host", name, {}, opts);
    const a = validated(argsSchema, args, `arguments of AlicloudHost ${name}`, "args.");
    const parent = { parent: this };
    const flavor = ecsInstanceType(a.size);
    this.instanceType = flavor.name;
    this.exactSize = flavor.exact;
    this.source = a.source;
    if (a.size.bandwidthMbps !== undefined) this.bandwidthMbps = a.size.bandwidthMbps;

    const instance = new alicloud.ecs.Instance(
      `${name}-instance`,
      {
        instanceName: name,
        instanceType: flavor.name,
        imageId: args.imageId,
        vswitchId: args.vswitchId,
        securityGroups: args.securityGroupIds,
        systemDiskCategory: "cloud_essd",
        systemDiskSize: a.size.systemDiskGiB,
        systemDiskEncrypted: true,
        ...(args.kmsKeyId !== undefined ? { systemDiskKmsKeyId: args.kmsKeyId } : {}),
        internetMaxBandwidthOut: 0,
        httpTokens: "required",
        ...(args.userData !== undefined ? { userData: args.userData } : {}),
        ...(a.billing === "yearly"
          ? { instanceChargeType: "PrePaid", period: 12, periodUnit: "Month", renewalStatus: "AutoRenewal" }
          : { instanceChargeType: "PostPaid" }),
        tags: args.tags,
        volumeTags: args.tags,
      },
      // User data applies at first boot only: a change must not replace the instance.
      { parent: this, ignoreChanges: ["imageId", "userData"] },
    );
    this.instanceId = instance.id;
    this.privateIp = instance.privateIp;

    if (args.ramRoleName) {
      new alicloud.ecs.RamRoleAttachment(`${name}-role`, { instanceId: instance.id, ramRoleName: args.ramRoleName }, parent);
    }

    if (a.size.cacheDiskGiB !== undefined) {
      const disk = new alicloud.ecs.EcsDisk(
        `${name}-cache`,
        { diskName: `${name}-cache`, zoneId: instance.availabilityZone, category: "cloud_essd", size: a.size.cacheDiskGiB, encrypted: true, ...(args.kmsKeyId !== undefined ? { kmsKeyId: args.kmsKeyId } : {}), deleteWithInstance: false, tags: retainedTags(args.tags, a.retainDataOnDelete) },
        { parent: this, retainOnDelete: a.retainDataOnDelete },
      );
      new alicloud.ecs.EcsDiskAttachment(`${name}-cache-attachment`, { diskId: disk.id, instanceId: instance.id }, parent);
      this.cacheDiskId = disk.id;
    }

    if (a.publicIp ?? a.size.publicIp) {
      const bandwidth = a.size.bandwidthMbps ?? a.publicBandwidthMbps!;
      const eip = new alicloud.ecs.EipAddress(
        `${name}-eip`,
        { addressName: `${name}-eip`, bandwidth: String(bandwidth), internetChargeType: "PayByBandwidth", paymentType: "PayAsYouGo", tags: args.tags },
        parent,
      );
      new alicloud.ecs.EipAssociation(`${name}-eip-association`, { allocationId: eip.id, instanceId: instance.id, instanceType: "EcsInstance" }, parent);
      this.publicIp = eip.ipAddress;
    }

    this.registerOutputs({
      instanceId: this.instanceId,
      instanceType: this.instanceType,
      privateIp: this.privateIp,
      publicIp: this.publicIp,
      cacheDiskId: this.cacheDiskId,
      bandwidthMbps: this.bandwidthMbps,
      source: this.source,
    });
  }
}
