/**
 * Cloud-neutral facts that rules read from cloud resources. Each cloud has an adapter that turns
 * its resource types into these facts; a new cloud (Huawei Cloud, Kubernetes) adds an adapter and
 * every rule applies to it.
 */
import type { ResourceView } from "../framework.js";

export interface SizeFacts {
  /** The class name as written (instance type, RDS class). */
  readonly className: string;
  /** vCPU and memory of the class, when the class is in Tenantry's tables. */
  readonly vcpu?: number;
  readonly memoryGiB?: number;
}

export interface HostFacts extends SizeFacts {
  readonly systemDiskGiB?: number;
  readonly systemDiskEncrypted: boolean;
  /** Instance metadata reachable only with session tokens (IMDSv2 / hardened mode); absent where the cloud has no such setting. */
  readonly metadataTokensRequired?: boolean;
}

export interface DiskFacts {
  readonly sizeGiB?: number;
  readonly encrypted: boolean;
}

export interface DatabaseFacts extends SizeFacts {
  readonly storageGiB?: number;
  readonly encrypted: boolean;
  readonly public: boolean;
  /** The cloud refuses to delete it while this is on. */
  readonly deletionProtection: boolean;
}

export interface IngressFacts {
  /** The rule admits any address (0.0.0.0/0 or ::/0). */
  readonly world: boolean;
  readonly fromPort: number;
  readonly toPort: number;
}

/** What a stack's storage settings say about one bucket. */
export interface BucketFacts {
  readonly bucket: ResourceView;
  readonly private: boolean;
  readonly encrypted: boolean;
  readonly versioned: boolean;
  readonly tlsOnly: boolean;
}

export type MonitorKind = "middleware" | "port" | "url";

export interface CloudAdapter {
  readonly cloud: string;
  host(r: ResourceView): HostFacts | undefined;
  disk(r: ResourceView): DiskFacts | undefined;
  database(r: ResourceView): DatabaseFacts | undefined;
  /** Ingress the resource opens (a rule resource, or a group with inline rules). */
  ingress(r: ResourceView): readonly IngressFacts[];
  /** Public IP addresses the resource holds. */
  publicIps(r: ResourceView): number;
  monitor(r: ResourceView): MonitorKind | undefined;
  /** Each bucket of the stack with what its settings (inline or separate resources) say. */
  buckets(resources: readonly ResourceView[]): readonly BucketFacts[];
  /** Types that hold data and must survive removal from the program. */
  readonly statefulTypes: readonly string[];
  /** Types that take tags and belong to a tenant. */
  readonly tenantTaggedTypes: readonly string[];
  readonly bucketTypes: readonly string[];
}
