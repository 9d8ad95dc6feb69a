/** Building fleets for tests: the demo tenants, and made-up tenants validated like real manifests. */
import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { loadFleet, parseTenant, tenantBlueprint, type ServiceParams, type Tenant, type TenantBlueprint, type TenantInput } from "../../components/core/index.js";
import { serviceParamsOf } from "../../stacks/cloud-config.js";

/** The cloud-neutral service parameters of a demo stack file (both demo stacks give the same). */
export function demoParams(cloud: "aws" | "alicloud" = "aws"): ServiceParams {
  const doc = parse(readFileSync(`stacks/Pulumi.${cloud}-demo.yaml`, "utf8")) as { config: Record<string, ServiceParams> };
  return serviceParamsOf(doc.config[`tenantry:${cloud}`]!);
}

/** Blueprints of `tenants` with the demo service parameters. */
export const blueprintsOf = (tenants: readonly Tenant[], params = demoParams()): TenantBlueprint[] => tenants.map((t) => tenantBlueprint(t, params));

export async function demoTenants(): Promise<Tenant[]> {
  const fleet = await loadFleet(["stacks/tenants"]);
  if (!fleet.ok) throw new Error("the demo tenants are invalid");
  return fleet.tenants.map((t) => t.tenant);
}

export async function demoBlueprints(): Promise<TenantBlueprint[]> {
  return blueprintsOf(await demoTenants());
}

const LICENCE_DATES = { start: "2026-01-01", end: "2027-01-01" };

/** A valid tenant; `n` picks its id suffix and its own /20 in 10.100.0.0/14. */
export function makeTenant(n: number, services: TenantInput["services"], id = `t${n}`): Tenant {
  const result = parseTenant({
    id,
    name: `Tenant ${n}`,
    contact: `ops@t${n}.example`,
    network: { cidr: `10.${100 + Math.floor(n / 16)}.${(n % 16) * 16}.0/20` },
    services,
  });
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.tenant;
}

export const anyShare = (users: number, id: string) => ({ product: "anyshare-cloud" as const, licence: { id, users, ...LICENCE_DATES } });
export const anyBackup = (deduplication: boolean, id: string) => ({ product: "anybackup-cloud" as const, licence: { id, capacityTb: 10, ...LICENCE_DATES }, deduplication });
export const opsServer = () => ({ product: "ops-server" as const });

/** `blueprints` with every AnyBackup bucket keeping a DR copy on `drCloud` (of `tenants`, default all). */
export function withDrCopyOn(blueprints: readonly TenantBlueprint[], drCloud: "aws" | "alicloud" | "huaweicloud", tenants?: readonly string[]): TenantBlueprint[] {
  return blueprints.map((bp) =>
    tenants && !tenants.includes(bp.tenant) ? bp : { ...bp, buckets: bp.buckets.map((b) => ({ ...b, target: { target: "dr-copy" as const, drCloud } })) },
  );
}
