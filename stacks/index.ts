/**
 * The Pulumi program (`main` in Pulumi.yaml). It reads the stack configuration, loads and
 * validates the tenant manifests and the cloud's configuration, and only then registers anything.
 */
import * as pulumi from "@pulumi/pulumi";
import { InputError, loadFleet, tenantBlueprint } from "../components/core/index.js";
import { alicloudStack, readAlicloudStackConfig } from "./alicloud.js";
import { awsStack, readAwsStackConfig } from "./aws.js";
import { readStackConfig } from "./config.js";
import { describeFleet } from "./describe.js";

const tenantry = new pulumi.Config("tenantry");
const config = readStackConfig((key) => tenantry.get(key));
const fleet = await loadFleet([config.tenants]);
if (!fleet.ok) throw new InputError(`tenant manifests in ${config.tenants}`, fleet.files.flatMap((f) => f.problems));
const blueprints = fleet.tenants.map((t) => tenantBlueprint(t.tenant));

function build(): unknown {
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

/** Per tenant: on a built cloud, what was created (hosts, databases, storage); otherwise the cloud-neutral plan. */
export const tenants = build();
