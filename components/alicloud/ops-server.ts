/**
 * The managed-operations server (product-facts.md §1, managed-ops) on Alibaba Cloud: the documented
 * 4 vCPU / 8 GiB / 200 GiB host with an EIP in the management vSwitch, under a RAM role with the
 * read-only and monitoring permissions the operations components need ("the customer provides a
 * RAM with permission to manage the relevant cloud resources").
 */
import * as alicloud from "@pulumi/alicloud";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { TAG_KEYS } from "../core/index.js";
import { AlicloudHost, type AlicloudHostArgs } from "./host.js";
import { ramOpsMonitoringPolicy } from "./policies.js";

/** The trust policy that lets ECS instances assume a RAM role. */
export const ECS_TRUST_POLICY = {
  Version: "1",
  Statement: [{ Action: "sts:AssumeRole", Effect: "Allow", Principal: { Service: ["ecs.aliyuncs.com"] } }],
} as const;

export type AlicloudOpsServerArgs = Pick<
  AlicloudHostArgs,
  "size" | "source" | "vswitchId" | "securityGroupIds" | "imageId" | "tags" | "billing" | "publicBandwidthMbps" | "userData" | "kmsKeyId"
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
    // A custom policy scoped to the tenant, never a system policy (those read every tenant's resources).
    const tenant = args.tags[TAG_KEYS.tenant] ?? name;
    const account = alicloud.getAccountOutput(parent).id;
    const policy = new alicloud.ram.Policy(
      `${name}-monitoring-policy`,
      {
        policyName: pulumi.interpolate`${name.slice(0, 40)}-monitor-${suffix.result}`,
        description: `${name}: read-only monitoring of tenant ${tenant} (tenantry)`,
        policyDocument: account.apply((acct) => JSON.stringify(ramOpsMonitoringPolicy(acct, tenant))),
      },
      parent,
    );
    new alicloud.ram.RolePolicyAttachment(`${name}-monitoring-access`, { roleName: role.roleName, policyName: policy.policyName, policyType: "Custom" }, parent);
    this.host = new AlicloudHost(`${name}-host`, { ...args, publicIp: true, ramRoleName: role.roleName }, parent);
    this.monitoringRoleArn = role.arn;
    this.registerOutputs({ instanceId: this.host.instanceId, publicIp: this.host.publicIp, monitoringRoleArn: this.monitoringRoleArn });
  }
}
