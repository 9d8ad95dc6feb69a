/**
 * Stack configuration of backup targets, shared by every cloud's stack: the DR region on each of
 * our clouds, the MinIO server, and the bring-your-own secrets (read from Pulumi config secrets).
 */
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import type { MinioStorageFactory } from "../components/minio/factory.js";
import { endpointProblems, OBJECT_STORAGE_CLOUDS, STORAGE_TYPES, type ObjectStorageCloud, type Problem, type TenantBlueprint } from "../components/core/index.js";

const region = z.string().regex(/^[a-z]{2}(-[a-z0-9]+)+$/, { error: "must be a region id such as ap-northeast-1 or cn-shanghai" });

export const backupTargetConfigShape = {
  /** The region of a `dr-copy` on each of our clouds (for this cloud: another region than the stack's). */
  drRegions: z.strictObject(Object.fromEntries(OBJECT_STORAGE_CLOUDS.map((c) => [c, region.optional()])) as Record<ObjectStorageCloud, z.ZodOptional<typeof region>>).default({}),
  /** The MinIO server of `minio` targets, as AnyBackup reaches it, and the dialog type to give it. */
  minio: z
    .strictObject({
      endpoint: z.string().superRefine((value, ctx) => {
        for (const message of endpointProblems(value)) ctx.addIssue({ code: "custom", message, input: value });
      }),
      storageType: z.enum(STORAGE_TYPES, { error: `must be one of the dialog's storage types: ${STORAGE_TYPES.join(", ")}` }),
      /** The key of the server's KMS (KES) that encrypts each tenant's bucket by default (SSE-KMS). Without it the buckets are not encrypted by default (the security pack says so). */
      kmsKeyId: z.string().min(1).optional(),
    })
    .optional(),
};

export interface BackupTargetConfig {
  drRegions: Partial<Record<ObjectStorageCloud, string | undefined>>;
  minio?: { endpoint: string; storageType: (typeof STORAGE_TYPES)[number]; kmsKeyId?: string | undefined } | undefined;
}

/** The cloud a tenant's DR copy goes to, on a stack of `cloud`. */
export function drCloudOf(target: TenantBlueprint["buckets"][number]["target"], cloud: ObjectStorageCloud): ObjectStorageCloud | undefined {
  return target.target === "dr-copy" ? (target.drCloud ?? cloud) : undefined;
}

/** What the fleet's backup targets need from the configuration of a stack on `cloud`. */
export function backupTargetProblems(config: BackupTargetConfig, blueprints: readonly TenantBlueprint[], cloud: ObjectStorageCloud, prefix: string, stackRegion?: string): Problem[] {
  const problems: Problem[] = [];
  const targets = blueprints.flatMap((b) => b.buckets.map((n) => ({ tenant: b.tenant, target: n.target })));
  for (const drCloud of new Set(targets.flatMap((t) => drCloudOf(t.target, cloud) ?? []))) {
    const who = targets.filter((t) => drCloudOf(t.target, cloud) === drCloud).map((t) => t.tenant).join(", ");
    const drRegion = config.drRegions[drCloud];
    if (!drRegion) problems.push({ path: `${prefix}drRegions.${drCloud}`, message: `is required: ${who} keep a disaster-recovery copy on ${drCloud} (the region of the copy)` });
    else if (drCloud === cloud && stackRegion !== undefined && drRegion === stackRegion) {
      problems.push({ path: `${prefix}drRegions.${drCloud}`, message: `must differ from the stack's region ${stackRegion}: a disaster-recovery copy lives in another region`, received: drRegion });
    }
  }
  if (targets.some((t) => t.target.target === "minio") && !config.minio) {
    const who = targets.filter((t) => t.target.target === "minio").map((t) => t.tenant).join(", ");
    problems.push({ path: `${prefix}minio`, message: `is required: ${who} store on MinIO ({ endpoint: https://..., storageType: <the dialog's type> }; the server's admin login is the minio provider's config)` });
  }
  return problems;
}

/** Each bring-your-own tenant's config secret key. */
function secretKeys(blueprints: readonly TenantBlueprint[]): { tenant: string; namespace: string; name: string; key: string }[] {
  return blueprints.flatMap((bp) =>
    bp.buckets.flatMap((need) => {
      if (need.target.target !== "s3-compatible") return [];
      const key = need.target.accessSecretConfig;
      const at = key.indexOf(":");
      return [{ tenant: bp.tenant, namespace: key.slice(0, at), name: key.slice(at + 1), key }];
    }),
  );
}

/** The bring-your-own secrets the configuration lacks (one problem each, naming the key to set). */
export function missingSecrets(blueprints: readonly TenantBlueprint[]): Problem[] {
  return secretKeys(blueprints)
    .filter((s) => new pulumi.Config(s.namespace).getSecret(s.name) === undefined)
    .map((s) => ({
      path: s.key,
      message: `is required: the access secret of ${s.tenant}'s S3-compatible store (pulumi config set --secret ${s.key} <secret>)`,
    }));
}

/** The access secret of each tenant's bring-your-own store, from the Pulumi config secret its manifest names. */
export function s3CompatibleSecrets(blueprints: readonly TenantBlueprint[]): Record<string, pulumi.Output<string>> {
  return Object.fromEntries(secretKeys(blueprints).map((s) => [s.tenant, new pulumi.Config(s.namespace).requireSecret(s.name)]));
}

/** The MinIO storage factory, loading @pulumi/minio only when a tenant stores on MinIO. */
export async function minioFactory(blueprints: readonly TenantBlueprint[], config: BackupTargetConfig): Promise<MinioStorageFactory | undefined> {
  if (!config.minio || !blueprints.some((b) => b.buckets.some((n) => n.target.target === "minio"))) return undefined;
  const { minioStorageFactory } = await import("../components/minio/backup-storage.js");
  return minioStorageFactory(config.minio);
}
