/**
 * The `huaweicloud` stack: every tenant of the fleet on Huawei Cloud. Its configuration is the
 * `tenantry:huaweicloud` object of `stacks/Pulumi.<stack>.yaml` (with the provider's own
 * `huaweicloud:region`), validated (with the fleet) before anything is registered.
 */
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import {
  ANYBACKUP_SIZINGS,
  BILLING,
  cloudEyeEventSchema,
  HUAWEI_ENTRY_MODES,
  HUAWEI_NAT_STRATEGIES,
  huaweiAlarmRouting,
  HuaweiExpiryAlarms,
  HuaweiExpiryWatcher,
  HuaweiTenant,
  NAT_SPECS,
  RDS_MODES,
  type HuaweiTenantOutputs,
} from "../components/huaweicloud/index.js";
import { HuaweiProvider } from "../components/huaweicloud/provider/index.js";
import {
  DEFAULT_EXPIRY_CHECK_HOURS,
  DEFAULT_EXPIRY_NOTICE_DAYS,
  DEFAULT_EXPIRY_URGENT_DAYS,
  expiryNoticeDaysSchema,
  nameSafe,
  routeBySeverity,
  silenceWindowProblems,
  sharedTags,
  validated,
  type Problem,
  type Severity,
  type TenantBlueprint,
} from "../components/core/index.js";
import { backupTargetProblems, drCloudOf, minioFactory, missingSecrets, s3CompatibleSecrets } from "./backup-targets.js";
import { alarmTiming, cloudConfigSchema, definedOnly, fleetNeeds, type CloudStack } from "./cloud-config.js";
import { otherCloudCopies, providerCredentials } from "./other-cloud-copies.js";

/** An IMS image id (a UUID; public image ids differ per region). */
const imageRef = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, { error: "must be an IMS image id (a UUID)" });

/** A UUID-form id (ELB flavours), naming what it is when it is not. */
const uuid = (what: string) => z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, { error: `must be ${what} (a UUID)` });

/** One of `values`, saying which when it is not. */
const oneOf = <const T extends readonly [string, ...string[]]>(values: T) => z.enum(values, { error: `must be one of ${values.join(", ")}` });

export const huaweicloudStackConfigSchema = cloudConfigSchema(imageRef).extend({
  natStrategy: oneOf(HUAWEI_NAT_STRATEGIES).default("single"),
  natBandwidthMbps: z.number().int().min(1).max(300).optional(),
  natSpec: oneOf(NAT_SPECS).optional(),
  opsBandwidthMbps: z.number().int().min(1).max(300).optional(),
  billing: oneOf(BILLING).default("pay-as-you-go"),
  /** With yearly billing: renew the hosts' subscriptions automatically. Default: Tenantry's choice, `DEFAULT_AUTO_RENEW` (on). */
  autoRenew: z.boolean().optional(),
  /**
   * Cloud Eye system events that announce a subscription's expiry (`{ namespace, name }`, as the
   * account's event list names them). Huawei Cloud documents none (the expiry watcher announces
   * expiries from the billing): optional; each becomes an event rule to the expiry severity's alarm topic.
   */
  subscriptionExpiryEvents: z.array(cloudEyeEventSchema).min(1).optional(),
  /**
   * With yearly billing: the billing service's endpoint (host name) of the account's site, which the
   * stack's expiry watcher asks about the hosts' subscriptions (`bss.myhuaweicloud.com` on the
   * Chinese mainland site). Which site an account is on is not derivable from the region: required.
   */
  billingEndpoint: z.string().regex(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/, { error: "must be a host name such as bss.myhuaweicloud.com" }).optional(),
  /** Days before a prepaid resource's expiry for the warning and the urgent notice. Default: Tenantry's (15 and 3). */
  expiryNoticeDays: expiryNoticeDaysSchema.default({ warning: DEFAULT_EXPIRY_NOTICE_DAYS, urgent: DEFAULT_EXPIRY_URGENT_DAYS }),
  /** How often the expiry watcher reads the billing, in hours (1 to 24). Default: Tenantry's, daily. */
  expiryCheckHours: z.number().int().min(1).max(24).default(DEFAULT_EXPIRY_CHECK_HOURS),
  anybackupSizing: oneOf(ANYBACKUP_SIZINGS).default("documented"),
  rdsMode: oneOf(RDS_MODES).default("single"),
  backupWindow: z.string().optional(),
  /** Days the ELBs' access logs are kept (core `AccessLogNeed`; LTS keeps 1 to 365). Default `DEFAULT_LOG_RETENTION_DAYS` (365, Tenantry's choice). */
  accessLogRetentionDays: z.number().int().min(1).max(365, { error: "must be at most 365: LTS keeps logs 1 to 365 days" }).optional(),
  /** Days VPC flow logs are kept (LTS keeps 1 to 365). Default `DEFAULT_LOG_RETENTION_DAYS` (365). */
  flowLogRetentionDays: z.number().int().min(1).max(365, { error: "must be at most 365: LTS keeps logs 1 to 365 days" }).optional(),
  /** Days the databases' SQL audit keeps every statement (RDS keeps 1 to 732). Default `DEFAULT_LOG_RETENTION_DAYS` (365). */
  databaseLogRetentionDays: z.number().int().min(1).max(732).optional(),
  /** Days the backup buckets' access logs are kept (an OBS lifecycle expiry). Default `DEFAULT_LOG_RETENTION_DAYS` (365). */
  backupAccessLogRetentionDays: z.number().int().min(1).optional(),
  /**
   * Per tenant, an existing enterprise project to put its resources in (its id). Default: Tenantry
   * creates one per tenant. One project per tenant: the ops server's credentials are granted in it.
   * Keys naming tenants this stack does not build are ignored.
   */
  enterpriseProjectIds: z.record(z.string(), uuid("an enterprise project id")).default({}),
  /** Availability zone names, in zone order. Default: the region's first zones. */
  zoneNames: z.array(z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d+[a-z]$/, { error: "must be an availability zone name such as cn-north-4a" })).min(1).optional(),
  /** How users reach the services: a dedicated ELB per entry point, or the host's own EIP. */
  entryPoint: oneOf(HUAWEI_ENTRY_MODES).default("elb"),
  /** The ELB certificate id of the 443 listeners (`huaweicloud_elb_certificate`, or the console's ELB certificates). */
  certificateId: z.string().regex(/^[0-9a-f]{32}$/, { error: "must be an ELB certificate id (32 hexadecimal characters)" }).optional(),
  /** The region's dedicated ELB flavour ids (`huaweicloud:DedicatedElb/getFlavors`): layer 7 for the web, layer 4 for the backup clients. */
  elbFlavorIds: z.strictObject({ l7: uuid("a layer-7 ELB flavour id").optional(), l4: uuid("a layer-4 ELB flavour id").optional() }).optional(),
  /** Bandwidth (Mbit/s) of AnyBackup's entry points, which the documents do not give. */
  entryBandwidthMbps: z.number().int().min(1).max(2000).optional(),
  /** The Huawei Cloud DNS public zone (its id) of `dnsDomain`: each entry point gets an A record there. */
  dnsZoneId: z.string().regex(/^[0-9a-f]{32}$/, { error: "must be a DNS zone id (32 hexadecimal characters)" }).optional(),
  /** The Cloud Eye agent version installed on hosts whose image lacks it. Default: Tenantry's choice (metrics.ts). */
  cloudEyeAgentVersion: z.string().regex(/^\d+(\.\d+){1,3}$/, { error: "must be an agent version such as 2.7.2" }).optional(),
});

export type HuaweicloudStackConfig = z.output<typeof huaweicloudStackConfigSchema> & { readonly region: string };

const REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;

/**
 * Validates the `tenantry:huaweicloud` object against the schema and against what the fleet needs;
 * `region` is the provider's `huaweicloud:region`.
 */
export function readHuaweicloudStackConfig(raw: unknown, blueprints: readonly TenantBlueprint[], region: string | undefined): HuaweicloudStackConfig {
  const config = validated(huaweicloudStackConfigSchema, raw ?? {}, "stack configuration", "tenantry:huaweicloud.");
  const extra: Problem[] = [];
  if (region === undefined) extra.push({ path: "huaweicloud:region", message: "is required: the region the provider works in (e.g. cn-north-4)" });
  else if (!REGION.test(region)) extra.push({ path: "huaweicloud:region", message: "must be a Huawei Cloud region id such as cn-north-4", received: region });
  if (config.natStrategy === "single" && config.natBandwidthMbps === undefined) {
    extra.push({ path: "tenantry:huaweicloud.natBandwidthMbps", message: "is required with natStrategy single: the NAT gateway's EIP bandwidth in Mbit/s (not documented)" });
  }
  if (blueprints.some((b) => b.hosts.some((h) => h.key === "ops-server")) && config.opsBandwidthMbps === undefined) {
    extra.push({ path: "tenantry:huaweicloud.opsBandwidthMbps", message: "is required: a tenant has an ops server, whose EIP bandwidth the documents do not give (Mbit/s)" });
  }
  const zones = Math.max(0, ...blueprints.map((b) => b.network.zones));
  if (config.zoneNames && config.zoneNames.length < zones) {
    extra.push({ path: "tenantry:huaweicloud.zoneNames", message: `must name ${zones} zones: a tenant's plan spans that many`, received: config.zoneNames });
  }
  if (config.rdsMode === "ha" && (config.zoneNames?.length ?? 2) < 2) {
    extra.push({ path: "tenantry:huaweicloud.zoneNames", message: "must name two zones with rdsMode ha (primary and standby)", received: config.zoneNames });
  }
  extra.push(...backupTargetProblems(config, blueprints, "huaweicloud", "tenantry:huaweicloud.", region), ...missingSecrets(blueprints));
  extra.push(...silenceWindowProblems(config.notifications?.silence, "tenantry:huaweicloud.notifications.silence", "Huawei Cloud (Cloud Eye)"));
  const products = new Set(blueprints.flatMap((b) => b.hosts.map((h) => h.key)));
  const web = products.has("anyshare-cloud") || products.has("anybackup-cloud");
  if (config.entryPoint === "elb" && web) {
    if (!config.certificateId) extra.push({ path: "tenantry:huaweicloud.certificateId", message: "is required with entryPoint elb: the ELB certificate of the 443 listeners" });
    if (!config.elbFlavorIds?.l7) extra.push({ path: "tenantry:huaweicloud.elbFlavorIds.l7", message: "is required with entryPoint elb: the region's layer-7 dedicated ELB flavour id (huaweicloud:DedicatedElb/getFlavors)" });
  }
  if (config.entryPoint === "elb" && products.has("anybackup-cloud") && !config.elbFlavorIds?.l4) {
    extra.push({ path: "tenantry:huaweicloud.elbFlavorIds.l4", message: "is required with entryPoint elb: a tenant runs AnyBackup, whose backup clients use a layer-4 dedicated ELB (its flavour id)" });
  }
  if (products.has("anybackup-cloud") && config.entryBandwidthMbps === undefined) {
    extra.push({ path: "tenantry:huaweicloud.entryBandwidthMbps", message: "is required: a tenant runs AnyBackup, whose entry-point bandwidth the documents do not give (Mbit/s)" });
  }
  if (config.billing === "yearly" && !config.billingEndpoint) {
    extra.push({
      path: "tenantry:huaweicloud.billingEndpoint",
      message:
        "is required with yearly billing: the billing service's endpoint of your account's site (bss.myhuaweicloud.com on the Chinese mainland site), which the expiry watcher asks when the hosts' subscriptions end",
    });
  }
  const projects = new Map<string, string>();
  for (const [tenant, id] of Object.entries(config.enterpriseProjectIds)) {
    const other = projects.get(id);
    if (other) extra.push({ path: `tenantry:huaweicloud.enterpriseProjectIds.${tenant}`, message: `is also ${other}'s: each tenant needs an enterprise project of its own (its ops server's credentials are granted in it)`, received: id });
    projects.set(id, tenant);
  }
  if (config.dnsZoneId && !config.dnsDomain) extra.push({ path: "tenantry:huaweicloud.dnsDomain", message: "is required with dnsZoneId: the domain the records are made in" });
  fleetNeeds(config, blueprints, "tenantry:huaweicloud.", "an IMS image id", extra);
  return { ...config, region: region! };
}

/** What tenants use of the fleet-wide resources: the fleet stack's `fleet` output. */
export interface HuaweicloudFleetOutputs {
  /** Each severity's SMN topic (the urgent one is the topic released as the only one, `alarms`). */
  readonly alarmTopicUrns: Readonly<Record<Severity, pulumi.Input<string>>>;
}

/**
 * Registers the fleet-wide resources: an SMN topic per severity with its subscriptions (e-mail,
 * the chat webhooks SMN pushes to), and, with yearly billing and configured expiry events, the
 * Cloud Eye event rules that announce them (account-wide, like the events).
 */
export function huaweicloudFleet(config: HuaweicloudStackConfig): HuaweicloudFleetOutputs {
  const topicUrns = huaweiAlarmRouting("alarms", { emails: config.alarmEmails, ...definedOnly({ notifications: config.notifications }), tags: sharedTags() });
  if (config.billing === "yearly" && config.subscriptionExpiryEvents) {
    new HuaweiExpiryAlarms("subscription-expiry", { events: config.subscriptionExpiryEvents, route: { topicUrns, ...definedOnly({ silence: config.notifications?.silence }) } });
  }
  return { alarmTopicUrns: topicUrns };
}

/** Registers every tenant of the fleet on Huawei Cloud; returns each tenant's outputs by tenant id. */
export function huaweicloudStack(blueprints: readonly TenantBlueprint[], config: HuaweicloudStackConfig): Promise<Record<string, HuaweiTenantOutputs>> {
  return huaweicloudTenants(blueprints, config, huaweicloudFleet(config));
}

/** Registers the given tenants, using fleet-wide resources from this stack or from the fleet stack. */
export async function huaweicloudTenants(
  blueprints: readonly TenantBlueprint[],
  config: HuaweicloudStackConfig,
  fleet: HuaweicloudFleetOutputs,
): Promise<Record<string, HuaweiTenantOutputs>> {
  const drRegion = config.drRegions.huaweicloud;
  const needsDr = (bp: TenantBlueprint) => drRegion !== undefined && bp.buckets.some((n) => drCloudOf(n.target, "huaweicloud") === "huaweicloud");
  // One provider for the DR region, shared by every tenant with a copy there, with the stack's
  // `huaweicloud:accessKey`/`secretKey` when set (an explicit provider does not read them), else the environment's.
  const dr = blueprints.some(needsDr) ? { region: drRegion!, provider: new HuaweiProvider(`dr-${drRegion}`, { region: drRegion!, ...providerCredentials("huaweicloud") }) } : undefined;
  const secrets = s3CompatibleSecrets(blueprints);
  const minio = await minioFactory(blueprints, config);
  // Copies on our other clouds: their providers (and SDKs) only when a tenant keeps one there.
  const otherClouds = await otherCloudCopies(blueprints, "huaweicloud", config.drRegions, config);
  const outputs = Object.fromEntries(
    blueprints.map((bp) => {
      const tenant = new HuaweiTenant(bp.tenant, {
        blueprint: bp,
        region: config.region,
        images: config.images,
        billing: config.billing,
        ...definedOnly({ autoRenew: config.autoRenew }),
        anybackupSizing: config.anybackupSizing,
        network: {
          natStrategy: config.natStrategy,
          webCidrs: config.webCidrs,
          adminCidrs: config.adminCidrs,
          ...definedOnly({
            natBandwidthMbps: config.natBandwidthMbps,
            natSpec: config.natSpec,
            zoneNames: config.zoneNames,
            clientCidrs: config.clientCidrs,
            flowLogRetentionDays: config.flowLogRetentionDays,
          }),
        },
        entry: {
          mode: config.entryPoint,
          ...definedOnly({ certificateId: config.certificateId, flavorIds: config.elbFlavorIds, bandwidthMbps: config.entryBandwidthMbps, dnsZoneId: config.dnsZoneId }),
        },
        ...definedOnly({ cloudEyeAgentVersion: config.cloudEyeAgentVersion }),
        ...definedOnly({ opsBandwidthMbps: config.opsBandwidthMbps, enterpriseProjectId: config.enterpriseProjectIds[bp.tenant] }),
        ...(config.mysqlEngineVersion
          ? {
              database: {
                engineVersion: config.mysqlEngineVersion,
                mode: config.rdsMode,
                ...definedOnly({ backupRetentionDays: config.backupRetentionDays, backupWindow: config.backupWindow, sqlAuditDays: config.databaseLogRetentionDays }),
              },
            }
          : {}),
        ...(config.noncurrentVersionExpirationDays !== undefined
          ? {
              backupStorage: {
                noncurrentVersionExpirationDays: config.noncurrentVersionExpirationDays,
                ...definedOnly({ abortIncompleteUploadDays: config.abortIncompleteUploadDays, logRetentionDays: config.backupAccessLogRetentionDays }),
              },
            }
          : {}),
        backupTarget: {
          ...(needsDr(bp) && dr ? { dr } : {}),
          otherClouds,
          ...(minio ? { minio } : {}),
          ...(secrets[bp.tenant] ? { s3CompatibleSecret: secrets[bp.tenant]! } : {}),
        },
        alarms: { topicUrns: fleet.alarmTopicUrns, ...definedOnly({ silence: config.notifications?.silence }), ...alarmTiming(config) },
        opsRouting: { targets: routeBySeverity(config.notifications, config.alarmEmails), ...definedOnly({ silence: config.notifications?.silence, smtp: config.notifications?.smtp }) },
      });
      return [bp.tenant, tenant.outputs];
    }),
  );
  if (config.billing === "yearly") expiryWatcher(blueprints, config, fleet, outputs);
  return outputs;
}

/**
 * With yearly billing, the stack's expiry watcher (`HuaweiExpiryWatcher`): every prepaid host of the
 * stack's tenants, whether or not a tenant has an ops server, checked against the billing on a timer,
 * notices to the stack's topics (Huawei Cloud documents no event before an expiry).
 */
function expiryWatcher(blueprints: readonly TenantBlueprint[], config: HuaweicloudStackConfig, fleet: HuaweicloudFleetOutputs, outputs: Record<string, HuaweiTenantOutputs>): void {
  const resources = blueprints.flatMap((bp) =>
    bp.hosts.flatMap((h) => {
      const host = outputs[bp.tenant]?.hosts[h.key];
      return host ? [{ id: host.instanceId, tenant: bp.tenant, name: `${bp.tenant}-${h.key}`, kind: "ecs" }] : [];
    }),
  );
  if (resources.length === 0) return;
  new HuaweiExpiryWatcher("expiry-watch", {
    resources,
    route: { topicUrns: fleet.alarmTopicUrns, ...definedOnly({ silence: config.notifications?.silence }) },
    noticeDays: config.expiryNoticeDays,
    billingEndpoint: config.billingEndpoint!,
    region: config.region,
    everyHours: config.expiryCheckHours,
    scope: `tenantry-${nameSafe(pulumi.getStack())}`,
    tags: sharedTags(),
  });
}

/** The huaweicloud stack's parts, as the program composes them per stack role. The region is the provider's `huaweicloud:region`. */
export const huaweicloudCloud: CloudStack<HuaweicloudStackConfig, HuaweicloudFleetOutputs> = {
  readConfig: (raw, blueprints) => readHuaweicloudStackConfig(raw, blueprints, new pulumi.Config("huaweicloud").get("region")),
  fleet: huaweicloudFleet,
  fleetOutputs: ["alarmTopicUrns"],
  tenants: huaweicloudTenants,
};
