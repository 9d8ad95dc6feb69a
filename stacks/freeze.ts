/**
 * Applying a tenant's licence freeze (core `Freeze`) in a Pulumi program, on any cloud: every
 * resource under the frozen tenant's component is registered with `ignoreChanges` on all its
 * inputs and `retainOnDelete`.
 *
 * What that does in a real `pulumi up`: resources already in the stack's state keep their recorded
 * inputs, so Pulumi plans no update and no replacement for them, whatever the manifest or a newer
 * Tenantry now says; a resource that leaves the program is dropped from the state but left in the
 * cloud (never deleted). The rest of the fleet updates normally. What `ignoreChanges` cannot do is
 * stop a resource that is not in the state yet from being created (a service added to an expired
 * tenant's manifest, a resource a newer Tenantry adds): `tenantry plan --baseline` reports those as
 * additions to a frozen tenant, and `pulumi up --exclude <urn>` keeps them out (docs/licences.md).
 */
import * as pulumi from "@pulumi/pulumi";
import { frozenIgnoreChanges, type TenantBlueprint } from "../components/core/index.js";

/** Tenantry's components (which hold no cloud state of their own) are left as they are. */
const isComponent = (type: string) => type.startsWith("tenantry:");

/** The transformation that freezes every custom resource it sees. */
export const freezeTransformation: pulumi.ResourceTransformation = (args) => {
  if (isComponent(args.type)) return undefined;
  return { props: args.props, opts: pulumi.mergeOptions(args.opts, { ignoreChanges: frozenIgnoreChanges(args.props), retainOnDelete: true }) };
};

/** The options of a tenant's component: frozen when its blueprint says so. */
export function tenantOptions(blueprint: TenantBlueprint): pulumi.ComponentResourceOptions {
  return blueprint.freeze ? { transformations: [freezeTransformation] } : {};
}

/** Says, loudly, which tenants are frozen and why (the documented urgent alert per licence). */
export function announceFreezes(blueprints: readonly TenantBlueprint[]): void {
  for (const bp of blueprints) {
    for (const l of bp.freeze?.licences ?? []) {
      pulumi.log.warn(
        `${l.alert}. Tenant ${bp.tenant} is FROZEN: its existing resources are kept exactly as they are (no update, ` +
          `replacement or deletion); the rest of the fleet proceeds. Renew the licence in the manifest, or acknowledge ` +
          `rule licence-expired with a reason to change the tenant anyway.`,
      );
    }
  }
}
