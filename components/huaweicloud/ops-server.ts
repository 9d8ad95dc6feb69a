/**
 * The managed-operations server (product-facts.md §1, managed-ops) on Huawei Cloud: the documented
 * 4 vCPU / 8 GiB / 200 GiB host with an EIP in the management subnet, and the monitoring
 * credentials the operations components use ("the customer provides cloud credentials"): an IAM
 * user in a group of its own, granted read-only Cloud Eye, ECS, RDS and VPC policies in the
 * tenant's enterprise project only, so it reads its own tenant's monitoring data and nobody else's.
 */
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { nameSafe } from "../core/index.js";
import { HuaweiHost, type HuaweiHostArgs } from "./host.js";
import { UNWRITABLE_SECRET_FILE } from "./backup-storage.js";
import { clipName } from "./naming.js";
import { AccessKey, getRole, Group, GroupMembership, GroupRoleAssignment, User } from "./provider/index.js";

/** Read-only system policies for the monitoring components (their console names); not OBS, whose read would reach backups. */
export const MONITORING_READ_ONLY_POLICIES = ["CES ReadOnlyAccess", "ECS ReadOnlyAccess", "RDS ReadOnlyAccess", "VPC ReadOnlyAccess"] as const;

export type HuaweiOpsServerArgs = Pick<
  HuaweiHostArgs,
  "size" | "source" | "subnetId" | "securityGroupIds" | "imageId" | "kmsKeyId" | "tags" | "billing" | "autoRenew" | "publicBandwidthMbps" | "availabilityZone" | "userData"
> & {
  /** The tenant's enterprise project: the only scope the monitoring credentials are granted in. */
  readonly enterpriseProjectId: pulumi.Input<string>;
};

export class HuaweiOpsServer extends pulumi.ComponentResource {
  public readonly host: HuaweiHost;
  /** The monitoring credentials' access key id (AK). */
  public readonly monitoringAccessKeyId: pulumi.Output<string>;
  /** The monitoring credentials' secret key (SK). A Pulumi secret. */
  public readonly monitoringSecretKey: pulumi.Output<string>;

  constructor(name: string, args: HuaweiOpsServerArgs, opts?: pulumi.ComponentResourceOptions) {
    super("tenantry:huaweicloud:OpsServer", name, {}, opts);
    const parent = { parent: this };
    const suffix = new random.RandomString(`${name}-suffix`, { length: 6, special: false, upper: false }, parent).result;
    const base = nameSafe(name);
    const user = new User(`${name}-monitoring`, { name: pulumi.interpolate`${clipName(base, 25)}-${suffix}`, accessType: "programmatic", description: `${name}: read-only monitoring of its tenant (tenantry)` }, parent);
    const group = new Group(`${name}-monitoring-group`, { name: pulumi.interpolate`${clipName(base, 50)}-mon-${suffix}`, description: `${name}: read-only monitoring of its tenant (tenantry)` }, parent);
    new GroupMembership(`${name}-monitoring-membership`, { group: group.id, users: [user.id] }, parent);
    for (const policy of MONITORING_READ_ONLY_POLICIES) {
      new GroupRoleAssignment(
        `${name}-${nameSafe(policy)}`,
        { groupId: group.id, roleId: getRole({ displayName: policy }, parent).id, enterpriseProjectId: args.enterpriseProjectId },
        parent,
      );
    }
    const accessKey = new AccessKey(`${name}-monitoring-key`, { userId: user.id, secretFile: UNWRITABLE_SECRET_FILE, description: `${name} monitoring (tenantry)` }, parent);
    this.host = new HuaweiHost(`${name}-host`, { ...args, publicIp: true }, parent);
    this.monitoringAccessKeyId = accessKey.id;
    this.monitoringSecretKey = pulumi.secret(accessKey.secret);
    this.registerOutputs({ instanceId: this.host.instanceId, publicIp: this.host.publicIp, monitoringAccessKeyId: this.monitoringAccessKeyId });
  }
}
