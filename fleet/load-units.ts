/** The stacks of a fleet, from its base stack's configuration file and tenant manifests. */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { parse } from "yaml";
import { z } from "zod";
import { InputError, loadFleet, validated } from "../components/core/index.js";
import { readStackConfig } from "../stacks/config.js";
import { readStackFile, STACK_CONFIG_DIR } from "../stacks/stack-file.js";
import { fleetUnits, type FleetUnit } from "./units.js";

export interface UnitsOptions {
  /** The base stack (`stacks/Pulumi.<stack>.yaml`). */
  stack: string;
  /** Only these tenants or groups, comma-separated. */
  tenants?: string;
  /** A YAML file of named groups. */
  groups?: string;
  withFleet?: boolean;
  org?: string;
}

/** Clouds whose program has the fleet and tenant roles. */
const FLEET_CLOUDS = ["aws", "alicloud", "huaweicloud", "kubernetes"];

const groupsSchema = z.record(z.string().regex(/^[a-z][a-z0-9-]*$/, { error: "must be a group name (lower-case letters, digits, '-')" }), z.array(z.string()).min(1));

async function readGroups(file: string): Promise<Record<string, string[]>> {
  let raw: unknown;
  try {
    raw = parse(await readFile(file, "utf8"));
  } catch (error) {
    throw new InputError("fleet options", [{ path: "--groups", message: `cannot be read as YAML: ${(error as Error).message.split("\n")[0]}`, received: file }]);
  }
  return validated(groupsSchema, raw ?? {}, `groups in ${file}`, "groups.");
}

/** The stacks the command would run, from the base stack's file and its tenants. */
export async function planUnits(options: UnitsOptions, root = "."): Promise<FleetUnit[]> {
  let baseConfig: Record<string, string>;
  try {
    baseConfig = await readStackFile(options.stack, join(root, STACK_CONFIG_DIR));
  } catch {
    throw new InputError("fleet options", [{ path: "--stack", message: `has no stack configuration stacks/Pulumi.${options.stack}.yaml`, received: options.stack }]);
  }
  const config = readStackConfig((key) => baseConfig[`tenantry:${key}`]);
  if (!FLEET_CLOUDS.includes(config.cloud)) {
    throw new InputError("fleet options", [{ path: "--stack", message: `builds on ${config.cloud}, whose program has no fleet stack yet (${FLEET_CLOUDS.join(", ")} have)`, received: options.stack }]);
  }
  const fleet = await loadFleet([join(root, config.tenants)]);
  if (!fleet.ok) throw new InputError(`tenant manifests in ${config.tenants}`, fleet.files.flatMap((f) => f.problems));
  return fleetUnits({
    base: options.stack,
    baseConfig,
    tenantIds: fleet.tenants.map((t) => t.tenant.id),
    ...(options.groups ? { groups: await readGroups(options.groups) } : {}),
    ...(options.tenants ? { only: options.tenants.split(",").map((s) => s.trim()) } : {}),
    ...(options.withFleet ? { withFleet: true } : {}),
    ...(options.org ? { org: options.org } : {}),
  });
}

