/**
 * A fleet of tenants on Alibaba Cloud, with Tenantry as a library: read and check a directory of
 * tenant manifests, turn each tenant into its cloud-neutral blueprint, and build each one with the
 * Alibaba Cloud components. A complete Pulumi program (see README.md beside it).
 *
 *   npm i tenantry @pulumi/pulumi @pulumi/alicloud @pulumi/random
 */
import * as pulumi from "@pulumi/pulumi";
import { AlarmContacts, AlicloudTenant } from "tenantry/alicloud";
import { readFleet } from "tenantry/core";

const config = new pulumi.Config();

// Every problem of every manifest, at once, before anything is registered.
const { blueprints } = await readFleet([config.get("tenants") ?? "tenants"]);

const contacts = new AlarmContacts("alarms", { emails: config.getObject<string[]>("alarmEmails") ?? [] });
const image = config.require("image");

/** Per tenant: its hosts (class, private IP) by product. */
export const tenants = Object.fromEntries(
  blueprints.map((blueprint) => {
    const tenant = new AlicloudTenant(blueprint.tenant, {
      blueprint,
      images: { "anyshare-cloud": image, "anybackup-cloud": image, "ops-server": image },
      network: { natStrategy: "single", natBandwidthMbps: 10, adminCidrs: config.getObject<string[]>("adminCidrs") ?? [] },
      opsBandwidthMbps: 5,
      database: { engineVersion: "8.0" },
      backupStorage: { noncurrentVersionExpirationDays: 30 },
      // Users reach the hosts on their own EIPs (AnyBackup's at 10 Mbit/s); `slb` with a `certificateId` puts CLBs in front.
      entry: { mode: "eip", bandwidthMbps: 10 },
      alarms: { contactGroups: contacts.groupNames },
    });
    return [blueprint.tenant, tenant.outputs.hosts];
  }),
);
