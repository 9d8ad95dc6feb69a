/**
 * One tenant on AWS, assembled from its cloud-neutral blueprint (core `tenantBlueprint`):
 * AnyShare -> host of the tier's size with its cache disk, plus a MySQL database;
 * AnyBackup -> host of the dedup setting's size, plus backup storage;
 * ops-server -> the managed-operations server. Every resource carries the core tags.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { blueprintArgsSchema, hostSecurityGroups, hostSummary, retainedTags, validated, type AlarmTiming, type BackupTargetOutputs, type HostSummary, type Product, type TenantBlueprint } from "../core/index.js";
import type { BackupStorageArgs } from "./backup-storage.js";
import { awsBackupTarget, type AwsBackupTargetArgs } from "./backup-target.js";
import { Database, type DatabaseArgs } from "./database.js";
import { DatabaseAlarms } from "./database-alarms.js";
import { Host } from "./host.js";
import { HostAlarms } from "./host-alarms.js";
import { awsTags } from "./naming.js";
import { TenantNetwork, type TenantNetworkArgs } from "./network.js";
import { OpsServer } from "./ops-server.js";

export interface AwsTenantArgs {
  readonly blueprint: TenantBlueprint;
  /** Machine image (AMI id) per product; required for every product the tenant has. */
  readonly images: Partial<Record<Product, pulumi.Input<string>>>;
  /** Network settings. Default: each field at its own default (see `TenantNetworkArgs`). */
  readonly network?: Pick<TenantNetworkArgs, "natStrategy" | "webCidrs" | "adminCidrs" | "availabilityZones">;
  /** Required when the tenant has AnyShare. */
  readonly database?: Pick<DatabaseArgs, "engineVersion" | "multiAz" | "backupRetentionDays">;
  /** Required when the tenant's AnyBackup stores on S3 (target `same-cloud` or `dr-copy`). */
  readonly backupStorage?: Omit<BackupStorageArgs, "tags">;
  /** What the other backup targets need (DR region, MinIO server, bring-your-own secret); see AwsBackupTargetArgs. Required when a tenant\'s backup target needs them (no default). */
  readonly backupTarget?: Pick<AwsBackupTargetArgs, "dr" | "minio" | "s3CompatibleSecret">;
  readonly alarms: AlarmTiming & { readonly topicArn: pulumi.Input<string>; readonly freeStoragePercent?: number };
}

/** What a tenant's hosts, database and storage came to, per product. */
export interface AwsTenantOutputs {
  hosts: Record<string, HostSummary<pulumi.Output<string>>>;
  databases: Record<string, { endpoint: pulumi.Output<string>; username: string; password: pulumi.Output<string>; instanceClass: string; exactSize: boolean }>;
  backupStorage: Record<string, BackupTargetOutputs<pulumi.Output<string>>>;
}

export class AwsTenant extends pulumi.ComponentResource {
  public readonly network: TenantNetwork;
  public readonly outputs: AwsTenantOutputs;

  constructor(name: string, args: AwsTenantArgs, opts?: pulumi.ComponentResourceOptions) {
    super("tenantry:aws:Tenant", name, {}, opts);
    const bp = args.blueprint;
    validated(blueprintArgsSchema(bp, "an AMI id"), args, `arguments of AwsTenant ${name}`, "args.");
    const parent = { parent: this };

    // A retiring tenant keeps its network (its databases stand on it) but no way out to the internet.
    this.network = new TenantNetwork(`${name}-network`, { network: bp.network, tags: bp.network.tags, ...args.network, ...(bp.retired ? { natStrategy: "none" as const } : {}) }, parent);
    const sg = this.network.securityGroupIds;
    const subnet = (tier: keyof TenantNetwork["subnetIds"]) => this.network.subnetIds[tier][0]!;
    this.outputs = { hosts: {}, databases: {}, backupStorage: {} };

    // The tenant's own key for its disks and database storage: no other tenant's principal is allowed it.
    const dataKey =
      bp.hosts.length + bp.databases.length > 0
        ? new aws.kms.Key(
            `${name}-data-key`,
            { description: `${name}: disks and databases (tenantry)`, enableKeyRotation: true, tags: awsTags(retainedTags(bp.network.tags, true), `${name}-data-key`) },
            { parent: this, retainOnDelete: true },
          )
        : undefined;
    const kmsKeyId = dataKey?.arn;

    for (const need of bp.hosts) {
      const common = { size: need.size, source: need.source, imageId: args.images[need.key]!, tags: need.tags, ...(kmsKeyId ? { kmsKeyId } : {}) };
      const placement = { subnetId: subnet(need.tier), securityGroupIds: hostSecurityGroups(need.key).map((role) => sg[role]) };
      const host =
        need.key === "ops-server"
          ? new OpsServer(`${name}-${need.key}`, { ...common, ...placement }, parent).host
          : new Host(`${name}-${need.key}`, { ...common, ...placement }, parent);
      new HostAlarms(`${name}-${need.key}-alarms`, { instanceId: host.instanceId, rules: need.alarms, tags: need.tags, ...args.alarms }, parent);
      this.outputs.hosts[need.key] = hostSummary(need, host);
    }

    for (const need of bp.databases) {
      const db = new Database(
        `${name}-${need.key}-db`,
        { ...args.database!, size: need.size, source: need.source, subnetIds: this.network.subnetIds[need.tier], securityGroupIds: [sg.data], tags: need.tags, ...(kmsKeyId ? { kmsKeyId } : {}) },
        parent,
      );
      new DatabaseAlarms(
        `${name}-${need.key}-db-alarms`,
        { instanceIdentifier: db.instanceIdentifier, allocatedStorageGiB: db.allocatedStorageGiB, tags: need.tags, ...args.alarms },
        parent,
      );
      this.outputs.databases[need.key] = { endpoint: db.endpoint, username: db.username, password: db.password, instanceClass: db.instanceClass, exactSize: db.exactSize };
    }

    for (const need of bp.buckets) {
      this.outputs.backupStorage[need.key] = awsBackupTarget(this, `${name}-${need.key}-storage`, need, {
        ...args.backupTarget,
        ...(args.backupStorage ? { storage: args.backupStorage } : {}),
        topicArn: args.alarms.topicArn,
      });
    }

    this.registerOutputs(this.outputs);
  }
}

