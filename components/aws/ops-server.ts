/**
 * The managed-operations server (product-facts.md §1, managed-ops): the documented 4 vCPU / 8 GiB /
 * 200 GiB host with an Elastic IP in the management subnet, running the monitoring and bastion
 * components under a read-only monitoring role scoped to the tenant (`opsMonitoringPolicy`).
 */
import * as pulumi from "@pulumi/pulumi";
import { Host, type HostArgs } from "./host.js";
import { tenantLogGroupPrefix } from "../core/index.js";
import { awsScope, hostAgentPolicyOf, InstanceRole } from "./instance-role.js";
import { opsMonitoringPolicy } from "./policies.js";

/**
 * The documented ops server size (core `OPS_SERVER`), a management subnet (routed to the internet
 * gateway, for the Elastic IP), the network's `ops` group (SSH only from the admin CIDRs), an image.
 */
export type OpsServerArgs = Pick<HostArgs, "size" | "source" | "subnetId" | "securityGroupIds" | "imageId" | "tags" | "kmsKeyId" | "userData" | "waitFor">;

export class OpsServer extends pulumi.ComponentResource {
  public readonly host: Host;
  public readonly monitoringRoleArn: pulumi.Output<string>;

  constructor(name: string, args: OpsServerArgs, opts?: pulumi.ComponentResourceOptions) {
    super("tenantry:aws:OpsServer", name, {}, opts);
    const scope = awsScope(args.tags, this);
    const role = new InstanceRole(
      `${name}-monitoring`,
      {
        policies: {
          agents: hostAgentPolicyOf(scope),
          monitoring: scope.apply((s) => opsMonitoringPolicy(s, { logGroups: tenantLogGroupPrefix(s.stack, s.tenant) })),
        },
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
        ...(args.kmsKeyId ? { kmsKeyId: args.kmsKeyId } : {}),
        ...(args.userData !== undefined ? { userData: args.userData } : {}),
        ...(args.waitFor ? { waitFor: args.waitFor } : {}),
        publicIp: true,
        instanceProfileName: role.instanceProfileName,
      },
      { parent: this },
    );
    this.monitoringRoleArn = role.roleArn;
    this.registerOutputs({ instanceId: this.host.instanceId, publicIp: this.host.publicIp, monitoringRoleArn: this.monitoringRoleArn });
  }
}
