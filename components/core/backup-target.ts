/**
 * Where a tenant's AnyBackup writes its backups, and what AnyBackup's "add cloud storage" dialog is
 * given for it (product-facts.md §4: name, type, service host, access ID, access secret; the dialog's
 * ten storage types). Cloud-neutral: every cloud renders the same four target kinds.
 */
import { z } from "zod";
import type { Tags } from "./tags.js";

/**
 * product-facts.md §4: the storage types AnyBackup's "add cloud storage" dialog lists, exactly as it
 * writes them. A library user cannot name a type the dialog lacks.
 */
export const STORAGE_TYPES = [
  "Alibaba private cloud (S3)",
  "Alibaba public cloud (S3)",
  "Microsoft Azure",
  "UCloud",
  "EMC Atmos (S3)",
  "AWS (S3)",
  "Huawei Cloud OBS (S3)",
  "AnyShare Universal (S3)",
  "China Mobile cloud (S3)",
  "Tencent Cloud COS (S3)",
] as const;
export type StorageType = (typeof STORAGE_TYPES)[number];

/** The dialog's type for a bucket on each of our clouds' own object storage. */
export const CLOUD_STORAGE_TYPE = {
  aws: "AWS (S3)",
  alicloud: "Alibaba public cloud (S3)",
  huaweicloud: "Huawei Cloud OBS (S3)",
} as const satisfies Record<string, StorageType>;
export type ObjectStorageCloud = keyof typeof CLOUD_STORAGE_TYPE;
export const OBJECT_STORAGE_CLOUDS = Object.keys(CLOUD_STORAGE_TYPE) as ObjectStorageCloud[];

/**
 * The four kinds of backup target:
 * - `same-cloud`: a bucket on the cloud (and in the region) the tenant's hosts run on;
 * - `dr-copy`: that bucket plus a second one in another region, or on another of our clouds, for
 *   the documented same-city / remote disaster recovery (product-facts.md §3), replicated by the
 *   cloud where both ends are on one cloud;
 * - `minio`: a bucket on a MinIO server the provider runs on premises, with a user of its own;
 * - `s3-compatible`: a bucket the provider brings (Ceph RGW, the storage-services vendor's product,
 *   ...), given by endpoint, bucket and credentials; nothing is created.
 */
export const BACKUP_TARGET_KINDS = ["same-cloud", "dr-copy", "minio", "s3-compatible"] as const;
export type BackupTargetKind = (typeof BACKUP_TARGET_KINDS)[number];

/** Kinds a stack may use as its default (bring-your-own is per tenant: its bucket and credentials are the tenant's own). */
export const DEFAULT_TARGET_KINDS = ["same-cloud", "dr-copy", "minio"] as const satisfies readonly BackupTargetKind[];
export type DefaultTargetKind = (typeof DEFAULT_TARGET_KINDS)[number];

/** The target kind when neither the manifest nor the stack says (today's behaviour). */
export const DEFAULT_BACKUP_TARGET: DefaultTargetKind = "same-cloud";

/**
 * Problems with an S3 endpoint URL (bring-your-own stores): it must be an absolute `https://` URL
 * of a host (and port), without credentials, path, query or fragment. Plain `http://` is refused:
 * the access secret would travel in the clear.
 */
export function endpointProblems(value: string): string[] {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return ["must be an absolute URL such as https://s3.example.net"];
  }
  const problems: string[] = [];
  if (url.protocol !== "https:") problems.push(`must use https:// (TLS), not ${url.protocol}// : the access secret would travel in the clear`);
  if (url.username || url.password) problems.push("must not carry credentials: give them as accessId and the config secret");
  if ((url.pathname !== "/" && url.pathname !== "") || url.search || url.hash) problems.push("must be the service host only, without a path, query or fragment");
  return problems;
}

/** The service host the dialog wants for an endpoint URL: host and, when given, port (no scheme). */
export function serviceHostOf(endpoint: string): string {
  return new URL(endpoint).host;
}

/** S3 bucket names (the rules every S3-style store shares): 3-63 lowercase letters, digits, dots and hyphens. */
const bucketName = z.string().regex(/^(?!\d+\.\d+\.\d+\.\d+$)[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, {
  error: "must be an S3 bucket name: 3 to 63 lowercase letters, digits, '.' and '-', starting and ending with a letter or digit",
});

/** A Pulumi config key, `<namespace>:<name>`, whose value is set with `pulumi config set --secret`. */
export const configSecretKey = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*:[A-Za-z0-9][A-Za-z0-9_.-]*$/, {
  error: "must be a Pulumi config key <namespace>:<name> (set it with pulumi config set --secret <key> <value>)",
});

const storageType = z.enum(STORAGE_TYPES, { error: `must be one of the dialog's storage types: ${STORAGE_TYPES.join(", ")}` });

const endpoint = z.string().superRefine((value, ctx) => {
  for (const message of endpointProblems(value)) ctx.addIssue({ code: "custom", message, input: value });
});

/** The `backup` section of a tenant manifest (AnyBackup tenants only). */
export const backupSectionSchema = z.discriminatedUnion(
  "target",
  [
    z.strictObject({ target: z.literal("same-cloud") }),
    z.strictObject({
      target: z.literal("dr-copy"),
      /** The cloud of the second bucket; default: the tenant's own cloud (then the cloud replicates where its provider can). */
      drCloud: z.enum(OBJECT_STORAGE_CLOUDS, { error: `must be one of ${OBJECT_STORAGE_CLOUDS.join(", ")}` }).optional(),
    }),
    z.strictObject({ target: z.literal("minio") }),
    z.strictObject({
      target: z.literal("s3-compatible"),
      /** The dialog's type for this store. */
      type: storageType,
      /** https://host[:port] of the store's S3 API. */
      endpoint,
      bucket: bucketName,
      /** The access key id (not secret). */
      accessId: z.string().regex(/^[A-Za-z0-9+/=._-]{3,128}$/, { error: "must be an access key id (3 to 128 letters, digits or + / = . _ -)" }),
      /** The Pulumi config key holding the access secret, as a Pulumi secret. */
      accessSecretConfig: configSecretKey,
    }),
  ],
  { error: `must name a target: ${BACKUP_TARGET_KINDS.join(", ")}` },
);

export type BackupSection = z.output<typeof backupSectionSchema>;

/** A tenant's resolved backup target (the manifest's, else the stack's default). */
export type BackupTarget = BackupSection;

/** The target of a tenant: its manifest's `backup` section, else the stack's default kind. */
export function resolveBackupTarget(section: BackupSection | undefined, stackDefault: DefaultTargetKind = DEFAULT_BACKUP_TARGET): BackupTarget {
  return section ?? { target: stackDefault };
}

/**
 * What AnyBackup's "add cloud storage" dialog is given, exactly its fields (product-facts.md §4).
 * `O` is the value type (a Pulumi `Output<string>` in components); `accessSecret` is a Pulumi secret.
 */
export interface AddCloudStorageDialog<O> {
  readonly name: string;
  readonly type: StorageType;
  readonly serviceHost: O;
  readonly accessId: O;
  readonly accessSecret: O;
}

/** A backup target as a tenant's outputs show it: the kind, the bucket, the dialog, and the DR copy's own. */
export interface BackupTargetOutputs<O> {
  readonly target: BackupTargetKind;
  readonly bucket: O;
  /** Absent only when the bucket's credentials are a role (AWS `backupCredentials: role`), not a key. */
  readonly dialog?: AddCloudStorageDialog<O>;
  /** `dr-copy`: the second bucket, and the dialog fields to add it in AnyBackup (e.g. on fail-over). */
  readonly drCopy?: {
    readonly cloud: ObjectStorageCloud;
    readonly region: O;
    readonly bucket: O;
    /** `true` when the cloud replicates primary -> copy (both ends on one cloud). */
    readonly replicated: boolean;
    readonly dialog?: AddCloudStorageDialog<O>;
  };
}

/** A bucket (with its dialog) as a target shows it; `O` is the value type, as in the outputs. */
export interface TargetBucket<O> {
  readonly bucket: O;
  /** Absent only when the bucket's credentials are a role, not a key. */
  readonly dialog?: AddCloudStorageDialog<O>;
}

/** A bucket on the cloud's own object storage, with the cloud's handle `H` on it (its component). */
export interface CloudBucket<O, H> extends TargetBucket<O> {
  readonly handle: H;
}

/** A DR copy on another of our clouds, as the stack made it: the bucket, its dialog and its region. */
export interface OtherCloudCopy<O> extends TargetBucket<O> {
  readonly region: O;
}

/**
 * Makes a tenant's DR copy on another of our clouds (`name` is the copy's component name, `tags`
 * the tenant's, `opts` its parent). The stack makes these: they need that cloud's provider.
 */
export type OtherCloudCopyFactory<O, Opts> = (name: string, tags: Tags, opts: Opts) => OtherCloudCopy<O>;

/**
 * What one cloud gives the core to render a tenant's backup target. The core dispatches the four
 * kinds (the same on every cloud); a cloud only makes its own resources. Each method registers
 * the resources named `name` (children of the tenant) and is called only for the kinds that need it.
 */
export interface BackupTargetFactory<O, H> {
  /** The cloud whose object storage `bucket` makes. */
  readonly cloud: ObjectStorageCloud;
  /** A bucket with the cloud's secure defaults: the primary (`where: "primary"`) or the DR copy in the DR region. */
  bucket(name: string, where: "primary" | "dr"): CloudBucket<O, H>;
  /** Alarms the primary's size against the licensed capacity. Absent where the cloud reports no bucket size. */
  capacity?(name: string, primary: H): void;
  /** The region of a same-cloud DR copy. */
  drRegion(): O;
  /**
   * The cloud's own replication primary -> copy (both ends on this cloud). Absent where the cloud's
   * provider offers none: then, as across clouds, AnyBackup fills the copy (`replicated: false`).
   */
  replicate?(name: string, primary: H, copy: H): void;
  /** A DR copy on `cloud`, another of our clouds (made by the stack with that cloud's provider). */
  otherCloudCopy(cloud: ObjectStorageCloud, name: string): OtherCloudCopy<O>;
  /** A bucket and a user of the tenant's own on the stack's MinIO server. */
  minio(name: string): TargetBucket<O> & { readonly dialog: AddCloudStorageDialog<O> };
  /** The tenant's own S3-compatible bucket (nothing created). */
  s3Compatible(name: string, target: Extract<BackupTarget, { target: "s3-compatible" }>): TargetBucket<O> & { readonly dialog: AddCloudStorageDialog<O> };
}

/**
 * Renders a tenant's backup target through a cloud's factory: the one dispatch of the four kinds
 * every cloud shares. `name` is the storage's name (`<tenant>-<product>-storage`); its children
 * keep the names they always had (`<name>`, `<name>-capacity`, `<name>-dr`, `<name>-replication`).
 * - `same-cloud`: the primary bucket (metered when the licence has a capacity);
 * - `dr-copy`: the same, plus the copy `<name>-dr`: on this cloud in the DR region, replicated by the
 *   cloud where its provider can; on another of our clouds, made by the stack and filled by AnyBackup
 *   (no cloud replicates across clouds), so `replicated: false`;
 * - `minio`, `s3-compatible`: the factory's.
 */
export function renderBackupTarget<O, H>(
  name: string,
  need: { readonly target: BackupTarget; readonly capacity?: unknown },
  factory: BackupTargetFactory<O, H>,
): BackupTargetOutputs<O> {
  const target = need.target;
  const withDialog = (b: TargetBucket<O>) => ({ bucket: b.bucket, ...(b.dialog ? { dialog: b.dialog } : {}) });
  switch (target.target) {
    case "same-cloud":
    case "dr-copy": {
      const primary = factory.bucket(name, "primary");
      if (need.capacity) factory.capacity?.(`${name}-capacity`, primary.handle);
      const outputs = { target: target.target, ...withDialog(primary) };
      if (target.target === "same-cloud") return outputs;
      const drCloud = target.drCloud ?? factory.cloud;
      if (drCloud !== factory.cloud) {
        const copy = factory.otherCloudCopy(drCloud, `${name}-dr`);
        return { ...outputs, drCopy: { cloud: drCloud, region: copy.region, bucket: copy.bucket, replicated: false, ...(copy.dialog ? { dialog: copy.dialog } : {}) } };
      }
      const copy = factory.bucket(`${name}-dr`, "dr");
      factory.replicate?.(`${name}-replication`, primary.handle, copy.handle);
      const replicated = factory.replicate !== undefined;
      return { ...outputs, drCopy: { cloud: drCloud, region: factory.drRegion(), bucket: copy.bucket, replicated, ...(copy.dialog ? { dialog: copy.dialog } : {}) } };
    }
    case "minio":
      return { target: "minio", ...withDialog(factory.minio(name)) };
    case "s3-compatible":
      return { target: "s3-compatible", ...withDialog(factory.s3Compatible(name, target)) };
  }
}
