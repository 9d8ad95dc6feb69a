/**
 * The stacks of a fleet (docs/fleet.md): from one base stack (its `stacks/Pulumi.<base>.yaml`), a
 * fleet stack `<base>-fleet` for the fleet-wide resources and a stack per tenant `<base>-<tenant>`
 * (or per named group `<base>-<group>`), each with the base configuration plus its role. Pure: no
 * Pulumi CLI is needed to decide what would run.
 */
import { InputError, type Problem } from "../components/core/index.js";

export type FleetRole = "fleet" | "tenants";

/** One stack the fleet runner runs. */
export interface FleetUnit {
  /** The stack's name, qualified `<org>/tenantry/<stack>` when an organization is given. */
  readonly stack: string;
  readonly role: FleetRole;
  /** The tenants it holds (none for the fleet stack). */
  readonly tenants: readonly string[];
  /** Its configuration, keys as in a stack file (`tenantry:role`, `aws:region`, ...). */
  readonly config: Readonly<Record<string, string>>;
}

export interface FleetUnitsOptions {
  /** The base stack: its configuration file gives every stack's cloud settings. */
  readonly base: string;
  readonly baseConfig: Readonly<Record<string, string>>;
  /** Every tenant of the fleet, in fleet order. */
  readonly tenantIds: readonly string[];
  /** Named groups of tenants that share a stack; tenants in no group get a stack each. */
  readonly groups?: Readonly<Record<string, readonly string[]>>;
  /** Only these tenants (or groups); the fleet stack is then left out unless `withFleet`. */
  readonly only?: readonly string[];
  readonly withFleet?: boolean;
  /** The organization (Pulumi Cloud org, or `organization` on a DIY backend) that qualifies stack names. */
  readonly org?: string;
}

export const FLEET_SUFFIX = "fleet";
const PROJECT = "tenantry";

/** The role keys the runner sets; a base stack must not set them itself. */
const ROLE_KEYS = ["tenantry:role", "tenantry:select", "tenantry:fleetStack"];

export function fleetUnits(o: FleetUnitsOptions): FleetUnit[] {
  const problems: Problem[] = [];
  const known = new Set(o.tenantIds);
  const qualified = (name: string) => (o.org ? `${o.org}/${PROJECT}/${name}` : name);
  for (const key of ROLE_KEYS) {
    if (o.baseConfig[key] !== undefined && !(key === "tenantry:role" && o.baseConfig[key] === "all")) {
      problems.push({ path: key, message: `is set by the fleet runner per stack: the base stack ${o.base} must not set it`, received: o.baseConfig[key] });
    }
  }
  for (const [key, value] of Object.entries(o.baseConfig)) {
    if (value.includes('"secure"')) problems.push({ path: key, message: "holds a secret encrypted for the base stack alone: give it through an ESC environment or set it per stack" });
  }
  const grouped = new Map<string, string>();
  for (const [group, members] of Object.entries(o.groups ?? {})) {
    if (known.has(group)) problems.push({ path: `groups.${group}`, message: "is a tenant id: a group needs a name of its own" });
    for (const id of members) {
      if (!known.has(id)) problems.push({ path: `groups.${group}`, message: "names a tenant that is not in the fleet", received: id });
      else if (grouped.has(id)) problems.push({ path: `groups.${group}`, message: `names a tenant already in group ${grouped.get(id)}`, received: id });
      else grouped.set(id, group);
    }
  }
  if (known.has(FLEET_SUFFIX)) problems.push({ path: "tenants", message: `holds a tenant named ${FLEET_SUFFIX}, the fleet stack's suffix` });
  const names = [...new Set(o.tenantIds.map((id) => grouped.get(id) ?? id))];
  for (const name of o.only ?? []) {
    if (!names.includes(name) && !known.has(name)) problems.push({ path: "--tenants", message: `names no tenant or group of the fleet (${names.join(", ")})`, received: name });
  }
  if (problems.length > 0) throw new InputError("fleet", problems);

  const wanted = o.only ? new Set(o.only.map((name) => grouped.get(name) ?? name)) : undefined;
  const common = { ...o.baseConfig, "tenantry:scope": o.baseConfig["tenantry:scope"] ?? o.base };
  const fleetStack = qualified(`${o.base}-${FLEET_SUFFIX}`);
  const units: FleetUnit[] = [];
  if (!wanted || o.withFleet) units.push({ stack: fleetStack, role: "fleet", tenants: [], config: { ...common, "tenantry:role": "fleet" } });
  for (const name of names) {
    if (wanted && !wanted.has(name)) continue;
    const tenants = o.tenantIds.filter((id) => (grouped.get(id) ?? id) === name);
    units.push({
      stack: qualified(`${o.base}-${name}`),
      role: "tenants",
      tenants,
      config: { ...common, "tenantry:role": "tenants", "tenantry:select": tenants.join(","), "tenantry:fleetStack": fleetStack },
    });
  }
  return units;
}

/** A configuration value as a stack file holds it: structured values (JSON objects and lists) as such, the rest as strings. */
export function configValue(value: string): unknown {
  if (/^[[{]/.test(value.trim())) {
    try {
      return JSON.parse(value);
    } catch {
      return value;
    }
  }
  return value;
}

/** The stack's name without its organization and project. */
export const shortName = (stack: string) => stack.split("/").pop()!;
