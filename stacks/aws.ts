/**
 * The `aws` stack: every tenant of the fleet on AWS. Its configuration is the `tenantry:aws`
 * object of `stacks/Pulumi.<stack>.yaml`, validated (with the fleet) before anything is registered.
 */
import * as aws from "@pulumi/aws";
// The provider class is re-exported by @pulumi/aws's index in a form Node's ESM import of the
// CommonJS package does not always see (e.g. when loaded late, under mocks): import it from its own module.
import { Provider as AwsProvider } from "@pulumi/aws/provider.js";
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import {
  AlarmRouting,
  AWS_ENTRY_MODES,
  AwsTenant,
  CLOUDWATCH_RETENTION_DAYS,
  NAT_STRATEGIES,
  OBJECT_LOCK_MODES,
  rdsIdentifierSchema,
  type AwsTenantOutputs,
} from "../components/aws/index.js";
import {
  DEFAULT_BACKUP_LOCK_DAYS,
  DEFAULT_DATABASE_MULTI_AZ,
  ISOLATION_LEVELS,
  routeBySeverity,
  sharedTags,
  validated,
  WEB_PRODUCTS,
  type Problem,
  type Severity,
  type TenantBlueprint,
} from "../components/core/index.js";
import { backupTargetProblems, drCloudOf, minioFactory, missingSecrets, s3CompatibleSecrets } from "./backup-targets.js";
import { alarmTiming, cloudConfigSchema, definedOnly, fleetNeeds, zoneCountProblems, type CloudStack } from "./cloud-config.js";
import { otherCloudCopies } from "./other-cloud-copies.js";
import { tenantOptions } from "./freeze.js";

/** An AMI id, or `ssm:<parameter>` naming a public SSM parameter that holds one. */
const imageRef = z.string().regex(/^(ami-[0-9a-f]{8,17}|ssm:\/.+)$/, { error: "must be an AMI id (ami-...) or ssm:/<parameter path>" });

export const awsStackConfigSchema = cloudConfigSchema(imageRef).extend({
  natStrategy: z.enum(NAT_STRATEGIES).default("single"),
  backupEncryption: z.enum(["kms", "s3"]).default("kms"),
  backupCredentials: z.enum(["access-key", "role"]).default("access-key"),
  /** A standby in a second zone for every database. Default on (Tenantry's choice); the plan warns when off. */
  multiAz: z.boolean().default(DEFAULT_DATABASE_MULTI_AZ),
  /** `shared` (one account, tenant-scoped permissions) or `account` (a member account per tenant). */
  isolation: z.enum(ISOLATION_LEVELS).default("shared"),
  /** With `account` isolation: each tenant's member account id (AWS Organizations). */
  accounts: z.record(z.string(), z.string().regex(/^\d{12}$/, { error: "must be a 12-digit AWS account id" })).default({}),
  /** The role the stack assumes in each member account; AWS Organizations creates this one in accounts it creates. */
  accountRoleName: z.string().regex(/^[\w+=,.@-]{1,64}$/).default("OrganizationAccountAccessRole"),
  /** S3 Object Lock of backup buckets: `governance` (default), `compliance` or `off`. */
  backupObjectLock: z.enum(OBJECT_LOCK_MODES).default("governance"),
  backupObjectLockDays: z.number().int().min(1).default(DEFAULT_BACKUP_LOCK_DAYS),
  /** Public CIDRs the backup access keys work from (default: anywhere). */
  backupSourceCidrs: z.array(z.cidrv4()).default([]),
  /** VPC endpoints the backup access keys work through (default: any). */
  backupVpcEndpoints: z.array(z.string()).default([]),
  /** Per tenant, the version of its backup access key: raise it to rotate the key. */
  backupKeyVersions: z.record(z.string(), z.number().int().min(1)).default({}),
  /** How users reach the services: an Application or Network Load Balancer, or the host's Elastic IP. */
  entryPoint: z.enum(AWS_ENTRY_MODES).default("alb"),
  /** The ACM certificate of the 443 listeners (an ARN in the stack's region). */
  certificateArn: z.string().regex(/^arn:aws[a-z-]*:acm:[a-z0-9-]+:\d{12}:certificate\/[A-Za-z0-9-]+$/, { error: "must be an ACM certificate ARN" }).optional(),
  /** A Route 53 hosted zone for `dnsDomain`'s records. */
  route53ZoneId: z.string().regex(/^Z[A-Z0-9]{1,31}$/, { error: "must be a Route 53 hosted zone id (Z...)" }).optional(),
  /** Days the load balancers' access logs are kept (core `AccessLogNeed`, an S3 lifecycle expiry). Default `DEFAULT_LOG_RETENTION_DAYS` (365, Tenantry's choice). */
  accessLogRetentionDays: z.number().int().min(1).optional(),
  /**
   * Per tenant, the RDS identifier of its database. Default `rdsIdentifier(scope, name)`; a database
   * made before Tenantry fixed identifiers keeps its generated one (`<name>-mysql-<random>`) here
   * (CHANGELOG: import its log groups first). Keys naming tenants this stack does not build are ignored.
   */
  databaseIdentifiers: z.record(z.string(), rdsIdentifierSchema).default({}),
  /** Days VPC flow logs are kept: one of CloudWatch Logs' retention values. Default `DEFAULT_LOG_RETENTION_DAYS` (365). */
  flowLogRetentionDays: z.literal(CLOUDWATCH_RETENTION_DAYS, { error: `must be one of CloudWatch Logs' retention values: ${CLOUDWATCH_RETENTION_DAYS.join(", ")}` }).optional(),
  /** Days the databases' exported logs (error, slow query) are kept: one of CloudWatch Logs' retention values. Default `DEFAULT_LOG_RETENTION_DAYS` (365). */
  databaseLogRetentionDays: z.literal(CLOUDWATCH_RETENTION_DAYS, { error: `must be one of CloudWatch Logs' retention values: ${CLOUDWATCH_RETENTION_DAYS.join(", ")}` }).optional(),
  /** Days the backup buckets' access logs are kept (an S3 lifecycle expiry). Default `DEFAULT_LOG_RETENTION_DAYS` (365). */
  backupAccessLogRetentionDays: z.number().int().min(1).optional(),
  /** Availability zone names, in zone order. Default: the region's first available zones. */
  availabilityZones: z.array(z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d+[a-z]$/, { error: "must be an availability zone name such as ap-southeast-1a" })).min(1).optional(),
});

export type AwsStackConfig = z.output<typeof awsStackConfigSchema>;

/** Validates the `tenantry:aws` object against the schema and against what the fleet needs. */
export function readAwsStackConfig(raw: unknown, blueprints: readonly TenantBlueprint[]): AwsStackConfig {
  const config = validated(awsStackConfigSchema, raw ?? {}, "stack configuration", "tenantry:aws.");
  const extra: Problem[] = [];
  if (config.isolation === "account") {
    for (const bp of blueprints) {
      if (!config.accounts[bp.tenant]) {
        extra.push({ path: `tenantry:aws.accounts.${bp.tenant}`, message: "is required with isolation account: the tenant's member account id (12 digits)" });
      }
    }
    const seen = new Map<string, string>();
    for (const [tenant, account] of Object.entries(config.accounts)) {
      const other = seen.get(account);
      if (other) extra.push({ path: `tenantry:aws.accounts.${tenant}`, message: `is also ${other}'s account: each tenant needs an account of its own` });
      seen.set(account, tenant);
    }
  }
  extra.push(...backupTargetProblems(config, blueprints, "aws", "tenantry:aws.", new pulumi.Config("aws").get("region")), ...missingSecrets(blueprints));
  const web = blueprints.some((b) => b.hosts.some((h) => (WEB_PRODUCTS as readonly string[]).includes(h.key)));
  if (web && config.entryPoint !== "eip" && !config.certificateArn) {
    extra.push({ path: "tenantry:aws.certificateArn", message: `is required with entryPoint ${config.entryPoint}: the ACM certificate of the 443 listeners` });
  }
  extra.push(...databaseIdentifierProblems(config.databaseIdentifiers, blueprints), ...zoneCountProblems(config.availabilityZones, blueprints, "tenantry:aws.availabilityZones"));
  if (config.route53ZoneId && !config.dnsDomain) extra.push({ path: "tenantry:aws.dnsDomain", message: "is required with route53ZoneId: the domain the records are made in" });
  fleetNeeds(config, blueprints, "tenantry:aws.", "an AMI id or ssm:/<parameter>", extra);
  return config;
}

/**
 * What is wrong with `databaseIdentifiers` for these tenants: an identifier for a tenant without a
 * database (it would be ignored), one identifier for two tenants (RDS identifiers are unique per
 * account and region). Tenants the stack does not build are not judged: a fleet's stacks share one
 * configuration (docs/fleet.md).
 */
export function databaseIdentifierProblems(identifiers: Readonly<Record<string, string>>, blueprints: readonly TenantBlueprint[]): Problem[] {
  const problems: Problem[] = [];
  const built = new Map(blueprints.map((b) => [b.tenant, b]));
  const seen = new Map<string, string>();
  for (const [tenant, identifier] of Object.entries(identifiers)) {
    const path = `tenantry:aws.databaseIdentifiers.${tenant}`;
    const bp = built.get(tenant);
    if (bp && bp.databases.length === 0) problems.push({ path, message: "names a tenant without a database (it runs no AnyShare): remove it", received: identifier });
    const other = seen.get(identifier);
    if (other) problems.push({ path, message: `is also ${other}'s: RDS identifiers are unique per account and region`, received: identifier });
    seen.set(identifier, tenant);
  }
  return problems;
}

/** Resolves an image reference: an AMI id as is, `ssm:<parameter>` through SSM. */
function image(ref: string): pulumi.Input<string> {
  return ref.startsWith("ssm:") ? aws.ssm.getParameterOutput({ name: ref.slice("ssm:".length) }).value : ref;
}

/** What tenants use of the fleet-wide resources: the fleet stack's `fleet` output. */
export interface AwsFleetOutputs {
  /** Alarm topics per severity (stack region); none with `isolation: account`, where each tenant has its own. */
  readonly alarmTopicArns?: Readonly<Record<Severity, pulumi.Input<string>>>;
  /** The same in us-east-1, where the URL probes' (Route 53) alarms live. */
  readonly probeAlarmTopicArns?: Readonly<Record<Severity, pulumi.Input<string>>>;
}

/** The region where Route 53 publishes health-check metrics. */
export const ROUTE53_METRICS_REGION = "us-east-1";

const routingOf = (config: AwsStackConfig, tags: Record<string, string>) => ({
  emails: config.alarmEmails,
  ...(config.notifications ? { notifications: config.notifications } : {}),
  tags,
});

/**
 * Registers the fleet-wide resources (one per account and region, `shared` isolation): the alarm
 * topics per severity with their e-mail and chat routes, here and in us-east-1.
 */
export function awsFleet(config: AwsStackConfig): AwsFleetOutputs {
  if (config.isolation === "account") return {};
  const here = new AlarmRouting("alarms", routingOf(config, { ...sharedTags() }));
  const probes = new AlarmRouting("probe-alarms", { ...routingOf(config, { ...sharedTags() }), provider: { region: ROUTE53_METRICS_REGION } });
  return { alarmTopicArns: here.topicArns, probeAlarmTopicArns: probes.topicArns };
}

/**
 * With `account` isolation, the provider of a tenant: it assumes the organisation's role in the
 * tenant's member account, and refuses to work in any other account (`allowedAccountIds`).
 */
export function tenantProvider(tenant: string, account: string, roleName: string, drRegion?: string): aws.Provider {
  const region = drRegion ?? new pulumi.Config("aws").require("region");
  return new AwsProvider(drRegion ? `${tenant}-account-dr-${drRegion}` : `${tenant}-account`, { region: region as aws.Region, ...tenantAccountAccess(tenant, account, roleName) });
}

/** The provider settings that reach a tenant's member account (any region). */
export function tenantAccountAccess(tenant: string, account: string, roleName: string): Pick<aws.ProviderArgs, "allowedAccountIds" | "assumeRoles"> {
  return { allowedAccountIds: [account], assumeRoles: [{ roleArn: `arn:aws:iam::${account}:role/${roleName}`, sessionName: `tenantry-${tenant}` }] };
}

/** Registers every tenant of the fleet on AWS; returns each tenant's outputs by tenant id. */
export function awsStack(blueprints: readonly TenantBlueprint[], config: AwsStackConfig): Promise<Record<string, AwsTenantOutputs>> {
  return awsTenants(blueprints, config, awsFleet(config));
}

/** Registers the given tenants, using fleet-wide resources from this stack or from the fleet stack. */
export async function awsTenants(blueprints: readonly TenantBlueprint[], config: AwsStackConfig, fleet: AwsFleetOutputs): Promise<Record<string, AwsTenantOutputs>> {
  const images = Object.fromEntries(Object.entries(config.images).flatMap(([product, ref]) => (ref ? [[product, image(ref)]] : [])));
  const drRegion = config.drRegions.aws;
  const needsDr = (bp: TenantBlueprint) => drRegion !== undefined && bp.buckets.some((n) => drCloudOf(n.target, "aws") === "aws");
  // `shared` isolation: one provider for the DR region, shared by every tenant with a copy there,
  // with its credentials from the environment as the default provider's. `account`: each tenant's own.
  const sharedDr = config.isolation !== "account" && blueprints.some(needsDr) ? new AwsProvider(`dr-${drRegion}`, { region: drRegion as aws.Region }) : undefined;
  const secrets = s3CompatibleSecrets(blueprints);
  const minio = await minioFactory(blueprints, config);
  // Copies on our other clouds: their providers (and SDKs) only when a tenant keeps one there.
  const otherClouds = await otherCloudCopies(blueprints, "aws", config.drRegions, config);
  return Object.fromEntries(
    blueprints.map((bp) => {
      const access = config.isolation === "account" ? tenantAccountAccess(bp.tenant, config.accounts[bp.tenant]!, config.accountRoleName) : undefined;
      const provider = config.isolation === "account" ? tenantProvider(bp.tenant, config.accounts[bp.tenant]!, config.accountRoleName) : undefined;
      // `shared`: the fleet's topics. `account`: each tenant's alarms notify topics in its own account.
      const topicArns =
        fleet.alarmTopicArns ?? new AlarmRouting(`${bp.tenant}-alarms`, routingOf(config, bp.network.tags), { providers: { aws: provider! } }).topicArns;
      const probeTopicArns =
        fleet.probeAlarmTopicArns ??
        new AlarmRouting(`${bp.tenant}-probe-alarms`, { ...routingOf(config, bp.network.tags), provider: { region: ROUTE53_METRICS_REGION, ...access } }).topicArns;
      const tenant = new AwsTenant(bp.tenant, {
        blueprint: bp,
        images,
        network: {
          natStrategy: config.natStrategy,
          webCidrs: config.webCidrs,
          adminCidrs: config.adminCidrs,
          ...definedOnly({ clientCidrs: config.clientCidrs, availabilityZones: config.availabilityZones, flowLogRetentionDays: config.flowLogRetentionDays }),
        },
        entry: { mode: config.entryPoint, ...definedOnly({ certificateArn: config.certificateArn, route53ZoneId: config.route53ZoneId }) },
        opsRouting: { targets: routeBySeverity(config.notifications, config.alarmEmails), ...definedOnly({ silence: config.notifications?.silence, smtp: config.notifications?.smtp }) },
        ...(config.mysqlEngineVersion
          ? {
              database: {
                engineVersion: config.mysqlEngineVersion,
                multiAz: config.multiAz,
                ...definedOnly({
                  backupRetentionDays: config.backupRetentionDays,
                  identifier: config.databaseIdentifiers[bp.tenant],
                  logRetentionDays: config.databaseLogRetentionDays,
                }),
              },
            }
          : {}),
        ...(config.noncurrentVersionExpirationDays !== undefined
          ? {
              backupStorage: {
                noncurrentVersionExpirationDays: config.noncurrentVersionExpirationDays,
                encryption: config.backupEncryption,
                credentials: config.backupCredentials,
                objectLock: { mode: config.backupObjectLock, days: config.backupObjectLockDays },
                allowedSourceCidrs: config.backupSourceCidrs,
                allowedVpcEndpoints: config.backupVpcEndpoints,
                accessKeyVersion: config.backupKeyVersions[bp.tenant] ?? 1,
                ...definedOnly({ abortIncompleteUploadDays: config.abortIncompleteUploadDays, logRetentionDays: config.backupAccessLogRetentionDays }),
              },
            }
          : {}),
        backupTarget: {
          ...(needsDr(bp)
            ? { dr: { region: drRegion!, provider: sharedDr ?? tenantProvider(bp.tenant, config.accounts[bp.tenant]!, config.accountRoleName, drRegion) } }
            : {}),
          otherClouds,
          ...(minio ? { minio } : {}),
          ...(secrets[bp.tenant] ? { s3CompatibleSecret: secrets[bp.tenant]! } : {}),
        },
        alarms: { topicArns, probeTopicArns, probeProvider: { region: ROUTE53_METRICS_REGION, ...access }, ...alarmTiming(config) },
      }, { ...(provider ? { providers: { aws: provider } } : {}), ...tenantOptions(bp) });
      return [bp.tenant, tenant.outputs];
    }),
  );
}

/** The aws stack's parts, as the program composes them per stack role. */
export const awsCloud: CloudStack<AwsStackConfig, AwsFleetOutputs> = {
  readConfig: readAwsStackConfig,
  fleet: awsFleet,
  fleetOutputs: ["alarmTopicArns", "probeAlarmTopicArns"],
  tenants: awsTenants,
};
