/**
 * A small evaluator of Alibaba Cloud RAM policy grammar (`"Version": "1"`), for the isolation proof:
 * no library on the npm registry evaluates RAM policies. It follows RAM's documented logic:
 * an explicit `Deny` in any policy wins; otherwise an `Allow` in an identity policy (same account)
 * or in the resource's policy (naming the principal) allows; otherwise the request is implicitly
 * denied. A request across accounts needs the resource policy's allow as well as the identity's.
 *
 * Grammar: `Effect`, `Action` / `NotAction`, `Resource` / `NotResource`, `Principal` (resource
 * policies), `Condition` with the String*, Bool, Numeric*, IpAddress / NotIpAddress operators;
 * `*` and `?` wildcards (actions case-insensitive). Values of one key are ORed; keys and operators
 * are ANDed; a missing key fails every operator but the negated ones.
 */
import { Netmask } from "netmask";

type OneOrMany = string | readonly string[];

export interface RamStatement {
  readonly Effect: "Allow" | "Deny";
  readonly Action?: OneOrMany;
  readonly NotAction?: OneOrMany;
  readonly Resource?: OneOrMany;
  readonly NotResource?: OneOrMany;
  readonly Principal?: OneOrMany | { readonly RAM?: OneOrMany };
  readonly Condition?: Readonly<Record<string, Readonly<Record<string, OneOrMany | boolean | number>>>>;
}

export interface RamPolicy {
  readonly Version?: string;
  readonly Statement: readonly RamStatement[];
}

export interface RamRequest {
  readonly action: string;
  /** The resource ARN (`acs:<service>:<region>:<account>:<resource>`), or `*`. */
  readonly resource: string;
  /** The account that owns the resource. */
  readonly resourceAccount: string;
  /** The principal's ARN (`acs:ram::<account>:user/<name>` or `:role/<name>`). */
  readonly principal: string;
  readonly principalAccount: string;
  /** Request context: `acs:SourceIp`, `acs:SecureTransport`, `acs:ResourceTag/<key>`, ... */
  readonly context?: Readonly<Record<string, string>>;
}

export type RamDecision = "Allowed" | "ExplicitlyDenied" | "ImplicitlyDenied";

const list = (v: OneOrMany | undefined): readonly string[] => (v === undefined ? [] : typeof v === "string" ? [v] : v);

/** `*` and `?` glob match. */
export function globMatch(pattern: string, value: string, ignoreCase = false): boolean {
  const escaped = pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".");
  return new RegExp(`^${escaped}$`, ignoreCase ? "i" : "").test(value);
}

function matchesAction(s: RamStatement, action: string): boolean {
  if (s.Action !== undefined) return list(s.Action).some((p) => globMatch(p, action, true));
  if (s.NotAction !== undefined) return !list(s.NotAction).some((p) => globMatch(p, action, true));
  return false;
}

function matchesResource(s: RamStatement, resource: string): boolean {
  if (s.Resource !== undefined) return list(s.Resource).some((p) => p === "*" || globMatch(p, resource));
  if (s.NotResource !== undefined) return !list(s.NotResource).some((p) => globMatch(p, resource));
  return false;
}

function matchesPrincipal(s: RamStatement, request: RamRequest): boolean {
  const p = s.Principal;
  const names = typeof p === "object" && p !== null && !Array.isArray(p) ? list((p as { RAM?: OneOrMany }).RAM) : list(p as OneOrMany | undefined);
  return names.some((n) => n === "*" || n === request.principalAccount || globMatch(n, request.principal));
}

function ipIn(ip: string, cidr: string): boolean {
  try {
    return new Netmask(cidr.includes("/") ? cidr : `${cidr}/32`).contains(ip);
  } catch {
    return false;
  }
}

/** One operator over one key: does the request's value satisfy any of the statement's values? */
const OPERATORS = new Set([
  "StringEquals", "StringNotEquals", "StringEqualsIgnoreCase", "StringNotEqualsIgnoreCase", "StringLike", "StringNotLike", "Bool",
  "NumericEquals", "NumericNotEquals", "NumericLessThan", "NumericLessThanEquals", "NumericGreaterThan", "NumericGreaterThanEquals", "IpAddress", "NotIpAddress",
]);

function test(operator: string, actual: string | undefined, expected: readonly string[]): boolean {
  if (!OPERATORS.has(operator)) throw new Error(`RAM condition operator ${operator} is not supported by this evaluator`);
  const negated = operator.startsWith("Not") || /^String(Not)/.test(operator) || operator === "NumericNotEquals";
  if (actual === undefined) return negated;
  const any = (f: (e: string) => boolean) => expected.some(f);
  switch (operator) {
    case "StringEquals":
      return any((e) => e === actual);
    case "StringNotEquals":
      return !any((e) => e === actual);
    case "StringEqualsIgnoreCase":
      return any((e) => e.toLowerCase() === actual.toLowerCase());
    case "StringNotEqualsIgnoreCase":
      return !any((e) => e.toLowerCase() === actual.toLowerCase());
    case "StringLike":
      return any((e) => globMatch(e, actual));
    case "StringNotLike":
      return !any((e) => globMatch(e, actual));
    case "Bool":
      return any((e) => e.toLowerCase() === actual.toLowerCase());
    case "NumericEquals":
      return any((e) => Number(e) === Number(actual));
    case "NumericNotEquals":
      return !any((e) => Number(e) === Number(actual));
    case "NumericLessThan":
      return any((e) => Number(actual) < Number(e));
    case "NumericLessThanEquals":
      return any((e) => Number(actual) <= Number(e));
    case "NumericGreaterThan":
      return any((e) => Number(actual) > Number(e));
    case "NumericGreaterThanEquals":
      return any((e) => Number(actual) >= Number(e));
    case "IpAddress":
      return any((e) => ipIn(actual, e));
    case "NotIpAddress":
      return !any((e) => ipIn(actual, e));
    default:
      throw new Error(`RAM condition operator ${operator} is not supported by this evaluator`);
  }
}

function matchesConditions(s: RamStatement, context: Readonly<Record<string, string>>): boolean {
  return Object.entries(s.Condition ?? {}).every(([operator, keys]) =>
    Object.entries(keys).every(([key, values]) => test(operator, context[key], list(typeof values === "string" || Array.isArray(values) ? (values as OneOrMany) : String(values)))),
  );
}

function applies(s: RamStatement, request: RamRequest, resourcePolicy: boolean): boolean {
  return (
    matchesAction(s, request.action) &&
    matchesResource(s, request.resource) &&
    (!resourcePolicy || matchesPrincipal(s, request)) &&
    matchesConditions(s, request.context ?? {})
  );
}

/** RAM's decision for `request` under the principal's identity policies and the resource's policy. */
export function evaluateRam(identityPolicies: readonly RamPolicy[], resourcePolicy: RamPolicy | undefined, request: RamRequest): RamDecision {
  const identity = identityPolicies.flatMap((p) => p.Statement).filter((s) => applies(s, request, false));
  const resource = (resourcePolicy?.Statement ?? []).filter((s) => applies(s, request, true));
  if ([...identity, ...resource].some((s) => s.Effect === "Deny")) return "ExplicitlyDenied";
  const identityAllows = identity.some((s) => s.Effect === "Allow");
  const resourceAllows = resource.some((s) => s.Effect === "Allow");
  const sameAccount = request.principalAccount === request.resourceAccount;
  if (sameAccount ? identityAllows || resourceAllows : identityAllows && resourceAllows) return "Allowed";
  return "ImplicitlyDenied";
}
