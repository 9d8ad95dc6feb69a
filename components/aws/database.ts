/**
 * AnyShare's managed MySQL on RDS, sized from the tier's documented database row
 * (product-facts.md §1): encrypted gp3 storage of the documented size, private, in the data
 * subnets, backed up, protected from deletion, with a generated master password kept secret.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { z } from "zod";
import { DATABASE_PASSWORD_LENGTH, DEFAULT_DATABASE_MULTI_AZ, DEFAULT_LOG_RETENTION_DAYS, MIN_BACKUP_RETENTION_DAYS, retainedTags, validated, type DatabaseSize, type DocumentedRow, type Tags } from "../core/index.js";
import { rdsInstanceClass } from "./flavors.js";
import { awsTags, stackScope } from "./naming.js";
import { CLOUDWATCH_RETENTION_DAYS } from "./network.js";


/** RDS for MySQL rejects `/`, `@`, `"` and spaces in the master password. */
const PASSWORD_SPECIALS = "!#$%&*()-_=+[]{}<>:?";

/** MySQL logs exported to CloudWatch Logs. Not `general` (every statement's text, data included) nor `audit` (needs an option group). */
export const DATABASE_LOG_EXPORTS = ["error", "slowquery"] as const;

/** Server parameters Tenantry sets: connections only over TLS, and the slow-query log (exported) on. */
export const DATABASE_PARAMETERS = { require_secure_transport: "1", slow_query_log: "1", log_output: "FILE" } as const;

/** The RDS parameter-group family of a MySQL version: `8.0.39` -> `mysql8.0`. */
export function mysqlParameterFamily(engineVersion: string): string {
  return `mysql${engineVersion.split(".").slice(0, 2).join(".")}`;
}

export interface DatabaseArgs {
  /** A documented database size (core catalog), e.g. `sizeForAnyShare(500).database`. */
  readonly size: DatabaseSize;
  readonly source: DocumentedRow;
  /** The data subnets (at least two zones, as RDS requires). */
  readonly subnetIds: pulumi.Input<string>[];
  readonly securityGroupIds: pulumi.Input<string>[];
  /**
   * MySQL engine version, e.g. `8.0`. The documents name MySQL 5.6, which no cloud sells any more,
   * so the version is always the caller's choice. db.m6i classes need 8.0.28 or later.
   */
  readonly engineVersion: string;
  readonly tags: Tags;
  /** A standby in a second zone. Default `true` (Tenantry's choice, `DEFAULT_DATABASE_MULTI_AZ`). */
  readonly multiAz?: boolean;
  /** Days of automated backups, 7 to 35. Default 7. */
  readonly backupRetentionDays?: number;
  /** Master user name. Default `tenantry`. */
  readonly username?: string;
  /** A customer-managed KMS key for storage encryption. Default: the account's `aws/rds` key. */
  readonly kmsKeyId?: pulumi.Input<string>;
  /** Keep the database when removed from the program. Default `true` (deletion protection stays on too). */
  readonly retainOnDelete?: boolean;
  /**
   * The RDS instance identifier. Default {@link rdsIdentifier}(scope, name): known before the
   * instance exists, so that its log groups are made first. A database created before Tenantry
   * fixed identifiers has a generated one (`<name>-mysql-<random>`): give it here to keep the
   * database, and import the log groups RDS made for it (see CHANGELOG).
   */
  readonly identifier?: string;
  /** Days the exported logs are kept: one of {@link CLOUDWATCH_RETENTION_DAYS}. Default 365 (Tenantry's choice, `DEFAULT_LOG_RETENTION_DAYS`). */
  readonly logRetentionDays?: number;
}

/**
 * A database's RDS identifier: `<scope>-<name>` in RDS's alphabet (lower-case letters, digits,
 * single hyphens, starting with a letter, at most 63 characters), unique per stack scope.
 */
export function rdsIdentifier(scope: string, name: string): string {
  const id = `${scope}-${name}`.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^[^a-z]+/, "").slice(0, 63).replace(/-+$/, "");
  return id.length > 0 ? id : "tenantry";
}

/** The log groups RDS writes a MySQL instance's exported logs to (`/aws/rds/instance/<identifier>/<log>`). */
export const rdsLogGroupPrefix = (identifier: string) => `/aws/rds/instance/${identifier}`;

/** An RDS instance identifier: 1-63 lower-case letters, digits or single hyphens, starting with a letter, not ending with a hyphen. */
export const rdsIdentifierSchema = z
  .string()
  .regex(/^[a-z](?!.*--)[a-z0-9-]{0,62}$/, { error: "must be an RDS identifier: 1-63 lower-case letters, digits or single hyphens, starting with a letter" })
  .refine((v) => !v.endsWith("-"), { error: "must not end with a hyphen" });

const argsSchema = z.object({
  size: z.object({ vcpu: z.number().positive(), memoryGiB: z.number().positive(), storageGiB: z.number().int().min(20).max(65536) }),
  source: z.object({ table: z.string(), row: z.string() }),
  subnetIds: z.array(z.any()).min(2, { error: "must list subnets in at least two zones (RDS requires it)" }),
  engineVersion: z.string().regex(/^\d+\.\d+(\.\d+)?$/, { error: "must be a MySQL version such as 8.0 or 8.0.39" }),
  multiAz: z.boolean().default(DEFAULT_DATABASE_MULTI_AZ),
  backupRetentionDays: z.number().int().min(MIN_BACKUP_RETENTION_DAYS).max(35).default(MIN_BACKUP_RETENTION_DAYS),
  username: z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,15}$/, { error: "must be 1-16 letters, digits or '_', starting with a letter" }).default("tenantry"),
  retainOnDelete: z.boolean().default(true),
  identifier: rdsIdentifierSchema.optional(),
  logRetentionDays: z.literal(CLOUDWATCH_RETENTION_DAYS, { error: `must be one of CloudWatch Logs' retention values: ${CLOUDWATCH_RETENTION_DAYS.join(", ")}` }).default(DEFAULT_LOG_RETENTION_DAYS),
});

export class Database extends pulumi.ComponentResource {
  public readonly endpoint: pulumi.Output<string>;
  public readonly address: pulumi.Output<string>;
  public readonly port: pulumi.Output<number>;
  public readonly username: string;
  /** A Pulumi secret. */
  public readonly password: pulumi.Output<string>;
  public readonly instanceIdentifier: pulumi.Output<string>;
  public readonly instanceClass: string;
  public readonly exactSize: boolean;
  public readonly allocatedStorageGiB: number;
  public readonly source: DocumentedRow;

  constructor(name: string, args: DatabaseArgs, opts?: pulumi.ComponentResourceOptions) {
    super("tenantry:aws:Database", name, {}, opts);
    const a = validated(argsSchema, args, `arguments of Database ${name}`, "args.");
    const parent = { parent: this };
    const flavor = rdsInstanceClass(a.size);
    this.instanceClass = flavor.name;
    this.exactSize = flavor.exact;
    this.allocatedStorageGiB = a.size.storageGiB;
    this.source = a.source;
    this.username = a.username;

    const password = new random.RandomPassword(`${name}-password`, { length: DATABASE_PASSWORD_LENGTH, special: true, overrideSpecial: PASSWORD_SPECIALS }, parent);
    const subnetGroup = new aws.rds.SubnetGroup(
      `${name}-subnets`,
      { subnetIds: args.subnetIds, tags: awsTags(args.tags, `${name}-subnets`) },
      { parent: this, retainOnDelete: a.retainOnDelete },
    );
    const parameters = new aws.rds.ParameterGroup(
      `${name}-parameters`,
      {
        family: mysqlParameterFamily(a.engineVersion),
        description: `${name}: TLS only, slow-query log (tenantry)`,
        parameters: Object.entries(DATABASE_PARAMETERS).map(([parameter, value]) => ({ name: parameter, value, applyMethod: "immediate" })),
        tags: awsTags(args.tags, `${name}-parameters`),
      },
      { parent: this, retainOnDelete: a.retainOnDelete },
    );
    // RDS would make the log groups of its exports at the first export, unencrypted and kept
    // forever: they are made first, under the tenant's key, expiring.
    const identifier = a.identifier ?? rdsIdentifier(stackScope(), name);
    const logGroups = DATABASE_LOG_EXPORTS.map(
      (log) =>
        new aws.cloudwatch.LogGroup(
          `${name}-${log}-logs`,
          {
            name: `${rdsLogGroupPrefix(identifier)}/${log}`,
            retentionInDays: a.logRetentionDays,
            ...(args.kmsKeyId ? { kmsKeyId: args.kmsKeyId } : {}),
            tags: awsTags(retainedTags(args.tags, a.retainOnDelete), `${name}-${log}-logs`),
          },
          { parent: this, retainOnDelete: a.retainOnDelete },
        ),
    );
    const db = new aws.rds.Instance(
      `${name}-mysql`,
      {
        identifier,
        engine: "mysql",
        engineVersion: a.engineVersion,
        instanceClass: flavor.name,
        allocatedStorage: a.size.storageGiB,
        storageType: "gp3",
        storageEncrypted: true,
        ...(args.kmsKeyId ? { kmsKeyId: args.kmsKeyId } : {}),
        publiclyAccessible: false,
        dbSubnetGroupName: subnetGroup.name,
        parameterGroupName: parameters.name,
        enabledCloudwatchLogsExports: [...DATABASE_LOG_EXPORTS],
        vpcSecurityGroupIds: args.securityGroupIds,
        multiAz: a.multiAz,
        backupRetentionPeriod: a.backupRetentionDays,
        deleteAutomatedBackups: false,
        deletionProtection: true,
        skipFinalSnapshot: false,
        finalSnapshotIdentifier: `${name}-final`,
        copyTagsToSnapshot: true,
        autoMinorVersionUpgrade: true,
        username: a.username,
        password: password.result,
        tags: awsTags(retainedTags(args.tags, a.retainOnDelete), `${name}-mysql`),
      },
      { parent: this, retainOnDelete: a.retainOnDelete, dependsOn: logGroups },
    );
    this.endpoint = db.endpoint;
    this.address = db.address;
    this.port = db.port;
    this.instanceIdentifier = db.identifier;
    this.password = pulumi.secret(password.result);

    this.registerOutputs({
      endpoint: this.endpoint,
      username: this.username,
      password: this.password,
      instanceClass: this.instanceClass,
      allocatedStorageGiB: this.allocatedStorageGiB,
      source: this.source,
    });
  }
}
