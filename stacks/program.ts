/**
 * The Tenantry program: reads the stack configuration, loads and validates the tenant manifests and
 * the cloud's configuration, and only then registers anything. `stacks/index.ts` (Pulumi.yaml's
 * `main`) runs it for `pulumi up`; `tenantry plan` runs it under Pulumi's mocks.
 *
 * One program serves every stack role (docs/fleet.md): `all` builds the fleet-wide resources and the
 * tenants in one stack; `fleet` only the fleet-wide resources; `tenants` the selected tenants, reading
 * the fleet-wide resources from the fleet stack through a `StackReference`. `tenantry:select` picks
 * the tenants (all of them when unset); the whole fleet is still validated, so a tenant stack cannot
 * take a network block or licence id that another tenant's stack holds.
 */
import * as pulumi from "@pulumi/pulumi";
import { InputError, loadFleet, tenantBlueprint, type ServiceParams, type Tenant, type TenantBlueprint } from "../components/core/index.js";
import { stackBlueprints, type CloudStack } from "./cloud-config.js";
import { readStackConfig, retirementProblems, type StackConfig } from "./config.js";
import { announceFreezes } from "./freeze.js";
import { importOnDemand } from "./package.js";

export interface ProgramOptions {
  /** The moment licences are judged at (an expired one freezes its tenant). Default: now. */
  readonly at?: Date;
}

/** The stack's outputs: per tenant what was created, and the fleet-wide values tenant stacks read. */
export interface ProgramOutputs {
  tenants: Record<string, unknown>;
  fleet?: Record<string, unknown>;
}

/** The name of the `StackReference` a tenant stack reads the fleet stack through (part of its URN). */
export const FLEET_REFERENCE = "fleet";

/** The tenants `select` names, in fleet order; throws naming any id that is not in the fleet. */
export function selectBlueprints(blueprints: readonly TenantBlueprint[], select: readonly string[] | undefined): TenantBlueprint[] {
  if (!select) return [...blueprints];
  const known = new Set(blueprints.map((b) => b.tenant));
  const unknown = select.filter((id) => !known.has(id));
  if (unknown.length > 0) {
    throw new InputError("stack configuration", unknown.map((id) => ({ path: "tenantry:select", message: `names no tenant of the fleet (${[...known].join(", ")})`, received: id })));
  }
  const wanted = new Set(select);
  return blueprints.filter((b) => wanted.has(b.tenant));
}

/** The fleet-wide values, from this stack (`all`) or from the fleet stack (`tenants`). */
function fleetOf<C, F extends object>(cloud: CloudStack<C, F>, config: StackConfig, cloudConfig: C): F {
  if (config.role !== "tenants") return cloud.fleet(cloudConfig);
  const reference = new pulumi.StackReference(FLEET_REFERENCE, { name: config.fleetStack! });
  const fleet = reference.requireOutput("fleet") as pulumi.Output<Record<string, unknown>>;
  return Object.fromEntries(cloud.fleetOutputs.map((key) => [key, fleet.apply((f) => f[key])])) as F;
}

/**
 * Validates the cloud's configuration against what the tenants need, then registers them. The
 * checks see the blueprints the tenants are built from ({@link stackBlueprints}, which the plan
 * document describes too): with the configuration's cloud-neutral service parameters (entry points
 * and their DNS names, middleware, probes: core `ServiceParams`) and blueprint options (access-log
 * retention), read from it first.
 */
async function build<C extends ServiceParams, F extends object>(
  cloud: CloudStack<C, F>,
  config: StackConfig,
  raw: unknown,
  tenants: readonly Tenant[],
  at: Date,
): Promise<ProgramOutputs> {
  if (config.role === "fleet") {
    const fleet = cloud.fleet(cloud.readConfig(raw, []));
    return { tenants: {}, fleet: fleet as Record<string, unknown> };
  }
  const blueprints = stackBlueprints(tenants, config, raw, at);
  const cloudConfig = cloud.readConfig(raw, blueprints);
  const fleet = fleetOf(cloud, config, cloudConfig);
  announceFreezes(blueprints);
  return { tenants: await cloud.tenants(blueprints, cloudConfig, fleet), ...(config.role === "all" ? { fleet: fleet as Record<string, unknown> } : {}) };
}

/** Builds the configured stack; returns per tenant what was created. */
export async function tenantryProgram(options: ProgramOptions = {}): Promise<ProgramOutputs> {
  const tenantry = new pulumi.Config("tenantry");
  const config = readStackConfig((key) => tenantry.get(key));
  const fleet = await loadFleet([config.tenants]);
  if (!fleet.ok) throw new InputError(`tenant manifests in ${config.tenants}`, fleet.files.flatMap((f) => f.problems));
  const retirement = retirementProblems(config.retired, fleet.tenants.map((t) => t.tenant));
  if (retirement.length > 0) throw new InputError("stack configuration", retirement);
  const blueprints = selectBlueprints(fleet.tenants.map((t) => tenantBlueprint(t.tenant)), config.select);
  const wanted = new Set(blueprints.map((b) => b.tenant));
  const tenants = fleet.tenants.map((t) => t.tenant).filter((t) => wanted.has(t.id));
  const at = options.at ?? new Date();
  switch (config.cloud) {
    // Each cloud's stack (and so its provider SDK) is loaded only when that cloud is built: a user of
    // one cloud installs only that cloud's provider, and a missing one is a MissingPackageError.
    case "aws":
      return build((await importOnDemand(() => import("./aws.js"), "aws")).awsCloud, config, tenantry.getObject("aws"), tenants, at);
    case "alicloud":
      return build((await importOnDemand(() => import("./alicloud.js"), "alicloud")).alicloudCloud, config, tenantry.getObject("alicloud"), tenants, at);
    case "kubernetes":
      return build((await importOnDemand(() => import("./kubernetes.js"), "kubernetes")).kubernetesCloud, config, tenantry.getObject("kubernetes"), tenants, at);
    case "huaweicloud":
      return build((await importOnDemand(() => import("./huaweicloud.js"), "huaweicloud")).huaweicloudCloud, config, tenantry.getObject("huaweicloud"), tenants, at);
    default: {
      // Every cloud of CLOUDS is built; the compiler refuses a new one until it has a case here.
      const unbuilt: never = config.cloud;
      throw new Error(`no stack for cloud ${String(unbuilt)}`);
    }
  }
}
