/**
 * The Pulumi program (`main` in Pulumi.yaml). It reads the stack configuration, loads and
 * validates the tenant manifests, and only then registers anything.
 */
import * as pulumi from "@pulumi/pulumi";
import { formatProblem, loadFleet } from "../components/core/index.js";
import { describeFleet } from "./describe.js";
import { readStackConfig } from "./config.js";

const config = readStackConfig((key) => new pulumi.Config("tenantry").get(key));
const fleet = await loadFleet([config.tenants]);
if (!fleet.ok) {
  const lines = fleet.files.flatMap((f) => f.problems.map(formatProblem));
  throw new Error(`the tenant manifests in ${config.tenants} have problems:\n${lines.join("\n")}`);
}

pulumi.log.warn(
  `the ${config.cloud} blueprint is not built yet: this stack validates the tenants and exports ` +
    `their cloud-neutral plan, and creates no cloud resources`,
);

/** Per tenant: documented sizes (with the catalog row they come from) and the subnet plan. */
export const tenants = describeFleet(fleet.tenants.map((t) => t.tenant));
