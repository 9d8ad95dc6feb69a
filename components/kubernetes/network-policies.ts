/**
 * A tenant namespace's NetworkPolicies: deny all ingress and egress, then allow only what the
 * services need: traffic within the namespace, the ingress controller's namespace to the web
 * ports, DNS, and egress to the configured object-storage and database endpoints.
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { allowListSchema, validated, type Tags } from "../core/index.js";
import { INSTANCE_LABEL, metadataOf, NAME_LABEL } from "./labels.js";

/** The label every namespace carries with its own name (Kubernetes 1.21+). */
export const NAMESPACE_NAME_LABEL = "kubernetes.io/metadata.name";

/** Where cluster DNS runs, by default (Tenantry's choice: the kube-dns / CoreDNS convention). */
export const DEFAULT_DNS = { namespace: "kube-system", podLabels: { "k8s-app": "kube-dns" } } as const;
export const DNS_PORT = 53;

export interface EgressAllowance {
  /** Stable id, used in names: `object-storage`, `database`. */
  readonly id: string;
  /** The workload (its `app.kubernetes.io/name`) allowed out. */
  readonly workload: string;
  readonly cidrs: readonly string[];
  readonly ports: readonly number[];
}

export interface NetworkIsolationArgs {
  readonly namespace: pulumi.Input<string>;
  readonly tenant: string;
  readonly tags: Tags;
  /** Workloads reachable from the ingress controller, with the container port it may reach. */
  readonly web: readonly { readonly workload: string; readonly port: number }[];
  /** The ingress controller's namespace. Required when `web` is not empty. */
  readonly ingressNamespace?: string;
  /** Where cluster DNS runs. Default: kube-system, pods labelled `k8s-app: kube-dns`. */
  readonly dns?: { readonly namespace: string; readonly podLabels: Readonly<Record<string, string>> };
  /** Egress allowed beyond the namespace and DNS (database and object-storage endpoints). Default: none. */
  readonly egress?: readonly EgressAllowance[];
  /** Workloads reached from outside the cluster (backup clients), from these CIDRs on these ports. Default: none. */
  readonly clients?: readonly { readonly workload: string; readonly cidrs: readonly string[]; readonly ports: readonly number[] }[];
  /** The namespace the cluster's Prometheus and blackbox exporter run in, and the ports they scrape or probe. Default: no scraping allowed in. */
  readonly monitoring?: { readonly namespace: string; readonly ports: readonly number[] };
}

const port = z.number().int().min(1).max(65535);
const argsSchema = z
  .object({
    tenant: z.string().min(1),
    web: z.array(z.object({ workload: z.string(), port })),
    ingressNamespace: z.string().min(1).optional(),
    dns: z.object({ namespace: z.string().min(1), podLabels: z.record(z.string(), z.string()) }).default(DEFAULT_DNS),
    egress: z.array(z.object({ id: z.string().regex(/^[a-z][a-z0-9-]*$/), workload: z.string(), cidrs: allowListSchema("egress", true).min(1), ports: z.array(port).min(1) })).default([]),
    clients: z.array(z.object({ workload: z.string(), cidrs: allowListSchema("the backup-client ports", true).min(1), ports: z.array(port).min(1) })).default([]),
    monitoring: z.object({ namespace: z.string().min(1), ports: z.array(port) }).optional(),
  })
  .refine((a) => a.web.length === 0 || a.ingressNamespace !== undefined, { path: ["ingressNamespace"], error: "is required: a workload is reachable through the ingress controller" });

type Spec = k8s.types.input.networking.v1.NetworkPolicySpec;

/** The policies' specs, by stable id: pure, so that tests can evaluate them. */
export function networkPolicySpecs(a: z.output<typeof argsSchema>): { id: string; spec: Spec }[] {
  const pods = (workload: string) => ({ matchLabels: { [NAME_LABEL]: workload, [INSTANCE_LABEL]: a.tenant } });
  const specs: { id: string; spec: Spec }[] = [
    { id: "deny-all", spec: { podSelector: {}, policyTypes: ["Ingress", "Egress"] } },
    {
      id: "allow-same-namespace",
      spec: { podSelector: {}, policyTypes: ["Ingress", "Egress"], ingress: [{ from: [{ podSelector: {} }] }], egress: [{ to: [{ podSelector: {} }] }] },
    },
    {
      id: "allow-dns",
      spec: {
        podSelector: {},
        policyTypes: ["Egress"],
        egress: [
          {
            to: [{ namespaceSelector: { matchLabels: { [NAMESPACE_NAME_LABEL]: a.dns.namespace } }, podSelector: { matchLabels: { ...a.dns.podLabels } } }],
            ports: [{ protocol: "UDP", port: DNS_PORT }, { protocol: "TCP", port: DNS_PORT }],
          },
        ],
      },
    },
  ];
  for (const w of a.web) {
    specs.push({
      id: `allow-ingress-${w.workload}`,
      spec: {
        podSelector: pods(w.workload),
        policyTypes: ["Ingress"],
        ingress: [{ from: [{ namespaceSelector: { matchLabels: { [NAMESPACE_NAME_LABEL]: a.ingressNamespace! } } }], ports: [{ protocol: "TCP", port: w.port }] }],
      },
    });
  }
  for (const c of a.clients) {
    specs.push({
      id: `allow-clients-${c.workload}`,
      spec: { podSelector: pods(c.workload), policyTypes: ["Ingress"], ingress: [{ from: c.cidrs.map((cidr) => ({ ipBlock: { cidr } })), ports: c.ports.map((p) => ({ protocol: "TCP", port: p })) }] },
    });
  }
  if (a.monitoring && a.monitoring.ports.length > 0) {
    specs.push({
      id: "allow-monitoring",
      spec: {
        podSelector: {},
        policyTypes: ["Ingress"],
        ingress: [{ from: [{ namespaceSelector: { matchLabels: { [NAMESPACE_NAME_LABEL]: a.monitoring.namespace } } }], ports: [...new Set(a.monitoring.ports)].map((p) => ({ protocol: "TCP", port: p })) }],
      },
    });
  }
  for (const e of a.egress) {
    specs.push({
      id: `allow-${e.id}`,
      spec: {
        podSelector: pods(e.workload),
        policyTypes: ["Egress"],
        egress: [{ to: e.cidrs.map((cidr) => ({ ipBlock: { cidr } })), ports: e.ports.map((p) => ({ protocol: "TCP", port: p })) }],
      },
    });
  }
  return specs;
}

export class NetworkIsolation extends pulumi.ComponentResource {
  /** The policies' names in the namespace. */
  public readonly policyNames: string[];

  constructor(name: string, args: NetworkIsolationArgs, opts?: pulumi.ComponentResourceOptions) {
    super("tenantry:kubernetes:NetworkIsolation", name, {}, opts);
    const a = validated(argsSchema, args, `arguments of NetworkIsolation ${name}`, "args.");
    const meta = metadataOf(args.tags);
    const specs = networkPolicySpecs(a);
    for (const { id, spec } of specs) {
      new k8s.networking.v1.NetworkPolicy(`${name}-${id}`, { metadata: { name: id, namespace: args.namespace, ...meta }, spec }, { parent: this });
    }
    this.policyNames = specs.map((s) => s.id);
    this.registerOutputs({ policyNames: this.policyNames });
  }
}
