/**
 * A tenant's DR copy on another of our clouds (`backup: { target: dr-copy, drCloud: <other> }`):
 * the stack makes an explicit provider for that cloud, in its `drRegions.<cloud>` region, and the
 * copy with that cloud's own backup-storage component (the same secure defaults as a bucket there,
 * with its own per-tenant credentials). No cloud replicates across clouds: AnyBackup fills the copy
 * (its copy of backups to a second storage, see docs/backup-targets.md), and the outputs say
 * `replicated: false`.
 *
 * Each cloud's SDK and components load only when a tenant keeps a copy there: a stack without
 * cross-cloud tenants never loads another cloud's SDK.
 *
 * Credentials of the explicit providers: an explicit provider does not read the stack's
 * `<cloud>:` configuration, so Tenantry passes that cloud's standard keys when they are set, and
 * otherwise the provider reads its standard environment:
 * - `aws:profile`, or `aws:accessKey` + `aws:secretKey` (secret); else `AWS_PROFILE` / `AWS_ACCESS_KEY_ID` + `AWS_SECRET_ACCESS_KEY`;
 * - `alicloud:profile`, or `alicloud:accessKey` + `alicloud:secretKey` (secret); else `ALIBABA_CLOUD_ACCESS_KEY_ID` + `ALIBABA_CLOUD_ACCESS_KEY_SECRET`;
 * - `huaweicloud:accessKey` + `huaweicloud:secretKey` (secret); else `HW_ACCESS_KEY` + `HW_SECRET_KEY`.
 */
import * as pulumi from "@pulumi/pulumi";
import type { ObjectStorageCloud, OtherCloudCopyFactory, TenantBlueprint } from "../components/core/index.js";
import { drCloudOf } from "./backup-targets.js";

type Factory = OtherCloudCopyFactory<pulumi.Output<string>, pulumi.ComponentResourceOptions>;

/** What a copy's bucket settings take from the stack (the settings every cloud's stack has). */
export interface CopySettings {
  readonly noncurrentVersionExpirationDays?: number | undefined;
  readonly abortIncompleteUploadDays?: number | undefined;
}

/** The stack configuration keys each cloud's explicit provider takes its credentials from, when set. */
export const CREDENTIAL_KEYS = {
  aws: { plain: ["profile", "accessKey"], secret: ["secretKey"] },
  alicloud: { plain: ["profile", "accessKey"], secret: ["secretKey"] },
  huaweicloud: { plain: ["accessKey"], secret: ["secretKey"] },
} as const satisfies Record<ObjectStorageCloud, { plain: readonly string[]; secret: readonly string[] }>;

/** The credentials set in the stack's `<cloud>:` configuration (secrets as Pulumi secrets); none: the environment's. */
export function providerCredentials(cloud: ObjectStorageCloud): Record<string, pulumi.Input<string>> {
  const config = new pulumi.Config(cloud);
  const keys = CREDENTIAL_KEYS[cloud];
  const out: Record<string, pulumi.Input<string>> = {};
  for (const key of keys.plain) {
    const value = config.get(key);
    if (value !== undefined) out[key] = value;
  }
  for (const key of keys.secret) {
    const value = config.getSecret(key);
    if (value !== undefined) out[key] = value;
  }
  return out;
}

/** The explicit provider's name: one per cloud and region, shared by the tenants with a copy there. */
export const otherCloudProviderName = (cloud: ObjectStorageCloud, region: string) => `dr-${cloud}-${region}`;

function days(settings: CopySettings) {
  if (settings.noncurrentVersionExpirationDays === undefined) throw new Error("noncurrentVersionExpirationDays is required for a DR copy (the configuration check asks for it)");
  return {
    noncurrentVersionExpirationDays: settings.noncurrentVersionExpirationDays,
    ...(settings.abortIncompleteUploadDays !== undefined ? { abortIncompleteUploadDays: settings.abortIncompleteUploadDays } : {}),
  };
}

/** Each cloud's maker of copies: loads that cloud's SDK and component, makes its provider once. */
const MAKERS: Record<ObjectStorageCloud, (region: string, settings: CopySettings) => Promise<Factory>> = {
  aws: async (region, settings) => {
    const [{ Provider }, { BackupStorage }, { awsDialogOf }] = await Promise.all([
      import("@pulumi/aws/provider.js"),
      import("../components/aws/backup-storage.js"),
      import("../components/aws/backup-target.js"),
    ]);
    const provider = new Provider(otherCloudProviderName("aws", region), { region: region as never, ...providerCredentials("aws") });
    return (name, tags, opts) => {
      const storage = new BackupStorage(name, { ...days(settings), tags }, { ...opts, providers: [provider] });
      const dialog = awsDialogOf(storage);
      return { region: pulumi.output(region), bucket: storage.bucketName, ...(dialog ? { dialog } : {}) };
    };
  },
  alicloud: async (region, settings) => {
    const [{ Provider }, { AlicloudBackupStorage }, { alicloudDialogOf }] = await Promise.all([
      import("@pulumi/alicloud/provider.js"),
      import("../components/alicloud/backup-storage.js"),
      import("../components/alicloud/backup-target.js"),
    ]);
    const provider = new Provider(otherCloudProviderName("alicloud", region), { region, ...providerCredentials("alicloud") });
    return (name, tags, opts) => {
      const storage = new AlicloudBackupStorage(name, { ...days(settings), tags }, { ...opts, providers: [provider] });
      return { region: pulumi.output(region), bucket: storage.bucketName, dialog: alicloudDialogOf(storage) };
    };
  },
  huaweicloud: async (region, settings) => {
    const [{ HuaweiProvider }, { HuaweiBackupStorage }, { huaweiDialogOf }] = await Promise.all([
      import("../components/huaweicloud/provider/provider.js"),
      import("../components/huaweicloud/backup-storage.js"),
      import("../components/huaweicloud/backup-target.js"),
    ]);
    const provider = new HuaweiProvider(otherCloudProviderName("huaweicloud", region), { region, ...providerCredentials("huaweicloud") });
    return (name, tags, opts) => {
      const storage = new HuaweiBackupStorage(name, { ...days(settings), region, tags }, { ...opts, providers: [provider] });
      return { region: pulumi.output(region), bucket: storage.bucketName, dialog: huaweiDialogOf(storage) };
    };
  },
};

/** The clouds other than `cloud` on which a tenant of the fleet keeps its DR copy. */
export function otherCopyClouds(blueprints: readonly TenantBlueprint[], cloud: ObjectStorageCloud): ObjectStorageCloud[] {
  const clouds = blueprints.flatMap((bp) => bp.buckets.flatMap((n) => drCloudOf(n.target, cloud) ?? []));
  return [...new Set(clouds)].filter((c) => c !== cloud).sort();
}

/**
 * The makers of the fleet's DR copies on clouds other than `cloud` (none, and nothing loaded, when
 * no tenant keeps one). `drRegions` is checked first (backupTargetProblems).
 */
export async function otherCloudCopies(
  blueprints: readonly TenantBlueprint[],
  cloud: ObjectStorageCloud,
  drRegions: Partial<Record<ObjectStorageCloud, string | undefined>>,
  settings: CopySettings,
): Promise<Partial<Record<ObjectStorageCloud, Factory>>> {
  const clouds = otherCopyClouds(blueprints, cloud);
  return Object.fromEntries(await Promise.all(clouds.map(async (c) => [c, await MAKERS[c](drRegions[c]!, settings)] as const)));
}
