/**
 * The `alicloud` stack: every tenant of the fleet on Alibaba Cloud. Its configuration is the
 * `tenantry:alicloud` object of `stacks/Pulumi.<stack>.yaml`, validated (with the fleet) before
 * anything is registered.
 */
import * as alicloud from "@pulumi/alicloud";
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import {
  ALICLOUD_ENTRY_MODES,
  ALICLOUD_NAT_STRATEGIES,
  AlarmContacts,
  AlicloudChatRelay,
  AlicloudExpiryAlarms,
  AlicloudTenant,
  BILLING,
  RDS_SQL_AUDIT_DAYS,
  relayedWebhooks,
  type AlicloudTenantOutputs,
} from "../components/alicloud/index.js";
import {
  DEFAULT_BACKUP_LOCK_DAYS,
  EXPIRY_SEVERITY,
  ISOLATION_LEVELS,
  routeBySeverity,
  sharedTags,
  silenceWindowProblems,
  validated,
  type Problem,
  type Severity,
  type Tags,
  type TenantBlueprint,
} from "../components/core/index.js";
// The provider class, imported from its own module (see stacks/aws.ts).
import { Provider as AlicloudProvider } from "@pulumi/alicloud/provider.js";
import { backupTargetProblems, drCloudOf, minioFactory, missingSecrets, s3CompatibleSecrets } from "./backup-targets.js";
import { alarmTiming, cloudConfigSchema, definedOnly, fleetNeeds, zoneCountProblems, type CloudStack } from "./cloud-config.js";
import { otherCloudCopies } from "./other-cloud-copies.js";
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
  /** Zone ids, in zone order (e.g. cn-hangzhou-h). Default: the region's first zones. */
  zoneIds: z.array(z.string().regex(/^[a-z]{2}(-[a-z0-9]+)+$/, { error: "must be a zone id such as cn-hangzhou-h" })).min(1).optional(),
  /** Days the databases' SQL audit keeps every statement: one of the periods RDS accepts. Default `DEFAULT_LOG_RETENTION_DAYS` (365). */
  databaseLogRetentionDays: z.literal(RDS_SQL_AUDIT_DAYS, { error: `must be one of the SQL audit's periods: ${RDS_SQL_AUDIT_DAYS.join(", ")}` }).optional(),
  /** Days VPC flow logs are kept (Log Service keeps 1 to 3650). Default `DEFAULT_LOG_RETENTION_DAYS` (365, Tenantry's choice). */
  flowLogRetentionDays: z.number().int().min(1).max(3650).optional(),
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
  /** How users reach the services: an internet CLB (SLB) per entry point, or the host's own EIP. */
  entryPoint: z.enum(ALICLOUD_ENTRY_MODES).default("slb"),
  /** The SLB server certificate id of the 443 listeners. */
  certificateId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, { error: "must be an SLB server certificate id" }).optional(),
  /** Bandwidth (Mbit/s) of AnyBackup's entry points, which the documents do not give. */
  entryBandwidthMbps: z.number().int().min(1).max(5000).optional(),
  /** Alibaba's CloudMonitor agent install command (from the CloudMonitor console), for images without the agent. */
  cloudMonitorAgentInstall: z.string().min(1).optional(),
  /** CloudMonitor event names that announce a subscription's expiry (as the account's event list names them); required with yearly billing. */
  subscriptionExpiryEvents: z.array(z.string().min(1)).min(1).optional(),
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
  extra.push(...zoneCountProblems(config.zoneIds, blueprints, "tenantry:alicloud.zoneIds"));
  extra.push(...backupTargetProblems(config, blueprints, "alicloud", "tenantry:alicloud.", new pulumi.Config("alicloud").get("region")), ...missingSecrets(blueprints));
  extra.push(...silenceWindowProblems(config.notifications?.silence, "tenantry:alicloud.notifications.silence", "Alibaba Cloud (CloudMonitor)"));
  const products = new Set(blueprints.flatMap((b) => b.hosts.map((h) => h.key)));
  if (config.entryPoint === "slb" && (products.has("anyshare-cloud") || products.has("anybackup-cloud")) && !config.certificateId) {
    extra.push({ path: "tenantry:alicloud.certificateId", message: "is required with entryPoint slb: the SLB server certificate of the 443 listeners" });
  }
  if (products.has("anybackup-cloud") && config.entryBandwidthMbps === undefined) {
    extra.push({ path: "tenantry:alicloud.entryBandwidthMbps", message: "is required: a tenant runs AnyBackup, whose entry-point bandwidth the documents do not give (Mbit/s)" });
  }
  if (config.billing === "yearly" && !config.subscriptionExpiryEvents) {
    extra.push({ path: "tenantry:alicloud.subscriptionExpiryEvents", message: "is required with yearly billing: the CloudMonitor event names that announce a subscription's expiry" });
  }
  fleetNeeds(config, blueprints, "tenantry:alicloud.", "an ECS image id", extra);
  return config;
}

/** What tenants use of the fleet-wide resources: the fleet stack's `fleet` output. */
export interface AlicloudFleetOutputs {
  /** Contact groups per severity; none with `isolation: account`, where each tenant has its own. */
  readonly alarmContactGroups?: Readonly<Record<Severity, pulumi.Input<string>>>;
}

/**
 * Registers the fleet-wide resources (one per account, `shared` isolation): the CloudMonitor
 * contacts and their groups per severity, and, with yearly billing, the rule that announces
 * subscriptions about to expire.
 */
export function alicloudFleet(config: AlicloudStackConfig): AlicloudFleetOutputs {
  if (config.isolation === "account") return {};
  const contacts = alarmContacts("alarms", config);
  return { alarmContactGroups: contacts.groupNames };
}

/**
 * The contact groups per severity (and the expiry rule with yearly billing), in the provider's
 * account. The expiry rule reaches the chat webhooks CloudMonitor cannot push to through a chat relay
 * of its own (`<name>-chat-relay`, the expiry severity's function only): the rule is the account's
 * (or, with `account` isolation, the tenant's account's), not one tenant's alarm.
 */
function alarmContacts(name: string, config: AlicloudStackConfig, opts?: pulumi.ComponentResourceOptions, tags: Tags = sharedTags()): AlarmContacts {
  const contacts = new AlarmContacts(name, { emails: config.alarmEmails, ...definedOnly({ notifications: config.notifications }) }, opts);
  if (config.billing === "yearly" && config.subscriptionExpiryEvents) {
    const provider = opts?.provider ? { provider: opts.provider } : undefined;
    const webhooks = relayedWebhooks(routeBySeverity(config.notifications, config.alarmEmails))[EXPIRY_SEVERITY];
    const relay = webhooks
      ? new AlicloudChatRelay(
          `${name}-chat-relay`,
          { webhooks: { [EXPIRY_SEVERITY]: webhooks }, errorContactGroup: contacts.groupNames.urgent, tags, ...definedOnly({ silence: config.notifications?.silence }) },
          provider,
        )
      : undefined;
    const relayTarget = relay?.targets[EXPIRY_SEVERITY];
    // product-facts.md §5: "performance and expiry of ECS, RDS, SLB and OSS"; ECS is the prepaid resource here.
    new AlicloudExpiryAlarms(`${name}-expiry`, { events: config.subscriptionExpiryEvents, contactGroupName: contacts.groupNames[EXPIRY_SEVERITY], ...(relayTarget ? { relayTarget } : {}) }, provider);
  }
  return contacts;
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
  // Copies on our other clouds: their providers (and SDKs) only when a tenant keeps one there.
  const otherClouds = await otherCloudCopies(blueprints, "alicloud", config.drRegions, config);
  const routes = routeBySeverity(config.notifications, config.alarmEmails);
  // CloudMonitor's contacts push e-mail and DingTalk; each tenant's chat relay every other webhook (core `CLOUD_NOTIFICATIONS`).
  const chatWebhooks = relayedWebhooks(routes);
  return Object.fromEntries(
    blueprints.map((bp) => {
      const provider = config.isolation === "account" ? alicloudTenantProvider(bp.tenant, config.accounts[bp.tenant]!, config.accountRoleName) : undefined;
      // `shared`: the fleet's groups. `account`: each tenant's alarms notify groups in its own account.
      const contactGroups = fleet.alarmContactGroups ?? alarmContacts(`${bp.tenant}-alarms`, config, { provider }, bp.network.tags).groupNames;
      const tenant = new AlicloudTenant(bp.tenant, {
        blueprint: bp,
        images: config.images,
        billing: config.billing,
        network: {
          natStrategy: config.natStrategy,
          webCidrs: config.webCidrs,
          adminCidrs: config.adminCidrs,
          ...definedOnly({ natBandwidthMbps: config.natBandwidthMbps, clientCidrs: config.clientCidrs, zoneIds: config.zoneIds, flowLogRetentionDays: config.flowLogRetentionDays }),
        },
        entry: { mode: config.entryPoint, ...definedOnly({ certificateId: config.certificateId, bandwidthMbps: config.entryBandwidthMbps, dnsDomain: config.dnsDomain }) },
        ...definedOnly({ cloudMonitorAgentInstall: config.cloudMonitorAgentInstall }),
        opsRouting: { targets: routes, ...definedOnly({ silence: config.notifications?.silence, smtp: config.notifications?.smtp }) },
        ...definedOnly({ opsBandwidthMbps: config.opsBandwidthMbps }),
        ...(config.mysqlEngineVersion
          ? {
              database: {
                engineVersion: config.mysqlEngineVersion,
                category: config.rdsCategory,
                ...definedOnly({ backupRetentionDays: config.backupRetentionDays, sqlAuditDays: config.databaseLogRetentionDays }),
              },
            }
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
          otherClouds,
          ...(minio ? { minio } : {}),
          ...(secrets[bp.tenant] ? { s3CompatibleSecret: secrets[bp.tenant]! } : {}),
        },
        alarms: { contactGroups, chatWebhooks, ...definedOnly({ silence: config.notifications?.silence }), ...alarmTiming(config) },
      }, { ...(provider ? { providers: { alicloud: provider } } : {}), ...tenantOptions(bp) });
      return [bp.tenant, tenant.outputs];
    }),
  );
}

/** The alicloud stack's parts, as the program composes them per stack role. */
export const alicloudCloud: CloudStack<AlicloudStackConfig, AlicloudFleetOutputs> = {
  readConfig: readAlicloudStackConfig,
  fleet: alicloudFleet,
  fleetOutputs: ["alarmContactGroups"],
  tenants: alicloudTenants,
};
