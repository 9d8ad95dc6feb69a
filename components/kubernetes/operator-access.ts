/**
 * The tenant's operators (managed-ops: operators need login access to the tenant's servers and
 * databases): a namespaced Role and a RoleBinding for one group, nothing cluster-wide. Operators
 * read the tenant's objects and logs, restart and scale its workloads and open a shell in its
 * pods (the bastion's role); they cannot read Secrets or change the namespace's quota, limits,
 * network policies or RBAC.
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { validated, type Tags } from "../core/index.js";
import { metadataOf } from "./labels.js";

const READ = ["get", "list", "watch"];

/** The Role's rules. */
export const OPERATOR_RULES = [
  { apiGroups: [""], resources: ["pods", "pods/log", "services", "endpoints", "persistentvolumeclaims", "configmaps", "events", "serviceaccounts", "resourcequotas", "limitranges"], verbs: READ },
  { apiGroups: [""], resources: ["pods"], verbs: ["delete"] },
  { apiGroups: [""], resources: ["pods/exec", "pods/portforward"], verbs: ["create"] },
  { apiGroups: ["apps"], resources: ["statefulsets"], verbs: [...READ, "patch"] },
  { apiGroups: ["apps"], resources: ["statefulsets/scale"], verbs: ["get", "update", "patch"] },
  { apiGroups: ["networking.k8s.io"], resources: ["ingresses", "networkpolicies"], verbs: READ },
  { apiGroups: ["policy"], resources: ["poddisruptionbudgets"], verbs: READ },
  { apiGroups: ["monitoring.coreos.com"], resources: ["prometheusrules"], verbs: READ },
] as const;

export interface OperatorAccessArgs {
  readonly namespace: pulumi.Input<string>;
  /** The group (as the cluster's authenticator names it) of the tenant's operators. */
  readonly group: string;
  readonly tags: Tags;
}

const argsSchema = z.object({ group: z.string().min(1, { error: "must name the operators' group" }) });

export class OperatorAccess extends pulumi.ComponentResource {
  public readonly roleName = "tenantry-operators";

  constructor(name: string, args: OperatorAccessArgs, opts?: pulumi.ComponentResourceOptions) {
    super("tenantry:kubernetes:OperatorAccess", name, {}, opts);
    const a = validated(argsSchema, args, `arguments of OperatorAccess ${name}`, "args.");
    const meta = metadataOf(args.tags);
    const role = new k8s.rbac.v1.Role(
      `${name}-role`,
      { metadata: { name: this.roleName, namespace: args.namespace, ...meta }, rules: OPERATOR_RULES.map((r) => ({ apiGroups: [...r.apiGroups], resources: [...r.resources], verbs: [...r.verbs] })) },
      { parent: this },
    );
    new k8s.rbac.v1.RoleBinding(
      `${name}-binding`,
      {
        metadata: { name: this.roleName, namespace: args.namespace, ...meta },
        roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: role.metadata.name },
        subjects: [{ apiGroup: "rbac.authorization.k8s.io", kind: "Group", name: a.group }],
      },
      { parent: this },
    );
    this.registerOutputs({ roleName: this.roleName, group: a.group });
  }
}
