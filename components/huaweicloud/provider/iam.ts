/**
 * Identity and Access Management: users, access keys, groups, custom policies (TF `identity_role`)
 * and their assignment to groups. Huawei IAM grants permissions to groups, never to users directly.
 */
import type * as pulumi from "@pulumi/pulumi";
import { HuaweiResource, invoke } from "./plugin.js";

export interface UserArgs {
  /** 1-32 characters. */
  name?: pulumi.Input<string>;
  description?: pulumi.Input<string>;
  /** `default`, `programmatic` (API only) or `console`. */
  accessType?: pulumi.Input<string>;
  enabled?: pulumi.Input<boolean>;
  /** The console password. Secret. */
  password?: pulumi.Input<string>;
  email?: pulumi.Input<string>;
}

/** `huaweicloud_identity_user`. */
export class User extends HuaweiResource {
  static readonly __pulumiType = "huaweicloud:Iam/user:User";
  declare readonly name: pulumi.Output<string>;

  constructor(name: string, args: UserArgs, opts?: pulumi.CustomResourceOptions) {
    super(User.__pulumiType, name, args, { outputs: ["name"], secrets: ["password"] }, opts);
  }
}

export interface AccessKeyArgs {
  userId: pulumi.Input<string>;
  /** `active` (default) or `inactive`. */
  status?: pulumi.Input<string>;
  description?: pulumi.Input<string>;
  /**
   * Where the provider writes the key's CSV. `secret` is filled only when writing it fails, so
   * Tenantry points it at a path that cannot be written (see BackupStorage).
   */
  secretFile?: pulumi.Input<string>;
  pgpKey?: pulumi.Input<string>;
}

/** `huaweicloud_identity_access_key`. `id` is the access key id (AK); `secret` the secret key (SK). */
export class AccessKey extends HuaweiResource {
  static readonly __pulumiType = "huaweicloud:Iam/accessKey:AccessKey";
  declare readonly secret: pulumi.Output<string>;

  constructor(name: string, args: AccessKeyArgs, opts?: pulumi.CustomResourceOptions) {
    super(AccessKey.__pulumiType, name, args, { outputs: ["secret"], secrets: ["secret"] }, opts);
  }
}

export interface GroupArgs {
  name?: pulumi.Input<string>;
  description?: pulumi.Input<string>;
}

/** `huaweicloud_identity_group`. */
export class Group extends HuaweiResource {
  static readonly __pulumiType = "huaweicloud:Iam/group:Group";

  constructor(name: string, args: GroupArgs, opts?: pulumi.CustomResourceOptions) {
    super(Group.__pulumiType, name, args, { outputs: [] }, opts);
  }
}

export interface GroupMembershipArgs {
  group: pulumi.Input<string>;
  users: pulumi.Input<pulumi.Input<string>[]>;
}

/** `huaweicloud_identity_group_membership`. */
export class GroupMembership extends HuaweiResource {
  static readonly __pulumiType = "huaweicloud:Iam/groupMembership:GroupMembership";

  constructor(name: string, args: GroupMembershipArgs, opts?: pulumi.CustomResourceOptions) {
    super(GroupMembership.__pulumiType, name, args, { outputs: [] }, opts);
  }
}

export interface RoleArgs {
  name?: pulumi.Input<string>;
  description: pulumi.Input<string>;
  /** `AX` for global services (OBS), `XA` for project-level (regional) services (KMS, Cloud Eye). */
  type: pulumi.Input<string>;
  /** The policy document (JSON, `"Version": "1.1"`). */
  policy: pulumi.Input<string>;
}

/** `huaweicloud_identity_role`: a custom policy. */
export class Role extends HuaweiResource {
  static readonly __pulumiType = "huaweicloud:Iam/role:Role";
  declare readonly name: pulumi.Output<string>;

  constructor(name: string, args: RoleArgs, opts?: pulumi.CustomResourceOptions) {
    super(Role.__pulumiType, name, args, { outputs: ["name"] }, opts);
  }
}

export interface AgencyArgs {
  /** 1-64 characters. Forces replacement. */
  name?: pulumi.Input<string>;
  description?: pulumi.Input<string>;
  /** The cloud service that acts through the agency (`op_svc_obs`: OBS; `op_svc_cff`: FunctionGraph). */
  delegatedServiceName?: pulumi.Input<string>;
  /** Names of the roles (system or custom) granted for the whole account (global services such as OBS). */
  domainRoles?: pulumi.Input<pulumi.Input<string>[]>;
  /** Names of the roles granted in one region's project (`project`: the project's name, e.g. `cn-north-4`). */
  projectRoles?: pulumi.Input<pulumi.Input<{ project: pulumi.Input<string>; roles: pulumi.Input<pulumi.Input<string>[]> }>[]>;
  /** `FOREVER` (default), `ONEDAY`, or a number of days. */
  duration?: pulumi.Input<string>;
}

/** `huaweicloud_identity_agency`: lets a cloud service act in the account with the roles granted to the agency. */
export class Agency extends HuaweiResource {
  static readonly __pulumiType = "huaweicloud:Iam/agency:Agency";
  declare readonly name: pulumi.Output<string>;

  constructor(name: string, args: AgencyArgs, opts?: pulumi.CustomResourceOptions) {
    super(Agency.__pulumiType, name, args, { outputs: ["name"] }, opts);
  }
}

export interface GroupRoleAssignmentArgs {
  groupId: pulumi.Input<string>;
  roleId: pulumi.Input<string>;
  /** Scope: a project id, or `all` (every project and the global services). */
  projectId?: pulumi.Input<string>;
  /** Scope: the account, for global services. */
  domainId?: pulumi.Input<string>;
  /** Scope: one enterprise project. */
  enterpriseProjectId?: pulumi.Input<string>;
}

/** `huaweicloud_identity_group_role_assignment`: a policy granted to a group in one scope. */
export class GroupRoleAssignment extends HuaweiResource {
  static readonly __pulumiType = "huaweicloud:Iam/groupRoleAssignment:GroupRoleAssignment";

  constructor(name: string, args: GroupRoleAssignmentArgs, opts?: pulumi.CustomResourceOptions) {
    super(GroupRoleAssignment.__pulumiType, name, args, { outputs: [] }, opts);
  }
}

export const GET_ROLE = "huaweicloud:Iam/getRole:getRole";

export interface GetRoleArgs {
  /** The policy's name as the API knows it. */
  name?: pulumi.Input<string>;
  /** The policy's name as the console shows it, e.g. `CES ReadOnlyAccess`. */
  displayName?: pulumi.Input<string>;
}

export interface GetRoleResult {
  readonly id: string;
  readonly name: string;
  readonly displayName: string;
}

/** A system-defined policy or role, by name. */
export function getRole(args: GetRoleArgs, opts?: pulumi.InvokeOutputOptions): pulumi.Output<GetRoleResult> {
  return invoke<GetRoleResult>(GET_ROLE, args, opts);
}
