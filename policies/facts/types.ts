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
  /** The system disk is a resource of its own (a Kubernetes PVC), checked as a disk of role `system`. */
  readonly systemDiskSeparate?: boolean;
  readonly systemDiskEncrypted: boolean;
  /** The system disk is encrypted with a key named for it (the tenant's), not the cloud's default key; absent where the adapter cannot tell. */
  readonly systemDiskOwnKey?: boolean;
  /** Instance metadata reachable only with session tokens (IMDSv2 / hardened mode); absent where the cloud has no such setting. */
  readonly metadataTokensRequired?: boolean;
}

export interface DiskFacts {
  readonly sizeGiB?: number;
  /** What the disk holds, where the cloud says (Kubernetes PVCs); a disk without a role is a cache/data disk. */
  readonly role?: "system" | "cache" | "data";
  readonly encrypted: boolean;
  /** Encrypted with a key named for it (the tenant's), not the cloud's default key; absent where the adapter cannot tell. */
  readonly ownKey?: boolean;
}

export interface DatabaseFacts extends SizeFacts {
  readonly storageGiB?: number;
  /** The storage is a resource of its own (a Kubernetes PVC), checked as a disk of role `data`. */
  readonly storageSeparate?: boolean;
  readonly encrypted: boolean;
  readonly public: boolean;
  /** The cloud refuses to delete it while this is on. */
  readonly deletionProtection: boolean;
  /** A standby in a second zone (RDS multi-AZ, ApsaraDB HighAvailability). */
  readonly highlyAvailable?: boolean;
  /** Logs exported to the cloud's log service; undefined where the adapter cannot tell. */
  readonly logsExported?: boolean;
}

/** A database's settings as the whole stack says them (parameter groups are separate resources on AWS). */
export interface DatabaseStackFacts {
  readonly database: ResourceView;
  /** The server refuses connections without TLS. */
  readonly tlsRequired: boolean;
  /** Logs exported or audited through resources of their own (Huawei's SQL audit); undefined where the adapter reads it from the database itself. */
  readonly logsExported?: boolean;
}

/** What the stack says about one VPC. */
export interface NetworkFacts {
  readonly vpc: ResourceView;
  /** Flow logs record its traffic. */
  readonly flowLogged: boolean;
  /** Its default security group is adopted with no rules; undefined where the cloud has none to close (Alibaba Cloud, Huawei Cloud: no security group comes with a VPC). */
  readonly defaultGroupClosed?: boolean;
}

/** What the stack says about one load balancer (a tenant's entry point). */
export interface LoadBalancerFacts {
  readonly loadBalancer: ResourceView;
  /** It writes access logs (to a bucket, a log stream) of every request or TLS connection it takes. */
  readonly accessLogged: boolean;
}

/** An identity's grant of a policy. */
export interface PolicyGrantFacts {
  /** A cloud-managed policy (AWS-managed, Alibaba `System`): its actions reach every tenant's resources. */
  readonly cloudManaged: boolean;
  readonly policy: string;
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
  /** Its tenant, where the bucket takes no tags and the adapter knows it otherwise (MinIO: its user's tags). */
  readonly tenant?: string;
  readonly private: boolean;
  readonly encrypted: boolean;
  readonly versioned: boolean;
  readonly tlsOnly: boolean;
  // The facts below are optional for adapters (rules judge them where an adapter gives them); the
  // AWS and Alibaba adapters give them all.
  /** It receives other buckets' access logs (and so holds no tenant data of its own). */
  readonly logTarget?: boolean;
  /** Its access logs go to a log bucket. */
  readonly accessLogged?: boolean;
  /** Object versions are locked (S3 Object Lock default retention, OSS WORM) for this many days; 0 when not locked. */
  readonly lockDays?: number;
  /** A lifecycle rule aborts incomplete multipart uploads. */
  readonly abortsIncompleteUploads?: boolean;
}

/** What a pod template (a workload's pods) is allowed to do, for the pod security rules. */
export interface PodFacts {
  /** Containers running privileged, or allowed to escalate privileges. */
  readonly privilegedContainers: readonly string[];
  /** hostPath volumes, hostNetwork / hostPID / hostIPC. */
  readonly hostAccess: readonly string[];
  /** Containers not forced to run as a non-root user (pod or container `runAsNonRoot`). */
  readonly rootContainers: readonly string[];
  /** Containers whose root filesystem is writable. */
  readonly writableRootContainers: readonly string[];
}

/** Whether a tenant namespace denies all traffic unless a policy allows it. */
export interface NamespaceIsolationFacts {
  readonly namespace: ResourceView;
  readonly defaultDenyIngress: boolean;
  readonly defaultDenyEgress: boolean;
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
  /** Each database of the stack with what its settings (inline or separate resources) say. */
  databases?(resources: readonly ResourceView[]): readonly DatabaseStackFacts[];
  /** Each VPC of the stack with its flow logs and default security group. */
  networks?(resources: readonly ResourceView[]): readonly NetworkFacts[];
  /** Each load balancer of the stack with its access logs (clouds whose provider cannot configure them leave it out). */
  loadBalancers?(resources: readonly ResourceView[]): readonly LoadBalancerFacts[];
  /** A policy granted to an identity (user, role, group). */
  policyGrant?(r: ResourceView): PolicyGrantFacts | undefined;
  /** A notification topic's encryption; undefined for other resources. */
  topicEncrypted?(r: ResourceView): boolean | undefined;
  /** Whether a log group (log store) is encrypted with a key of its owner's; undefined for other resources. */
  logGroupEncrypted?(r: ResourceView): boolean | undefined;
  /** Types that hold data and must survive removal from the program. */
  readonly statefulTypes: readonly string[];
  /** Types that take tags and belong to a tenant. */
  readonly tenantTaggedTypes: readonly string[];
  readonly bucketTypes: readonly string[];
  /** Pod security facts of a workload (clouds without pods leave it out). */
  pod?(r: ResourceView): PodFacts | undefined;
  /** Each tenant namespace with whether it denies by default (clouds without namespaces leave it out). */
  namespaces?(resources: readonly ResourceView[]): readonly NamespaceIsolationFacts[];
}
