/** Relational Database Service. */
import type * as pulumi from "@pulumi/pulumi";
import { HuaweiResource } from "./plugin.js";

export interface RdsInstanceDb {
  /** `MySQL`, `PostgreSQL`, `SQLServer`, `MariaDB`. */
  type: pulumi.Input<string>;
  /** e.g. `8.0`. */
  version: pulumi.Input<string>;
  /** 8-32 characters. Secret. */
  password?: pulumi.Input<string>;
  port?: pulumi.Input<number>;
  userName?: pulumi.Input<string>;
}

export interface RdsInstanceVolume {
  /** `CLOUDSSD`, `ESSD`, `ULTRAHIGH`, `LOCALSSD` (case-sensitive). */
  type: pulumi.Input<string>;
  /** GB, 40-4000, a multiple of 10. */
  size: pulumi.Input<number>;
  /** A KMS key: the storage is encrypted with it. */
  diskEncryptionId?: pulumi.Input<string>;
  limitSize?: pulumi.Input<number>;
  triggerThreshold?: pulumi.Input<number>;
}

export interface RdsInstanceBackupStrategy {
  /** `hh:mm-HH:MM`, UTC. */
  startTime: pulumi.Input<string>;
  /** 0-732 days. */
  keepDays?: pulumi.Input<number>;
  period?: pulumi.Input<string>;
}

export interface RdsInstanceParameter {
  name: pulumi.Input<string>;
  value: pulumi.Input<string>;
}

export interface RdsInstanceArgs {
  /** One zone for a single instance, two (primary, standby) for `.ha` flavours. */
  availabilityZones: pulumi.Input<pulumi.Input<string>[]>;
  db: pulumi.Input<RdsInstanceDb>;
  /** The spec code, e.g. `rds.mysql.n1.large.2` (single) or `rds.mysql.n1.large.2.ha`. */
  flavor: pulumi.Input<string>;
  securityGroupId: pulumi.Input<string>;
  /** The subnet's network id. */
  subnetId: pulumi.Input<string>;
  volume: pulumi.Input<RdsInstanceVolume>;
  vpcId: pulumi.Input<string>;
  name?: pulumi.Input<string>;
  backupStrategy?: pulumi.Input<RdsInstanceBackupStrategy>;
  /** MySQL primary/standby replication: `async` or `semisync`. */
  haReplicationMode?: pulumi.Input<string>;
  sslEnable?: pulumi.Input<boolean>;
  /** Database parameters, e.g. `require_secure_transport`. */
  parameters?: pulumi.Input<pulumi.Input<RdsInstanceParameter>[]>;
  chargingMode?: pulumi.Input<string>;
  description?: pulumi.Input<string>;
  enterpriseProjectId?: pulumi.Input<string>;
  region?: pulumi.Input<string>;
  tags?: pulumi.Input<{ [key: string]: pulumi.Input<string> }>;
}

/** `huaweicloud_rds_instance`. The provider marks nothing secret: the binding marks `db` (it holds the password). */
export class RdsInstance extends HuaweiResource {
  static readonly __pulumiType = "huaweicloud:Rds/instance:Instance";
  declare readonly privateIps: pulumi.Output<string[]>;

  constructor(name: string, args: RdsInstanceArgs, opts?: pulumi.CustomResourceOptions) {
    super(RdsInstance.__pulumiType, name, args, { outputs: ["privateIps"], secrets: ["db"] }, opts);
  }
}

export interface SqlAuditArgs {
  instanceId: pulumi.Input<string>;
  /** Days the audit logs are kept: 1 to 732. */
  keepDays: pulumi.Input<number>;
  /** Statement kinds to audit (MySQL); default: all. */
  auditTypes?: pulumi.Input<pulumi.Input<string>[]>;
  reserveAuditlogs?: pulumi.Input<boolean>;
  region?: pulumi.Input<string>;
}

/** `huaweicloud_rds_sql_audit`: RDS records every SQL statement into its audit logs. */
export class RdsSqlAudit extends HuaweiResource {
  static readonly __pulumiType = "huaweicloud:Rds/sqlAudit:SqlAudit";

  constructor(name: string, args: SqlAuditArgs, opts?: pulumi.CustomResourceOptions) {
    super(RdsSqlAudit.__pulumiType, name, args, { outputs: [] }, opts);
  }
}
