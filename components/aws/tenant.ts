/**
 * One tenant on AWS, assembled from its cloud-neutral blueprint (core `tenantBlueprint`):
 * AnyShare -> host of the tier's size with its cache disk, plus a MySQL database;
 * AnyBackup -> host of the dedup setting's size, plus backup storage;
 * ops-server -> the managed-operations server, running the monitoring stack generated from the
 * blueprint's monitors; the entry points (load balancers or Elastic IPs, DNS records), and for every
 * monitor its alarms and probes. Every host runs the CloudWatch agent and node_exporter. Every
 * resource carries the core tags.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import {
  cloudImplements,
  cloudDelivery,
  cloudMonitorIds,
  monitorCoverage,
  type MonitorCoverage,
  blueprintArgsSchema,
  cloudConfig,
  DEFAULT_LOG_RETENTION_DAYS,
  hostSecurityGroups,
  hostSummary,
  nodeExporterCloudInit,
  opsMonitoringFiles,
  opsServerCloudInit,
  retainedTags,
  tenantLogGroupPrefix,
  validated,
  type AlarmTiming,
  type BackupTargetOutputs,
  type HostSummary,
  type MiddlewareMonitorNeed,
  type OpsRouting,
  type OpsTargets,
  type Product,
  type Severity,
  type TenantBlueprint,
  type UrlMonitorNeed,
  type WebProduct,
  isWebProduct,
  networkReach,
} from "../core/index.js";
import type { BackupStorageArgs } from "./backup-storage.js";
import { awsBackupTarget } from "./backup-target.js";
import type { StackBackupTargetArgs } from "../common/backup-target-args.js";
import { Database, rdsIdentifier, rdsLogGroupPrefix, type DatabaseArgs } from "./database.js";
import { DatabaseAlarms } from "./database-alarms.js";
import { EntryPoints, type AwsEntryMode, type EntryPointSummary } from "./entry-points.js";
import { Host } from "./host.js";
import { EntryLogBucket } from "./log-bucket.js";
import { HostAlarms } from "./host-alarms.js";
import { awsScope } from "./instance-role.js";
import { awsTags, stackScope } from "./naming.js";
import { agentLogGroup, cloudWatchAgentCloudInit } from "./metrics.js";
import { MiddlewareAlarms } from "./middleware-alarms.js";
import { TenantNetwork, type TenantNetworkArgs } from "./network.js";
import { OpsServer } from "./ops-server.js";
import { tenantDataKeyPolicy } from "./policies.js";
import { Provider } from "./provider.js";
import { UrlProbes } from "./url-probes.js";

export interface AwsTenantArgs {
  readonly blueprint: TenantBlueprint;
  /** Machine image (AMI id) per product; required for every product the tenant has. */
  readonly images: Partial<Record<Product, pulumi.Input<string>>>;
  /** Network settings. Default: each field at its own default (see `TenantNetworkArgs`). */
  readonly network?: Pick<TenantNetworkArgs, "natStrategy" | "webCidrs" | "clientCidrs" | "adminCidrs" | "availabilityZones" | "flowLogRetentionDays">;
  /** How users reach the services: `alb` (default), `nlb` or `eip`; the ACM certificate; an optional Route 53 zone. */
  readonly entry?: { readonly mode?: AwsEntryMode; readonly certificateArn?: pulumi.Input<string>; readonly route53ZoneId?: pulumi.Input<string> };
  /** Required when the tenant has AnyShare. */
  readonly database?: Pick<DatabaseArgs, "engineVersion" | "multiAz" | "backupRetentionDays" | "identifier" | "logRetentionDays">;
  /** Required when the tenant's AnyBackup stores on S3 (target `same-cloud` or `dr-copy`). */
  readonly backupStorage?: Omit<BackupStorageArgs, "tags">;
  /** What the other backup targets need (DR region, a copy on another cloud, MinIO server, bring-your-own secret); see BackupTargetArgs. Required when a tenant\'s backup target needs them (no default). */
  readonly backupTarget?: StackBackupTargetArgs;
  readonly alarms: AlarmTiming & {
    /** Topics per severity (the stack's `AlarmRouting`). */
    readonly topicArns: Readonly<Record<Severity, pulumi.Input<string>>>;
    /** Topics per severity in us-east-1, for the URL probes' alarms. Default: `topicArns`. */
    readonly probeTopicArns?: Readonly<Record<Severity, pulumi.Input<string>>>;
    /** A provider of its own for the URL probes' alarms, with these settings (the region of `probeTopicArns`, us-east-1, where Route 53 publishes health-check metrics). Default: the tenant's provider. */
    readonly probeProvider?: aws.ProviderArgs & { readonly region: string };
    readonly freeStoragePercent?: number;
  };
  /** Where the ops server's Alertmanager sends alerts (core `routeBySeverity`). Default: nowhere but its own UI. */
  readonly opsRouting?: OpsRouting;
}

/** What a tenant's hosts, database, storage and entry points came to, per product. */
export interface AwsTenantOutputs {
  hosts: Record<string, HostSummary<pulumi.Output<string>>>;
  databases: Record<string, { endpoint: pulumi.Output<string>; username: string; password: pulumi.Output<string>; instanceClass: string; exactSize: boolean }>;
  backupStorage: Record<string, BackupTargetOutputs<pulumi.Output<string>>>;
  entryPoints: Record<string, EntryPointSummary>;
  /** Which monitors CloudWatch, Route 53 or the ops server implement, and (`notRendered`) those nothing does, with the reason. */
  monitors: MonitorCoverage;
}

export class AwsTenant extends pulumi.ComponentResource {
  public readonly network: TenantNetwork;
  public readonly outputs: AwsTenantOutputs;

  constructor(name: string, args: AwsTenantArgs, opts?: pulumi.ComponentResourceOptions) {
    super("tenantry:aws:Tenant", name, {}, opts);
    const bp = args.blueprint;
    validated(blueprintArgsSchema(bp, "an AMI id"), args, `arguments of AwsTenant ${name}`, "args.");
    const parent = { parent: this };
    const mode = args.entry?.mode ?? "alb";

    // The agents' log groups lie under the tenant's prefix, the only ones its hosts may write to.
    const logGroups = tenantLogGroupPrefix(stackScope(), bp.tenant);
    // The log groups RDS exports the tenant's databases' logs to (made by Database, under this key).
    const databaseName = (key: Product) => `${name}-${key}-db`;
    const databaseLogPrefixes = bp.databases.map((d) => rdsLogGroupPrefix(args.database?.identifier ?? rdsIdentifier(stackScope(), databaseName(d.key))));
    // The tenant's own key for its disks, database storage and log groups: no other tenant's
    // principal is allowed it; CloudWatch Logs may use it for the tenant's log groups only.
    const dataKey = new aws.kms.Key(
      `${name}-data-key`,
      {
        description: `${name}: disks, databases and log groups (tenantry)`,
        enableKeyRotation: true,
        policy: pulumi
          .all([awsScope(bp.network.tags, this), aws.getPartitionOutput({}, parent).dnsSuffix])
          .apply(([scope, dnsSuffix]) => JSON.stringify(tenantDataKeyPolicy(scope, dnsSuffix, logGroups, databaseLogPrefixes))),
        tags: awsTags(retainedTags(bp.network.tags, true), `${name}-data-key`),
      },
      { parent: this, retainOnDelete: true },
    );
    const kmsKeyId = dataKey.arn;
    const withKey = { kmsKeyId };

    this.network = new TenantNetwork(
      `${name}-network`,
      {
        network: bp.network,
        tags: bp.network.tags,
        ...args.network,
        ...networkReach(bp, mode === "eip"),
        flowLogKmsKeyId: kmsKeyId,
      },
      parent,
    );
    // The log group every host's CloudWatch agent writes to (its Prometheus scrapes as embedded
    // metrics): made first, under the tenant's key and expiring, where the agent would make one
    // unencrypted and kept forever at its first write. Kept while the tenant retires.
    const agentLogs = new aws.cloudwatch.LogGroup(
      `${name}-agent-logs`,
      { name: agentLogGroup(logGroups), retentionInDays: DEFAULT_LOG_RETENTION_DAYS, kmsKeyId, tags: awsTags(retainedTags(bp.network.tags, true), `${name}-agent-logs`) },
      { parent: this, retainOnDelete: true },
    );
    const sg = this.network.securityGroupIds;
    const subnet = (tier: keyof TenantNetwork["subnetIds"]) => this.network.subnetIds[tier][0]!;
    this.outputs = { hosts: {}, databases: {}, backupStorage: {}, entryPoints: {}, monitors: { rendered: [], notRendered: [] } };
    const timing = { periodSeconds: args.alarms.periodSeconds, evaluationPeriods: args.alarms.evaluationPeriods };
    const definedTiming = Object.fromEntries(Object.entries(timing).filter(([, v]) => v !== undefined)) as AlarmTiming;
    const alarmsTo = { topicArns: args.alarms.topicArns, ...definedTiming };


    // Tenant hosts first: the ops server's monitoring configuration needs their addresses.
    const hosts: Partial<Record<Product, Host>> = {};
    for (const need of bp.hosts.filter((h) => h.key !== "ops-server")) {
      // Without load balancers the host takes the users' traffic itself: an Elastic IP in a public subnet.
      const direct = mode === "eip" && isWebProduct(need.key);
      const host = new Host(
        `${name}-${need.key}`,
        {
          size: need.size,
          source: need.source,
          imageId: args.images[need.key]!,
          tags: need.tags,
          subnetId: subnet(direct ? "public" : need.tier),
          securityGroupIds: hostSecurityGroups(need.key).map((role) => sg[role]),
          userData: cloudConfig([nodeExporterCloudInit(), cloudWatchAgentCloudInit(bp.tenant, logGroups, need.middleware)]),
          ...withKey,
          waitFor: [agentLogs],
          ...(direct ? { publicIp: true } : {}),
        },
        parent,
      );
      hosts[need.key] = host;
      new HostAlarms(`${name}-${need.key}-alarms`, { instanceId: host.instanceId, rules: need.alarms, tags: need.tags, ...alarmsTo }, parent);
      const middleware = bp.monitors.filter((m): m is MiddlewareMonitorNeed => m.kind === "middleware" && m.host === need.key && cloudImplements("aws", m, mode !== "eip"));
      if (middleware.length > 0) new MiddlewareAlarms(`${name}-${need.key}-middleware-alarms`, { instanceId: host.instanceId, monitors: middleware, tags: need.tags, ...alarmsTo }, parent);
      this.outputs.hosts[need.key] = hostSummary(need, host);
    }

    const databaseHosts: Partial<Record<Product, pulumi.Output<string>>> = {};
    for (const need of bp.databases) {
      const db = new Database(
        databaseName(need.key),
        { ...args.database!, size: need.size, source: need.source, subnetIds: this.network.subnetIds[need.tier], securityGroupIds: [sg.data], tags: need.tags, ...withKey },
        parent,
      );
      new DatabaseAlarms(
        `${name}-${need.key}-db-alarms`,
        { instanceIdentifier: db.instanceIdentifier, allocatedStorageGiB: db.allocatedStorageGiB, tags: need.tags, ...alarmsTo, ...(args.alarms.freeStoragePercent !== undefined ? { freeStoragePercent: args.alarms.freeStoragePercent } : {}) },
        parent,
      );
      databaseHosts[need.key] = db.address;
      this.outputs.databases[need.key] = { endpoint: db.endpoint, username: db.username, password: db.password, instanceClass: db.instanceClass, exactSize: db.exactSize };
    }

    // The load balancers' access logs: a bucket of the tenant's own, kept while it retires (the
    // blueprint keeps the need); none with Elastic IPs, where no load balancer stands in front.
    const entryLogs = bp.entryLogs && mode !== "eip" ? new EntryLogBucket(`${name}-entry-logs`, { tags: bp.entryLogs.tags, retentionDays: bp.entryLogs.retentionDays }, parent) : undefined;
    const byProduct = <T>(pick: (h: Host, p: WebProduct) => T | undefined) =>
      Object.fromEntries(Object.entries(hosts).flatMap(([p, h]) => (isWebProduct(p as Product) && h ? [[p, pick(h, p as WebProduct)]] : [])).filter(([, v]) => v !== undefined));
    const entry = new EntryPoints(
      `${name}-entry`,
      {
        entryPoints: bp.entryPoints,
        mode,
        ...(args.entry?.certificateArn !== undefined ? { certificateArn: args.entry.certificateArn } : {}),
        ...(args.entry?.route53ZoneId !== undefined ? { route53ZoneId: args.entry.route53ZoneId } : {}),
        vpcId: this.network.vpcId,
        subnetIds: this.network.subnetIds.public,
        securityGroupId: sg.entry,
        instanceIds: byProduct((h) => h.instanceId),
        publicIps: byProduct((h) => h.publicIp),
        tags: Object.fromEntries(bp.hosts.filter((h) => isWebProduct(h.key)).map((h) => [h.key, h.tags])),
        ...(entryLogs ? { accessLogs: entryLogs } : {}),
      },
      parent,
    );
    this.outputs.entryPoints = entry.entryPoints;
    const hostNames = Object.fromEntries(Object.entries(entry.entryPoints).map(([k, e]) => [k, e.hostName]));

    const urls = bp.monitors.filter((m): m is UrlMonitorNeed => m.kind === "url" && cloudImplements("aws", m, mode !== "eip"));
    if (urls.length > 0) {
      new UrlProbes(
        `${name}-probes`,
        {
          monitors: urls,
          hostNames,
          topicArns: args.alarms.probeTopicArns ?? args.alarms.topicArns,
          ...(args.alarms.probeProvider ? { provider: new Provider(`${name}-probes-${args.alarms.probeProvider.region}`, args.alarms.probeProvider, parent) } : {}),
          tags: bp.network.tags,
        },
        parent,
      );
    }

    const opsNeed = bp.hosts.find((h) => h.key === "ops-server");
    if (opsNeed) {
      // The ops server's Prometheus, Alertmanager and probes, generated from the blueprint once the
      // addresses are known. Secret: the routing holds the chat webhooks' tokens.
      const addresses = pulumi
        .all([pulumi.all(Object.fromEntries(Object.entries(hosts).map(([p, h]) => [p, h!.privateIp]))), pulumi.all(databaseHosts), pulumi.all(hostNames)])
        .apply(([h, d, e]): OpsTargets => ({ hosts: h, databases: d, entryPoints: e }));
      const given: OpsRouting = args.opsRouting ?? { targets: { urgent: { emails: [], webhooks: [] }, warning: { emails: [], webhooks: [] }, info: { emails: [], webhooks: [] } } };
      // Alertmanager sends what AWS's own notifications do not (core `alertDeliverer`).
      const routing: OpsRouting = { ...given, cloud: cloudDelivery("aws", bp.monitors, cloudMonitorIds("aws", bp.monitors, () => mode !== "eip")) };
      const userData = pulumi.secret(
        addresses.apply((t) =>
          cloudConfig([nodeExporterCloudInit(), cloudWatchAgentCloudInit(bp.tenant, logGroups, []), opsServerCloudInit(opsMonitoringFiles(bp, t, routing, args.alarms.periodSeconds))]),
        ),
      );
      const ops = new OpsServer(
        `${name}-ops-server`,
        {
          size: opsNeed.size,
          source: opsNeed.source,
          imageId: args.images["ops-server"]!,
          tags: opsNeed.tags,
          subnetId: subnet(opsNeed.tier),
          securityGroupIds: hostSecurityGroups("ops-server").map((role) => sg[role]),
          userData,
          ...withKey,
          waitFor: [agentLogs],
        },
        parent,
      ).host;
      new HostAlarms(`${name}-ops-server-alarms`, { instanceId: ops.instanceId, rules: opsNeed.alarms, tags: opsNeed.tags, ...alarmsTo }, parent);
      this.outputs.hosts["ops-server"] = hostSummary(opsNeed, ops);
    }

    for (const need of bp.buckets) {
      this.outputs.backupStorage[need.key] = awsBackupTarget(this, `${name}-${need.key}-storage`, need, {
        ...args.backupTarget,
        ...(args.backupStorage ? { storage: args.backupStorage } : {}),
        // Capacity alarms warn (Tenantry's choice of severity).
        topicArn: args.alarms.topicArns.warning,
      });
    }

    this.outputs.monitors = monitorCoverage("aws", bp.monitors, opsNeed !== undefined, () => mode !== "eip");
    this.registerOutputs(this.outputs);
  }
}
