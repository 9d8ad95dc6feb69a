/**
 * The `alicloud` stack: every tenant of the fleet on Alibaba Cloud. Its configuration is the
 * `tenantry:alicloud` object of `stacks/Pulumi.<stack>.yaml`, validated (with the fleet) before
 * anything is registered.
 */
import * as alicloud from "@pulumi/alicloud";
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { ALICLOUD_NAT_STRATEGIES, AlarmContacts, AlicloudTenant, BILLING, type AlicloudTenantOutputs } from "../components/alicloud/index.js";
import { DEFAULT_BACKUP_LOCK_DAYS, ISOLATION_LEVELS, validated, type Problem, type TenantBlueprint } from "../components/core/index.js";
// The provider class, imported from its own module (see stacks/aws.ts).
import { Provider as AlicloudProvider } from "@pulumi/alicloud/provider.js";
import { backupTargetProblems, drCloudOf, minioFactory, missingSecrets, s3CompatibleSecrets } from "./backup-targets.js";
import { alarmTiming, cloudConfigSchema, definedOnly, fleetNeeds, type CloudStack } from "./cloud-config.js";
import { tenantOptions } from "./freeze.js";

/** An ECS image id: a public image name or a custom image id (`m-...`). */
const imageRef = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{2,127}$/, { error: "must be an ECS image id" });

export const alicloudStackConfigSchema = cloudConfigSchema(imageRef).extend({
  natStrategy: z.enum(ALICLOUD_NAT_STRATEGIES).default("single"),
  natBandwidthMbps: z.number().int().min(1).optional(),
  opsBandwidthMbps: z.number().int().min(1).optional(),
  billing: z.enum(BILLING).default("pay-as-you-go"),
  backupEncryption: z.enum(["kms", "oss"]).default("kms"),
  rdsCategory: z.enum(["HighAvailability", "Basic"]).default("HighAvailability"),
  /** `shared` (one account, tenant-scoped RAM policies) or `account` (a Resource Directory member account per tenant). */
  isolation: z.enum(ISOLATION_LEVELS).default("shared"),
  /** With `account` isolation: each tenant's member account id. */
  accounts: z.record(z.string(), z.string().regex(/^\d{16}$/, { error: "must be a 16-digit Alibaba Cloud account id" })).default({}),
  /** The RAM role the stack assumes in each member account; Resource Directory creates this one. */
  accountRoleName: z.string().regex(/^[A-Za-z0-9.-]{1,64}$/).default("ResourceDirectoryAccountAccessRole"),
  /** Days the OSS retention policy (WORM, locked) keeps backup versions; 0 for none (new buckets only). */
  backupWormDays: z.number().int().min(0).default(DEFAULT_BACKUP_LOCK_DAYS),
  backupSourceCidrs: z.array(z.cidrv4()).default([]),
  backupVpcs: z.array(z.string()).default([]),
  /** Per tenant, the version of its backup access key: raise it to rotate the key. */
  backupKeyVersions: z.record(z.string(), z.number().int().min(1)).default({}),
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
  if (config.isolation === "account") {
    for (const bp of blueprints) {
      if (!config.accounts[bp.tenant]) extra.push({ path: `tenantry:alicloud.accounts.${bp.tenant}`, message: "is required with isolation account: the tenant's member account id" });
    }
  }
  extra.push(...backupTargetProblems(config, blueprints, "alicloud", "tenantry:alicloud.", new pulumi.Config("alicloud").get("region")), ...missingSecrets(blueprints));
  fleetNeeds(config, blueprints, "tenantry:alicloud.", "an ECS image id", extra);
  return config;
}

/** What tenants use of the fleet-wide resources: the fleet stack's `fleet` output. */
export interface AlicloudFleetOutputs {
  /** The shared contact group; none with `isolation: account`, where each tenant has its own. */
  readonly alarmContactGroup?: pulumi.Input<string>;
}

/** Registers the fleet-wide resources (one per account): the CloudMonitor contacts and their group (`shared` isolation). */
export function alicloudFleet(config: AlicloudStackConfig): AlicloudFleetOutputs {
  if (config.isolation === "account") return {};
  const contacts = new AlarmContacts("alarms", { emails: config.alarmEmails });
  return { alarmContactGroup: contacts.groupName };
}

/** With `account` isolation, a tenant's provider: it assumes the Resource Directory role in the tenant's member account. */
export function alicloudTenantProvider(tenant: string, account: string, roleName: string, drRegion?: string): alicloud.Provider {
  const region = drRegion ?? new pulumi.Config("alicloud").require("region");
  return new AlicloudProvider(drRegion ? `${tenant}-account-dr-${drRegion}` : `${tenant}-account`, {
    region,
    assumeRole: { roleArn: `acs:ram::${account}:role/${roleName}`, sessionName: `tenantry-${tenant}` },
  });
}

/** Registers every tenant of the fleet on Alibaba Cloud; returns each tenant's outputs by tenant id. */
export function alicloudStack(blueprints: readonly TenantBlueprint[], config: AlicloudStackConfig): Promise<Record<string, AlicloudTenantOutputs>> {
  return alicloudTenants(blueprints, config, alicloudFleet(config));
}

/** Registers the given tenants, using fleet-wide resources from this stack or from the fleet stack. */
export async function alicloudTenants(blueprints: readonly TenantBlueprint[], config: AlicloudStackConfig, fleet: AlicloudFleetOutputs): Promise<Record<string, AlicloudTenantOutputs>> {
  const drRegion = config.drRegions.alicloud;
  const needsDr = (bp: TenantBlueprint) => drRegion !== undefined && bp.buckets.some((n) => drCloudOf(n.target, "alicloud") === "alicloud");
  // `shared` isolation: one provider for the DR region, shared by every tenant with a copy there
  // (credentials from the environment). `account`: each tenant's own, in its member account.
  const sharedDr = config.isolation !== "account" && blueprints.some(needsDr) ? new AlicloudProvider(`dr-${drRegion}`, { region: drRegion! }) : undefined;
  const secrets = s3CompatibleSecrets(blueprints);
  const minio = await minioFactory(blueprints, config);
  return Object.fromEntries(
    blueprints.map((bp) => {
      const provider = config.isolation === "account" ? alicloudTenantProvider(bp.tenant, config.accounts[bp.tenant]!, config.accountRoleName) : undefined;
      const contactGroup = fleet.alarmContactGroup ?? new AlarmContacts(`${bp.tenant}-alarms`, { emails: config.alarmEmails }, { provider }).groupName;
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
                wormDays: config.backupWormDays,
                allowedSourceCidrs: config.backupSourceCidrs,
                allowedVpcs: config.backupVpcs,
                accessKeyVersion: config.backupKeyVersions[bp.tenant] ?? 1,
                ...definedOnly({ abortIncompleteUploadDays: config.abortIncompleteUploadDays }),
              },
            }
          : {}),
        backupTarget: {
          ...(needsDr(bp)
            ? { dr: { region: drRegion!, provider: sharedDr ?? alicloudTenantProvider(bp.tenant, config.accounts[bp.tenant]!, config.accountRoleName, drRegion) } }
            : {}),
          ...(minio ? { minio } : {}),
          ...(secrets[bp.tenant] ? { s3CompatibleSecret: secrets[bp.tenant]! } : {}),
        },
        alarms: { contactGroup, ...alarmTiming(config) },
      }, { ...(provider ? { providers: { alicloud: provider } } : {}), ...tenantOptions(bp) });
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
