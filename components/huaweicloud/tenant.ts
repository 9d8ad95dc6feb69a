/**
 * One tenant on Huawei Cloud, assembled from its cloud-neutral blueprint (core `tenantBlueprint`):
 * an enterprise project and a disk-encryption KMS key of its own; AnyShare -> host of the tier's
 * size with its cache disk, plus an RDS for MySQL database; AnyBackup -> host of the dedup setting's
 * size (or the marketplace's recommended host), plus OBS backup storage; ops-server -> the
 * managed-operations server. Every resource that takes tags carries the core tags.
 */
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { z } from "zod";
import {
  ANYBACKUP_MARKETPLACE_RECOMMENDED,
  blueprintArgsSchema,
  cloudDelivery,
  cloudConfig,
  cloudImplements,
  type MonitorCoverage,
  hostSecurityGroups,
  hostSummary,
  KEY_ROTATION_DAYS,
  DEFAULT_ALARM_PERIOD_SECONDS,
  MIDDLEWARE_CHECK_PORT,
  middlewareCheckCloudInit,
  type MiddlewareMonitorNeed,
  nameSafe,
  nodeExporterCloudInit,
  opsMonitoringFiles,
  opsServerCloudInit,
  retainedTags,
  validated,
  type AlarmTiming,
  type HostNeed,
  type HostSummary,
  type OpsRouting,
  type OpsTargets,
  type Product,
  type TenantBlueprint,
  type BackupTargetOutputs,
  type UrlMonitorNeed,
  type WebProduct,
  isWebProduct,
  networkReach,
  DEFAULT_PROBER_INTERVAL_MINUTES,
  monitorCounts,
  monitorsTagValue,
  probeChecks,
  probePlan,
  SEVERITIES,
  TAG_KEYS,
} from "../core/index.js";
import type { HuaweiAlarmRoute } from "./alarm-topic.js";
import type { HuaweiBackupStorageArgs } from "./backup-storage.js";
import { huaweiBackupTarget } from "./backup-target.js";
import type { StackBackupTargetArgs } from "../common/backup-target-args.js";
import { HuaweiDatabase, type HuaweiDatabaseArgs } from "./database.js";
import { HuaweiDatabaseAlarms } from "./database-alarms.js";
import { HuaweiEntryLogs } from "./entry-logs.js";
import { HuaweiEntryPoints, type HuaweiEntryMode, type HuaweiEntryPointSummary } from "./entry-points.js";
import { HuaweiHost, type Billing } from "./host.js";
import { HuaweiHostAlarms } from "./host-alarms.js";
import { HuaweiMiddlewareChecks, restartWindowSeconds } from "./middleware-checks.js";
import { cloudEyeAgentCloudInit } from "./metrics.js";
import { HuaweiNetwork, type HuaweiNetworkArgs } from "./network.js";
import { stackScope } from "./naming.js";
import { huaweiMonitorCoverage } from "./monitor-coverage.js";
import { HuaweiOpsServer } from "./ops-server.js";
import { HuaweiProber } from "./prober.js";
import { HuaweiUrlProbes } from "./url-probes.js";
import { EnterpriseProject, KmsKey } from "./provider/index.js";

export const ANYBACKUP_SIZINGS = ["documented", "marketplace"] as const;
/**
 * `documented`: the partner guide's configuration for the deduplication setting (8/32 on, 4/16 off);
 * `marketplace`: the host the Huawei Cloud marketplace listing recommends (8 vCPU / 16 GiB / 60 GiB).
 */
export type AnyBackupSizing = (typeof ANYBACKUP_SIZINGS)[number];

export interface HuaweiTenantArgs {
  readonly blueprint: TenantBlueprint;
  /** The region the provider is configured for (e.g. `cn-north-4`). */
  readonly region: string;
  /** Image id per product; required for every product the tenant has. */
  readonly images: Partial<Record<Product, pulumi.Input<string>>>;
  /** Network settings. Default: each field at its own default (see `HuaweiNetworkArgs`). */
  readonly network?: Pick<HuaweiNetworkArgs, "natStrategy" | "natBandwidthMbps" | "natSpec" | "webCidrs" | "clientCidrs" | "adminCidrs" | "zoneNames" | "flowLogRetentionDays">;
  /** Host billing. Default `pay-as-you-go`. */
  readonly billing?: Billing;
  /** With `yearly`: renew the hosts' subscriptions automatically. Default `DEFAULT_AUTO_RENEW` (true, Tenantry's choice). */
  readonly autoRenew?: boolean;
  /** Which row sizes the AnyBackup host. Default `documented`. */
  readonly anybackupSizing?: AnyBackupSizing;
  /** EIP bandwidth of the ops server in Mbit/s (not documented). Required when the tenant has one. */
  readonly opsBandwidthMbps?: number;
  /** An existing enterprise project for the tenant. Default: Tenantry creates one. */
  readonly enterpriseProjectId?: pulumi.Input<string>;
  /** Required when the tenant has AnyShare. */
  readonly database?: Pick<HuaweiDatabaseArgs, "engineVersion" | "mode" | "backupRetentionDays" | "backupWindow" | "sqlAuditDays">;
  /** Required when the tenant has AnyBackup. */
  readonly backupStorage?: Omit<HuaweiBackupStorageArgs, "tags" | "region" | "enterpriseProjectId">;
  /** What the other backup targets need (DR region, a copy on another cloud, MinIO server, bring-your-own secret); see BackupTargetArgs. Required when a tenant's backup target needs them (no default). */
  readonly backupTarget?: StackBackupTargetArgs;
  /** Alarm timing, and where alarms go: each severity's SMN topic (`huaweiAlarmRouting`) and the silence period. */
  readonly alarms: AlarmTiming & HuaweiAlarmRoute & { readonly freeStoragePercent?: number };
  /** Where the ops server's Alertmanager sends each severity (core `routeBySeverity`). Default: nowhere. */
  readonly opsRouting?: OpsRouting;
  /**
   * How users reach the services: `elb` (default, a dedicated ELB per entry point) or `eip` (the host's
   * own EIP); the ELB certificate id; the region's ELB flavour ids; the bandwidth of AnyBackup's entry
   * points (not documented); the DNS zone id of the blueprint's DNS names.
   */
  readonly entry?: {
    readonly mode?: HuaweiEntryMode;
    readonly certificateId?: pulumi.Input<string>;
    readonly flavorIds?: { readonly l7?: pulumi.Input<string>; readonly l4?: pulumi.Input<string> };
    readonly bandwidthMbps?: number;
    readonly dnsZoneId?: pulumi.Input<string>;
  };
  /** The Cloud Eye agent version installed where an image lacks the agent. Default `DEFAULT_CLOUD_EYE_AGENT_VERSION` (ours). */
  readonly cloudEyeAgentVersion?: string;
  /** Minutes between two runs of the tenant's prober (`HuaweiProber`, tenants without an ops server). Default `DEFAULT_PROBER_INTERVAL_MINUTES` (ours). */
  readonly proberEveryMinutes?: number;
}

export interface HuaweiTenantOutputs {
  hosts: Record<string, HostSummary<pulumi.Output<string>>>;
  databases: Record<string, { host: pulumi.Output<string>; username: string; password: pulumi.Output<string>; instanceClass: string; exactSize: boolean }>;
  backupStorage: Record<string, BackupTargetOutputs<pulumi.Output<string>>>;
  /** The ops server's monitoring credentials (the secret key is a Pulumi secret). */
  monitoring: Record<string, { accessKeyId: pulumi.Output<string>; secretKey: pulumi.Output<string> }>;
  entryPoints: Record<string, HuaweiEntryPointSummary>;
  /**
   * The blueprint's monitors: those Cloud Eye or the tenant's ops server implements, and those
   * nothing implements on this tenant, each with the reason (a tenant without an ops server has no
   * middleware or login monitors on Huawei Cloud; see monitor-coverage.ts).
   */
  monitors: MonitorCoverage;
}

/** The blueprint's host, or the marketplace's recommended AnyBackup host when asked for. */
export function sizedHost(need: HostNeed, sizing: AnyBackupSizing): Pick<HostNeed, "size" | "source"> {
  return need.key === "anybackup-cloud" && sizing === "marketplace" ? { size: ANYBACKUP_MARKETPLACE_RECOMMENDED.host, source: ANYBACKUP_MARKETPLACE_RECOMMENDED.source } : need;
}

export class HuaweiTenant extends pulumi.ComponentResource {
  public readonly network: HuaweiNetwork;
  public readonly enterpriseProjectId: pulumi.Output<string>;
  public readonly outputs: HuaweiTenantOutputs;

  constructor(name: string, args: HuaweiTenantArgs, opts?: pulumi.ComponentResourceOptions) {
    super("tenantry:huaweicloud:Tenant", name, {}, opts);
    const bp = args.blueprint;
    validated(
      blueprintArgsSchema(bp, "an image id", {
        region: z.string({ error: "is required: the region (e.g. cn-north-4)" }),
        anybackupSizing: z.enum(ANYBACKUP_SIZINGS).optional(),
        opsBandwidthMbps: bp.hosts.some((h) => h.key === "ops-server") ? z.number({ error: "is required: the ops server's EIP bandwidth in Mbit/s" }) : z.any(),
      }),
      args,
      `arguments of HuaweiTenant ${name}`,
      "args.",
    );
    const parent = { parent: this };
    const kept = { parent: this, retainOnDelete: true };

    // Enterprise projects cannot be deleted (destroy disables them); names must not contain "default".
    this.enterpriseProjectId = pulumi.output(
      args.enterpriseProjectId ??
        new EnterpriseProject(
          `${name}-project`,
          { name: `tenantry-${nameSafe(stackScope())}-${nameSafe(name)}`.replace(/default/g, "dflt").slice(0, 64), description: `tenant ${name} (tenantry)`, type: "prod" },
          kept,
        ).id,
    );
    const eps = this.enterpriseProjectId;
    const suffix = new random.RandomString(`${name}-suffix`, { length: 6, special: false, upper: false }, parent).result;
    const diskKey = new KmsKey(
      `${name}-disk-key`,
      {
        keyAlias: pulumi.interpolate`${nameSafe(name).slice(0, 50)}-disks-${suffix}`,
        keyDescription: `${name}: disks and databases (tenantry)`,
        keyAlgorithm: "AES_256",
        keyUsage: "ENCRYPT_DECRYPT",
        rotationEnabled: true,
        rotationInterval: KEY_ROTATION_DAYS,
        enterpriseProjectId: eps,
        tags: retainedTags(bp.network.tags, true),
      },
      kept,
    );

    const mode = args.entry?.mode ?? "elb";
    // The middleware monitors Cloud Eye implements (core `CLOUD_MONITORING`: behind a web ELB, whose
    // health checks ask each host's middleware check responder), for every tenant, ops server or not.
    const middlewareMonitors = bp.monitors.filter((m): m is MiddlewareMonitorNeed => m.kind === "middleware" && cloudImplements("huaweicloud", m, mode === "elb"));
    this.network = new HuaweiNetwork(
      `${name}-network`,
      {
        network: bp.network,
        tags: bp.network.tags,
        enterpriseProjectId: eps,
        ...args.network,
        ...networkReach(bp, mode === "eip"),
        ...(middlewareMonitors.length > 0 ? { middlewareCheckPort: MIDDLEWARE_CHECK_PORT } : {}),
      },
      parent,
    );
    const net = this.network;
    this.outputs = { hosts: {}, databases: {}, backupStorage: {}, monitoring: {}, entryPoints: {}, monitors: { rendered: [], notRendered: [] } };
    // Every host runs node_exporter (the ops server's Prometheus scrapes it) and the Cloud Eye agent (memory, disk, load).
    const agents = [nodeExporterCloudInit(), cloudEyeAgentCloudInit(args.region, args.cloudEyeAgentVersion)];

    const serviceHosts: Partial<Record<Product, HuaweiHost>> = {};
    const host = (need: HostNeed, userData: pulumi.Input<string>) => {
      const { size, source } = sizedHost(need, args.anybackupSizing ?? "documented");
      const common = {
        size,
        source,
        imageId: args.images[need.key]!,
        kmsKeyId: diskKey.id,
        tags: need.tags,
        subnetId: net.subnetIds[need.tier][0]!,
        availabilityZone: net.zoneNames[0]!,
        securityGroupIds: hostSecurityGroups(need.key).map((role) => net.securityGroupIds[role]),
        enterpriseProjectId: eps,
        userData,
        ...(args.billing ? { billing: args.billing } : {}),
        ...(args.autoRenew !== undefined ? { autoRenew: args.autoRenew } : {}),
      };
      let h: HuaweiHost;
      if (need.key === "ops-server") {
        const ops = new HuaweiOpsServer(`${name}-${need.key}`, { ...common, publicBandwidthMbps: args.opsBandwidthMbps! }, parent);
        h = ops.host;
        this.outputs.monitoring[need.key] = { accessKeyId: ops.monitoringAccessKeyId, secretKey: ops.monitoringSecretKey };
      } else {
        // Without load balancers the host takes the users' traffic itself: an EIP of the documented
        // bandwidth (or, where none is documented, the configured entry bandwidth).
        const direct = mode === "eip" && isWebProduct(need.key);
        h = new HuaweiHost(
          `${name}-${need.key}`,
          { ...common, ...(direct ? { publicIp: true, ...(size.bandwidthMbps === undefined ? { publicBandwidthMbps: args.entry?.bandwidthMbps! } : {}) } : {}) },
          parent,
        );
      }
      new HuaweiHostAlarms(`${name}-${need.key}-alarms`, { instanceId: h.instanceId, rules: need.alarms, enterpriseProjectId: eps, ...args.alarms }, parent);
      this.outputs.hosts[need.key] = hostSummary({ ...need, source }, h);
      return h;
    };

    const restartWindow = restartWindowSeconds(args.alarms.periodSeconds ?? DEFAULT_ALARM_PERIOD_SECONDS);
    for (const need of bp.hosts.filter((h) => h.key !== "ops-server")) {
      const checked = middlewareMonitors.filter((m) => m.host === need.key).map((m) => m.middleware);
      const responder = checked.length > 0 ? [middlewareCheckCloudInit(checked, { port: MIDDLEWARE_CHECK_PORT, restartWindowSeconds: restartWindow })] : [];
      serviceHosts[need.key] = host(need, cloudConfig([...agents, ...responder]));
    }

    const databaseHosts: Partial<Record<Product, pulumi.Output<string>>> = {};
    for (const need of bp.databases) {
      const db = new HuaweiDatabase(
        `${name}-${need.key}-db`,
        {
          ...args.database!,
          size: need.size,
          source: need.source,
          vpcId: net.vpcId,
          subnetId: net.subnetIds[need.tier][0]!,
          securityGroupId: net.securityGroupIds.data,
          zoneNames: net.zoneNames,
          kmsKeyId: diskKey.id,
          enterpriseProjectId: eps,
          tags: need.tags,
        },
        parent,
      );
      new HuaweiDatabaseAlarms(`${name}-${need.key}-db-alarms`, { instanceId: db.instanceId, enterpriseProjectId: eps, ...args.alarms }, parent);
      this.outputs.databases[need.key] = { host: db.host, username: db.username, password: db.password, instanceClass: db.instanceClass, exactSize: db.exactSize };
      databaseHosts[need.key] = db.host;
    }

    // The ELBs' access logs: an LTS group and stream of the tenant's own, kept while it retires.
    const entryLogs = bp.entryLogs && mode !== "eip" ? new HuaweiEntryLogs(`${name}-entry-logs`, { retentionDays: bp.entryLogs.retentionDays, tags: bp.entryLogs.tags, enterpriseProjectId: eps }, parent) : undefined;
    const webHosts = Object.entries(serviceHosts).filter(([p]) => isWebProduct(p as Product)) as [WebProduct, HuaweiHost][];
    // The URL monitors Cloud Eye implements (core `CLOUD_MONITORING`: home page and login, on a web ELB's health checks).
    const urls = bp.monitors.filter((m): m is UrlMonitorNeed => m.kind === "url" && cloudImplements("huaweicloud", m, mode === "elb"));
    const loginPaths = Object.fromEntries(urls.filter((m) => m.check === "login").map((m) => [m.entryPoint, m.path]));
    // What the prober watches (core `probePlan`): for a tenant without an ops server whose entry
    // points admit the internet, the URL checks no ELB health check stands for, and the latency
    // Cloud Eye does not measure (the login's). Never what a Cloud Eye rule already alarms.
    const opsNeed = bp.hosts.find((h) => h.key === "ops-server");
    const elbIds = new Set([...urls, ...middlewareMonitors].map((m) => m.id));
    const publicEntry = (args.network?.webCidrs ?? []).includes("0.0.0.0/0");
    const probePlanned = probePlan("huaweicloud", bp.monitors, { opsServer: opsNeed !== undefined, behindLoadBalancer: (m) => elbIds.has(m.id), publicEntry: () => publicEntry });
    // The monitors Cloud Eye's rules and the prober implement for this tenant, on the resources that implement them (the monitor quota reads it).
    const cloudImplemented = bp.monitors.filter((m) => elbIds.has(m.id) || probePlanned.some((p) => p.monitor.id === m.id));
    const monitorsTag = { [TAG_KEYS.monitors]: monitorsTagValue(monitorCounts(cloudImplemented)) };
    const middlewareChecks: Record<string, string[]> = {};
    for (const m of middlewareMonitors) (middlewareChecks[`${m.host}-web`] ??= []).push(...m.rules.map((r) => r.id));
    const entry = new HuaweiEntryPoints(
      `${name}-entry`,
      {
        entryPoints: bp.entryPoints,
        mode,
        ...(args.entry?.certificateId !== undefined ? { certificateId: args.entry.certificateId } : {}),
        ...(args.entry?.flavorIds !== undefined ? { flavorIds: args.entry.flavorIds } : {}),
        ...(args.entry?.bandwidthMbps !== undefined ? { bandwidthMbps: args.entry.bandwidthMbps } : {}),
        ...(args.entry?.dnsZoneId !== undefined ? { dnsZoneId: args.entry.dnsZoneId } : {}),
        vpcId: net.vpcId,
        subnetId: net.ipv4SubnetIds.public[0]!,
        availabilityZones: net.zoneNames,
        // Each host sits in the first subnet of its tier (see `host` above).
        backends: Object.fromEntries(webHosts.map(([p, h]) => [p, { address: h.privateIp, subnetId: net.ipv4SubnetIds[bp.hosts.find((n) => n.key === p)!.tier][0]! }])),
        publicIps: Object.fromEntries(webHosts.flatMap(([p, h]) => (h.publicIp ? [[p, h.publicIp]] : []))),
        webCidrs: args.network?.webCidrs ?? [],
        clientCidrs: args.network?.clientCidrs ?? args.network?.webCidrs ?? [],
        enterpriseProjectId: eps,
        tags: Object.fromEntries(bp.hosts.filter((h) => isWebProduct(h.key)).map((h) => [h.key, h.tags])),
        ...(elbIds.size > 0 ? { monitorsTag: monitorsTag[TAG_KEYS.monitors]! } : {}),
        ...(entryLogs ? { accessLogs: { logGroupId: entryLogs.logGroupId, logStreamId: entryLogs.logStreamId } } : {}),
        ...(Object.keys(loginPaths).length > 0 ? { loginPaths } : {}),
        ...(middlewareMonitors.length > 0 ? { middlewareChecks, middlewareCheckPort: MIDDLEWARE_CHECK_PORT } : {}),
      },
      parent,
    );
    this.outputs.entryPoints = entry.entryPoints;
    const hostNames = Object.fromEntries(Object.entries(entry.entryPoints).map(([k, e]) => [k, e.hostName]));
    const probes =
      urls.length > 0 && Object.keys(entry.loadBalancerIds).length > 0
        ? new HuaweiUrlProbes(`${name}-probes`, { monitors: urls, loadBalancerIds: entry.loadBalancerIds, webPools: entry.webPools, enterpriseProjectId: eps, ...args.alarms }, parent)
        : undefined;

    const middleware =
      middlewareMonitors.length > 0 && Object.keys(entry.loadBalancerIds).length > 0
        ? new HuaweiMiddlewareChecks(`${name}-middleware`, { monitors: middlewareMonitors, loadBalancerIds: entry.loadBalancerIds, webPools: entry.webPools, enterpriseProjectId: eps, ...args.alarms }, parent)
        : undefined;
    const planned = probePlanned.filter((p) => hostNames[p.monitor.kind === "url" ? p.monitor.entryPoint : ""] !== undefined);
    const prober =
      planned.length > 0
        ? new HuaweiProber(
            `${name}-prober`,
            {
              tenant: bp.tenant,
              checks: pulumi.all(hostNames).apply((entryPoints) => probeChecks(planned, { entryPoints })),
              monitorIds: [...new Set(planned.map((p) => p.monitor.id))],
              route: args.alarms,
              region: args.region,
              everyMinutes: args.proberEveryMinutes ?? DEFAULT_PROBER_INTERVAL_MINUTES,
              scope: `tenantry-${nameSafe(stackScope())}`,
              tags: { ...bp.network.tags, ...monitorsTag },
              severity: SEVERITIES.find((s) => planned.some((p) => (p.availability && p.monitor.kind === "url" && p.monitor.severity === s) || (p.latency && p.monitor.kind === "url" && p.monitor.latencySeverity === s)))!,
              enterpriseProjectId: eps,
            },
            parent,
          )
        : undefined;
    // The monitors Cloud Eye's rules and the prober implement for this tenant.
    const cloudMonitorIds = [...new Set([...(probes?.monitorIds ?? []), ...(middleware?.monitorIds ?? []), ...(prober?.monitorIds ?? [])])];

    // Every monitor is implemented (Cloud Eye, the prober, the ops server) or named with the reason it is not.
    this.outputs.monitors = huaweiMonitorCoverage(bp.monitors, cloudMonitorIds, opsNeed !== undefined);
    if (opsNeed) {
      // The ops server's Prometheus, Alertmanager and probes, generated from the blueprint once the
      // addresses are known. Secret: the routing holds the chat webhooks' tokens.
      const addresses = pulumi
        .all([pulumi.all(Object.fromEntries(Object.entries(serviceHosts).map(([p, h]) => [p, h!.privateIp]))), pulumi.all(databaseHosts), pulumi.all(hostNames)])
        .apply(([h, d, e]): OpsTargets => ({ hosts: h, databases: d, entryPoints: e }));
      const given: OpsRouting = args.opsRouting ?? { targets: { urgent: { emails: [], webhooks: [] }, warning: { emails: [], webhooks: [] }, info: { emails: [], webhooks: [] } } };
      // Alertmanager sends what Cloud Eye's own notifications do not (core `alertDeliverer`): the monitors its rules implement.
      const routing: OpsRouting = { ...given, cloud: cloudDelivery("huaweicloud", bp.monitors, cloudMonitorIds) };
      host(opsNeed, pulumi.secret(addresses.apply((t) => cloudConfig([...agents, opsServerCloudInit(opsMonitoringFiles(bp, t, routing, args.alarms.periodSeconds))]))));
    }

    for (const need of bp.buckets) {
      this.outputs.backupStorage[need.key] = huaweiBackupTarget(this, `${name}-${need.key}-storage`, need, {
        ...args.backupTarget,
        ...(args.backupStorage ? { storage: { ...args.backupStorage, region: args.region, enterpriseProjectId: eps } } : {}),
      });
    }

    this.registerOutputs({ ...this.outputs, enterpriseProjectId: this.enterpriseProjectId });
  }
}
