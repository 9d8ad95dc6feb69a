/**
 * Security rules: what every tenant must be, on every cloud Tenantry supports. Each rule reads
 * cloud-neutral facts from the cloud adapters (policies/facts), so a new cloud's adapter brings
 * its resources under every rule.
 */
import { ADMIN_AND_DATABASE_PORTS, MANAGED_BY, TAG_KEYS } from "../../components/core/index.js";
import {
  bucketFacts,
  databaseFacts,
  databaseStackFacts,
  diskFacts,
  hostFacts,
  ingressFacts,
  loadBalancerFacts,
  networkFacts,
  policyGrantFacts,
  STATEFUL_TYPES,
  TENANT_TAGGED_TYPES,
  topicEncrypted,
  logGroupEncrypted,
  type BucketFacts,
} from "../facts/index.js";
import { tagsOf, tenantOf, type Finding, type ResourceRule, type ResourceView, type StackRule } from "../framework.js";

/** A bucket's tenant: its tags', else what its adapter knows (a MinIO bucket takes no tags). */
function bucketTenant(b: BucketFacts): { tenant?: string } {
  const tenant = tenantOf(b.bucket) ?? b.tenant;
  return tenant ? { tenant } : {};
}

function storageRule(name: string, property: keyof Omit<BucketFacts, "bucket">, description: string, missing: string): StackRule {
  return {
    kind: "stack",
    name,
    description,
    level: "mandatory",
    check: (resources) =>
      bucketFacts(resources)
        .filter((b) => !b[property])
        .map((b) => ({ urn: b.bucket.urn, ...bucketTenant(b), message: `bucket ${b.bucket.name} ${missing}` })),
  };
}

export const storagePrivate = storageRule("storage-private", "private", "Storage buckets are private: public access blocked, no public ACL", "is not private: public access is not fully blocked or its ACL is public");
export const storageEncrypted = storageRule("storage-encrypted", "encrypted", "Storage buckets encrypt objects at rest by default", "has no default server-side encryption");
export const storageVersioned = storageRule("storage-versioned", "versioned", "Storage buckets keep object versions", "does not have versioning enabled");
export const storageTlsOnly = storageRule("storage-tls-only", "tlsOnly", "Storage buckets refuse requests without TLS (bucket policy)", "has no bucket policy denying requests without TLS");

const tenantPart = (r: ResourceView) => (tenantOf(r) ? { tenant: tenantOf(r)! } : {});

/** Buckets that hold tenant data: every bucket but the access-log buckets. */
const dataBuckets = (resources: readonly ResourceView[]) => bucketFacts(resources).filter((b) => b.logTarget !== true);

export const storageImmutable: StackRule<{ minDays: number }> = {
  kind: "stack",
  name: "storage-immutable",
  description: "Backup buckets lock every object version for a retention period (S3 Object Lock, OSS WORM), so that stolen credentials cannot destroy backups",
  level: "mandatory",
  configSchema: { properties: { minDays: { type: "integer", minimum: 1, default: 1, description: "the least retention in days" } } },
  check: (resources, config) =>
    dataBuckets(resources)
      .filter((b) => b.lockDays !== undefined && b.lockDays < config.minDays)
      .map((b) => ({ urn: b.bucket.urn, ...bucketTenant(b), message: `bucket ${b.bucket.name} does not lock object versions for at least ${config.minDays} day(s)` })),
};

export const storageAccessLogged: StackRule = {
  kind: "stack",
  name: "storage-access-logged",
  description: "Backup buckets log every access to a log bucket",
  level: "mandatory",
  check: (resources) =>
    dataBuckets(resources)
      .filter((b) => b.accessLogged === false)
      .map((b) => ({ urn: b.bucket.urn, ...bucketTenant(b), message: `bucket ${b.bucket.name} has no access logging` })),
};

export const storageAbortsUploads: StackRule = {
  kind: "stack",
  name: "storage-aborts-incomplete-uploads",
  description: "Buckets abort incomplete multipart uploads (a lifecycle rule), which otherwise cost storage unseen",
  level: "advisory",
  check: (resources) =>
    bucketFacts(resources)
      .filter((b) => b.abortsIncompleteUploads === false)
      .map((b) => ({ urn: b.bucket.urn, ...bucketTenant(b), message: `bucket ${b.bucket.name} never aborts incomplete multipart uploads` })),
};

export const databaseTls: StackRule = {
  kind: "stack",
  name: "database-tls-required",
  description: "Databases refuse connections without TLS (require_secure_transport)",
  level: "mandatory",
  check: (resources) =>
    databaseStackFacts(resources)
      .filter((d) => !d.tlsRequired)
      .map((d) => ({ urn: d.database.urn, ...tenantPart(d.database), message: `database ${d.database.name} accepts connections without TLS` })),
};

export const databaseLogsExported: StackRule = {
  kind: "stack",
  name: "database-logs-exported",
  description: "Databases export their logs to the cloud's log service (or audit every statement)",
  level: "mandatory",
  check(resources) {
    // Inline settings (RDS log exports, ApsaraDB SQL audit), or resources of their own (Huawei's SQL audit).
    const silent = new Set([...resources.filter((r) => databaseFacts(r)?.logsExported === false), ...databaseStackFacts(resources).filter((d) => d.logsExported === false).map((d) => d.database)]);
    return [...silent].map((d) => ({ urn: d.urn, ...tenantPart(d), message: `database ${d.name} exports no logs` }));
  },
};

export const databaseHighlyAvailable: ResourceRule = {
  kind: "resource",
  name: "database-highly-available",
  description: "Databases keep a standby in a second zone (multi-AZ, HighAvailability): Tenantry's default, which a stack may turn off",
  level: "advisory",
  check: (r) => (databaseFacts(r)?.highlyAvailable === false ? [`database ${r.name} has no standby in a second zone: losing its zone stops the service`] : []),
};

export const networkFlowLogs: StackRule = {
  kind: "stack",
  name: "network-flow-logs",
  description: "Every tenant network records its traffic (flow logs)",
  level: "mandatory",
  check: (resources) =>
    networkFacts(resources)
      .filter((n) => !n.flowLogged)
      .map((n) => ({ urn: n.vpc.urn, ...tenantPart(n.vpc), message: `network ${n.vpc.name} has no flow logs` })),
};

export const entryAccessLogged: StackRule = {
  kind: "stack",
  name: "entry-access-logged",
  description: "Every load balancer in front of a tenant's services writes access logs into a log store of the tenant's own",
  level: "mandatory",
  check: (resources) =>
    loadBalancerFacts(resources)
      .filter((lb) => !lb.accessLogged)
      .map((lb) => ({ urn: lb.loadBalancer.urn, ...tenantPart(lb.loadBalancer), message: `load balancer ${lb.loadBalancer.name} writes no access logs` })),
};

export const defaultGroupClosed: StackRule = {
  kind: "stack",
  name: "default-security-group-closed",
  description: "The default security group of every VPC has no rules",
  level: "mandatory",
  check: (resources) =>
    networkFacts(resources)
      .filter((n) => n.defaultGroupClosed === false)
      .map((n) => ({ urn: n.vpc.urn, ...tenantPart(n.vpc), message: `the default security group of ${n.vpc.name} is not closed (adopt it with no rules)` })),
};

export const noCloudManagedPolicies: ResourceRule = {
  kind: "resource",
  name: "no-cloud-managed-policies",
  description: "No identity holds a cloud-managed policy (AWS-managed, Alibaba System): their actions reach every tenant's resources",
  level: "mandatory",
  check(r) {
    const grant = policyGrantFacts(r);
    return grant?.cloudManaged ? [`${r.name} grants the cloud-managed policy ${grant.policy}, which is not scoped to one tenant`] : [];
  },
};

export const topicEncryptedRule: ResourceRule = {
  kind: "resource",
  name: "topic-encrypted",
  description: "Notification topics encrypt messages at rest",
  level: "mandatory",
  check: (r) => (topicEncrypted(r) === false ? [`topic ${r.name} is not encrypted`] : []),
};

export const logGroupEncryptedRule: ResourceRule = {
  kind: "resource",
  name: "log-group-encrypted",
  description: "Log groups Tenantry creates (flow logs, relays) are encrypted with a key of their owner's",
  level: "mandatory",
  check: (r) => (logGroupEncrypted(r) === false ? [`log group ${r.name} is not encrypted with a key of its own (kmsKeyId)`] : []),
};

export const diskOwnKey: ResourceRule = {
  kind: "resource",
  name: "disk-own-key",
  description: "System and data disks are encrypted with the tenant's own key, not the cloud's default key (advisory: the default key still encrypts)",
  level: "advisory",
  check(r) {
    if (hostFacts(r)?.systemDiskOwnKey === false) return [`host ${r.name} encrypts its system disk with the cloud's default key, not the tenant's`];
    if (diskFacts(r)?.ownKey === false) return [`disk ${r.name} is encrypted with the cloud's default key, not the tenant's`];
    return [];
  },
};

export const diskEncrypted: ResourceRule = {
  kind: "resource",
  name: "disk-encrypted",
  description: "System and data disks are encrypted",
  level: "mandatory",
  check(r) {
    const host = hostFacts(r);
    if (host && !host.systemDiskEncrypted) return [`host ${r.name} has an unencrypted system disk`];
    const disk = diskFacts(r);
    if (disk && !disk.encrypted) return [`disk ${r.name} is not encrypted`];
    return [];
  },
};

export const databaseEncrypted: ResourceRule = {
  kind: "resource",
  name: "database-encrypted",
  description: "Database storage is encrypted",
  level: "mandatory",
  check: (r) => (databaseFacts(r)?.encrypted === false ? [`database ${r.name} stores data unencrypted`] : []),
};

export const databasePrivate: ResourceRule = {
  kind: "resource",
  name: "database-private",
  description: "Databases are not reachable from the internet",
  level: "mandatory",
  check: (r) => (databaseFacts(r)?.public ? [`database ${r.name} is publicly accessible`] : []),
};

export const noWorldAdminPorts: ResourceRule<{ ports: number[] }> = {
  kind: "resource",
  name: "no-world-admin-ports",
  description: "No security-group rule opens SSH, RDP or database ports to the whole internet",
  level: "mandatory",
  configSchema: { properties: { ports: { type: "array", items: { type: "integer" }, default: [...ADMIN_AND_DATABASE_PORTS], description: "ports that must never be open to 0.0.0.0/0 or ::/0" } } },
  check(r, config) {
    return ingressFacts(r)
      .filter((i) => i.world)
      .flatMap((i) => config.ports.filter((p) => p >= i.fromPort && p <= i.toPort).map((p) => `${r.name} opens port ${p} to the whole internet`));
  },
};

export const instanceMetadataTokens: ResourceRule = {
  kind: "resource",
  name: "instance-metadata-tokens",
  description: "Hosts answer metadata requests only with session tokens (IMDSv2 on AWS, hardened mode on Alibaba Cloud)",
  level: "mandatory",
  check: (r) => (hostFacts(r)?.metadataTokensRequired === false ? [`host ${r.name} allows metadata requests without a session token`] : []),
};

export const tenantTags: ResourceRule = {
  kind: "resource",
  name: "tenant-tags",
  description: `Every tenant resource carries the tenant tags (${TAG_KEYS.managedBy}, ${TAG_KEYS.tenant})`,
  level: "mandatory",
  types: TENANT_TAGGED_TYPES,
  check(r) {
    const tags = tagsOf(r);
    // A stack's shared resources (marked so by the components) belong to no tenant.
    if (tags[TAG_KEYS.shared] === "true" && !tags[TAG_KEYS.tenant]) return [];
    const missing = [tags[TAG_KEYS.managedBy] === MANAGED_BY ? undefined : `${TAG_KEYS.managedBy}=${MANAGED_BY}`, tags[TAG_KEYS.tenant] ? undefined : TAG_KEYS.tenant].filter(Boolean);
    return missing.length ? [`${r.name} lacks the tag${missing.length > 1 ? "s" : ""} ${missing.join(", ")}`] : [];
  },
};

export const statefulRetained: ResourceRule = {
  kind: "resource",
  name: "stateful-retained",
  description: "Buckets, keys, databases and data disks survive removal from the program: protected, retained on delete, or deletion-protected",
  level: "mandatory",
  types: STATEFUL_TYPES,
  check(r) {
    // @pulumi/policy shows `protect` but not `retainOnDelete`: components record the latter in a tag.
    if (r.protect || tagsOf(r)[TAG_KEYS.retainOnDelete] === "true" || databaseFacts(r)?.deletionProtection) return [];
    return [`${r.name} would be deleted with its data when removed from the program: set protect or retainOnDelete (and the ${TAG_KEYS.retainOnDelete} tag)`];
  },
};

export const tenantIsolation: StackRule = {
  kind: "stack",
  name: "tenant-isolation",
  description: "No two tenants share a network, security group, bucket, key or credential: no tenant resource refers to another tenant's",
  level: "mandatory",
  check(resources) {
    const findings: Finding[] = [];
    for (const r of resources) {
      const tenant = tenantOf(r);
      if (!tenant) continue;
      for (const [property, deps] of Object.entries(r.propertyDependencies ?? {})) {
        for (const d of deps as readonly ResourceView[]) {
          const other = tenantOf(d);
          if (other && other !== tenant) {
            findings.push({ urn: r.urn, tenant, message: `${r.name} of tenant ${tenant} uses ${d.name} of tenant ${other} (${property})` });
          }
        }
      }
    }
    return findings;
  },
};

export const SECURITY_RULES = [
  storagePrivate,
  storageEncrypted,
  storageVersioned,
  storageTlsOnly,
  diskEncrypted,
  databaseEncrypted,
  databasePrivate,
  noWorldAdminPorts,
  instanceMetadataTokens,
  tenantTags,
  statefulRetained,
  tenantIsolation,
  storageImmutable,
  storageAccessLogged,
  storageAbortsUploads,
  databaseTls,
  databaseLogsExported,
  databaseHighlyAvailable,
  networkFlowLogs,
  entryAccessLogged,
  defaultGroupClosed,
  noCloudManagedPolicies,
  topicEncryptedRule,
  logGroupEncryptedRule,
  diskOwnKey,
] as const;
