/**
 * "Bring your own bucket": AnyBackup's cloud storage on an S3-compatible store the provider already
 * runs (Ceph RGW, the storage-services vendor's product, ...; product-facts.md §4). Nothing is
 * created: the endpoint, bucket and credentials come from configuration (the access secret from a
 * Pulumi config secret), are validated (an https:// URL of a host: TLS is required), and come out
 * as the dialog's fields.
 */
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { endpointProblems, serviceHostOf, STORAGE_TYPES, validated, type AddCloudStorageDialog, type StorageType } from "../core/index.js";

export interface S3CompatibleBucketArgs {
  /** The dialog's type for this store. */
  readonly type: StorageType;
  /** `https://host[:port]` of the store's S3 API. */
  readonly endpoint: string;
  readonly bucket: string;
  readonly accessId: string;
  /** The access secret: pass a Pulumi secret (`config.requireSecret(...)`); it is kept secret either way. */
  readonly accessSecret: pulumi.Input<string>;
}

const argsSchema = z.object({
  type: z.enum(STORAGE_TYPES),
  endpoint: z.string().superRefine((value, ctx) => {
    for (const message of endpointProblems(value)) ctx.addIssue({ code: "custom", message, input: value });
  }),
  bucket: z.string().min(3).max(63),
  accessId: z.string().min(1),
  accessSecret: z.any().refine((v) => v !== undefined && v !== "", { error: "is required: the store's access secret (a Pulumi config secret)" }),
});

export class S3CompatibleBucket extends pulumi.ComponentResource {
  public readonly bucketName: pulumi.Output<string>;
  public readonly dialog: AddCloudStorageDialog<pulumi.Output<string>>;

  constructor(name: string, args: S3CompatibleBucketArgs, opts?: pulumi.ComponentResourceOptions) {
    super("tenantry:s3-compatible:Bucket", name, {}, opts);
    const a = validated(argsSchema, args, `arguments of S3CompatibleBucket ${name}`, "args.");
    this.bucketName = pulumi.output(a.bucket);
    this.dialog = {
      name,
      type: a.type,
      serviceHost: pulumi.output(serviceHostOf(a.endpoint)),
      accessId: pulumi.output(a.accessId),
      accessSecret: pulumi.secret(args.accessSecret),
    };
    this.registerOutputs({ bucketName: this.bucketName, dialog: this.dialog });
  }
}
