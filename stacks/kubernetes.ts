/**
 * The `kubernetes` stack: every tenant of the fleet in one Kubernetes cluster, a namespace each.
 * Its configuration is the `tenantry:kubernetes` object of `stacks/Pulumi.<stack>.yaml`, validated
 * (with the fleet) before anything is registered. The provider comes from configuration (kubeconfig,
 * context), or renders YAML to a directory instead of applying (`provider.renderYamlToDirectory`).
 *
 * Credentials (an external database's password, the backup store's access secret, the registry
 * password) are set as Pulumi secrets inside the object, e.g.
 * `pulumi config set --secret --path 'tenantry:kubernetes.backupStorage.tenants.acme.accessSecret' ...`;
 * the program keeps them secret.
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { allowListSchema, InputError, notificationsSchema, serviceParamsProblems, serviceParamsSchema, SEVERITIES, validated, type BackupTargetKind, type Problem, type Severity, type TenantBlueprint } from "../components/core/index.js";
import {
  DEFAULT_NAMESPACE_PREFIX,
  isWorkloadProduct,
  KubernetesTenant,
  S3_DIALOG_TYPES,
  WORKLOAD_PRODUCTS,
  type KubernetesTenantOutputs,
  type WorkloadProduct,
} from "../components/kubernetes/index.js";
import { receiverName, unknownReceivers } from "../components/kubernetes/alert-routing.js";
import { KUBERNETES_DR_COPY_REFUSAL } from "../components/kubernetes/backup-storage.js";
import { UNDECRYPTED_SECRET } from "./stack-file.js";
import { backupTargetConfigShape, minioFactory, missingSecrets, s3CompatibleSecrets } from "./backup-targets.js";
import { alarmTiming, definedOnly, type CloudStack } from "./cloud-config.js";
import { tenantOptions } from "./freeze.js";

/** A strict object whose error for unknown keys lists the allowed ones. */
function strict<T extends z.core.$ZodLooseShape>(shape: T) {
  const allowed = Object.keys(shape).join(", ");
  return z.strictObject(shape, { error: (issue) => (issue.code === "unrecognized_keys" ? `is not a known key (allowed: ${allowed})` : undefined) });
}

const perProduct = <T extends z.ZodType>(value: T) =>
  z.strictObject(Object.fromEntries(WORKLOAD_PRODUCTS.map((p) => [p, value.optional()])) as Record<WorkloadProduct, z.ZodOptional<T>>, {
    error: (issue) => (issue.code === "unrecognized_keys" ? `is not a product that runs as a workload on Kubernetes (allowed: ${WORKLOAD_PRODUCTS.join(", ")}; the ops server's role here is monitoring)` : undefined),
  });

/** A container image reference: `[registry/]repository[:tag][@digest]`. */
const imageRef = z.string().regex(/^[a-z0-9]+([._\-/:][a-z0-9]+)*(:[\w][\w.-]{0,127})?(@sha256:[a-f0-9]{64})?$/, { error: "must be a container image reference, e.g. registry.example.com/anyshare:7.0" });
/** An absolute container path, without `.` or `..` segments, not `/` itself. */
const mountPath = z.string().regex(/^(\/(?!\.\.?(\/|$))[A-Za-z0-9._@+-]+)+$/, { error: "must be an absolute path such as /opt/anyshare/data (no . or .. segments)" });
const dnsName = z.string().regex(/^(?=.{1,253}$)[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/, { error: "must be a Kubernetes object name (lowercase letters, digits, '-' and '.')" });
const secretText = z.string({ error: "is required: set it as a Pulumi secret (pulumi config set --secret --path ...)" }).min(1);
const port = z.number().int().min(1).max(65535);
/** A webhook URL held as a Pulumi secret: https, unless it is the offline plan's undecrypted placeholder. */
const webhookUrl = z
  .string({ error: "is required: set it as a Pulumi secret (pulumi config set --secret --path ...)" })
  .refine((v) => v === UNDECRYPTED_SECRET || /^https:\/\/[^\s/?#@]+(\/\S*)?$/.test(v), { error: "must be an https:// URL (the webhook carries its token: keep it a Pulumi secret)" });
const tenantMap = <T extends z.ZodType>(value: T) => z.record(z.string(), value);

export const kubernetesStackConfigSchema = strict({
  /** Cloud-neutral service parameters (core `ServiceParams`): backup-client ports, middleware, login paths, DNS domain. */
  ...serviceParamsSchema.shape,
  /** Who may use the backup-client entry point (its LoadBalancer's source ranges). Required with AnyBackup. */
  clientCidrs: allowListSchema("the backup-client ports", true).optional(),
  provider: strict({
      kubeconfig: z.string().min(1).optional(),
      context: z.string().min(1).optional(),
      cluster: z.string().min(1).optional(),
      renderYamlToDirectory: z.string().min(1).optional(),
      enableServerSideApply: z.boolean().optional(),
    })
    .default({}),
  namespacePrefix: z.string().regex(/^[a-z][a-z0-9-]{0,30}$/, { error: "must be lowercase letters, digits and '-', starting with a letter (at most 31)" }).default(DEFAULT_NAMESPACE_PREFIX),
  /** Per product: its image, and the port and non-root user only the image decides (required: the documents give neither). */
  images: perProduct(
    strict({
      image: imageRef,
      port: z.number({ error: (issue) => (issue.input === undefined ? "is required: the port the image serves its web interface on (the vendor's image documentation gives it; no default)" : "must be a port number 1-65535") }).int().min(1).max(65535),
      runAsUser: z.number({ error: (issue) => (issue.input === undefined ? "is required: the non-root user id the image runs as (the vendor's image documentation gives it; no default)" : "must be a user id") }).int().min(1, { error: "must be a non-root user id (at least 1)" }),
      /** Where the image keeps its system and cache data (the volumes' mount paths). Default `DEFAULT_MOUNT_PATHS` (ours). */
      mountPaths: strict({ system: mountPath.optional(), cache: mountPath.optional() }).optional(),
    }),
  ).default({}),
  imagePullSecrets: z.array(dnsName).default([]),
  registry: strict({ server: z.string().min(1), username: z.string().min(1), password: secretText }).optional(),
  storageClass: dnsName.optional(),
  storageEncrypted: z.boolean({ error: (issue) => (issue.input === undefined ? "is required: whether the storage class encrypts volumes at rest (true or false)" : "must be true or false") }),
  writableRootFilesystem: z.array(z.enum(WORKLOAD_PRODUCTS)).default([]),
  bandwidthAnnotations: z.boolean().default(true),
  operatorGroup: z.string({ error: "is required: the group of each tenant's operators ({tenant} is replaced by the tenant id)" }).min(1),
  ingress: strict({
      namespace: dnsName,
      className: dnsName.optional(),
      hostTemplate: z.string().includes("{tenant}", { error: "must contain {tenant}: each tenant needs its own host names" }).optional(),
      tls: z.union([strict({ secretName: dnsName }), strict({ certManager: strict({ issuer: dnsName, kind: z.enum(["ClusterIssuer", "Issuer"]).default("ClusterIssuer") }) })], {
        error: "must be { secretName } (a TLS Secret in each tenant namespace) or { certManager: { issuer, kind } }",
      }),
    })
    .optional(),
  dns: strict({ namespace: dnsName, podLabels: z.record(z.string(), z.string()) }).optional(),
  database: z
    .discriminatedUnion("mode", [
      strict({ mode: z.literal("in-cluster"), image: imageRef, runAsUser: z.number().int().min(1).optional() }),
      strict({
        mode: z.literal("external"),
        port: port.default(3306),
        egressCidrs: allowListSchema("database egress", false).min(1),
        tenants: tenantMap(strict({ host: z.string().min(1), username: z.string().min(1), password: secretText })),
      }),
    ])
    .optional(),
  /** `same-cloud` backup targets: the cluster has no object storage of its own, so it is this S3-compatible store (a bucket on one of our clouds, or any S3 store) and each tenant's bucket and credentials on it. */
  backupStorage: strict({
      type: z.enum(S3_DIALOG_TYPES as unknown as [string, ...string[]], { error: `must be one of the dialog's S3 types: ${S3_DIALOG_TYPES.join(", ")}` }),
      serviceHost: z.string().regex(/^[A-Za-z0-9.-]+(:\d{1,5})?$/, { error: "must be a host name or address, with an optional :port (no scheme)" }),
      egressCidrs: allowListSchema("object-storage egress", true).min(1),
      tenants: tenantMap(strict({ bucket: z.string().min(3), accessId: z.string().min(1), accessSecret: secretText })),
    })
    .optional(),
  /** `minio` backup targets: the MinIO server (as the other clouds' stacks take it) and the CIDRs AnyBackup reaches it at. */
  minio: backupTargetConfigShape.minio.unwrap().extend({ egressCidrs: allowListSchema("MinIO egress", true).min(1) }).optional(),
  /** `s3-compatible` (bring-your-own) backup targets: per tenant, the CIDRs of its store's endpoint (the manifest gives the endpoint). */
  s3CompatibleEgress: tenantMap(allowListSchema("object-storage egress", true).min(1)).default({}),
  /** Where the cluster's Prometheus (prometheus-operator) and blackbox exporter run: renders the blueprint's monitors. */
  monitoring: strict({ namespace: dnsName, prober: z.string().regex(/^[A-Za-z0-9.-]+:\d{1,5}$/, { error: "must be host:port of the blackbox exporter" }), intervalSeconds: z.number().int().min(10).optional() }).optional(),
  prometheusRules: strict({ enabled: z.boolean().default(true), labels: z.record(z.string(), z.string()).default({}) }).optional(),
  /**
   * Alert routing by severity (the other clouds' `notifications`): an AlertmanagerConfig per tenant
   * namespace sending the tenant's alerts of each severity to these webhook receivers, whose URLs
   * are Pulumi secrets (https; the offline plan cannot decrypt them and does not check them).
   */
  alertRouting: strict({
    receivers: z.record(receiverName, strict({ webhookUrl: webhookUrl })).refine((r) => Object.keys(r).length > 0, { error: "must name at least one receiver" }),
    routes: strict(Object.fromEntries(SEVERITIES.map((s) => [s, z.array(receiverName).optional()])) as Record<Severity, z.ZodOptional<z.ZodArray<typeof receiverName>>>),
    silence: notificationsSchema.shape.silence,
    /** Labels the cluster's Alertmanager selects AlertmanagerConfigs by (`alertmanagerConfigSelector`). */
    labels: z.record(z.string(), z.string()).default({}),
  }).optional(),
  alarmPeriodSeconds: z.number().int().optional(),
  alarmEvaluationPeriods: z.number().int().optional(),
  freeStoragePercent: z.number().optional(),
});

export type KubernetesStackConfig = z.output<typeof kubernetesStackConfigSchema>;

const HOST = /^(?=.{1,253}$)([a-z0-9]([-a-z0-9]*[a-z0-9])?\.)+[a-z]([-a-z0-9]*[a-z0-9])?$/;

/** A tenant's host name for a product, from the template. */
export function hostFor(template: string, tenant: string, product: string): string {
  return template.replaceAll("{tenant}", tenant).replaceAll("{product}", product);
}

/** Validates the `tenantry:kubernetes` object against the schema and against what the fleet needs. */
export function readKubernetesStackConfig(raw: unknown, blueprints: readonly TenantBlueprint[]): KubernetesStackConfig {
  const prefix = "tenantry:kubernetes.";
  const config = validated(kubernetesStackConfigSchema, raw ?? {}, "stack configuration", prefix);
  const problems: Problem[] = [];
  const products = new Set(blueprints.flatMap((b) => b.hosts.map((h) => h.key)));
  for (const p of WORKLOAD_PRODUCTS) {
    if (products.has(p) && !config.images[p]) problems.push({ path: `${prefix}images.${p}`, message: "is required: a tenant runs this product ({ image, port, runAsUser })" });
  }
  if ([...products].some(isWorkloadProduct)) {
    if (!config.ingress) problems.push({ path: `${prefix}ingress`, message: "is required: tenants' products are reached through the ingress controller (namespace, tls; hostTemplate without dnsDomain)" });
    else problems.push(...hostTemplateProblems(config.ingress.hostTemplate, blueprints, `${prefix}ingress.hostTemplate`));
  }
  if (products.has("anybackup-cloud") && config.clientCidrs === undefined) {
    problems.push({ path: `${prefix}clientCidrs`, message: "is required: a tenant runs AnyBackup, whose backup-client ports are reached from these networks (CIDRs)" });
  }
  problems.push(...serviceParamsProblems(config, products, prefix));
  for (const b of blueprints) {
    const ns = `${config.namespacePrefix}${b.tenant}`;
    if (ns.length > 63) problems.push({ path: `${prefix}namespacePrefix`, message: `gives the namespace ${ns}, longer than 63 characters`, received: config.namespacePrefix });
  }
  // Entries for tenants this stack does not build are ignored: a tenant stack (tenantry:select), or a
  // plan over a subset of the fleet, shares one configuration with the rest of the fleet.
  const withDatabase = blueprints.filter((b) => b.databases.length > 0).map((b) => b.tenant);
  if (withDatabase.length > 0 && !config.database) {
    problems.push({ path: `${prefix}database`, message: "is required: a tenant runs AnyShare ({ mode: in-cluster, image } or { mode: external, egressCidrs, tenants })" });
  }
  if (config.database?.mode === "external") {
    for (const id of withDatabase) {
      if (!config.database.tenants[id]) problems.push({ path: `${prefix}database.tenants.${id}`, message: "is required: the tenant runs AnyShare (host, username, password)" });
    }
  }
  problems.push(...backupTargetConfigProblems(config, blueprints, prefix));
  if (config.backupStorage) {
    const buckets = Object.entries(config.backupStorage.tenants).map(([, t]) => t.bucket);
    const shared = buckets.filter((b, i) => buckets.indexOf(b) !== i);
    for (const b of new Set(shared)) problems.push({ path: `${prefix}backupStorage.tenants`, message: `give the bucket ${b} to more than one tenant: each tenant needs its own` });
  }
  if (config.alertRouting) {
    problems.push(...unknownReceivers(config.alertRouting.routes, Object.keys(config.alertRouting.receivers), `${prefix}alertRouting.routes`));
    if (!config.prometheusRules?.enabled && !config.monitoring) {
      problems.push({ path: `${prefix}alertRouting`, message: "routes alerts that only prometheusRules (enabled) or monitoring create: configure one of them" });
    }
  }
  if (problems.length > 0) throw new InputError("stack configuration", problems);
  return config;
}

/**
 * What the ingress host template must give: a DNS host name for every workload of every tenant whose
 * entry point has no DNS name of its own (the blueprint gives one with the service parameter
 * `dnsDomain`; `hostOf` uses it), and so is required when one has none.
 */
export function hostTemplateProblems(template: string | undefined, blueprints: readonly TenantBlueprint[], path: string): Problem[] {
  const problems: Problem[] = [];
  for (const b of blueprints) {
    for (const h of b.hosts.filter((h) => isWorkloadProduct(h.key) && dnsNameOf(b, h.key as WorkloadProduct) === undefined)) {
      if (template === undefined) return [{ path, message: "is required without dnsDomain: the host name of each tenant's product, e.g. {product}.{tenant}.apps.example.com" }];
      const host = hostFor(template, b.tenant, h.key);
      if (!HOST.test(host)) problems.push({ path, message: `gives ${host} for tenant ${b.tenant}, which is not a DNS host name`, received: template });
    }
  }
  return problems;
}

/** The DNS name of a tenant's product's web entry point (with the service parameter `dnsDomain`). */
function dnsNameOf(bp: TenantBlueprint, product: WorkloadProduct): string | undefined {
  return bp.entryPoints.find((e) => e.key === `${product}-web`)?.dnsName;
}

/** The tenants whose backup target is of `kind`. */
function withTarget(blueprints: readonly TenantBlueprint[], kind: BackupTargetKind): string[] {
  return blueprints.filter((b) => b.buckets.some((n) => n.target.target === kind)).map((b) => b.tenant);
}

/**
 * What the fleet's backup targets need from the configuration: the store of `same-cloud` tenants
 * (`backupStorage`, with each one's bucket), the MinIO server of `minio` tenants, the egress CIDRs
 * and config secret of each bring-your-own tenant; `dr-copy` is refused (no object storage of the
 * cluster's own to copy from).
 */
function backupTargetConfigProblems(config: KubernetesStackConfig, blueprints: readonly TenantBlueprint[], prefix: string): Problem[] {
  const problems: Problem[] = [];
  for (const id of withTarget(blueprints, "dr-copy")) {
    problems.push({ path: `${prefix}backupStorage`, message: `cannot serve ${id}'s backup target (its manifest's backup.target, or tenantry:backupTarget): ${KUBERNETES_DR_COPY_REFUSAL}`, received: "dr-copy" });
  }
  const sameCloud = withTarget(blueprints, "same-cloud");
  if (sameCloud.length > 0 && !config.backupStorage) {
    problems.push({ path: `${prefix}backupStorage`, message: `is required: ${sameCloud.join(", ")} keep backups on the stack's S3-compatible store (target same-cloud: type, serviceHost, egressCidrs, and per tenant bucket, accessId, accessSecret)` });
  }
  for (const id of config.backupStorage ? sameCloud : []) {
    if (!config.backupStorage!.tenants[id]) problems.push({ path: `${prefix}backupStorage.tenants.${id}`, message: "is required: the tenant keeps its backups on the stack's store (bucket, accessId, accessSecret)" });
  }
  const onMinio = withTarget(blueprints, "minio");
  if (onMinio.length > 0 && !config.minio) {
    problems.push({ path: `${prefix}minio`, message: `is required: ${onMinio.join(", ")} store on MinIO ({ endpoint: https://..., storageType: <the dialog's type>, egressCidrs }; the server's admin login is the minio provider's config)` });
  }
  for (const id of withTarget(blueprints, "s3-compatible")) {
    if (!config.s3CompatibleEgress[id]) problems.push({ path: `${prefix}s3CompatibleEgress.${id}`, message: "is required: the tenant brings its own S3-compatible store (the CIDRs of its endpoint, which AnyBackup may reach)" });
  }
  problems.push(...missingSecrets(blueprints));
  return problems;
}

/** The host name of a tenant's product: its entry point's DNS name (with `dnsDomain`), else from the template. */
function hostOf(bp: TenantBlueprint, product: WorkloadProduct, config: KubernetesStackConfig): string {
  return dnsNameOf(bp, product) ?? hostFor(config.ingress!.hostTemplate!, bp.tenant, product);
}

/** Registers every tenant of the fleet in the cluster; returns each tenant's outputs by tenant id. */
export function kubernetesStack(blueprints: readonly TenantBlueprint[], config: KubernetesStackConfig): Promise<Record<string, KubernetesTenantOutputs>> {
  return kubernetesTenants(blueprints, config, {});
}

/** No fleet-wide resources on Kubernetes: every stack (all, or a tenant stack) has its own provider. */
export type KubernetesFleetOutputs = Record<string, never>;

/** Registers the given tenants, each in its own namespace, through the stack's provider. */
export async function kubernetesTenants(blueprints: readonly TenantBlueprint[], config: KubernetesStackConfig, _fleet: KubernetesFleetOutputs): Promise<Record<string, KubernetesTenantOutputs>> {
  const provider = new k8s.Provider("kubernetes", definedOnly(config.provider));
  const db = config.database;
  const s3 = config.backupStorage;
  // @pulumi/minio (an optional peer dependency) is loaded only when a tenant stores on MinIO; its
  // resources use the default minio provider (minio:minioServer, minio:minioUser, ...).
  const minio = config.minio ? await minioFactory(blueprints, { drRegions: {}, minio: config.minio }) : undefined;
  const secrets = s3CompatibleSecrets(blueprints);
  /** What the tenant's backup target needs, with the CIDRs of its endpoint. */
  const backupStorage = (bp: TenantBlueprint) => {
    const target = bp.buckets[0]?.target;
    if (!target) return {};
    const id = bp.tenant;
    switch (target.target) {
      case "same-cloud": {
        const own = s3?.tenants[id];
        if (!s3 || !own) return {};
        const store = { type: s3.type as (typeof S3_DIALOG_TYPES)[number], serviceHost: s3.serviceHost, bucket: own.bucket, accessId: own.accessId, accessSecret: pulumi.secret(own.accessSecret) };
        return { backupStorage: { store, egressCidrs: s3.egressCidrs } };
      }
      case "minio":
        return minio && config.minio ? { backupStorage: { minio: { server: config.minio, factory: minio }, egressCidrs: config.minio.egressCidrs } } : {};
      case "s3-compatible":
        return secrets[id] && config.s3CompatibleEgress[id] ? { backupStorage: { s3CompatibleSecret: secrets[id], egressCidrs: config.s3CompatibleEgress[id] } } : {};
      case "dr-copy":
        return {};
    }
  };
  const rules = config.prometheusRules;
  const routing = config.alertRouting;
  return Object.fromEntries(
    blueprints.map((bp) => {
      const id = bp.tenant;
      const tenant = new KubernetesTenant(
        id,
        {
          blueprint: bp,
          namespace: `${config.namespacePrefix}${id}`,
          images: config.images,
          imagePullSecrets: config.imagePullSecrets,
          ...(config.registry ? { registry: { ...config.registry, password: pulumi.secret(config.registry.password) } } : {}),
          ...definedOnly({ storageClass: config.storageClass, dns: config.dns }),
          storageEncrypted: config.storageEncrypted,
          writableRootFilesystem: config.writableRootFilesystem,
          bandwidthAnnotations: config.bandwidthAnnotations,
          operatorGroup: config.operatorGroup.replaceAll("{tenant}", id),
          ...(config.ingress
            ? {
                ingress: {
                  namespace: config.ingress.namespace,
                  ...definedOnly({ className: config.ingress.className }),
                  hosts: Object.fromEntries(WORKLOAD_PRODUCTS.filter((p) => bp.hosts.some((h) => h.key === p)).map((p) => [p, hostOf(bp, p, config)])),
                  tls: config.ingress.tls,
                },
              }
            : {}),
          ...(db?.mode === "in-cluster" ? { database: { mode: "in-cluster", image: db.image, ...definedOnly({ runAsUser: db.runAsUser }) } } : {}),
          ...(db?.mode === "external" && db.tenants[id]
            ? { database: { mode: "external", port: db.port, egressCidrs: db.egressCidrs, host: db.tenants[id].host, username: db.tenants[id].username, password: pulumi.secret(db.tenants[id].password) } }
            : {}),
          ...backupStorage(bp),
          ...(config.clientCidrs ? { clientCidrs: config.clientCidrs } : {}),
          ...(config.monitoring ? { monitoring: { namespace: config.monitoring.namespace, prober: config.monitoring.prober, ...definedOnly({ intervalSeconds: config.monitoring.intervalSeconds }) } } : {}),
          ...(rules ? { alerts: { enabled: rules.enabled, ruleLabels: rules.labels, ...alarmTiming(config) } } : {}),
          ...(routing
            ? {
                alertRouting: {
                  receivers: Object.fromEntries(Object.entries(routing.receivers).map(([r, v]) => [r, { webhookUrl: pulumi.secret(v.webhookUrl) }])),
                  routes: routing.routes,
                  labels: routing.labels,
                  ...(routing.silence ? { silence: routing.silence } : {}),
                },
              }
            : {}),
        },
        { providers: [provider], ...tenantOptions(bp) },
      );
      return [id, tenant.outputs];
    }),
  );
}

/** The kubernetes stack's parts, as the program composes them per stack role. */
export const kubernetesCloud: CloudStack<KubernetesStackConfig, KubernetesFleetOutputs> = {
  readConfig: readKubernetesStackConfig,
  fleet: () => ({}),
  fleetOutputs: [],
  tenants: kubernetesTenants,
};
