/**
 * Kubernetes RBAC evaluated, as the API server's authorizer does it (RBAC is purely additive):
 * a request (user and groups; verb, API group, resource, namespace) is allowed when some
 * RoleBinding of that namespace, or some ClusterRoleBinding, names the user, one of its groups or
 * its ServiceAccount, and the Role or ClusterRole it refers to has a rule matching the verb, API
 * group and resource (with `*` wildcards). Used to prove that no principal of one tenant is granted
 * anything in another tenant's namespace, and that each tenant's operators keep their own access.
 */

export interface RbacObject {
  readonly kind: "Role" | "ClusterRole" | "RoleBinding" | "ClusterRoleBinding";
  readonly metadata: { readonly name: string; readonly namespace?: string };
  readonly rules?: readonly { readonly apiGroups?: readonly string[]; readonly resources?: readonly string[]; readonly verbs: readonly string[]; readonly resourceNames?: readonly string[] }[];
  readonly roleRef?: { readonly kind: string; readonly name: string };
  readonly subjects?: readonly { readonly kind: string; readonly name: string; readonly namespace?: string }[];
}

/** Who makes a request: a user name and its groups, as the authenticator gives them. */
export interface Principal {
  readonly user: string;
  readonly groups: readonly string[];
}

export interface Request {
  readonly verb: string;
  /** `""` for the core group. */
  readonly apiGroup: string;
  /** With a subresource as `pods/exec`. */
  readonly resource: string;
  readonly namespace: string;
}

/** The identity of a ServiceAccount, as the API server authenticates its tokens. */
export function serviceAccount(namespace: string, name: string): Principal {
  return { user: `system:serviceaccount:${namespace}:${name}`, groups: ["system:serviceaccounts", `system:serviceaccounts:${namespace}`, "system:authenticated"] };
}

/** A member of `group`, authenticated. */
export function groupMember(group: string): Principal {
  return { user: `someone-in-${group}`, groups: [group, "system:authenticated"] };
}

function names(subject: NonNullable<RbacObject["subjects"]>[number], bindingNamespace: string | undefined, who: Principal): boolean {
  switch (subject.kind) {
    case "User":
      return subject.name === who.user;
    case "Group":
      return who.groups.includes(subject.name);
    case "ServiceAccount":
      return who.user === `system:serviceaccount:${subject.namespace ?? bindingNamespace}:${subject.name}`;
    default:
      return false;
  }
}

const covers = (list: readonly string[] | undefined, value: string) => (list ?? []).includes("*") || (list ?? []).includes(value);

/** Whether `objects` allow `who` to make `request`. */
export function allowed(objects: readonly RbacObject[], who: Principal, request: Request): boolean {
  const bindings = objects.filter(
    (o) => (o.kind === "RoleBinding" && o.metadata.namespace === request.namespace) || o.kind === "ClusterRoleBinding",
  );
  return bindings.some((b) => {
    if (!(b.subjects ?? []).some((s) => names(s, b.metadata.namespace, who))) return false;
    const ref = b.roleRef!;
    const role = objects.find((o) => o.kind === ref.kind && o.metadata.name === ref.name && (ref.kind === "ClusterRole" || o.metadata.namespace === b.metadata.namespace));
    return (role?.rules ?? []).some((r) => !r.resourceNames?.length && covers(r.verbs, request.verb) && covers(r.apiGroups, request.apiGroup) && covers(r.resources, request.resource));
  });
}
