/**
 * One tenant on Alibaba Cloud, assembled from its cloud-neutral blueprint (core `tenantBlueprint`):
 * AnyShare -> host of the tier's size with its cache disk, plus an RDS MySQL database;
 * AnyBackup -> host of the dedup setting's size, plus OSS backup storage;
 * ops-server -> the managed-operations server. Every resource carries the core tags.
 */
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { blueprintArgsSchema, hostSecurityGroups, hostSummary, validated, type AlarmTiming, type HostSummary, type Product, type TenantBlueprint } from "../core/index.js";
import type { BackupTargetOutputs } from "../core/index.js";
import type { AlicloudBackupStorageArgs } from "./backup-storage.js";
import { alicloudBackupTarget, type AlicloudBackupTargetArgs } from "./backup-target.js";
import { AlicloudDatabase, type AlicloudDatabaseArgs } from "./database.js";
import { AlicloudDatabaseAlarms } from "./database-alarms.js";
import { AlicloudHost, type Billing } from "./host.js";
import { AlicloudHostAlarms } from "./host-alarms.js";
import { AlicloudNetwork, type AlicloudNetworkArgs } from "./network.js";
import { AlicloudOpsServer } from "./ops-server.js";

export interface AlicloudTenantArgs {
  readonly blueprint: TenantBlueprint;
  /** Image id per product; required for every product the tenant has. */
  readonly images: Partial<Record<Product, pulumi.Input<string>>>;
  /** Network settings. Default: each field at its own default (see `AlicloudNetworkArgs`). */
  readonly network?: Pick<AlicloudNetworkArgs, "natStrategy" | "natBandwidthMbps" | "webCidrs" | "adminCidrs" | "zoneIds">;
  /** Host billing. Default `pay-as-you-go`. */
  readonly billing?: Billing;
  /** EIP bandwidth of the ops server in Mbit/s (not documented). Required when the tenant has one. */
  readonly opsBandwidthMbps?: number;
  /** Required when the tenant has AnyShare. */
  readonly database?: Pick<AlicloudDatabaseArgs, "engineVersion" | "category" | "backupRetentionDays">;
  /** Required when the tenant's AnyBackup stores on OSS (target `same-cloud` or `dr-copy`). */
  readonly backupStorage?: Omit<AlicloudBackupStorageArgs, "tags">;
  /** What the other backup targets need (DR region, MinIO server, bring-your-own secret); see AlicloudBackupTargetArgs. Required when a tenant\'s backup target needs them (no default). */
  readonly backupTarget?: Pick<AlicloudBackupTargetArgs, "dr" | "minio" | "s3CompatibleSecret">;
  readonly alarms: AlarmTiming & { readonly contactGroup: pulumi.Input<string>; readonly freeStoragePercent?: number };
}

export interface AlicloudTenantOutputs {
  hosts: Record<string, HostSummary<pulumi.Output<string>>>;
  databases: Record<string, { connectionString: pulumi.Output<string>; username: string; password: pulumi.Output<string>; instanceClass: string; exactSize: boolean }>;
  backupStorage: Record<string, BackupTargetOutputs<pulumi.Output<string>>>;
}

export class AlicloudTenant extends pulumi.ComponentResource {
  public readonly network: AlicloudNetwork;
  public readonly outputs: AlicloudTenantOutputs;

  constructor(name: string, args: AlicloudTenantArgs, opts?: pulumi.ComponentResourceOptions) {
    super("tenantry:alicloud:Tenant", name, {}, opts);
    const bp = args.blueprint;
    validated(
      blueprintArgsSchema(bp, "an image id", {
        opsBandwidthMbps: bp.hosts.some((h) => h.key === "ops-server")
          ? z.number({ error: "is required: the ops server's EIP bandwidth in Mbit/s" })
          : z.any(),
      }),
      args,
      `arguments of AlicloudTenant ${name}`,
      "args.",
    );
    const parent = { parent: this };

    // A retiring tenant keeps its network (its databases stand on it) but no way out to the internet.
    this.network = new AlicloudNetwork(`${name}-network`, { network: bp.network, tags: bp.network.tags, ...args.network, ...(bp.retired ? { natStrategy: "none" as const } : {}) }, parent);
    const net = this.network;
    this.outputs = { hosts: {}, databases: {}, backupStorage: {} };

    for (const need of bp.hosts) {
      const common = {
        size: need.size,
        source: need.source,
        imageId: args.images[need.key]!,
        tags: need.tags,
        vswitchId: net.vswitchIds[need.tier][0]!,
        securityGroupIds: hostSecurityGroups(need.key).map((role) => net.securityGroupIds[role]),
        ...(args.billing ? { billing: args.billing } : {}),
      };
      const host =
        need.key === "ops-server"
          ? new AlicloudOpsServer(`${name}-${need.key}`, { ...common, publicBandwidthMbps: args.opsBandwidthMbps! }, parent).host
          : new AlicloudHost(`${name}-${need.key}`, common, parent);
      new AlicloudHostAlarms(`${name}-${need.key}-alarms`, { instanceId: host.instanceId, rules: need.alarms, tags: need.tags, ...args.alarms }, parent);
      this.outputs.hosts[need.key] = hostSummary(need, host);
    }

    for (const need of bp.databases) {
      const db = new AlicloudDatabase(
        `${name}-${need.key}-db`,
        {
          ...args.database!,
          size: need.size,
          source: need.source,
          vswitchIds: net.vswitchIds[need.tier],
          zoneIds: net.zoneIds,
          allowedCidrs: net.vswitchCidrs.app,
          tags: need.tags,
        },
        parent,
      );
      new AlicloudDatabaseAlarms(`${name}-${need.key}-db-alarms`, { instanceId: db.instanceId, tags: need.tags, ...args.alarms }, parent);
      this.outputs.databases[need.key] = { connectionString: db.connectionString, username: db.username, password: db.password, instanceClass: db.instanceClass, exactSize: db.exactSize };
    }

    for (const need of bp.buckets) {
      this.outputs.backupStorage[need.key] = alicloudBackupTarget(this, `${name}-${need.key}-storage`, need, {
        ...args.backupTarget,
        ...(args.backupStorage ? { storage: args.backupStorage } : {}),
        contactGroup: args.alarms.contactGroup,
      });
    }

    this.registerOutputs(this.outputs);
  }
}
