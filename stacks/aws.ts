/**
 * The `aws` stack: every tenant of the fleet on AWS. Its configuration is the `tenantry:aws`
 * object of `stacks/Pulumi.<stack>.yaml`, validated (with the fleet) before anything is registered.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { AlarmTopic, AwsTenant, NAT_STRATEGIES, type AwsTenantOutputs } from "../components/aws/index.js";
import { sharedTags, validated, type TenantBlueprint } from "../components/core/index.js";
import { alarmTiming, cloudConfigSchema, definedOnly, fleetNeeds, type CloudStack } from "./cloud-config.js";

/** An AMI id, or `ssm:<parameter>` naming a public SSM parameter that holds one. */
const imageRef = z.string().regex(/^(ami-[0-9a-f]{8,17}|ssm:\/.+)$/, { error: "must be an AMI id (ami-...) or ssm:/<parameter path>" });

export const awsStackConfigSchema = cloudConfigSchema(imageRef).extend({
  natStrategy: z.enum(NAT_STRATEGIES).default("single"),
  backupEncryption: z.enum(["kms", "s3"]).default("kms"),
  backupCredentials: z.enum(["access-key", "role"]).default("access-key"),
  multiAz: z.boolean().default(false),
});

export type AwsStackConfig = z.output<typeof awsStackConfigSchema>;

/** Validates the `tenantry:aws` object against the schema and against what the fleet needs. */
export function readAwsStackConfig(raw: unknown, blueprints: readonly TenantBlueprint[]): AwsStackConfig {
  const config = validated(awsStackConfigSchema, raw ?? {}, "stack configuration", "tenantry:aws.");
  fleetNeeds(config, blueprints, "tenantry:aws.", "an AMI id or ssm:/<parameter>");
  return config;
}

/** Resolves an image reference: an AMI id as is, `ssm:<parameter>` through SSM. */
function image(ref: string): pulumi.Input<string> {
  return ref.startsWith("ssm:") ? aws.ssm.getParameterOutput({ name: ref.slice("ssm:".length) }).value : ref;
}

/** What tenants use of the fleet-wide resources: the fleet stack's `fleet` output. */
export interface AwsFleetOutputs {
  readonly alarmTopicArn: pulumi.Input<string>;
}

/** Registers the fleet-wide resources (one per account and region): the alarm topic and its subscriptions. */
export function awsFleet(config: AwsStackConfig): AwsFleetOutputs {
  const topic = new AlarmTopic("alarms", { emails: config.alarmEmails, tags: sharedTags() });
  return { alarmTopicArn: topic.topicArn };
}

/** Registers every tenant of the fleet on AWS; returns each tenant's outputs by tenant id. */
export function awsStack(blueprints: readonly TenantBlueprint[], config: AwsStackConfig): Record<string, AwsTenantOutputs> {
  return awsTenants(blueprints, config, awsFleet(config));
}

/** Registers the given tenants, using fleet-wide resources from this stack or from the fleet stack. */
export function awsTenants(blueprints: readonly TenantBlueprint[], config: AwsStackConfig, fleet: AwsFleetOutputs): Record<string, AwsTenantOutputs> {
  const images = Object.fromEntries(Object.entries(config.images).flatMap(([product, ref]) => (ref ? [[product, image(ref)]] : [])));
  return Object.fromEntries(
    blueprints.map((bp) => {
      const tenant = new AwsTenant(bp.tenant, {
        blueprint: bp,
        images,
        network: { natStrategy: config.natStrategy, webCidrs: config.webCidrs, adminCidrs: config.adminCidrs },
        ...(config.mysqlEngineVersion
          ? { database: { engineVersion: config.mysqlEngineVersion, multiAz: config.multiAz, ...definedOnly({ backupRetentionDays: config.backupRetentionDays }) } }
          : {}),
        ...(config.noncurrentVersionExpirationDays !== undefined
          ? {
              backupStorage: {
                noncurrentVersionExpirationDays: config.noncurrentVersionExpirationDays,
                encryption: config.backupEncryption,
                credentials: config.backupCredentials,
                ...definedOnly({ abortIncompleteUploadDays: config.abortIncompleteUploadDays }),
              },
            }
          : {}),
        alarms: { topicArn: fleet.alarmTopicArn, ...alarmTiming(config) },
      });
      return [bp.tenant, tenant.outputs];
    }),
  );
}

/** The aws stack's parts, as the program composes them per stack role. */
export const awsCloud: CloudStack<AwsStackConfig, AwsFleetOutputs> = {
  readConfig: readAwsStackConfig,
  fleet: awsFleet,
  fleetOutputs: ["alarmTopicArn"],
  tenants: awsTenants,
};
