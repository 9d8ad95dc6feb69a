/**
 * The `alicloud` stack: every tenant of the fleet on Alibaba Cloud. Its configuration is the
 * `tenantry:alicloud` object of `stacks/Pulumi.<stack>.yaml`, validated (with the fleet) before
 * anything is registered.
 */
import type * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { ALICLOUD_NAT_STRATEGIES, AlarmContacts, AlicloudTenant, BILLING, type AlicloudTenantOutputs } from "../components/alicloud/index.js";
import { validated, type Problem, type TenantBlueprint } from "../components/core/index.js";
import { alarmTiming, cloudConfigSchema, definedOnly, fleetNeeds, type CloudStack } from "./cloud-config.js";

/** An ECS image id: a public image name or a custom image id (`m-...`). */
const imageRef = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{2,127}$/, { error: "must be an ECS image id" });

export const alicloudStackConfigSchema = cloudConfigSchema(imageRef).extend({
  natStrategy: z.enum(ALICLOUD_NAT_STRATEGIES).default("single"),
  natBandwidthMbps: z.number().int().min(1).optional(),
  opsBandwidthMbps: z.number().int().min(1).optional(),
  billing: z.enum(BILLING).default("pay-as-you-go"),
  backupEncryption: z.enum(["kms", "oss"]).default("kms"),
  rdsCategory: z.enum(["HighAvailability", "Basic"]).default("HighAvailability"),
});

export type AlicloudStackConfig = z.output<typeof alicloudStackConfigSchema>;

/** Validates the `tenantry:alicloud` object against the schema and against what the fleet needs. */
export function readAlicloudStackConfig(raw: unknown, blueprints: readonly TenantBlueprint[]): AlicloudStackConfig {
  const config = validated(alicloudStackConfigSchema, raw ?? {}, "stack configuration", "tenantry:alicloud.");
  const extra: Problem[] = [];
  if (config.natStrategy === "single" && config.natBandwidthMbps === undefined) {
    extra.push({ path: "tenantry:alicloud.natBandwidthMbps", message: "is required with natStrategy single: the NAT gateway's EIP bandwidth in Mbit/s (not documented)" });
  }
  if (blueprints.some((b) => b.hosts.some((h) => h.key === "ops-server")) && config.opsBandwidthMbps === undefined) {
    extra.push({ path: "tenantry:alicloud.opsBandwidthMbps", message: "is required: a tenant has an ops server, whose EIP bandwidth the documents do not give (Mbit/s)" });
  }
  fleetNeeds(config, blueprints, "tenantry:alicloud.", "an ECS image id", extra);
  return config;
}

/** What tenants use of the fleet-wide resources: the fleet stack's `fleet` output. */
export interface AlicloudFleetOutputs {
  readonly alarmContactGroup: pulumi.Input<string>;
}

/** Registers the fleet-wide resources (one per account): the CloudMonitor contacts and their group. */
export function alicloudFleet(config: AlicloudStackConfig): AlicloudFleetOutputs {
  const contacts = new AlarmContacts("alarms", { emails: config.alarmEmails });
  return { alarmContactGroup: contacts.groupName };
}

/** Registers every tenant of the fleet on Alibaba Cloud; returns each tenant's outputs by tenant id. */
export function alicloudStack(blueprints: readonly TenantBlueprint[], config: AlicloudStackConfig): Record<string, AlicloudTenantOutputs> {
  return alicloudTenants(blueprints, config, alicloudFleet(config));
}

/** Registers the given tenants, using fleet-wide resources from this stack or from the fleet stack. */
export function alicloudTenants(blueprints: readonly TenantBlueprint[], config: AlicloudStackConfig, fleet: AlicloudFleetOutputs): Record<string, AlicloudTenantOutputs> {
  return Object.fromEntries(
    blueprints.map((bp) => {
      const tenant = new AlicloudTenant(bp.tenant, {
        blueprint: bp,
        images: config.images,
        billing: config.billing,
        network: { natStrategy: config.natStrategy, webCidrs: config.webCidrs, adminCidrs: config.adminCidrs, ...definedOnly({ natBandwidthMbps: config.natBandwidthMbps }) },
        ...definedOnly({ opsBandwidthMbps: config.opsBandwidthMbps }),
        ...(config.mysqlEngineVersion
          ? { database: { engineVersion: config.mysqlEngineVersion, category: config.rdsCategory, ...definedOnly({ backupRetentionDays: config.backupRetentionDays }) } }
          : {}),
        ...(config.noncurrentVersionExpirationDays !== undefined
          ? {
              backupStorage: {
                noncurrentVersionExpirationDays: config.noncurrentVersionExpirationDays,
                encryption: config.backupEncryption,
                ...definedOnly({ abortIncompleteUploadDays: config.abortIncompleteUploadDays }),
              },
            }
          : {}),
        alarms: { contactGroup: fleet.alarmContactGroup, ...alarmTiming(config) },
      });
      return [bp.tenant, tenant.outputs];
    }),
  );
}

/** The alicloud stack's parts, as the program composes them per stack role. */
export const alicloudCloud: CloudStack<AlicloudStackConfig, AlicloudFleetOutputs> = {
  readConfig: readAlicloudStackConfig,
  fleet: alicloudFleet,
  fleetOutputs: ["alarmContactGroup"],
  tenants: alicloudTenants,
};
