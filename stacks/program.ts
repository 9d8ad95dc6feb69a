/**
 * The Tenantry program: reads the stack configuration, loads and validates the tenant manifests and
 * the cloud's configuration, and only then registers anything. `stacks/index.ts` (Pulumi.yaml's
 * `main`) runs it for `pulumi up`; `tenantry plan` runs it under Pulumi's mocks.
 */
import * as pulumi from "@pulumi/pulumi";
import { InputError, loadFleet, tenantBlueprint } from "../components/core/index.js";
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
    // Each cloud's stack (and so its provider SDK) is loaded only when that cloud is built: a user of
    // one cloud installs only that cloud's provider.
    case "aws": {
      const { awsStack, readAwsStackConfig } = await import("./aws.js");
      return awsStack(blueprints, readAwsStackConfig(tenantry.getObject("aws"), blueprints));
    }
    case "alicloud": {
      const { alicloudStack, readAlicloudStackConfig } = await import("./alicloud.js");
      return alicloudStack(blueprints, readAlicloudStackConfig(tenantry.getObject("alicloud"), blueprints));
    }
    default:
      pulumi.log.warn(
        `the ${config.cloud} blueprint is not built yet: this stack validates the tenants and exports ` +
          `their cloud-neutral plan, and creates no cloud resources`,
      );
      return describeFleet(fleet.tenants.map((t) => t.tenant));
  }
}
