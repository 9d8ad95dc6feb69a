/** How a cloud's tenant asks for a tenant's MinIO storage without importing @pulumi/minio itself. */
import type * as pulumi from "@pulumi/pulumi";
import type { AddCloudStorageDialog, StorageType, Tags } from "../core/index.js";

/** Makes the MinIO storage of one tenant: `name` is the storage's name, also its bucket's. */
export type MinioStorageFactory = (
  name: string,
  tags: Tags,
  opts: pulumi.ComponentResourceOptions,
) => { readonly bucketName: pulumi.Output<string>; readonly dialog: AddCloudStorageDialog<pulumi.Output<string>> };

/** A MinIO server as AnyBackup reaches it, and the dialog type to give it. */
export interface MinioServer {
  readonly endpoint: string;
  readonly storageType: StorageType;
  /** The key of the server's KMS (KES) each bucket is encrypted with by default (SSE-KMS); none: no default encryption. */
  readonly kmsKeyId?: string | undefined;
}
