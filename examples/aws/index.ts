/**
 * A fleet of tenants on AWS, with Tenantry as a library: read and check a directory of tenant
 * manifests, turn each tenant into its cloud-neutral blueprint, and build each one with the AWS
 * components. A complete Pulumi program (see README.md beside it).
 *
 *   npm i tenantry @pulumi/pulumi @pulumi/aws @pulumi/random
 */
import * as pulumi from "@pulumi/pulumi";
import { AlarmRouting, AwsTenant } from "tenantry/aws";
import { readFleet, sharedTags } from "tenantry/core";

const config = new pulumi.Config();

// Every problem of every manifest, at once, before anything is registered.
const { blueprints } = await readFleet([config.get("tenants") ?? "tenants"]);

// Alarm topics per severity (urgent, warning, info), each mailing these addresses.
const routing = new AlarmRouting("alarms", { emails: config.getObject<string[]>("alarmEmails") ?? [], tags: sharedTags() });
const ami = config.require("ami");

/** Per tenant: its hosts (class, private IP) by product. */
export const tenants = Object.fromEntries(
  blueprints.map((blueprint) => {
    const tenant = new AwsTenant(blueprint.tenant, {
      blueprint,
      images: { "anyshare-cloud": ami, "anybackup-cloud": ami, "ops-server": ami },
      network: { adminCidrs: config.getObject<string[]>("adminCidrs") ?? [] },
      database: { engineVersion: "8.0" },
      backupStorage: { noncurrentVersionExpirationDays: 30 },
      // Users reach the hosts on their own Elastic IPs; `alb` with a `certificateArn` puts load balancers in front.
      entry: { mode: "eip" },
      alarms: { topicArns: routing.topicArns },
    });
    return [blueprint.tenant, tenant.outputs.hosts];
  }),
);
