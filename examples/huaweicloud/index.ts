/**
 * A fleet of tenants on Huawei Cloud, with Tenantry as a library: read and check a directory of
 * tenant manifests, turn each tenant into its cloud-neutral blueprint, and build each one with the
 * Huawei Cloud components. A complete Pulumi program (see README.md beside it).
 *
 *   npm i tenantry @pulumi/pulumi @pulumi/random
 *
 * No Huawei Cloud SDK package is needed: Tenantry's components carry their own bindings of the
 * provider's resources, and the Pulumi engine fetches the `huaweicloud` provider plugin.
 */
import * as pulumi from "@pulumi/pulumi";
import { readFleet, sharedTags } from "tenantry/core";
import { huaweiAlarmRouting, HuaweiTenant } from "tenantry/huaweicloud";

const config = new pulumi.Config();

// Every problem of every manifest, at once, before anything is registered.
const { blueprints } = await readFleet([config.get("tenants") ?? "tenants"]);

// An SMN topic per severity (urgent, warning, info), each with the alarm e-mails.
const topicUrns = huaweiAlarmRouting("alarms", { emails: config.getObject<string[]>("alarmEmails") ?? [], tags: sharedTags() });
const image = config.require("image");

/** Per tenant: its hosts (flavour, private IP) by product. */
export const tenants = Object.fromEntries(
  blueprints.map((blueprint) => {
    const tenant = new HuaweiTenant(blueprint.tenant, {
      blueprint,
      region: config.require("region"),
      images: { "anyshare-cloud": image, "anybackup-cloud": image, "ops-server": image },
      network: { natStrategy: "single", natBandwidthMbps: 10, adminCidrs: config.getObject<string[]>("adminCidrs") ?? [] },
      opsBandwidthMbps: 5,
      database: { engineVersion: "8.0" },
      backupStorage: { noncurrentVersionExpirationDays: 30 },
      // Users reach the hosts on their own EIPs (AnyBackup's at 10 Mbit/s); `elb` with a `certificateId`
      // and the region's `flavorIds` puts dedicated ELBs in front.
      entry: { mode: "eip", bandwidthMbps: 10 },
      alarms: { topicUrns },
    });
    return [blueprint.tenant, tenant.outputs.hosts];
  }),
);
