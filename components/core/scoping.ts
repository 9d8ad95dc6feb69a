/**
 * Where a tenant's own names live, on every cloud: the prefix of its configuration parameters, its
 * log groups and its custom metrics. Permissions are scoped to these prefixes, so two tenants can
 * never reach each other's. `/` separates the parts: a tenant id (a slug without `/`) can never be
 * a prefix of another tenant's path, as `acme` would be of `acme-corp` with `-`.
 */

/** How tenants are kept apart in a stack's cloud account. */
export const ISOLATION_LEVELS = ["shared", "account"] as const;
/**
 * - `shared`: every tenant in the stack's one account; every permission is scoped to the tenant's
 *   own resources, except the few reads a cloud cannot scope, which the isolation proof lists.
 * - `account`: a member account per tenant (AWS Organizations, Alibaba Resource Directory), the
 *   stack's provider for the tenant assumes a role into it; no cross-tenant allow remains.
 */
export type IsolationLevel = (typeof ISOLATION_LEVELS)[number];

/** The path prefix (no trailing `/`) of a tenant's configuration parameters and secrets. */
export function tenantParameterPath(stack: string, tenant: string): string {
  return `/tenantry/${stack}/${tenant}`;
}

/** The prefix (no trailing `/`) of a tenant's log groups. */
export function tenantLogGroupPrefix(stack: string, tenant: string): string {
  return `/tenantry/${stack}/${tenant}`;
}

/** The custom-metric namespace a tenant's host agents publish to. */
export function tenantMetricNamespace(tenant: string): string {
  return `Tenantry/${tenant}`;
}
