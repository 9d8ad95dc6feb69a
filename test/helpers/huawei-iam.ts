/**
 * A small evaluator of Huawei Cloud IAM, enough to prove tenant isolation from what a stack
 * registers: identity policies (custom policies of `"Version": "1.1"` and read-only system
 * policies) granted to groups in a scope (the account for global services, all projects, or one
 * enterprise project), group membership, and OBS-format bucket policies. A request is allowed when
 * some grant in scope allows it and no statement denies it (explicit deny wins); otherwise denied.
 *
 * Grammar followed: actions `service:resourceType:operation` with `*` wildcards; resources
 * `SERVICE:region:account:type:path` with `*` wildcards; a statement without `Resource` covers every
 * resource; bucket policies name principals `{"ID": [...]}` (`*` = everyone) and may carry a
 * `Bool` `SecureTransport` condition.
 */
import type { RecordedResource } from "../../plan/mock-run.js";
import { plainValue } from "../../policies/harness.js";

interface Statement {
  Effect: "Allow" | "Deny";
  Action: string[];
  Resource?: string[];
  Principal?: { ID: string[] };
  Condition?: { Bool?: Record<string, string[]> };
}

/** Services whose permissions apply account-wide (IAM policy type AX); all others are project-level (XA). */
const GLOBAL_SERVICES = new Set(["obs", "iam", "bss"]);

export type Scope = { kind: "domain"; id: string } | { kind: "all-projects" } | { kind: "project"; id: string } | { kind: "enterprise-project"; id: string };

export interface Grant {
  readonly group: string;
  readonly statements: readonly Statement[];
  readonly scope: Scope;
}

export interface Request {
  readonly action: string;
  readonly resource: string;
  /** The account the resource belongs to. */
  readonly domain: string;
  /** The enterprise project the resource is in, if any. */
  readonly enterpriseProjectId?: string;
  /** Made over TLS. */
  readonly secureTransport: boolean;
}

export interface Model {
  /** Group ids per user id. */
  readonly groupsOf: Map<string, string[]>;
  readonly grants: readonly Grant[];
  /** Bucket policy statements per bucket name. */
  readonly bucketPolicies: Map<string, Statement[]>;
}

/** `*` matches any run of characters (case-insensitive, as Huawei compares service names). */
export function wildcard(pattern: string, value: string): boolean {
  const re = new RegExp(`^${pattern.split("*").map((p) => p.replace(/[.+?^${}()|[\]\\]/g, "\\$&")).join(".*")}$`, "i");
  return re.test(value);
}

const serviceOf = (action: string) => action.split(":")[0]!.toLowerCase();

function inScope(scope: Scope, request: Request): boolean {
  const global = GLOBAL_SERVICES.has(serviceOf(request.action));
  switch (scope.kind) {
    case "domain":
      return global && scope.id === request.domain;
    case "all-projects":
      return !global;
    case "project":
      return !global;
    case "enterprise-project":
      return !global && request.enterpriseProjectId === scope.id;
  }
}

function matches(s: Statement, request: Request): boolean {
  if (!s.Action.some((a) => wildcard(a, request.action))) return false;
  if (s.Resource && !s.Resource.some((r) => wildcard(r, request.resource))) return false;
  const secure = s.Condition?.Bool?.SecureTransport;
  if (secure && !secure.includes(String(request.secureTransport))) return false;
  return true;
}

/** The bucket an OBS request is about (`OBS:…:bucket:<b>` or `OBS:…:object:<b>/<key>`). */
function bucketOf(resource: string): string | undefined {
  const m = /^OBS:[^:]*:[^:]*:(?:bucket|object):([^/]+)/i.exec(resource);
  return m?.[1];
}

/** Whether a bucket-policy statement (OBS format: actions without `obs:`, resources `b` and `b/key`) applies to a request on `path`. */
function bucketStatementMatches(s: Statement, request: Request, path: string): boolean {
  const operation = request.action.split(":").pop()!;
  if (!s.Action.some((a) => wildcard(a, operation))) return false;
  if (!(s.Resource ?? []).some((r) => wildcard(r, path))) return false;
  const secure = s.Condition?.Bool?.SecureTransport;
  return !secure || secure.includes(String(request.secureTransport));
}

/** `allow` or `deny` for `user` making `request`. */
export function evaluate(model: Model, user: string, request: Request): "allow" | "deny" {
  const groups = new Set(model.groupsOf.get(user) ?? []);
  const identity = model.grants.filter((g) => groups.has(g.group) && inScope(g.scope, request)).flatMap((g) => g.statements);
  const bucket = bucketOf(request.resource);
  const path = request.resource.replace(/^OBS:[^:]*:[^:]*:(?:bucket|object):/i, "");
  // Statements of the bucket's policy that name everyone (Tenantry's TLS-only deny) apply to every user.
  const forEveryone = (bucket ? (model.bucketPolicies.get(bucket) ?? []) : []).filter((s) => s.Principal?.ID.includes("*"));
  if (identity.some((s) => s.Effect === "Deny" && matches(s, request))) return "deny";
  if (forEveryone.some((s) => s.Effect === "Deny" && bucketStatementMatches(s, request, path))) return "deny";
  if (forEveryone.some((s) => s.Effect === "Allow" && bucketStatementMatches(s, request, path))) return "allow";
  return identity.some((s) => s.Effect === "Allow" && matches(s, request)) ? "allow" : "deny";
}

/** The read-only system policies Tenantry grants, by console name: read operations of their service. */
function systemPolicy(displayName: string): Statement[] {
  const m = /^([A-Z]+) ReadOnlyAccess$/.exec(displayName);
  if (!m) throw new Error(`no model of the system policy ${displayName}`);
  const svc = m[1]!.toLowerCase();
  return [{ Effect: "Allow", Action: [`${svc}:*:get*`, `${svc}:*:list*`] }];
}

/**
 * The model of a recorded stack, as the mocks give ids (`<name>-id`). `systemRoles` maps the ids the
 * stack got from `Iam/getRole` to the policies' console names.
 */
export function modelOf(resources: readonly RecordedResource[], systemRoles: ReadonlyMap<string, string>): Model {
  const of = (type: string) => resources.filter((r) => r.type === type);
  const groupsOf = new Map<string, string[]>();
  for (const m of of("huaweicloud:Iam/groupMembership:GroupMembership")) {
    for (const user of m.inputs.users as string[]) groupsOf.set(user, [...(groupsOf.get(user) ?? []), String(m.inputs.group)]);
  }
  const roles = new Map(of("huaweicloud:Iam/role:Role").map((r) => [`${r.name}-id`, (JSON.parse(String(r.inputs.policy)) as { Statement: Statement[] }).Statement]));
  const grants = of("huaweicloud:Iam/groupRoleAssignment:GroupRoleAssignment").map((a): Grant => {
    const roleId = String(a.inputs.roleId);
    const system = systemRoles.get(roleId);
    const statements = roles.get(roleId) ?? (system ? systemPolicy(system) : undefined);
    if (!statements) throw new Error(`role ${roleId} of ${a.name} is neither a custom policy of the stack nor a known system policy`);
    const i = a.inputs;
    const scope: Scope =
      i.domainId !== undefined
        ? { kind: "domain", id: String(i.domainId) }
        : i.enterpriseProjectId !== undefined
          ? { kind: "enterprise-project", id: String(i.enterpriseProjectId) }
          : i.projectId === "all"
            ? { kind: "all-projects" }
            : { kind: "project", id: String(i.projectId) };
    return { group: String(i.groupId), statements, scope };
  });
  const bucketPolicies = new Map(
    of("huaweicloud:Obs/bucketPolicy:BucketPolicy").map((p) => [String(plainValue(p.inputs.bucket)), (JSON.parse(String(p.inputs.policy)) as { Statement: Statement[] }).Statement]),
  );
  return { groupsOf, grants, bucketPolicies };
}
