/**
 * AnyShare's MySQL on Kubernetes: either in the cluster (a StatefulSet sized from the tier's
 * documented database row, with a volume of the documented storage; workload and volume retained
 * on delete) or an external managed database (e.g. the RDS our cloud stacks create), given by
 * endpoint and credentials. Either way the connection settings reach the product as a Kubernetes
 * Secret; generated passwords come from `@pulumi/random` and stay Pulumi secrets.
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { z } from "zod";
import { DATABASE_PASSWORD_LENGTH, MYSQL_PORT, validated, type Tags } from "../core/index.js";
import { metadataOf } from "./labels.js";
import type { WorkloadSize } from "./sizing.js";
import { TenantWorkload, type TenantWorkloadArgs, type WorkloadSummary } from "./workload.js";

/** The user id of `mysql` in the official MySQL image (its Dockerfile creates it as 999). */
export const MYSQL_IMAGE_USER = 999;
/** Writable paths the MySQL server needs besides its data volume, with a read-only root filesystem. */
export const MYSQL_SCRATCH_PATHS = ["/tmp", "/var/run/mysqld"] as const;
/** The keys of the connection Secret the product reads. */
export const CONNECTION_KEYS = ["DATABASE_HOST", "DATABASE_PORT", "DATABASE_NAME", "DATABASE_USER", "DATABASE_PASSWORD"] as const;

export type InClusterDatabase = {
  readonly mode: "in-cluster";
  /** The MySQL image, e.g. `mysql:8.0` (the documented MySQL 5.6 is end-of-life). */
  readonly image: pulumi.Input<string>;
  /** Default {@link MYSQL_IMAGE_USER}. */
  readonly runAsUser?: number;
};
export type ExternalDatabase = {
  readonly mode: "external";
  readonly host: string;
  readonly port?: number;
  readonly username: string;
  /** Made a Pulumi secret here whatever it was given as. */
  readonly password: pulumi.Input<string>;
};

export interface TenantDatabaseArgs {
  readonly namespace: pulumi.Input<string>;
  readonly tenant: string;
  readonly tags: Tags;
  /** The product whose database it is (names the objects). */
  readonly product: string;
  readonly database: InClusterDatabase | ExternalDatabase;
  /** The documented size. Required when the database runs in the cluster (no default). */
  readonly size?: WorkloadSize;
  /** Database and user name. Default: `tenantry`. */
  readonly databaseName?: string;
  /** Storage and pull settings of the in-cluster database. Default: the cluster's default storage class, not encrypted, no pull Secrets. */
  readonly workload?: Pick<TenantWorkloadArgs, "storageClass" | "storageEncrypted" | "imagePullSecrets">;
}

const argsSchema = z.object({
  product: z.string().min(1),
  databaseName: z.string().regex(/^[a-z][a-z0-9_]{0,31}$/, { error: "must be 1-32 lowercase letters, digits or '_', starting with a letter" }).default("tenantry"),
  database: z.discriminatedUnion("mode", [
    z.object({ mode: z.literal("in-cluster"), image: z.any(), runAsUser: z.number().int().min(1).default(MYSQL_IMAGE_USER) }),
    z.object({ mode: z.literal("external"), host: z.string().min(1), port: z.number().int().min(1).max(65535).default(MYSQL_PORT), username: z.string().min(1), password: z.any() }),
  ]),
  size: z.any().optional(),
}).refine((a) => a.database.mode !== "in-cluster" || a.size !== undefined, { path: ["size"], error: "is required for a database in the cluster: its documented size" });

export interface DatabaseSummary {
  mode: "in-cluster" | "external";
  host: pulumi.Output<string>;
  port: number;
  databaseName: string;
  username: string;
  /** A Pulumi secret. */
  password: pulumi.Output<string>;
  /** The Secret holding the connection settings in the tenant's namespace. */
  connectionSecret: string;
  workload?: WorkloadSummary;
}

export class TenantDatabase extends pulumi.ComponentResource {
  public readonly summary: DatabaseSummary;
  public readonly connectionSecretName: string;

  constructor(name: string, args: TenantDatabaseArgs, opts?: pulumi.ComponentResourceOptions) {
    super("tenantry:kubernetes:Database", name, {}, opts);
    const a = validated(argsSchema, args, `arguments of TenantDatabase ${name}`, "args.");
    const parent = { parent: this };
    const meta = metadataOf(args.tags);
    const objectMeta = (objectName: string) => ({ name: objectName, namespace: args.namespace, ...meta });
    const db = args.database;
    const user = a.databaseName;

    let host: pulumi.Output<string>;
    let port: number;
    let username: string;
    let password: pulumi.Output<string>;
    let workload: WorkloadSummary | undefined;
    if (db.mode === "in-cluster") {
      const root = new random.RandomPassword(`${name}-root-password`, { length: DATABASE_PASSWORD_LENGTH, special: false }, parent);
      const app = new random.RandomPassword(`${name}-password`, { length: DATABASE_PASSWORD_LENGTH, special: false }, parent);
      password = pulumi.secret(app.result);
      const serverSecret = `${args.size!.name}-server`;
      new k8s.core.v1.Secret(
        `${name}-server-secret`,
        {
          metadata: objectMeta(serverSecret),
          type: "Opaque",
          stringData: { MYSQL_ROOT_PASSWORD: pulumi.secret(root.result), MYSQL_DATABASE: a.databaseName, MYSQL_USER: user, MYSQL_PASSWORD: password },
        },
        parent,
      );
      const server = new TenantWorkload(
        `${name}-server`,
        {
          namespace: args.namespace,
          tenant: args.tenant,
          tags: args.tags,
          size: args.size!,
          image: db.image,
          port: MYSQL_PORT,
          portName: "mysql",
          runAsUser: a.database.mode === "in-cluster" ? a.database.runAsUser : MYSQL_IMAGE_USER,
          scratchPaths: [...MYSQL_SCRATCH_PATHS],
          envFromSecrets: [serverSecret],
          storageEncrypted: args.workload?.storageEncrypted ?? false,
          ...(args.workload?.storageClass ? { storageClass: args.workload.storageClass } : {}),
          ...(args.workload?.imagePullSecrets ? { imagePullSecrets: args.workload.imagePullSecrets } : {}),
          retainWorkload: true,
        },
        parent,
      );
      workload = server.summary;
      host = server.summary.serviceHost;
      port = MYSQL_PORT;
      username = user;
    } else {
      const e = a.database as Extract<typeof a.database, { mode: "external" }>;
      host = pulumi.output(e.host);
      port = e.port;
      username = e.username;
      password = pulumi.secret(pulumi.output(db.password));
    }

    this.connectionSecretName = `${a.product}-database`;
    new k8s.core.v1.Secret(
      `${name}-connection`,
      {
        metadata: objectMeta(this.connectionSecretName),
        type: "Opaque",
        stringData: { DATABASE_HOST: host, DATABASE_PORT: String(port), DATABASE_NAME: a.databaseName, DATABASE_USER: username, DATABASE_PASSWORD: password },
      },
      parent,
    );
    this.summary = { mode: db.mode, host, port, databaseName: a.databaseName, username, password, connectionSecret: this.connectionSecretName, ...(workload ? { workload } : {}) };
    this.registerOutputs({ summary: this.summary });
  }
}
