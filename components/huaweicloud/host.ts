/**
 * A tenant host on ECS, sized from a documented catalog row (product-facts.md §1) through the
 * flavour table: an encrypted general-purpose SSD system disk of the documented size, an encrypted
 * cache disk (EVS, kept when the host goes) where documented, and a public IP only when asked: an
 * EIP whose bandwidth is the documented one.
 */
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { DEFAULT_AUTO_RENEW, retainedTags, validated, type DocumentedRow, type HostSize, type Tags } from "../core/index.js";
import { ecsFlavor } from "./flavors.js";
import { Eip, EipAssociate, Instance, Volume, VolumeAttach } from "./provider/index.js";

export const BILLING = ["pay-as-you-go", "yearly"] as const;
export type Billing = (typeof BILLING)[number];

/** The EVS type of every disk Tenantry creates: general-purpose SSD. */
export const DISK_TYPE = "GPSSD";

export interface HuaweiHostArgs {
  /** A documented host size (core catalog), e.g. `sizeForAnyShare(500).host`. */
  readonly size: HostSize;
  readonly source: DocumentedRow;
  /** The subnet (network id) the host lives in. */
  readonly subnetId: pulumi.Input<string>;
  readonly securityGroupIds: pulumi.Input<string>[];
  /** The image id. The documents name CentOS 6 (end-of-life): the image is always the caller's choice. */
  readonly imageId: pulumi.Input<string>;
  /** The KMS key that encrypts the system and cache disks. */
  readonly kmsKeyId: pulumi.Input<string>;
  readonly tags: Tags;
  /** The availability zone. Default: the subnet's. */
  readonly availabilityZone?: pulumi.Input<string>;
  /** The enterprise project it belongs to. Default: the account's default enterprise project. */
  readonly enterpriseProjectId?: pulumi.Input<string>;
  /** Attach an EIP. Default: `size.publicIp` (true only for the documented ops server). */
  readonly publicIp?: boolean;
  /** EIP bandwidth in Mbit/s when the size documents none (the ops server). Default: the documented bandwidth. */
  readonly publicBandwidthMbps?: number;
  /** `pay-as-you-go` or `yearly` (a one-year subscription, renewed automatically, as the marketplace recommends). Default `pay-as-you-go`. */
  readonly billing?: Billing;
  /** With `yearly`: renew the subscription automatically. Default `DEFAULT_AUTO_RENEW` (true, Tenantry's choice). */
  readonly autoRenew?: boolean;
  /**
   * cloud-init user data (e.g. node_exporter, the ops server's monitoring stack). Applied at first
   * boot only: Huawei replaces an instance whose user data changes, so later changes are ignored
   * (`pulumi up --replace` the host to apply them). Default: none.
   */
  readonly userData?: pulumi.Input<string>;
  /** An IAM agency the instance acts as. Default: none. */
  readonly agencyName?: pulumi.Input<string>;
  /** Keep the cache disk when this host is removed from the program. Default `true`. */
  readonly retainDataOnDelete?: boolean;
}

const argsSchema = z
  .object({
    size: z.object({
      vcpu: z.number().int().positive(),
      memoryGiB: z.number().positive(),
      systemDiskGiB: z.number().int().min(1).max(1024),
      cacheDiskGiB: z.number().int().min(10).max(32768).optional(),
      bandwidthMbps: z.number().int().min(1).optional(),
      publicIp: z.boolean(),
    }),
    source: z.object({ table: z.string(), row: z.string() }),
    kmsKeyId: z.any().refine((v) => v !== undefined, { error: "is required: the KMS key that encrypts the disks" }),
    publicIp: z.boolean().optional(),
    publicBandwidthMbps: z.number().int().min(1).max(300).optional(),
    billing: z.enum(BILLING).default("pay-as-you-go"),
    autoRenew: z.boolean().default(DEFAULT_AUTO_RENEW),
    retainDataOnDelete: z.boolean().default(true),
  })
  .superRefine((a, ctx) => {
    if ((a.publicIp ?? a.size.publicIp) && a.size.bandwidthMbps === undefined && a.publicBandwidthMbps === undefined) {
      ctx.addIssue({ code: "custom", path: ["publicBandwidthMbps"], message: "is required for a public host whose size documents no bandwidth (EIP bandwidth in Mbit/s)" });
    }
  });

export class HuaweiHost extends pulumi.ComponentResource {
  public readonly instanceId: pulumi.Output<string>;
  /** The ECS flavour. */
  public readonly instanceType: string;
  public readonly exactSize: boolean;
  public readonly privateIp: pulumi.Output<string>;
  public readonly publicIp?: pulumi.Output<string>;
  public readonly cacheDiskId?: pulumi.Output<string>;
  /** The documented bandwidth in Mbit/s: the EIP's bandwidth when the host is public. */
  public readonly bandwidthMbps?: number;
  public readonly source: DocumentedRow;

  constructor(name: string, args: HuaweiHostArgs, opts?: pulumi.ComponentResourceOptions) {
    super("tenantry:huaweicloud:Host", name, {}, opts);
    const a = validated(argsSchema, args, `arguments of HuaweiHost ${name}`, "args.");
    const parent = { parent: this };
    const flavor = ecsFlavor(a.size);
    this.instanceType = flavor.name;
    this.exactSize = flavor.exact;
    this.source = a.source;
    if (a.size.bandwidthMbps !== undefined) this.bandwidthMbps = a.size.bandwidthMbps;
    const eps = args.enterpriseProjectId !== undefined ? { enterpriseProjectId: args.enterpriseProjectId } : {};

    const instance = new Instance(
      `${name}-instance`,
      {
        name,
        flavorId: flavor.name,
        imageId: args.imageId,
        networks: [{ uuid: args.subnetId }],
        securityGroupIds: args.securityGroupIds,
        ...(args.availabilityZone !== undefined ? { availabilityZone: args.availabilityZone } : {}),
        systemDiskType: DISK_TYPE,
        systemDiskSize: a.size.systemDiskGiB,
        systemDiskKmsKeyId: args.kmsKeyId,
        ...(a.billing === "yearly" ? { chargingMode: "prePaid", period: 1, periodUnit: "year", autoRenew: String(a.autoRenew) } : { chargingMode: "postPaid" }),
        ...(args.agencyName !== undefined ? { agencyName: args.agencyName } : {}),
        ...(args.userData !== undefined ? { userData: args.userData } : {}),
        ...eps,
        tags: args.tags,
      },
      { parent: this, ignoreChanges: ["imageId", "userData"] },
    );
    this.instanceId = instance.id;
    this.privateIp = instance.accessIpV4;

    if (a.size.cacheDiskGiB !== undefined) {
      const disk = new Volume(
        `${name}-cache`,
        { name: `${name}-cache`, availabilityZone: instance.availabilityZone, volumeType: DISK_TYPE, size: a.size.cacheDiskGiB, kmsId: args.kmsKeyId, ...eps, tags: retainedTags(args.tags, a.retainDataOnDelete) },
        { parent: this, retainOnDelete: a.retainDataOnDelete },
      );
      new VolumeAttach(`${name}-cache-attachment`, { instanceId: instance.id, volumeId: disk.id }, parent);
      this.cacheDiskId = disk.id;
    }

    if (a.publicIp ?? a.size.publicIp) {
      const bandwidth = a.size.bandwidthMbps ?? a.publicBandwidthMbps!;
      const eip = new Eip(
        `${name}-eip`,
        { name: `${name}-eip`, publicip: { type: "5_bgp" }, bandwidth: { shareType: "PER", name: `${name}-eip`, size: bandwidth, chargeMode: "bandwidth" }, ...eps, tags: args.tags },
        parent,
      );
      new EipAssociate(`${name}-eip-association`, { instanceId: instance.id, publicIp: eip.address }, parent);
      this.publicIp = eip.address;
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
