/**
 * A tenant's namespace (product-facts.md §3: each customer has its own instance and its own
 * logical storage space): Pod Security Admission at `restricted` (enforced, audited, warned), a
 * ResourceQuota equal to the sum of the tenant's documented sizes, and a LimitRange that keeps
 * every container within the largest documented workload with requests equal to limits.
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { validated, type Tags } from "../core/index.js";
import { metadataOf } from "./labels.js";
import { cpuQuantity, gibQuantity, tenantQuota, type WorkloadSize } from "./sizing.js";

/** Pod Security Admission labels: the `restricted` standard, enforced, audited and warned. */
export const POD_SECURITY_LABELS = {
  "pod-security.kubernetes.io/enforce": "restricted",
  "pod-security.kubernetes.io/enforce-version": "latest",
  "pod-security.kubernetes.io/audit": "restricted",
  "pod-security.kubernetes.io/audit-version": "latest",
  "pod-security.kubernetes.io/warn": "restricted",
  "pod-security.kubernetes.io/warn-version": "latest",
} as const;

/** A DNS-1123 label: what a namespace name must be. */
export const dnsLabel = z.string().regex(/^(?=.{1,63}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, {
  error: "must be a DNS label: at most 63 lowercase letters, digits and '-', starting and ending with a letter or digit",
});

export interface TenantNamespaceArgs {
  /** The namespace's name. */
  readonly namespace: string;
  readonly tags: Tags;
  /** The workloads that will run in it (from `tenantWorkloads`): they size the quota and limits. */
  readonly workloads: readonly WorkloadSize[];
  /** LoadBalancer Services the tenant's entry points need (backup clients). Default 0. */
  readonly loadBalancers?: number;
}

const argsSchema = z.object({ namespace: dnsLabel.refine((n) => n !== "default" && !n.startsWith("kube-"), { error: "must not be default or a kube- namespace" }) });

/** The LimitRange items: containers within the largest workload, requests = limits; PVCs within the largest volume. */
export function limitRangeItems(workloads: readonly WorkloadSize[]): { type: string; max: Record<string, string>; maxLimitRequestRatio?: Record<string, string> }[] {
  const max = (pick: (w: WorkloadSize) => number) => Math.max(0, ...workloads.map(pick));
  return [
    {
      type: "Container",
      max: { cpu: cpuQuantity(max((w) => w.vcpu)), memory: gibQuantity(max((w) => w.memoryGiB)) },
      maxLimitRequestRatio: { cpu: "1", memory: "1" },
    },
    { type: "PersistentVolumeClaim", max: { storage: gibQuantity(max((w) => Math.max(0, ...w.volumes.map((v) => v.sizeGiB)))) } },
  ];
}

export class TenantNamespace extends pulumi.ComponentResource {
  /** The namespace's name (an output, so that objects in it wait for it). */
  public readonly name: pulumi.Output<string>;
  public readonly quota: Record<string, string>;

  constructor(name: string, args: TenantNamespaceArgs, opts?: pulumi.ComponentResourceOptions) {
    super("tenantry:kubernetes:Namespace", name, {}, opts);
    const a = validated(argsSchema, args, `arguments of TenantNamespace ${name}`, "args.");
    const parent = { parent: this };
    const meta = metadataOf(args.tags);
    const ns = new k8s.core.v1.Namespace(
      `${name}-ns`,
      { metadata: { name: a.namespace, labels: { ...meta.labels, ...POD_SECURITY_LABELS }, annotations: meta.annotations } },
      parent,
    );
    this.name = ns.metadata.name;
    this.quota = tenantQuota(args.workloads, args.loadBalancers ?? 0);
    new k8s.core.v1.ResourceQuota(
      `${name}-quota`,
      { metadata: { name: "tenantry-quota", namespace: this.name, ...meta }, spec: { hard: this.quota } },
      parent,
    );
    new k8s.core.v1.LimitRange(
      `${name}-limits`,
      { metadata: { name: "tenantry-limits", namespace: this.name, ...meta }, spec: { limits: limitRangeItems(args.workloads) } },
      parent,
    );
    this.registerOutputs({ name: this.name, quota: this.quota });
  }
}
