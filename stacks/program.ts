/**
 * The Tenantry program: reads the stack configuration, loads and validates the tenant manifests and
 * the cloud's configuration, and only then registers anything. `stacks/index.ts` (Pulumi.yaml's
 * `main`) runs it for `pulumi up`; `tenantry plan` runs it under Pulumi's mocks.
 */
import * as pulumi from "@pulumi/pulumi";
import { InputError, loadFleet, tenantBlueprint } from "../components/core/index.js";
import { alicloudStack, readAlicloudStackConfig } from "./alicloud.js";
import { awsStack, readAwsStackConfig } from "./aws.js";
import { readStackConfig } from "./config.js";
import { describeFleet } from "./describe.js";

/** Builds the configured stack; returns per tenant what was created (or, on a cloud not built yet, its plan). */
export async function tenantryProgram(): Promise<unknown> {
  const tenantry = new pulumi.Config("tenantry");
  const config = readStackConfig((key) => tenantry.get(key));
  const fleet = await loadFleet([config.tenants]);
  if (!fleet.ok) throw new InputError(`tenant manifests in ${config.tenants}`, fleet.files.flatMap((f) => f.problems));
  const blueprints = fleet.tenants.map((t) => tenantBlueprint(t.tenant));
  switch (config.cloud) {
    case "aws":
      return awsStack(blueprints, readAwsStackConfig(tenantry.getObject("aws"), blueprints));
    case "alicloud":
      return alicloudStack(blueprints, readAlicloudStackConfig(tenantry.getObject("alicloud"), blueprints));
    default:
      pulumi.log.warn(
        `the ${config.cloud} blueprint is not built yet: this stack validates the tenants and exports ` +
          `their cloud-neutral plan, and creates no cloud resources`,
      );
      return describeFleet(fleet.tenants.map((t) => t.tenant));
  }
}
