/**
 * AnyShare's managed MySQL on RDS for MySQL, sized from the tier's documented database row
 * (product-facts.md §1): cloud SSD storage of the documented size encrypted with the tenant's KMS
 * key, in the data subnet behind the data security group (MySQL only from the app group), TLS required,
 * backups kept at least 7 days, a generated root password that stays secret, kept when removed.
 */
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { z } from "zod";
import { DATABASE_PASSWORD_LENGTH, DEFAULT_LOG_RETENTION_DAYS, MIN_BACKUP_RETENTION_DAYS, retainedTags, validated, type DatabaseSize, type DocumentedRow, type Tags } from "../core/index.js";
import { RDS_MODES, rdsFlavor, type RdsMode } from "./flavors.js";
import { RdsInstance, RdsSqlAudit } from "./provider/index.js";

/** RDS storage: cloud SSD. */
export const RDS_VOLUME_TYPE = "CLOUDSSD";
/** Special characters Huawei RDS accepts in a password. */
const PASSWORD_SPECIALS = "~!@#%^*-_=+?";

export interface HuaweiDatabaseArgs {
  readonly size: DatabaseSize;
  readonly source: DocumentedRow;
  readonly vpcId: pulumi.Input<string>;
  /** The data subnet (network id). */
  readonly subnetId: pulumi.Input<string>;
  /** The data security group (MySQL only from the app group). */
  readonly securityGroupId: pulumi.Input<string>;
  /** Availability zones: the first for `single`, the first two (primary, standby) for `ha`. */
  readonly zoneNames: pulumi.Input<string>[];
  /** The KMS key that encrypts the storage. */
  readonly kmsKeyId: pulumi.Input<string>;
  /** MySQL version, e.g. `8.0` (the documented 5.6 is no longer sold). */
  readonly engineVersion: string;
  readonly tags: Tags;
  /** The enterprise project it belongs to. Default: the account's default enterprise project. */
  readonly enterpriseProjectId?: pulumi.Input<string>;
  /** `single` (one node) or `ha` (primary and standby in two zones). Default `single`. */
  readonly mode?: RdsMode;
  /** Days of backups, at least 7. Default 7. */
  readonly backupRetentionDays?: number;
  /** The daily backup window, `hh:mm-HH:MM` UTC, one hour long. Not documented: Tenantry's default is `02:00-03:00`. */
  readonly backupWindow?: string;
  /** Keep the database when removed from the program. Default `true`. */
  readonly retainOnDelete?: boolean;
  /** Days RDS's SQL audit keeps every statement (1 to 732); 0 turns it off. Default 365 (`DEFAULT_LOG_RETENTION_DAYS`, Tenantry's choice). */
  readonly sqlAuditDays?: number;
}

const argsSchema = z
  .object({
    size: z.object({ vcpu: z.number().positive(), memoryGiB: z.number().positive(), storageGiB: z.number().int().min(40).max(4000).multipleOf(10) }),
    source: z.object({ table: z.string(), row: z.string() }),
    zoneNames: z.array(z.any()).min(1),
    kmsKeyId: z.any().refine((v) => v !== undefined, { error: "is required: the KMS key that encrypts the storage" }),
    engineVersion: z.string().regex(/^\d+\.\d+$/, { error: "must be a MySQL major version such as 8.0" }),
    mode: z.enum(RDS_MODES).default("single"),
    backupRetentionDays: z.number().int().min(MIN_BACKUP_RETENTION_DAYS).max(732).default(MIN_BACKUP_RETENTION_DAYS),
    backupWindow: z.string().regex(/^([01]\d|2[0-3]):00-([01]\d|2[0-3]):00$/, { error: "must be a one-hour window hh:00-HH:00 (UTC)" }).default("02:00-03:00"),
    retainOnDelete: z.boolean().default(true),
    sqlAuditDays: z.number().int().min(0).max(732).default(DEFAULT_LOG_RETENTION_DAYS),
  })
  .superRefine((a, ctx) => {
    if (a.mode === "ha" && a.zoneNames.length < 2) ctx.addIssue({ code: "custom", path: ["zoneNames"], message: "must name two zones for ha (primary and standby)" });
  });

export class HuaweiDatabase extends pulumi.ComponentResource {
  public readonly instanceId: pulumi.Output<string>;
  /** The private address applications connect to. */
  public readonly host: pulumi.Output<string>;
  public readonly username = "root";
  /** A Pulumi secret. */
  public readonly password: pulumi.Output<string>;
  /** The RDS flavour (spec code). */
  public readonly instanceClass: string;
  public readonly exactSize: boolean;
  public readonly storageGiB: number;
  public readonly source: DocumentedRow;

  constructor(name: string, args: HuaweiDatabaseArgs, opts?: pulumi.ComponentResourceOptions) {
    super("tenantry:huaweicloud:Database", name, {}, opts);
    const a = validated(argsSchema, args, `arguments of HuaweiDatabase ${name}`, "args.");
    const parent = { parent: this };
    const flavor = rdsFlavor(a.size, a.mode);
    this.instanceClass = flavor.name;
    this.exactSize = flavor.exact;
    this.storageGiB = a.size.storageGiB;
    this.source = a.source;

    const password = new random.RandomPassword(
      `${name}-password`,
      { length: DATABASE_PASSWORD_LENGTH, special: true, overrideSpecial: PASSWORD_SPECIALS, minUpper: 1, minLower: 1, minNumeric: 1, minSpecial: 1 },
      parent,
    );
    const db = new RdsInstance(
      `${name}-mysql`,
      {
        name,
        flavor: flavor.name,
        availabilityZones: a.mode === "ha" ? args.zoneNames.slice(0, 2) : args.zoneNames.slice(0, 1),
        db: { type: "MySQL", version: a.engineVersion, password: password.result, port: 3306 },
        volume: { type: RDS_VOLUME_TYPE, size: a.size.storageGiB, diskEncryptionId: args.kmsKeyId },
        vpcId: args.vpcId,
        subnetId: args.subnetId,
        securityGroupId: args.securityGroupId,
        backupStrategy: { startTime: a.backupWindow, keepDays: a.backupRetentionDays },
        ...(a.mode === "ha" ? { haReplicationMode: "semisync" } : {}),
        sslEnable: true,
        // SSL on lets clients use TLS; this makes the server refuse them without it.
        parameters: [{ name: "require_secure_transport", value: "ON" }],
        chargingMode: "postPaid",
        ...(args.enterpriseProjectId !== undefined ? { enterpriseProjectId: args.enterpriseProjectId } : {}),
        tags: retainedTags(args.tags, a.retainOnDelete),
      },
      { parent: this, retainOnDelete: a.retainOnDelete },
    );
    if (a.sqlAuditDays > 0) {
      // SQL audit: every statement recorded (who, what, when), kept sqlAuditDays.
      new RdsSqlAudit(`${name}-sql-audit`, { instanceId: db.id, keepDays: a.sqlAuditDays }, { parent: this, retainOnDelete: a.retainOnDelete });
    }
    this.instanceId = db.id;
    this.host = db.privateIps.apply((ips) => ips[0] ?? "");
    this.password = pulumi.secret(password.result);
    this.registerOutputs({ host: this.host, username: this.username, password: this.password, instanceClass: this.instanceClass });
  }
}
