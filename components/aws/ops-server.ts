/**
 * The managed-operations server (product-facts.md §1, managed-ops): the documented 4 vCPU / 8 GiB /
 * 200 GiB host with an Elastic IP in the management subnet, running the monitoring and bastion
 * components under a read-only monitoring role.
 */
import * as pulumi from "@pulumi/pulumi";
import { Host, type HostArgs } from "./host.js";
import { HOST_MANAGED_POLICIES, InstanceRole } from "./instance-role.js";

/**
 * What the monitoring components may read: metrics, instances and databases. Deliberately not
 * `ReadOnlyAccess`, which would also read every tenant's objects in S3.
 */
export const MONITORING_READ_ONLY_POLICIES = ["CloudWatchReadOnlyAccess", "AmazonEC2ReadOnlyAccess", "AmazonRDSReadOnlyAccess"] as const;

/**
 * The documented ops server size (core `OPS_SERVER`), a management subnet (routed to the internet
 * gateway, for the Elastic IP), the network's `ops` group (SSH only from the admin CIDRs), an image.
 */
export type OpsServerArgs = Pick<HostArgs, "size" | "source" | "subnetId" | "securityGroupIds" | "imageId" | "tags">;

export class OpsServer extends pulumi.ComponentResource {
  public readonly host: Host;
  public readonly monitoringRoleArn: pulumi.Output<string>;

  constructor(name: string, args: OpsServerArgs, opts?: pulumi.ComponentResourceOptions) {
    super("tenantry:aws:OpsServer", name, {}, opts);
    const role = new InstanceRole(
      `${name}-monitoring`,
      {
        managedPolicies: [...HOST_MANAGED_POLICIES, ...MONITORING_READ_ONLY_POLICIES],
        tags: args.tags,
        description: `${name}: read-only monitoring role (tenantry)`,
      },
      { parent: this },
    );
    this.host = new Host(
      `${name}-host`,
      {
        size: args.size,
        source: args.source,
        subnetId: args.subnetId,
        securityGroupIds: args.securityGroupIds,
        imageId: args.imageId,
        tags: args.tags,
        publicIp: true,
        instanceProfileName: role.instanceProfileName,
      },
      { parent: this },
    );
    this.monitoringRoleArn = role.roleArn;
    this.registerOutputs({ instanceId: this.host.instanceId, publicIp: this.host.publicIp, monitoringRoleArn: this.monitoringRoleArn });
  }
}
