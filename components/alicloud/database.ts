/**
 * AnyShare's managed MySQL on ApsaraDB RDS, sized from the tier's documented database row
 * (product-facts.md §1): ESSD storage of the documented size (encrypted with RDS's service key),
 * reachable only from the app vSwitches, backed up, protected from deletion, with a generated
 * privileged account whose password stays secret.
 */
import * as alicloud from "@pulumi/alicloud";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { z } from "zod";
import { DATABASE_PASSWORD_LENGTH, DEFAULT_LOG_RETENTION_DAYS, MIN_BACKUP_RETENTION_DAYS, retainedTags, validated, type DatabaseSize, type DocumentedRow, type Tags } from "../core/index.js";
import { rdsInstanceClass, type RdsCategory } from "./flavors.js";


export interface AlicloudDatabaseArgs {
  readonly size: DatabaseSize;
  readonly source: DocumentedRow;
  /** The data vSwitches, in zone order (high availability uses the first two). */
  readonly vswitchIds: pulumi.Input<string>[];
  /** The zones of those vSwitches, in the same order. */
  readonly zoneIds: pulumi.Input<string>[];
  /** Who may connect: the app vSwitches' CIDRs. */
  readonly allowedCidrs: readonly string[];
  /** MySQL version, e.g. `8.0` (the documented 5.6 is no longer sold). */
  readonly engineVersion: string;
  readonly tags: Tags;
  /** `HighAvailability` (primary and standby in two zones) or `Basic` (one node). Default `HighAvailability`. */
  readonly category?: RdsCategory;
  /** Days of backups, at least 7. Default 7. */
  readonly backupRetentionDays?: number;
  /** Privileged account name. Default `tenantry`. */
  readonly username?: string;
  /** Keep the database when removed from the program. Default `true` (deletion protection stays on too). */
  readonly retainOnDelete?: boolean;
  /** Days the SQL audit (SQL Explorer) keeps every statement: one of 30, 180, 365, 1095, 1825; 0 turns it off. Default 365 (`DEFAULT_LOG_RETENTION_DAYS`, Tenantry's choice). */
  readonly sqlAuditDays?: number;
}

/** The retention periods ApsaraDB RDS's SQL audit (`sqlCollectorConfigValue`) accepts, in days. */
export const RDS_SQL_AUDIT_DAYS = [30, 180, 365, 1095, 1825] as const;

const argsSchema = z.object({
  size: z.object({ vcpu: z.number().positive(), memoryGiB: z.number().positive(), storageGiB: z.number().int().min(20).max(32000).multipleOf(5) }),
  source: z.object({ table: z.string(), row: z.string() }),
  vswitchIds: z.array(z.any()).min(1),
  zoneIds: z.array(z.any()).min(1),
  allowedCidrs: z.array(z.string()).min(1, { error: "must list at least one CIDR: nobody could reach the database" }),
  engineVersion: z.string().regex(/^\d+\.\d+$/, { error: "must be a MySQL major version such as 8.0" }),
  category: z.enum(["HighAvailability", "Basic"]).default("HighAvailability"),
  backupRetentionDays: z.number().int().min(MIN_BACKUP_RETENTION_DAYS).max(730).default(MIN_BACKUP_RETENTION_DAYS),
  username: z.string().regex(/^[a-z][a-z0-9_]{1,31}$/, { error: "must be 2-32 lowercase letters, digits or '_', starting with a letter" }).default("tenantry"),
  retainOnDelete: z.boolean().default(true),
  sqlAuditDays: z
    .number()
    .refine((d) => d === 0 || (RDS_SQL_AUDIT_DAYS as readonly number[]).includes(d), { error: `must be 0 (off) or one of ${RDS_SQL_AUDIT_DAYS.join(", ")}` })
    .default(DEFAULT_LOG_RETENTION_DAYS),
}).superRefine((a, ctx) => {
  if (a.category === "HighAvailability" && (a.vswitchIds.length < 2 || a.zoneIds.length < 2)) {
    ctx.addIssue({ code: "custom", path: ["vswitchIds"], message: "must list vSwitches in two zones for HighAvailability" });
  }
});

export class AlicloudDatabase extends pulumi.ComponentResource {
  public readonly connectionString: pulumi.Output<string>;
  public readonly instanceId: pulumi.Output<string>;
  public readonly username: string;
  /** A Pulumi secret. */
  public readonly password: pulumi.Output<string>;
  public readonly instanceClass: string;
  public readonly exactSize: boolean;
  public readonly storageGiB: number;
  public readonly source: DocumentedRow;

  constructor(name: string, args: AlicloudDatabaseArgs, opts?: pulumi.ComponentResourceOptions) {
    super("tenantry:alicloud:Database", name, {}, opts);
    const a = validated(argsSchema, args, `arguments of AlicloudDatabase ${name}`, "args.");
    const parent = { parent: this };
    const flavor = rdsInstanceClass(a.size, a.category);
    this.instanceClass = flavor.name;
    this.exactSize = flavor.exact;
    this.storageGiB = a.size.storageGiB;
    this.source = a.source;
    this.username = a.username;
    const ha = a.category === "HighAvailability";

    const db = new alicloud.rds.Instance(
      `${name}-mysql`,
      {
        instanceName: name,
        engine: "MySQL",
        engineVersion: a.engineVersion,
        instanceType: flavor.name,
        instanceStorage: a.size.storageGiB,
        dbInstanceStorageType: "cloud_essd",
        category: a.category,
        instanceChargeType: "Postpaid",
        vswitchId: ha ? pulumi.all(args.vswitchIds.slice(0, 2)).apply((ids) => ids.join(",")) : args.vswitchIds[0]!,
        zoneId: args.zoneIds[0]!,
        ...(ha ? { zoneIdSlaveA: args.zoneIds[1]! } : {}),
        securityIps: [...args.allowedCidrs],
        encryptionKey: "ServiceKey",
        // TLS required: SSL on, and the server refuses plain connections.
        sslAction: "Open",
        parameters: [{ name: "require_secure_transport", value: "ON" }],
        // SQL audit: every statement recorded (who, what, when), kept sqlAuditDays.
        ...(a.sqlAuditDays > 0 ? { sqlCollectorStatus: "Enabled", sqlCollectorConfigValue: a.sqlAuditDays } : { sqlCollectorStatus: "Disabled" }),
        deletionProtection: true,
        tags: retainedTags(args.tags, a.retainOnDelete),
      },
      { parent: this, retainOnDelete: a.retainOnDelete },
    );
    new alicloud.rds.BackupPolicy(
      `${name}-backups`,
      { instanceId: db.id, backupRetentionPeriod: a.backupRetentionDays, releasedKeepPolicy: "All" },
      { parent: this, retainOnDelete: a.retainOnDelete },
    );
    const password = new random.RandomPassword(`${name}-password`, { length: DATABASE_PASSWORD_LENGTH, special: true, overrideSpecial: "!@#$%^&*()_+-=" }, parent);
    new alicloud.rds.RdsAccount(
      `${name}-account`,
      { dbInstanceId: db.id, accountName: a.username, accountPassword: password.result, accountType: "Super", accountDescription: "tenantry privileged account" },
      parent,
    );
    this.instanceId = db.id;
    this.connectionString = db.connectionString;
    this.password = pulumi.secret(password.result);
    this.registerOutputs({ connectionString: this.connectionString, username: this.username, password: this.password, instanceClass: this.instanceClass });
  }
}
