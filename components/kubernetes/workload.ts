/**
 * One workload of a tenant (a product server, or the in-cluster database) as a StatefulSet of one
 * pod whose requests and limits are the documented vCPU and memory, with a PersistentVolumeClaim of
 * the documented size per documented disk (retained on delete), its own ServiceAccount (no API
 * token mounted), the `restricted` pod security settings, TCP probes, a PodDisruptionBudget, a
 * Service and, for web-facing workloads, an Ingress. The documented bandwidth is applied with the
 * CNI bandwidth annotations, or only reported.
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { retainedTags, validated, type Tags } from "../core/index.js";
import { COMPONENT_LABEL, metadataOf, selectorLabels } from "./labels.js";
import { cpuQuantity, gibQuantity, type VolumeRole, type WorkloadSize } from "./sizing.js";

/** The CNI bandwidth plugin's pod annotations (values in bit/s as quantities: `5M` is 5 Mbit/s). */
export const BANDWIDTH_ANNOTATIONS = { ingress: "kubernetes.io/ingress-bandwidth", egress: "kubernetes.io/egress-bandwidth" } as const;

/** Where each volume is mounted, by default (Tenantry's choice; the vendor images decide the real paths). */
export const DEFAULT_MOUNT_PATHS: Readonly<Record<VolumeRole, string>> = { system: "/data/system", cache: "/data/cache", data: "/var/lib/mysql" };

/** How the Ingress gets its certificate: a TLS Secret in the tenant's namespace, or cert-manager. */
export type TlsSource = { readonly secretName: string } | { readonly certManager: { readonly issuer: string; readonly kind: "ClusterIssuer" | "Issuer" } };

export interface WebExposure {
  readonly host: string;
  readonly ingressClassName?: string;
  readonly tls: TlsSource;
}

export interface TenantWorkloadArgs {
  readonly namespace: pulumi.Input<string>;
  readonly tenant: string;
  readonly tags: Tags;
  /** Its documented size (from `tenantWorkloads`). */
  readonly size: WorkloadSize;
  /** The container image (the products are delivered as images). */
  readonly image: pulumi.Input<string>;
  /** Pull Secrets in the namespace. Default: none. */
  readonly imagePullSecrets?: readonly string[];
  /** The container port it serves on (TCP probes use it too). */
  readonly port: number;
  /** The Service's port. Default: `port`. */
  readonly servicePort?: number;
  /** The container port's name (probes use it). Default: `http`. */
  readonly portName?: string;
  /** The storage class of its volumes. Default: the cluster's default class. */
  readonly storageClass?: string;
  /** Whether that storage class encrypts volumes at rest (recorded for the policy packs). */
  readonly storageEncrypted: boolean;
  /** Where each volume is mounted. Default: `DEFAULT_MOUNT_PATHS`. */
  readonly mountPaths?: Partial<Record<VolumeRole, string>>;
  /** Writable scratch directories (emptyDir) for a read-only root filesystem. Default `/tmp`. */
  readonly scratchPaths?: readonly string[];
  readonly runAsUser: number;
  /** Default `true`; `false` where the product cannot run with a read-only root filesystem. */
  readonly readOnlyRootFilesystem?: boolean;
  /** Environment from these Secrets (e.g. database connection settings). Default: none. */
  readonly envFromSecrets?: readonly pulumi.Input<string>[];
  /** Exposed through the ingress controller. Default: not exposed. */
  readonly web?: WebExposure;
  /** More named container ports (e.g. middleware metrics). Default: none. */
  readonly extraPorts?: readonly { readonly name: string; readonly port: number }[];
  /** TCP ports reached from outside the cluster through a LoadBalancer Service (`<name>-clients`), from these source ranges. Default: none. */
  readonly clients?: { readonly ports: readonly number[]; readonly sourceRanges: readonly string[] };
  /** Documented bandwidth in Mbit/s. Default: no bandwidth limit. */
  readonly bandwidthMbps?: number;
  /** Apply the bandwidth with the CNI bandwidth annotations (needs the bandwidth plugin). Default `true`. */
  readonly bandwidthAnnotations?: boolean;
  /** Keep the volumes when removed from the program. Default `true`. */
  readonly retainOnDelete?: boolean;
  /** Keep the StatefulSet itself too (the in-cluster database). Default `false`. */
  readonly retainWorkload?: boolean;
}

const hostname = z.string().regex(/^(?=.{1,253}$)([a-z0-9]([-a-z0-9]*[a-z0-9])?\.)+[a-z]([-a-z0-9]*[a-z0-9])?$/, { error: "must be a DNS host name in lowercase, e.g. docs.acme.example.com" });
const argsSchema = z.object({
  size: z.object({ vcpu: z.number().positive(), memoryGiB: z.number().positive(), volumes: z.array(z.object({ sizeGiB: z.number().positive() })) }),
  port: z.number().int().min(1).max(65535),
  servicePort: z.number().int().min(1).max(65535).optional(),
  runAsUser: z.number().int().min(1, { error: "must be a non-root user id (at least 1)" }),
  web: z.object({ host: hostname }).optional(),
  bandwidthMbps: z.number().positive().optional(),
  bandwidthAnnotations: z.boolean().default(true),
  readOnlyRootFilesystem: z.boolean().default(true),
  retainOnDelete: z.boolean().default(true),
  retainWorkload: z.boolean().default(false),
  scratchPaths: z.array(z.string().startsWith("/")).default(["/tmp"]),
});

/** The container security settings of the `restricted` Pod Security Standard. */
export function restrictedSecurityContext(readOnlyRootFilesystem: boolean) {
  return { allowPrivilegeEscalation: false, privileged: false, readOnlyRootFilesystem, runAsNonRoot: true, capabilities: { drop: ["ALL"] }, seccompProfile: { type: "RuntimeDefault" } };
}

export interface WorkloadSummary {
  kind: "StatefulSet";
  name: string;
  namespace: pulumi.Output<string>;
  vcpu: number;
  memoryGiB: number;
  documentedRow: string;
  volumes: Record<string, number>;
  serviceHost: pulumi.Output<string>;
  url?: string;
  bandwidthMbps?: number;
  /** How the documented bandwidth is applied: `cni-annotations`, or `reported` (not enforced). */
  bandwidth?: "cni-annotations" | "reported";
}

export class TenantWorkload extends pulumi.ComponentResource {
  public readonly summary: WorkloadSummary;

  constructor(name: string, args: TenantWorkloadArgs, opts?: pulumi.ComponentResourceOptions) {
    super("tenantry:kubernetes:Workload", name, {}, opts);
    const a = validated(argsSchema, args, `arguments of TenantWorkload ${name}`, "args.");
    const parent = { parent: this };
    const w = args.size;
    const meta = metadataOf(args.tags);
    const ns = args.namespace;
    const selector = selectorLabels(args.tenant, w.name);
    const labels = { ...meta.labels, ...selector, [COMPONENT_LABEL]: w.kind };
    const objectMeta = (objectName: string, extra: Record<string, string> = {}) => ({ name: objectName, namespace: ns, labels, annotations: { ...meta.annotations, ...extra } });
    const portName = args.portName ?? "http";

    const account = new k8s.core.v1.ServiceAccount(`${name}-sa`, { metadata: objectMeta(w.name), automountServiceAccountToken: false }, parent);

    const keptMeta = metadataOf(retainedTags(args.tags, a.retainOnDelete));
    const storage = `${args.storageEncrypted}`;
    const claims = w.volumes.map(
      (v) =>
        new k8s.core.v1.PersistentVolumeClaim(
          `${name}-${v.role}`,
          {
            metadata: {
              name: `${w.name}-${v.role}`,
              namespace: ns,
              labels: { ...keptMeta.labels, ...selector, [COMPONENT_LABEL]: w.kind, "tenantry/volume": v.role },
              annotations: { ...keptMeta.annotations, "tenantry/storage-encrypted": storage },
            },
            spec: {
              accessModes: ["ReadWriteOnce"],
              resources: { requests: { storage: gibQuantity(v.sizeGiB) } },
              ...(args.storageClass ? { storageClassName: args.storageClass } : {}),
            },
          },
          { parent: this, retainOnDelete: a.retainOnDelete },
        ),
    );

    const bandwidth = a.bandwidthMbps !== undefined && a.bandwidthAnnotations ? `${a.bandwidthMbps}M` : undefined;
    const podAnnotations = { ...meta.annotations, ...(bandwidth ? { [BANDWIDTH_ANNOTATIONS.ingress]: bandwidth, [BANDWIDTH_ANNOTATIONS.egress]: bandwidth } : {}) };
    const resources = { cpu: cpuQuantity(w.vcpu), memory: gibQuantity(w.memoryGiB) };
    const mountPaths = { ...DEFAULT_MOUNT_PATHS, ...args.mountPaths };
    const tcp = { tcpSocket: { port: portName } };
    const podSecurity = { runAsNonRoot: true, runAsUser: a.runAsUser, runAsGroup: a.runAsUser, fsGroup: a.runAsUser, seccompProfile: { type: "RuntimeDefault" } };
    const set = new k8s.apps.v1.StatefulSet(
      `${name}-statefulset`,
      {
        metadata: objectMeta(w.name, { "tenantry/storage-encrypted": storage }),
        spec: {
          replicas: 1,
          serviceName: w.name,
          selector: { matchLabels: selector },
          template: {
            metadata: { labels, annotations: podAnnotations },
            spec: {
              serviceAccountName: account.metadata.name,
              automountServiceAccountToken: false,
              enableServiceLinks: false,
              securityContext: podSecurity,
              ...(args.imagePullSecrets?.length ? { imagePullSecrets: args.imagePullSecrets.map((s) => ({ name: s })) } : {}),
              containers: [
                {
                  name: w.name,
                  image: args.image,
                  ports: [
                    { name: portName, containerPort: a.port, protocol: "TCP" },
                    ...(args.extraPorts ?? []).map((p) => ({ name: p.name, containerPort: p.port, protocol: "TCP" })),
                    ...(args.clients?.ports ?? []).map((p) => ({ name: `client-${p}`, containerPort: p, protocol: "TCP" })),
                  ],
                  resources: { requests: resources, limits: resources },
                  securityContext: restrictedSecurityContext(a.readOnlyRootFilesystem),
                  ...(args.envFromSecrets?.length ? { envFrom: args.envFromSecrets.map((s) => ({ secretRef: { name: s } })) } : {}),
                  volumeMounts: [
                    ...w.volumes.map((v) => ({ name: v.role, mountPath: mountPaths[v.role] })),
                    ...a.scratchPaths.map((path, i) => ({ name: `scratch-${i}`, mountPath: path })),
                  ],
                  startupProbe: { ...tcp, periodSeconds: 10, failureThreshold: 60 },
                  readinessProbe: { ...tcp, periodSeconds: 10, failureThreshold: 3 },
                  livenessProbe: { ...tcp, periodSeconds: 20, failureThreshold: 3 },
                },
              ],
              volumes: [
                ...w.volumes.map((v, i) => ({ name: v.role, persistentVolumeClaim: { claimName: claims[i]!.metadata.name } })),
                ...a.scratchPaths.map((_, i) => ({ name: `scratch-${i}`, emptyDir: {} })),
              ],
            },
          },
        },
      },
      { parent: this, ...(a.retainWorkload ? { retainOnDelete: true } : {}) },
    );
    const service = new k8s.core.v1.Service(
      `${name}-service`,
      { metadata: objectMeta(w.name), spec: { type: "ClusterIP", selector, ports: [{ name: portName, port: a.servicePort ?? a.port, targetPort: portName, protocol: "TCP" }] } },
      { parent: this, dependsOn: [set] },
    );
    if (args.clients) {
      new k8s.core.v1.Service(
        `${name}-clients`,
        {
          metadata: objectMeta(`${w.name}-clients`),
          spec: {
            type: "LoadBalancer",
            externalTrafficPolicy: "Local",
            loadBalancerSourceRanges: [...args.clients.sourceRanges],
            selector,
            ports: args.clients.ports.map((p) => ({ name: `client-${p}`, port: p, targetPort: `client-${p}`, protocol: "TCP" })),
          },
        },
        { parent: this, dependsOn: [set] },
      );
    }
    new k8s.policy.v1.PodDisruptionBudget(
      `${name}-pdb`,
      { metadata: objectMeta(w.name), spec: { minAvailable: 1, selector: { matchLabels: selector }, unhealthyPodEvictionPolicy: "AlwaysAllow" } },
      parent,
    );

    if (args.web) {
      const tls = args.web.tls;
      const secretName = "secretName" in tls ? tls.secretName : `${w.name}-tls`;
      const issuer = "certManager" in tls ? { [tls.certManager.kind === "ClusterIssuer" ? "cert-manager.io/cluster-issuer" : "cert-manager.io/issuer"]: tls.certManager.issuer } : {};
      new k8s.networking.v1.Ingress(
        `${name}-ingress`,
        {
          metadata: objectMeta(w.name, issuer),
          spec: {
            ...(args.web.ingressClassName ? { ingressClassName: args.web.ingressClassName } : {}),
            tls: [{ hosts: [args.web.host], secretName }],
            rules: [
              {
                host: args.web.host,
                http: { paths: [{ path: "/", pathType: "Prefix", backend: { service: { name: service.metadata.name, port: { name: portName } } } }] },
              },
            ],
          },
        },
        parent,
      );
    }

    this.summary = {
      kind: "StatefulSet",
      name: w.name,
      namespace: pulumi.output(ns),
      vcpu: w.vcpu,
      memoryGiB: w.memoryGiB,
      documentedRow: `${w.source.table}: ${w.source.row}`,
      volumes: Object.fromEntries(w.volumes.map((v) => [v.role, v.sizeGiB])),
      serviceHost: pulumi.interpolate`${service.metadata.name}.${ns}.svc`,
      ...(args.web ? { url: `https://${args.web.host}/` } : {}),
      ...(a.bandwidthMbps !== undefined ? { bandwidthMbps: a.bandwidthMbps, bandwidth: bandwidth ? ("cni-annotations" as const) : ("reported" as const) } : {}),
    };
    this.registerOutputs({ summary: this.summary });
  }
}
