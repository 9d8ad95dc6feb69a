/**
 * The managed-operations server (product-facts.md §1, managed-ops) on Alibaba Cloud: the documented
 * 4 vCPU / 8 GiB / 200 GiB host with an EIP in the management vSwitch, under a RAM role with the
 * read-only and monitoring permissions the operations components need ("the customer provides a
 * RAM with permission to manage the relevant cloud resources").
 */
import * as alicloud from "@pulumi/alicloud";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { AlicloudHost, type AlicloudHostArgs } from "./host.js";

/** Read-only system policies for the monitoring components; not OSS, whose read would reach every tenant's backups. */
export const MONITORING_READ_ONLY_POLICIES = [
  "AliyunECSReadOnlyAccess",
  "AliyunRDSReadOnlyAccess",
  "AliyunVPCReadOnlyAccess",
  "AliyunCloudMonitorReadOnlyAccess",
] as const;

/** The trust policy that lets ECS instances assume a RAM role. */
export const ECS_TRUST_POLICY = {
  Version: "1",
  Statement: [{ Action: "sts:AssumeRole", Effect: "Allow", Principal: { Service: ["ecs.aliyuncs.com"] } }],
} as const;

export type AlicloudOpsServerArgs = Pick<
  AlicloudHostArgs,
  "size" | "source" | "vswitchId" | "securityGroupIds" | "imageId" | "tags" | "billing" | "publicBandwidthMbps"
>;

export class AlicloudOpsServer extends pulumi.ComponentResource {
  public readonly host: AlicloudHost;
  public readonly monitoringRoleArn: pulumi.Output<string>;

  constructor(name: string, args: AlicloudOpsServerArgs, opts?: pulumi.ComponentResourceOptions) {
    super("tenantry:alicloud:OpsServer", name, {}, opts);
    const parent = { parent: this };
    // RAM role names are unique per account and at most 64 characters: a short random suffix keeps them apart.
    const suffix = new random.RandomString(`${name}-role-suffix`, { length: 6, special: false, upper: false }, parent);
    const role = new alicloud.ram.Role(
      `${name}-monitoring`,
      { roleName: pulumi.interpolate`${name.slice(0, 45)}-monitor-${suffix.result}`, assumeRolePolicyDocument: JSON.stringify(ECS_TRUST_POLICY), description: `${name}: read-only monitoring (tenantry)`, tags: args.tags },
      parent,
    );
    for (const policy of MONITORING_READ_ONLY_POLICIES) {
      new alicloud.ram.RolePolicyAttachment(`${name}-${policy}`, { roleName: role.roleName, policyName: policy, policyType: "System" }, parent);
    }
    this.host = new AlicloudHost(`${name}-host`, { ...args, publicIp: true, ramRoleName: role.roleName }, parent);
    this.monitoringRoleArn = role.arn;
    this.registerOutputs({ instanceId: this.host.instanceId, publicIp: this.host.publicIp, monitoringRoleArn: this.monitoringRoleArn });
  }
}
