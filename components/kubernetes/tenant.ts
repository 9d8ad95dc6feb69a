/**
 * One tenant on Kubernetes, assembled from its cloud-neutral blueprint (core `tenantBlueprint`):
 * a namespace of its own (restricted pod security, quota = its documented sizes, limits), default-
 * deny network policies with the allowances its services need, its operators' namespaced Role,
 * AnyShare and AnyBackup as StatefulSets of their documented sizes with their documented volumes,
 * AnyShare's MySQL (in the cluster, or external), AnyBackup's S3-compatible storage, and the
 * documented alarms as Prometheus rules. The ops server's role on Kubernetes is monitoring: the
 * Prometheus rules and the operators' access stand in for its host.
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { allowListSchema, InputError, WEB_PORTS, type AlarmTiming, type BackupTargetOutputs, type Problem, type Severity, type TenantBlueprint } from "../core/index.js";
import { AlertRules } from "./alert-rules.js";
import { AlertRouting, type AlertRoutingArgs } from "./alert-routing.js";
import { CapacityRules } from "./capacity-rules.js";
import { backupTargetPort, backupTargetProblems, kubernetesBackupTarget, type KubernetesBackupTargetArgs } from "./backup-storage.js";
import { TenantDatabase, type DatabaseSummary, type ExternalDatabase, type InClusterDatabase } from "./database.js";
import { metadataOf } from "./labels.js";
import { NetworkIsolation, type EgressAllowance, type NetworkIsolationArgs } from "./network-policies.js";
import { TenantNamespace } from "./namespace.js";
import { OperatorAccess } from "./operator-access.js";
import { metricsPorts, TenantMonitors } from "./monitors.js";
import { tenantWorkloads, WORKLOAD_PRODUCTS, type WorkloadProduct } from "./sizing.js";
import { TenantWorkload, type TlsSource, type WorkloadSummary } from "./workload.js";

/** The namespace prefix, by default (Tenantry's choice): `tenant-acme`. */
export const DEFAULT_NAMESPACE_PREFIX = "tenant-";
/**
 * A product's container image and what only that image decides: the port it serves its web
 * interface on and the non-root user it runs as. The documents give neither, so both are required
 * (no default).
 */
export interface ProductImage {
  /** The image reference (the products are delivered as images). */
  readonly image: pulumi.Input<string>;
  /** The container port the image serves its web interface on (1-65535). */
  readonly port: number;
  /** The non-root user id the image runs as (at least 1). */
  readonly runAsUser: number;
  /**
   * Where the image keeps what must survive a restart: the paths its system and cache volumes are
   * mounted on. Default `DEFAULT_MOUNT_PATHS` (Tenantry's choice): the vendor's image decides the real
   * paths, and data written elsewhere is lost with the pod.
   */
  readonly mountPaths?: { readonly system?: string; readonly cache?: string };
}
/** The name of the pull Secret created from `registry`. */
export const REGISTRY_SECRET = "tenantry-registry";

export interface KubernetesTenantArgs {
  readonly blueprint: TenantBlueprint;
  /** The namespace. Default: `tenant-<tenant id>`. */
  readonly namespace?: string;
  /** Per product that runs as a workload (AnyShare, AnyBackup): its image, port and user. Required for each product the tenant runs (no default). */
  readonly images: Partial<Record<WorkloadProduct, ProductImage>>;
  /** Pull Secrets that exist in the namespace (or that `registry` creates). Default: none. */
  readonly imagePullSecrets?: readonly string[];
  /** A registry to pull from with these credentials: creates the pull Secret in the namespace. Default: none (public images, or `imagePullSecrets`). */
  readonly registry?: { readonly server: string; readonly username: string; readonly password: pulumi.Input<string> };
  /** The storage class of the volumes. Default: the cluster's default class. */
  readonly storageClass?: string;
  /** Whether the storage class encrypts volumes at rest (the policy packs require it). */
  readonly storageEncrypted: boolean;
  /** Products whose image cannot run with a read-only root filesystem. Default: none (every root filesystem read-only). */
  readonly writableRootFilesystem?: readonly WorkloadProduct[];
  /** Apply the documented bandwidth with the CNI bandwidth annotations. Default `true`. */
  readonly bandwidthAnnotations?: boolean;
  /** The group of the tenant's operators. */
  readonly operatorGroup: string;
  /** Required when the tenant has a web-facing product. */
  readonly ingress?: { readonly namespace: string; readonly className?: string; readonly hosts: Partial<Record<WorkloadProduct, string>>; readonly tls: TlsSource };
  /** Where cluster DNS runs. Default: kube-system, pods labelled `k8s-app: kube-dns`. */
  readonly dns?: NetworkIsolationArgs["dns"];
  /** Required when the tenant has AnyShare. External databases name the CIDRs to allow egress to. */
  readonly database?: InClusterDatabase | (ExternalDatabase & { readonly egressCidrs: readonly string[] });
  /** Required when the tenant has AnyBackup: what its backup target's kind needs (see `KubernetesBackupTargetArgs`), and the CIDRs of its endpoint. `dr-copy` is refused. */
  readonly backupStorage?: KubernetesBackupTargetArgs;
  /** Who may reach the backup-client entry point (its LoadBalancer's source ranges). Required when the tenant has one. */
  readonly clientCidrs?: readonly string[];
  /** The blueprint's monitors as prometheus-operator Probes, PodMonitors and rules: where Prometheus and the blackbox exporter run. Default: no monitors. */
  readonly monitoring?: { readonly namespace: string; readonly prober: string; readonly intervalSeconds?: number };
  /** The documented alarms as a PrometheusRule (needs the prometheus-operator CRDs). Default: no PrometheusRule. */
  readonly alerts?: AlarmTiming & { readonly enabled: boolean; readonly ruleLabels?: Readonly<Record<string, string>>; readonly freeStoragePercent?: number };
  /** Where the tenant's alerts go by severity, as an AlertmanagerConfig in its namespace (needs the prometheus-operator CRDs). Default: no routing (the cluster's Alertmanager decides). */
  readonly alertRouting?: Pick<AlertRoutingArgs, "receivers" | "routes" | "silence" | "labels">;
}

export interface MonitoringSummary {
  role: "monitoring";
  /** The PrometheusRule's alert names; empty when Prometheus rules are off. */
  alerts: string[];
  operatorGroup: string;
  /** The receivers of each severity (the AlertmanagerConfig's routes); absent without alert routing. */
  alertRoutes?: Record<Severity, string[]>;
}

export interface KubernetesTenantOutputs {
  namespace: pulumi.Output<string>;
  quota: Record<string, string>;
  hosts: Record<string, WorkloadSummary | MonitoringSummary>;
  databases: Record<string, DatabaseSummary>;
  /** Per bucket need: the target kind, the bucket, and exactly the fields of AnyBackup's "add cloud storage" dialog (core `BackupTargetOutputs`). */
  backupStorage: Record<string, BackupTargetOutputs<pulumi.Output<string>>>;
  /** Per entry point: how it is reached (an Ingress host, or a LoadBalancer Service's ports). */
  entryPoints: Record<string, { kind: "ingress"; host: string } | { kind: "load-balancer"; service: string; ports: number[] }>;
  /** The blueprint's monitors: rendered as Probes / PodMonitors, or not (with the reason). */
  monitors: { rendered: string[]; notRendered: { id: string; reason: string }[] };
}

/** Every problem with `args` for this blueprint, at once. */
function argsProblems(bp: TenantBlueprint, args: KubernetesTenantArgs): Problem[] {
  const problems: Problem[] = [];
  const products = bp.hosts.map((h) => h.key);
  for (const p of WORKLOAD_PRODUCTS) {
    const image = args.images[p];
    if (products.includes(p) && !image) problems.push({ path: `args.images.${p}`, message: "is required: the tenant runs this product ({ image, port, runAsUser })" });
    if (products.includes(p) && image) {
      if (!image.image) problems.push({ path: `args.images.${p}.image`, message: "is required: the product's container image" });
      if (!Number.isInteger(image.port) || image.port < 1 || image.port > 65535) problems.push({ path: `args.images.${p}.port`, message: "is required: the port the image serves its web interface on (1-65535; the image decides, no default)", received: image.port });
      if (!Number.isInteger(image.runAsUser) || image.runAsUser < 1) problems.push({ path: `args.images.${p}.runAsUser`, message: "is required: the non-root user id the image runs as (at least 1; the image decides, no default)", received: image.runAsUser });
    }
    if (products.includes(p) && !args.ingress?.hosts[p]) problems.push({ path: `args.ingress.hosts.${p}`, message: "is required: the product is reached through the ingress controller (a host name)" });
  }
  if (bp.databases.length > 0 && !args.database) problems.push({ path: "args.database", message: "is required: the tenant has a database (in-cluster or external)" });
  for (const b of bp.buckets) problems.push(...backupTargetProblems(b.target, args.backupStorage, "args.backupStorage"));
  if (bp.entryPoints.some((e) => e.purpose === "backup-clients" && e.listeners.length > 0) && !args.clientCidrs?.length) {
    problems.push({ path: "args.clientCidrs", message: "is required: the tenant's backup clients reach AnyBackup from these networks (CIDRs)" });
  }
  if (!/\S/.test(args.operatorGroup ?? "")) problems.push({ path: "args.operatorGroup", message: "is required: the group of the tenant's operators" });
  const cidrs = allowListSchema("egress", true).min(1);
  for (const [path, list] of [["args.database.egressCidrs", args.database?.mode === "external" ? args.database.egressCidrs : undefined], ["args.backupStorage.egressCidrs", args.backupStorage?.egressCidrs]] as const) {
    if (path.startsWith("args.database") && args.database?.mode !== "external") continue;
    if (path.startsWith("args.backupStorage") && !args.backupStorage) continue;
    const r = cidrs.safeParse(list);
    if (!r.success) problems.push({ path, message: r.error.issues.map((i) => i.message).join("; "), received: list });
  }
  return problems;
}

export class KubernetesTenant extends pulumi.ComponentResource {
  public readonly outputs: KubernetesTenantOutputs;

  constructor(name: string, args: KubernetesTenantArgs, opts?: pulumi.ComponentResourceOptions) {
    super("tenantry:kubernetes:Tenant", name, {}, opts);
    const bp = args.blueprint;
    const problems = argsProblems(bp, args);
    if (problems.length > 0) throw new InputError(`arguments of KubernetesTenant ${name}`, problems);
    const parent = { parent: this };
    const namespaceName = args.namespace ?? `${DEFAULT_NAMESPACE_PREFIX}${bp.tenant}`;
    const inCluster = args.database?.mode === "in-cluster";
    const workloads = tenantWorkloads(bp, { inClusterDatabase: inCluster });
    const clientEntryPoints = args.clientCidrs?.length ? bp.entryPoints.filter((e) => e.purpose === "backup-clients" && e.listeners.length > 0) : [];
    const clientPorts = (product: string) => clientEntryPoints.filter((e) => e.product === product).flatMap((e) => e.listeners.map((l) => l.backendPort ?? l.port));
    const ns = new TenantNamespace(`${name}-namespace`, { namespace: namespaceName, tags: bp.network.tags, workloads, loadBalancers: clientEntryPoints.length }, parent);
    const namespace = ns.name;

    // Egress only from products that run: a retiring tenant (no hosts) keeps its data, not its reach.
    const running = new Set<string>(bp.hosts.map((h) => h.key));
    const egress: EgressAllowance[] = [];
    if (args.database?.mode === "external") {
      for (const d of bp.databases.filter((d) => running.has(d.key))) egress.push({ id: "database", workload: d.key, cidrs: args.database.egressCidrs, ports: [args.database.port ?? 3306] });
    }
    if (args.backupStorage) {
      for (const b of bp.buckets.filter((b) => running.has(b.key))) egress.push({ id: "object-storage", workload: b.key, cidrs: args.backupStorage.egressCidrs, ports: [backupTargetPort(b.target, args.backupStorage)] });
    }
    const port = (p: WorkloadProduct) => args.images[p]!.port;
    const servers = workloads.filter((w) => w.kind === "server");
    new NetworkIsolation(
      `${name}-network`,
      {
        namespace,
        tenant: bp.tenant,
        tags: bp.network.tags,
        web: servers.map((w) => ({ workload: w.name, port: port(w.product as WorkloadProduct) })),
        ...(args.ingress ? { ingressNamespace: args.ingress.namespace } : {}),
        ...(args.dns ? { dns: args.dns } : {}),
        egress,
        clients: clientEntryPoints.map((e) => ({ workload: e.product, cidrs: args.clientCidrs!, ports: clientPorts(e.product) })),
        ...(args.monitoring
          ? {
              monitoring: {
                namespace: args.monitoring.namespace,
                ports: [
                  ...servers.flatMap((w) => [port(w.product as WorkloadProduct), ...clientPorts(w.product), ...metricsPorts(bp.monitors, w.product).map((m) => m.port)]),
                  ...(inCluster && bp.databases.length > 0 ? [3306] : []),
                ],
              },
            }
          : {}),
      },
      parent,
    );
    new OperatorAccess(`${name}-operators`, { namespace, group: args.operatorGroup, tags: bp.network.tags }, parent);

    const pullSecrets = [...(args.imagePullSecrets ?? [])];
    if (args.registry) {
      const r = args.registry;
      const meta = metadataOf(bp.network.tags);
      new k8s.core.v1.Secret(
        `${name}-registry`,
        {
          metadata: { name: REGISTRY_SECRET, namespace, ...meta },
          type: "kubernetes.io/dockerconfigjson",
          stringData: {
            ".dockerconfigjson": pulumi.secret(
              pulumi.output(r.password).apply((password) =>
                JSON.stringify({ auths: { [r.server]: { username: r.username, password, auth: Buffer.from(`${r.username}:${password}`).toString("base64") } } }),
              ),
            ),
          },
        },
        parent,
      );
      pullSecrets.push(REGISTRY_SECRET);
    }
    const storage = { storageEncrypted: args.storageEncrypted, ...(args.storageClass ? { storageClass: args.storageClass } : {}), ...(pullSecrets.length ? { imagePullSecrets: pullSecrets } : {}) };

    this.outputs = { namespace, quota: ns.quota, hosts: {}, databases: {}, backupStorage: {}, entryPoints: {}, monitors: { rendered: [], notRendered: [] } };

    const databaseSecrets: Record<string, string> = {};
    for (const need of bp.databases) {
      const size = workloads.find((w) => w.kind === "database" && w.product === need.key);
      const db = new TenantDatabase(
        `${name}-${need.key}-db`,
        { namespace, tenant: bp.tenant, tags: need.tags, product: need.key, database: args.database!, ...(size ? { size } : {}), workload: storage },
        parent,
      );
      databaseSecrets[need.key] = db.connectionSecretName;
      this.outputs.databases[need.key] = db.summary;
    }

    for (const w of servers) {
      const product = w.product as WorkloadProduct;
      const need = bp.hosts.find((h) => h.key === product)!;
      const workload = new TenantWorkload(
        `${name}-${product}`,
        {
          namespace,
          tenant: bp.tenant,
          tags: need.tags,
          size: w,
          image: args.images[product]!.image,
          port: port(product),
          servicePort: WEB_PORTS[0],
          runAsUser: args.images[product]!.runAsUser,
          ...(args.images[product]!.mountPaths ? { mountPaths: args.images[product]!.mountPaths } : {}),
          readOnlyRootFilesystem: !(args.writableRootFilesystem ?? []).includes(product),
          ...(databaseSecrets[product] ? { envFromSecrets: [databaseSecrets[product]] } : {}),
          extraPorts: metricsPorts(bp.monitors, product),
          ...(clientPorts(product).length > 0 ? { clients: { ports: clientPorts(product), sourceRanges: args.clientCidrs! } } : {}),
          ...(args.ingress
            ? { web: { host: args.ingress.hosts[product]!, tls: args.ingress.tls, ...(args.ingress.className ? { ingressClassName: args.ingress.className } : {}) } }
            : {}),
          ...(need.size.bandwidthMbps !== undefined ? { bandwidthMbps: need.size.bandwidthMbps } : {}),
          ...(args.bandwidthAnnotations !== undefined ? { bandwidthAnnotations: args.bandwidthAnnotations } : {}),
          ...storage,
        },
        parent,
      );
      this.outputs.hosts[product] = workload.summary;
      if (args.ingress) this.outputs.entryPoints[`${product}-web`] = { kind: "ingress", host: args.ingress.hosts[product]! };
      if (clientPorts(product).length > 0) this.outputs.entryPoints[`${product}-clients`] = { kind: "load-balancer", service: `${product}-clients`, ports: clientPorts(product) };
    }

    if (args.monitoring && bp.monitors.length > 0) {
      const ports: Record<string, string> = {};
      for (const m of bp.monitors) {
        if (m.kind !== "port") continue;
        if (m.check === "web" && "host" in m.target) ports[m.id] = `${m.target.host}.${namespaceName}.svc:${WEB_PORTS[0]}`;
        if (m.check === "backup-client" && "host" in m.target) ports[m.id] = `${m.target.host}-clients.${namespaceName}.svc:${m.port}`;
        if (m.check === "mysql" && "database" in m.target && args.database) {
          ports[m.id] = args.database.mode === "in-cluster" ? `${m.target.database}-db.${namespaceName}.svc:3306` : `${args.database.host}:${args.database.port ?? 3306}`;
        }
      }
      const hosts = Object.fromEntries(Object.entries(args.ingress?.hosts ?? {}).map(([product, host]) => [`${product}-web`, host!]));
      const monitors = new TenantMonitors(
        `${name}-monitors`,
        {
          namespace,
          namespaceName,
          tenant: bp.tenant,
          tags: bp.network.tags,
          monitors: bp.monitors,
          targets: { ports, hosts },
          prober: args.monitoring.prober,
          ...(args.monitoring.intervalSeconds ? { intervalSeconds: args.monitoring.intervalSeconds } : {}),
          periodSeconds: args.alerts?.periodSeconds ?? 300,
          ...(args.alerts?.ruleLabels ? { ruleLabels: args.alerts.ruleLabels } : {}),
        },
        parent,
      );
      this.outputs.monitors = { rendered: monitors.rendered, notRendered: monitors.notRendered };
    } else {
      this.outputs.monitors = { rendered: [], notRendered: bp.monitors.map((m) => ({ id: m.id, reason: "monitoring is not configured (tenantry:kubernetes.monitoring)" })) };
    }

    for (const need of bp.buckets) {
      const target = kubernetesBackupTarget(this, `${name}-${need.key}-storage`, need, args.backupStorage!);
      this.outputs.backupStorage[need.key] = target;
      // Only a MinIO bucket reports its size to the cluster's Prometheus (other stores: docs/kubernetes.md).
      if (need.target.target === "minio" && need.capacity && args.alerts?.enabled) {
        new CapacityRules(
          `${name}-${need.key}-capacity`,
          { namespace: namespaceName, tenant: bp.tenant, tags: need.tags, bucket: target.bucket, capacity: need.capacity, ...(args.alerts.ruleLabels ? { ruleLabels: args.alerts.ruleLabels } : {}) },
          { parent: this, dependsOn: [ns] },
        );
      }
    }

    let alertNames: string[] = [];
    if (args.alerts?.enabled && workloads.length > 0) {
      const { enabled: _, ruleLabels, ...timing } = args.alerts;
      const alerts = new AlertRules(
        `${name}-alerts`,
        {
          namespace: namespaceName,
          tenant: bp.tenant,
          tags: bp.network.tags,
          workloads: workloads.map((size) => ({ size, rules: bp.hosts.find((h) => h.key === size.product && size.kind === "server")?.alarms ?? [] })),
          ...(ruleLabels ? { ruleLabels } : {}),
          ...timing,
        },
        { parent: this, dependsOn: [ns] },
      );
      alertNames = alerts.alertNames;
    }
    const routing = args.alertRouting ? new AlertRouting(`${name}-alert-routing`, { namespace: namespaceName, tenant: bp.tenant, tags: bp.network.tags, ...args.alertRouting }, { parent: this, dependsOn: [ns] }) : undefined;
    for (const need of bp.hosts.filter((h) => h.key === "ops-server")) {
      this.outputs.hosts[need.key] = { role: "monitoring", alerts: alertNames, operatorGroup: args.operatorGroup, ...(routing ? { alertRoutes: routing.routes } : {}) };
    }

    this.registerOutputs(this.outputs);
  }
}
