/**
 * One tenant on Alibaba Cloud, assembled from its cloud-neutral blueprint (core `tenantBlueprint`):
 * AnyShare -> host of the tier's size with its cache disk, plus an RDS MySQL database;
 * AnyBackup -> host of the dedup setting's size, plus OSS backup storage;
 * ops-server -> the managed-operations server. Every resource carries the core tags. Behind the
 * web CLBs, the middleware rules of each web host: a listener per rule health-checked on the host's
 * middleware check responder and a CloudMonitor rule on it (`AlicloudMiddlewareChecks`).
 */
import * as alicloud from "@pulumi/alicloud";
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import {
  cloudImplements,
  monitorCoverage,
  cloudDelivery,
  cloudMonitorIds,
  type MonitorCoverage,
  DEFAULT_ALARM_PERIOD_SECONDS,
  MIDDLEWARE_CHECK_PORT,
  middlewareCheckCloudInit,
  type MiddlewareMonitorNeed,
  type MonitorNeed,
  blueprintArgsSchema,
  cloudConfig,
  hostSecurityGroups,
  hostSummary,
  KEY_ROTATION_DAYS,
  nodeExporterCloudInit,
  opsMonitoringFiles,
  opsServerCloudInit,
  retainedTags,
  validated,
  type AlarmTiming,
  type BackupTargetOutputs,
  type HostSummary,
  type Notifications,
  type NotificationTargets,
  type OpsRouting,
  type OpsTargets,
  type Product,
  type Severity,
  type TenantBlueprint,
  type UrlMonitorNeed,
  isWebProduct,
  networkReach,
} from "../core/index.js";
import { AlicloudChatRelay } from "./chat-relay.js";
import { AlicloudEntryPoints, type AlicloudEntryMode, type AlicloudEntryPointSummary } from "./entry-points.js";
import { cloudMonitorAgentCloudInit } from "./metrics.js";
import { AlicloudMiddlewareChecks, clbRestartWindowSeconds } from "./middleware-checks.js";
import { AlicloudUrlProbes } from "./url-probes.js";
import type { AlicloudBackupStorageArgs } from "./backup-storage.js";
import { alicloudBackupTarget } from "./backup-target.js";
import type { StackBackupTargetArgs } from "../common/backup-target-args.js";
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
  readonly network?: Pick<AlicloudNetworkArgs, "natStrategy" | "natBandwidthMbps" | "webCidrs" | "clientCidrs" | "adminCidrs" | "zoneIds" | "flowLogRetentionDays">;
  /** Host billing. Default `pay-as-you-go`. */
  readonly billing?: Billing;
  /** EIP bandwidth of the ops server in Mbit/s (not documented). Required when the tenant has one. */
  readonly opsBandwidthMbps?: number;
  /** Required when the tenant has AnyShare. */
  readonly database?: Pick<AlicloudDatabaseArgs, "engineVersion" | "category" | "backupRetentionDays" | "sqlAuditDays">;
  /** Required when the tenant's AnyBackup stores on OSS (target `same-cloud` or `dr-copy`). */
  readonly backupStorage?: Omit<AlicloudBackupStorageArgs, "tags">;
  /** What the other backup targets need (DR region, a copy on another cloud, MinIO server, bring-your-own secret); see BackupTargetArgs. Required when a tenant\'s backup target needs them (no default). */
  readonly backupTarget?: StackBackupTargetArgs;
  readonly alarms: AlarmTiming & {
    /** Contact groups per severity (the stack's `AlarmContacts`). */
    readonly contactGroups: Readonly<Record<Severity, pulumi.Input<string>>>;
    /** Plain HTTPS callbacks per severity (CloudMonitor's own format). Default: none. The stack uses the chat relay instead. */
    readonly callbacks?: Partial<Record<Severity, string>>;
    /**
     * Per severity, the chat webhooks CloudMonitor's contacts cannot push to (`relayedWebhooks`: WeCom,
     * Feishu, Slack, HTTPS): the tenant's own chat relay (`AlicloudChatRelay`) posts every alarm of its
     * rules to them. Default: none (no relay).
     */
    readonly chatWebhooks?: Partial<Record<Severity, readonly NotificationTargets["webhooks"][number][]>>;
    /** Quiet hours. Default: none. */
    readonly silence?: Notifications["silence"];
    readonly freeStoragePercent?: number;
  };
  /** How users reach the services: `slb` (default) or `eip`; the certificate; the bandwidth of AnyBackup's entry points; the DNS domain. */
  readonly entry?: { readonly mode?: AlicloudEntryMode; readonly certificateId?: pulumi.Input<string>; readonly bandwidthMbps?: number; readonly dnsDomain?: string };
  /** Alibaba's CloudMonitor agent install command, for images that lack the agent. Default: none (a missing agent fails the boot script). */
  readonly cloudMonitorAgentInstall?: string;
  /** Where the ops server's Alertmanager sends alerts (core `routeBySeverity`). Default: nowhere but its own UI. */
  readonly opsRouting?: OpsRouting;
}

export interface AlicloudTenantOutputs {
  hosts: Record<string, HostSummary<pulumi.Output<string>>>;
  databases: Record<string, { connectionString: pulumi.Output<string>; username: string; password: pulumi.Output<string>; instanceClass: string; exactSize: boolean }>;
  backupStorage: Record<string, BackupTargetOutputs<pulumi.Output<string>>>;
  entryPoints: Record<string, AlicloudEntryPointSummary>;
  /** Which monitors CloudMonitor or the ops server implement, and (`notRendered`) those nothing does, with the reason. */
  monitors: MonitorCoverage;
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
    const mode = args.entry?.mode ?? "slb";
    // The middleware monitors CloudMonitor implements (core `CLOUD_MONITORING`: behind a web CLB, whose
    // listeners' health checks ask each host's middleware check responder), for every tenant, ops
    // server or not (as on Huawei Cloud): the web host of each has a web entry point.
    const webEntry = (host: Product) => bp.entryPoints.some((e) => e.key === `${host}-web` && e.listeners.length > 0);
    const middlewareMonitors = bp.monitors.filter((m): m is MiddlewareMonitorNeed => m.kind === "middleware" && cloudImplements("alicloud", m, mode === "slb") && webEntry(m.host));

    this.network = new AlicloudNetwork(
      `${name}-network`,
      {
        network: bp.network,
        tags: bp.network.tags,
        ...args.network,
        ...networkReach(bp, mode === "eip"),
        ...(middlewareMonitors.length > 0 ? { middlewareCheckPort: MIDDLEWARE_CHECK_PORT } : {}),
      },
      parent,
    );
    const net = this.network;
    this.outputs = { hosts: {}, databases: {}, backupStorage: {}, entryPoints: {}, monitors: { rendered: [], notRendered: [] } };
    // The tenant's own chat relay (targets are the tenant's data: never shared with another tenant).
    const chatWebhooks = args.alarms.chatWebhooks ?? {};
    const alarmed = bp.hosts.length > 0 || bp.databases.length > 0 || bp.buckets.length > 0;
    const relay =
      alarmed && Object.keys(chatWebhooks).length > 0
        ? new AlicloudChatRelay(
            `${name}-chat-relay`,
            { webhooks: chatWebhooks, errorContactGroup: args.alarms.contactGroups.urgent, tags: bp.network.tags, ...(args.alarms.silence ? { silence: args.alarms.silence } : {}) },
            parent,
          )
        : undefined;
    const alarmsTo = {
      contactGroups: args.alarms.contactGroups,
      ...(args.alarms.callbacks ? { callbacks: args.alarms.callbacks } : {}),
      ...(relay ? { relayTargets: relay.targets } : {}),
      ...(args.alarms.silence ? { silence: args.alarms.silence } : {}),
      ...(args.alarms.periodSeconds !== undefined ? { periodSeconds: args.alarms.periodSeconds } : {}),
      ...(args.alarms.evaluationPeriods !== undefined ? { evaluationPeriods: args.alarms.evaluationPeriods } : {}),
    };
    // The tenant's own key for its hosts' system and cache disks (retained, like every key: disks
    // left in the cloud still need it). ECS uses it through its disk-encryption role
    // (AliyunECSDiskEncryptDefaultRole, authorised once per account).
    // Kept in the program while the tenant retires: its cache disks, left in the cloud, still need it.
    const diskKey =
      bp.hosts.length > 0 || bp.retired
        ? new alicloud.kms.Key(
            `${name}-disk-key`,
            {
              description: `${name}: system and cache disks (tenantry)`,
              keySpec: "Aliyun_AES_256",
              keyUsage: "ENCRYPT/DECRYPT",
              automaticRotation: "Enabled",
              rotationInterval: `${KEY_ROTATION_DAYS}d`,
              tags: retainedTags(bp.network.tags, true),
            },
            { parent: this, retainOnDelete: true },
          )
        : undefined;
    const agent = cloudMonitorAgentCloudInit(args.cloudMonitorAgentInstall);
    const common = (need: TenantBlueprint["hosts"][number]) => ({
      size: need.size,
      source: need.source,
      imageId: args.images[need.key]!,
      tags: need.tags,
      vswitchId: net.vswitchIds[need.tier][0]!,
      securityGroupIds: hostSecurityGroups(need.key).map((role) => net.securityGroupIds[role]),
      ...(args.billing ? { billing: args.billing } : {}),
      ...(diskKey ? { kmsKeyId: diskKey.id } : {}),
    });

    // Tenant hosts first: the ops server's monitoring configuration needs their addresses.
    const hosts: Partial<Record<Product, AlicloudHost>> = {};
    const restartWindow = clbRestartWindowSeconds(args.alarms.periodSeconds ?? DEFAULT_ALARM_PERIOD_SECONDS);
    for (const need of bp.hosts.filter((h) => h.key !== "ops-server")) {
      const checked = middlewareMonitors.filter((m) => m.host === need.key).map((m) => m.middleware);
      const responder = checked.length > 0 ? [middlewareCheckCloudInit(checked, { port: MIDDLEWARE_CHECK_PORT, restartWindowSeconds: restartWindow })] : [];
      // Without load balancers the host takes the users' traffic itself: an EIP of the documented
      // bandwidth (or, where none is documented, the configured entry bandwidth).
      const direct = mode === "eip" && isWebProduct(need.key);
      const host = new AlicloudHost(
        `${name}-${need.key}`,
        {
          ...common(need),
          userData: cloudConfig([nodeExporterCloudInit(), agent, ...responder]),
          ...(direct ? { publicIp: true, ...(need.size.bandwidthMbps === undefined ? { publicBandwidthMbps: args.entry?.bandwidthMbps! } : {}) } : {}),
        },
        parent,
      );
      hosts[need.key] = host;
      new AlicloudHostAlarms(`${name}-${need.key}-alarms`, { instanceId: host.instanceId, rules: need.alarms, tags: need.tags, ...alarmsTo }, parent);
      this.outputs.hosts[need.key] = hostSummary(need, host);
    }

    const databaseHosts: Partial<Record<Product, pulumi.Output<string>>> = {};
    for (const need of bp.databases) {
      const db = new AlicloudDatabase(
        `${name}-${need.key}-db`,
        {
          ...args.database!,
          size: need.size,
          source: need.source,
          vswitchIds: net.vswitchIds[need.tier],
          zoneIds: net.zoneIds,
          // The app hosts, and the ops server (management) that monitors the MySQL port.
          allowedCidrs: [...net.vswitchCidrs.app, ...(bp.hosts.some((h) => h.key === "ops-server") ? net.vswitchCidrs.management : [])],
          tags: need.tags,
        },
        parent,
      );
      new AlicloudDatabaseAlarms(
        `${name}-${need.key}-db-alarms`,
        { instanceId: db.instanceId, tags: need.tags, ...alarmsTo, ...(args.alarms.freeStoragePercent !== undefined ? { freeStoragePercent: args.alarms.freeStoragePercent } : {}) },
        parent,
      );
      databaseHosts[need.key] = db.connectionString;
      this.outputs.databases[need.key] = { connectionString: db.connectionString, username: db.username, password: db.password, instanceClass: db.instanceClass, exactSize: db.exactSize };
    }

    const webTags = Object.fromEntries(bp.hosts.filter((h) => isWebProduct(h.key)).map((h) => [h.key, h.tags]));
    const middlewareChecks: Record<string, string[]> = {};
    for (const m of middlewareMonitors) (middlewareChecks[`${m.host}-web`] ??= []).push(...m.rules.map((r) => r.id));
    const byProduct = <T>(pick: (h: AlicloudHost) => T | undefined) =>
      Object.fromEntries(Object.entries(hosts).flatMap(([p, h]) => (isWebProduct(p as Product) && h && pick(h) !== undefined ? [[p, pick(h)]] : [])));
    const entry = new AlicloudEntryPoints(
      `${name}-entry`,
      {
        entryPoints: bp.entryPoints,
        mode,
        ...(args.entry?.certificateId !== undefined ? { certificateId: args.entry.certificateId } : {}),
        ...(args.entry?.bandwidthMbps !== undefined ? { bandwidthMbps: args.entry.bandwidthMbps } : {}),
        ...(args.entry?.dnsDomain !== undefined ? { dnsDomain: args.entry.dnsDomain } : {}),
        instanceIds: byProduct((h) => h.instanceId),
        publicIps: byProduct((h) => h.publicIp),
        webCidrs: args.network?.webCidrs ?? [],
        clientCidrs: args.network?.clientCidrs ?? args.network?.webCidrs ?? [],
        tags: webTags,
        ...(middlewareMonitors.length > 0 ? { middlewareChecks, middlewareCheckPort: MIDDLEWARE_CHECK_PORT } : {}),
      },
      parent,
    );
    this.outputs.entryPoints = entry.entryPoints;
    const middleware =
      middlewareMonitors.length > 0
        ? new AlicloudMiddlewareChecks(
            `${name}-middleware`,
            { monitors: middlewareMonitors, listeners: entry.middlewareListeners, tags: webTags, ...alarmsTo },
            parent,
          )
        : undefined;
    // What CloudMonitor implements: the URL monitors behind a CLB (site monitoring, `slb` only), and
    // the middleware monitors whose listeners and rules were built.
    const checkedIds = new Set(middleware?.monitorIds ?? []);
    const byCloud = (m: MonitorNeed) => (m.kind === "middleware" ? checkedIds.has(m.id) : mode === "slb");
    const hostNames = Object.fromEntries(Object.entries(entry.entryPoints).map(([k, e]) => [k, e.hostName]));

    const urls = bp.monitors.filter((m): m is UrlMonitorNeed => m.kind === "url" && cloudImplements("alicloud", m, mode === "slb"));
    if (urls.length > 0) new AlicloudUrlProbes(`${name}-probes`, { monitors: urls, hostNames, ...alarmsTo, tags: bp.network.tags }, parent);

    const opsNeed = bp.hosts.find((h) => h.key === "ops-server");
    if (opsNeed) {
      // The ops server's Prometheus, Alertmanager and probes, generated from the blueprint once the
      // addresses are known. Secret: the routing holds the chat webhooks' tokens.
      const addresses = pulumi
        .all([pulumi.all(Object.fromEntries(Object.entries(hosts).map(([p, h]) => [p, h!.privateIp]))), pulumi.all(databaseHosts), pulumi.all(hostNames)])
        .apply(([h, d, e]): OpsTargets => ({ hosts: h, databases: d, entryPoints: e }));
      const given: OpsRouting = args.opsRouting ?? { targets: { urgent: { emails: [], webhooks: [] }, warning: { emails: [], webhooks: [] }, info: { emails: [], webhooks: [] } } };
      // Alertmanager sends what CloudMonitor's own notifications do not (core `alertDeliverer`).
      const routing: OpsRouting = { ...given, cloud: cloudDelivery("alicloud", bp.monitors, cloudMonitorIds("alicloud", bp.monitors, byCloud)) };
      const userData = pulumi.secret(
        addresses.apply((t) => cloudConfig([nodeExporterCloudInit(), agent, opsServerCloudInit(opsMonitoringFiles(bp, t, routing, args.alarms.periodSeconds))])),
      );
      const ops = new AlicloudOpsServer(`${name}-ops-server`, { ...common(opsNeed), publicBandwidthMbps: args.opsBandwidthMbps!, userData }, parent).host;
      new AlicloudHostAlarms(`${name}-ops-server-alarms`, { instanceId: ops.instanceId, rules: opsNeed.alarms, tags: opsNeed.tags, ...alarmsTo }, parent);
      this.outputs.hosts["ops-server"] = hostSummary(opsNeed, ops);
    }

    for (const need of bp.buckets) {
      this.outputs.backupStorage[need.key] = alicloudBackupTarget(this, `${name}-${need.key}-storage`, need, {
        ...args.backupTarget,
        ...(args.backupStorage ? { storage: args.backupStorage } : {}),
        // Capacity alarms warn (Tenantry's choice of severity).
        contactGroup: args.alarms.contactGroups.warning,
        ...(relay?.targets.warning ? { relayTarget: relay.targets.warning } : {}),
      });
    }

    this.outputs.monitors = monitorCoverage("alicloud", bp.monitors, opsNeed !== undefined, byCloud);
    this.registerOutputs(this.outputs);
  }
}
