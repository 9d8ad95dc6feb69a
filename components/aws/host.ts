/**
 * A tenant host on EC2, sized from a documented catalog row (product-facts.md §1): encrypted gp3
 * system disk of the documented size, an encrypted cache disk where documented, IMDSv2 only,
 * detailed monitoring, an instance profile, and a public IP (Elastic IP) only when asked.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { retainedTags, validated, type DocumentedRow, type HostSize, type Tags } from "../core/index.js";
import { ec2InstanceType } from "./flavors.js";
import { awsScope, hostAgentPolicyOf, InstanceRole } from "./instance-role.js";
import { awsTags } from "./naming.js";

export interface HostArgs {
  /** A documented host size (core catalog), e.g. `sizeForAnyShare(500).host`. */
  readonly size: HostSize;
  /** Which documented row the size comes from; recorded in the outputs. */
  readonly source: DocumentedRow;
  readonly subnetId: pulumi.Input<string>;
  readonly securityGroupIds: pulumi.Input<string>[];
  /**
   * The machine image (AMI id). The documents name CentOS 6, which is end-of-life: the image is
   * always the caller's choice (for image-based delivery, the vendor's image).
   */
  readonly imageId: pulumi.Input<string>;
  readonly tags: Tags;
  /** Attach an Elastic IP. Default: `size.publicIp` (true only for the documented ops server). */
  readonly publicIp?: boolean;
  /** An existing instance profile. Default: a new role allowed what the Systems Manager and CloudWatch agents need, for this tenant only. */
  readonly instanceProfileName?: pulumi.Input<string>;
  /** The tenant's KMS key for the system and cache disks. Default: the account's `aws/ebs` key. */
  readonly kmsKeyId?: pulumi.Input<string>;
  /** Device name of the cache disk. Default `/dev/sdf`. */
  readonly cacheDiskDevice?: string;
  /** Keep the cache disk when this host is removed from the program. Default `true`. */
  readonly retainDataOnDelete?: boolean;
  /** Replace the instance when `imageId` changes. Default `false`: a new image applies to new hosts only. */
  readonly replaceOnImageChange?: boolean;
  /**
   * cloud-init user data (the tenant gives every host the CloudWatch agent and node_exporter). It
   * runs at first boot: a change is written to the instance but applies at its next creation.
   * Default: none.
   */
  readonly userData?: pulumi.Input<string>;
  /** Resources the instance is created after (the log group its CloudWatch agent writes to). Default: none. */
  readonly waitFor?: pulumi.Resource[];
}

const argsSchema = z.object({
  size: z.object({
    vcpu: z.number().int().positive(),
    memoryGiB: z.number().positive(),
    systemDiskGiB: z.number().int().min(1).max(16384),
    cacheDiskGiB: z.number().int().min(1).max(16384).optional(),
    bandwidthMbps: z.number().positive().optional(),
    publicIp: z.boolean(),
  }),
  source: z.object({ table: z.string(), row: z.string() }),
  cacheDiskDevice: z.string().regex(/^\/dev\/(sd|xvd)[f-p]$/, { error: "must be /dev/sdf to /dev/sdp (or xvdf-xvdp)" }).default("/dev/sdf"),
  publicIp: z.boolean().optional(),
  retainDataOnDelete: z.boolean().default(true),
  replaceOnImageChange: z.boolean().default(false),
});

export class Host extends pulumi.ComponentResource {
  public readonly instanceId: pulumi.Output<string>;
  public readonly instanceType: string;
  /** Whether the instance type matches the documented size exactly (otherwise it is the next larger). */
  public readonly exactSize: boolean;
  public readonly privateIp: pulumi.Output<string>;
  /** The Elastic IP, when the host has one. */
  public readonly publicIp?: pulumi.Output<string>;
  public readonly cacheVolumeId?: pulumi.Output<string>;
  /** The documented bandwidth in Mbit/s (AWS has no per-instance cap: see the README). */
  public readonly bandwidthMbps?: number;
  public readonly source: DocumentedRow;

  constructor(name: string, args: HostArgs, opts?: pulumi.ComponentResourceOptions) {
    super("tenantry:aws:Host", name, {}, opts);
    const a = validated(argsSchema, args, `arguments of Host ${name}`, "args.");
    const parent = { parent: this };
    const flavor = ec2InstanceType(a.size);
    this.instanceType = flavor.name;
    this.exactSize = flavor.exact;
    this.source = a.source;
    if (a.size.bandwidthMbps !== undefined) this.bandwidthMbps = a.size.bandwidthMbps;

    const profile =
      args.instanceProfileName ??
      new InstanceRole(`${name}-iam`, { policies: { agents: hostAgentPolicyOf(awsScope(args.tags, this)) }, tags: args.tags, description: `${name} host (tenantry)` }, parent)
        .instanceProfileName;
    const tags = awsTags(args.tags, name);
    const instance = new aws.ec2.Instance(
      `${name}-instance`,
      {
        ami: args.imageId,
        instanceType: flavor.name,
        subnetId: args.subnetId,
        vpcSecurityGroupIds: args.securityGroupIds,
        iamInstanceProfile: profile,
        associatePublicIpAddress: false,
        monitoring: true,
        metadataOptions: { httpTokens: "required", httpEndpoint: "enabled", httpPutResponseHopLimit: 1 },
        rootBlockDevice: { volumeType: "gp3", volumeSize: a.size.systemDiskGiB, encrypted: true, ...(args.kmsKeyId ? { kmsKeyId: args.kmsKeyId } : {}), deleteOnTermination: true, tags },
        ...(args.userData !== undefined ? { userData: args.userData, userDataReplaceOnChange: false } : {}),
        tags,
      },
      { parent: this, ...(a.replaceOnImageChange ? {} : { ignoreChanges: ["ami"] }), ...(args.waitFor ? { dependsOn: args.waitFor } : {}) },
    );
    this.instanceId = instance.id;
    this.privateIp = instance.privateIp;

    if (a.size.cacheDiskGiB !== undefined) {
      const volume = new aws.ebs.Volume(
        `${name}-cache`,
        { availabilityZone: instance.availabilityZone, size: a.size.cacheDiskGiB, type: "gp3", encrypted: true, ...(args.kmsKeyId ? { kmsKeyId: args.kmsKeyId } : {}), tags: awsTags(retainedTags(args.tags, a.retainDataOnDelete), `${name}-cache`) },
        { parent: this, retainOnDelete: a.retainDataOnDelete },
      );
      new aws.ec2.VolumeAttachment(`${name}-cache-attachment`, { deviceName: a.cacheDiskDevice, volumeId: volume.id, instanceId: instance.id }, parent);
      this.cacheVolumeId = volume.id;
    }

    if (a.publicIp ?? a.size.publicIp) {
      const eip = new aws.ec2.Eip(`${name}-eip`, { domain: "vpc", instance: instance.id, tags: awsTags(args.tags, `${name}-eip`) }, parent);
      this.publicIp = eip.publicIp;
    }

    this.registerOutputs({
      instanceId: this.instanceId,
      instanceType: this.instanceType,
      privateIp: this.privateIp,
      publicIp: this.publicIp,
      cacheVolumeId: this.cacheVolumeId,
      bandwidthMbps: this.bandwidthMbps,
      source: this.source,
    });
  }
}
