/**
 * AnyBackup's "cloud storage" on Kubernetes (product-facts.md §4): a bucket on an S3-compatible
 * store outside the cluster (any cloud's object storage, MinIO, a storage vendor's S3 service),
 * given by configuration with credentials limited to that bucket. Nothing is created in the
 * cluster (the namespace's NetworkPolicies let AnyBackup reach the endpoint); the outputs are the
 * fields of AnyBackup's "add cloud storage" dialog, the access secret a Pulumi secret.
 */
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { STORAGE_TYPES, validated, type StorageType } from "../core/index.js";

/** The S3-compatible types among the dialog's storage types (core `STORAGE_TYPES`, product-facts.md §4). */
export const S3_DIALOG_TYPES = STORAGE_TYPES.filter((t): t is Extract<StorageType, `${string}(S3)`> => t.endsWith("(S3)"));

export interface S3BackupStorageArgs {
  /** The dialog's type for this store (one of the documented S3 types). */
  readonly type: (typeof S3_DIALOG_TYPES)[number];
  /** The S3 endpoint AnyBackup connects to (`host` or `host:port`). */
  readonly serviceHost: string;
  readonly bucket: string;
  readonly accessId: string;
  /** Made a Pulumi secret here whatever it was given as. */
  readonly accessSecret: pulumi.Input<string>;
}

const argsSchema = z.object({
  type: z.enum(S3_DIALOG_TYPES as unknown as [string, ...string[]], { error: `must be one of the dialog's S3 types: ${S3_DIALOG_TYPES.join(", ")}` }),
  serviceHost: z.string().regex(/^[A-Za-z0-9.-]+(:\d{1,5})?$/, { error: "must be a host name or address, with an optional :port (no scheme)" }),
  bucket: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, { error: "must be an S3 bucket name: 3-63 lowercase letters, digits, '.' and '-'" }),
  accessId: z.string().min(1),
  accessSecret: z.any().refine((v) => v !== undefined && v !== "", { error: "is required: set it as a Pulumi secret" }),
});

/** The fields of AnyBackup's "add cloud storage" dialog (name, type, service host, access ID, access secret; plus the bucket). */
export interface S3AddCloudStorageFields {
  readonly name: string;
  readonly type: string;
  readonly serviceHost: string;
  readonly bucket: string;
  readonly accessId: string;
  /** A Pulumi secret. */
  readonly accessSecret: pulumi.Output<string>;
}

/** The port an S3 endpoint listens on: the one given, else HTTPS. */
export function serviceHostPort(serviceHost: string): number {
  const m = /:(\d+)$/.exec(serviceHost);
  return m ? Number(m[1]) : 443;
}

export class S3BackupStorage extends pulumi.ComponentResource {
  public readonly addCloudStorage: S3AddCloudStorageFields;

  constructor(name: string, args: S3BackupStorageArgs, opts?: pulumi.ComponentResourceOptions) {
    super("tenantry:kubernetes:S3BackupStorage", name, {}, opts);
    const a = validated(argsSchema, args, `arguments of S3BackupStorage ${name}`, "args.");
    this.addCloudStorage = { name, type: a.type, serviceHost: a.serviceHost, bucket: a.bucket, accessId: a.accessId, accessSecret: pulumi.secret(pulumi.output(args.accessSecret)) };
    this.registerOutputs({ addCloudStorage: this.addCloudStorage });
  }
}
