/**
 * The `aws` stack: every tenant of the fleet on AWS. Its configuration is the `tenantry:aws`
 * object of `stacks/Pulumi.<stack>.yaml`, validated (with the fleet) before anything is registered.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { AlarmTopic, AwsTenant, NAT_STRATEGIES, type AwsTenantOutputs } from "../components/aws/index.js";
import { allowListSchema, InputError, PRODUCTS, sharedTags, validated, type Problem, type TenantBlueprint } from "../components/core/index.js";

/** An AMI id, or `ssm:<parameter>` naming a public SSM parameter that holds one. */
const imageRef = z.string().regex(/^(ami-[0-9a-f]{8,17}|ssm:\/.+)$/, { error: "must be an AMI id (ami-...) or ssm:/<parameter path>" });

export const awsStackConfigSchema = z.strictObject({
  images: z.strictObject(Object.fromEntries(PRODUCTS.map((p) => [p, imageRef.optional()])) as Record<(typeof PRODUCTS)[number], z.ZodOptional<typeof imageRef>>),
  mysqlEngineVersion: z.string().optional(),
  natStrategy: z.enum(NAT_STRATEGIES).default("single"),
  webCidrs: allowListSchema("the web ports", true).default([]),
  adminCidrs: allowListSchema("SSH", false).default([]),
  alarmEmails: z.array(z.email()).default([]),
  alarmPeriodSeconds: z.number().int().optional(),
  alarmEvaluationPeriods: z.number().int().optional(),
  freeStoragePercent: z.number().optional(),
  backupEncryption: z.enum(["kms", "s3"]).default("kms"),
  backupCredentials: z.enum(["access-key", "role"]).default("access-key"),
  noncurrentVersionExpirationDays: z.number().int().min(1).optional(),
  abortIncompleteUploadDays: z.number().int().min(1).optional(),
  multiAz: z.boolean().default(false),
  backupRetentionDays: z.number().int().optional(),
});

export type AwsStackConfig = z.output<typeof awsStackConfigSchema>;

/**
 * Validates the `tenantry:aws` object against the schema and against what the fleet needs
 * (an image for every product in use, a MySQL version when a tenant has AnyShare, ...).
 */
export function readAwsStackConfig(raw: unknown, blueprints: readonly TenantBlueprint[]): AwsStackConfig {
  const config = validated(awsStackConfigSchema, raw ?? {}, "stack configuration", "tenantry:aws.");
  const problems: Problem[] = [];
  const used = new Set(blueprints.flatMap((b) => b.hosts.map((h) => h.key)));
  for (const product of used) {
    if (!config.images[product]) problems.push({ path: `tenantry:aws.images.${product}`, message: "is required: a tenant runs this product (an AMI id or ssm:/<parameter>)" });
  }
  if (blueprints.some((b) => b.databases.length > 0) && !config.mysqlEngineVersion) {
    problems.push({ path: "tenantry:aws.mysqlEngineVersion", message: "is required: a tenant runs AnyShare (e.g. 8.0; the documented MySQL 5.6 is no longer sold)" });
  }
  if (blueprints.some((b) => b.buckets.length > 0) && config.noncurrentVersionExpirationDays === undefined) {
    problems.push({ path: "tenantry:aws.noncurrentVersionExpirationDays", message: "is required: a tenant runs AnyBackup (days to keep replaced backup object versions)" });
  }
  if (problems.length > 0) throw new InputError("stack configuration", problems);
  return config;
}

/** Resolves an image reference: an AMI id as is, `ssm:<parameter>` through SSM. */
function image(ref: string): pulumi.Input<string> {
  return ref.startsWith("ssm:") ? aws.ssm.getParameterOutput({ name: ref.slice("ssm:".length) }).value : ref;
}

/** Registers every tenant of the fleet on AWS; returns each tenant's outputs by tenant id. */
export function awsStack(blueprints: readonly TenantBlueprint[], config: AwsStackConfig): Record<string, AwsTenantOutputs> {
  const topic = new AlarmTopic("alarms", { emails: config.alarmEmails, tags: sharedTags() });
  const images = Object.fromEntries(
    Object.entries(config.images).flatMap(([product, ref]) => (ref ? [[product, image(ref)]] : [])),
  );
  const optional = <T extends object>(o: T) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
  return Object.fromEntries(
    blueprints.map((bp) => {
      const tenant = new AwsTenant(bp.tenant, {
        blueprint: bp,
        images,
        network: { natStrategy: config.natStrategy, webCidrs: config.webCidrs, adminCidrs: config.adminCidrs },
        ...(config.mysqlEngineVersion
          ? { database: { engineVersion: config.mysqlEngineVersion, multiAz: config.multiAz, ...optional({ backupRetentionDays: config.backupRetentionDays }) } }
          : {}),
        ...(config.noncurrentVersionExpirationDays !== undefined
          ? {
              backupStorage: {
                noncurrentVersionExpirationDays: config.noncurrentVersionExpirationDays,
                encryption: config.backupEncryption,
                credentials: config.backupCredentials,
                ...optional({ abortIncompleteUploadDays: config.abortIncompleteUploadDays }),
              },
            }
          : {}),
        alarms: {
          topicArn: topic.topicArn,
          ...optional({
            periodSeconds: config.alarmPeriodSeconds,
            evaluationPeriods: config.alarmEvaluationPeriods,
            freeStoragePercent: config.freeStoragePercent,
          }),
        },
      });
      return [bp.tenant, tenant.outputs];
    }),
  );
}
