/** How Huawei Cloud resource types read as cloud-neutral facts. */
import { ECS_FLAVORS, RDS_FLAVORS, rdsBaseFlavor } from "../../components/huaweicloud/flavors.js";
import { TAG_KEYS } from "../../components/core/index.js";
import { tagsOf, type ResourceView } from "../framework.js";
import { byType, settingsOf, sizeOf as size } from "./related.js";
import type { BucketFacts, CloudAdapter, DatabaseStackFacts, IngressFacts, LoadBalancerFacts, NetworkFacts } from "./types.js";

const T = {
  instance: "huaweicloud:Ecs/instance:Instance",
  volume: "huaweicloud:Evs/volume:Volume",
  rds: "huaweicloud:Rds/instance:Instance",
  rule: "huaweicloud:Vpc/secgroupRule:SecgroupRule",
  eip: "huaweicloud:Vpc/eip:Eip",
  bucket: "huaweicloud:Obs/bucket:Bucket",
  bucketPolicy: "huaweicloud:Obs/bucketPolicy:BucketPolicy",
  kmsKey: "huaweicloud:Dew/key:Key",
  sqlAudit: "huaweicloud:Rds/sqlAudit:SqlAudit",
  vpc: "huaweicloud:Vpc/vpc:Vpc",
  flowLog: "huaweicloud:Vpc/flowLog:FlowLog",
  elb: "huaweicloud:DedicatedElb/loadbalancer:Loadbalancer",
  logtank: "huaweicloud:DedicatedElb/logtank:Logtank",
} as const;

const WORLD = ["0.0.0.0/0", "::/0"];

interface ObsStatement {
  Effect?: string;
  Principal?: { ID?: unknown } | string;
  Condition?: { Bool?: Record<string, unknown> };
}

function statements(policy: unknown): ObsStatement[] {
  try {
    const doc = typeof policy === "string" ? JSON.parse(policy) : policy;
    return Array.isArray(doc?.Statement) ? doc.Statement : [];
  } catch {
    return [];
  }
}

const isFalse = (v: unknown) => (Array.isArray(v) ? v.map(String).includes("false") : String(v) === "false");

/** Whether a bucket policy (OBS or S3 format) denies every request made without TLS. */
function deniesPlainHttp(policy: unknown): boolean {
  return statements(policy).some((s) => {
    const bool = s.Condition?.Bool ?? {};
    return s.Effect === "Deny" && (isFalse(bool.SecureTransport) || isFalse(bool["aws:SecureTransport"]));
  });
}

/** Whether a bucket policy allows anyone at all (OBS `Principal.ID` `*`, or S3 `Principal` `*`). */
function allowsEveryone(policy: unknown): boolean {
  return statements(policy).some((s) => {
    if (s.Effect !== "Allow") return false;
    const p = s.Principal;
    if (p === "*") return true;
    const ids = typeof p === "object" ? p.ID : undefined;
    return ids === "*" || (Array.isArray(ids) && ids.includes("*"));
  });
}

export const huaweicloudAdapter: CloudAdapter = {
  cloud: "huaweicloud",
  host(r) {
    if (r.type !== T.instance) return undefined;
    return {
      ...size(ECS_FLAVORS, r.props.flavorId ?? r.props.flavorName),
      ...(r.props.systemDiskSize !== undefined ? { systemDiskGiB: Number(r.props.systemDiskSize) } : {}),
      systemDiskEncrypted: !!r.props.systemDiskKmsKeyId,
      systemDiskOwnKey: !!r.props.systemDiskKmsKeyId,
      // ECS (provider v0.0.11) has no setting that makes metadata need a session token: not applicable.
    };
  },
  disk(r) {
    if (r.type !== T.volume) return undefined;
    return { ...(r.props.size !== undefined ? { sizeGiB: Number(r.props.size) } : {}), encrypted: !!r.props.kmsId, ownKey: !!r.props.kmsId };
  },
  database(r) {
    if (r.type !== T.rds) return undefined;
    const volume = (r.props.volume ?? {}) as { size?: number; diskEncryptionId?: string };
    return {
      ...size(RDS_FLAVORS, rdsBaseFlavor(String(r.props.flavor ?? ""))),
      ...(volume.size !== undefined ? { storageGiB: Number(volume.size) } : {}),
      encrypted: !!volume.diskEncryptionId,
      // An RDS instance is reachable from the internet only through an EIP bound to it, which takes a
      // resource of its own (`huaweicloud_rds_instance_eip_associate`): a public one would show there.
      public: false,
      // RDS for MySQL has no deletion-protection input in this provider: retention is Pulumi's.
      deletionProtection: false,
      highlyAvailable: String(r.props.flavor ?? "").endsWith(".ha"),
    };
  },
  ingress(r): IngressFacts[] {
    if (r.type !== T.rule || r.props.direction !== "ingress" || (r.props.action ?? "allow") !== "allow") return [];
    // No remote at all means every address (the provider's empty remote_ip_prefix is 0.0.0.0/0).
    const world = WORLD.includes(String(r.props.remoteIpPrefix)) || (!r.props.remoteIpPrefix && !r.props.remoteGroupId && !r.props.remoteAddressGroupId);
    if (r.props.protocol === undefined || r.props.protocol === "") return [{ world, fromPort: 0, toPort: 65535 }];
    if (r.props.ports !== undefined) {
      return String(r.props.ports)
        .split(",")
        .map((p) => p.trim().split("-").map(Number))
        .map(([from, to]) => ({ world, fromPort: from!, toPort: to ?? from! }));
    }
    const from = r.props.portRangeMin === undefined ? 1 : Number(r.props.portRangeMin);
    const to = r.props.portRangeMax === undefined ? (r.props.portRangeMin === undefined ? 65535 : from) : Number(r.props.portRangeMax);
    return [{ world, fromPort: from, toPort: to }];
  },
  databases(resources): DatabaseStackFacts[] {
    const of = byType(resources);
    return of(T.rds).map((database) => {
      const parameters = (database.props.parameters ?? []) as { name?: string; value?: string }[];
      const required = parameters.some((p) => p.name === "require_secure_transport" && ["ON", "1", "true"].includes(String(p.value)));
      // RDS's SQL audit (a resource of its own) records every statement.
      const audited = settingsOf(database, of(T.sqlAudit), "instanceId", (d) => d.props.id).some((a) => Number(a.props.keepDays ?? 0) > 0);
      return { database, tlsRequired: database.props.sslEnable === true && required, logsExported: audited };
    });
  },
  networks(resources): NetworkFacts[] {
    const of = byType(resources);
    // A Huawei VPC brings no security group of its own (the "default" group belongs to the project and no Tenantry host uses it).
    return of(T.vpc).map((vpc) => ({
      vpc,
      flowLogged: settingsOf(vpc, of(T.flowLog), "resourceId", (v) => v.props.id).some((f) => f.props.resourceType === "vpc" && f.props.enabled !== false),
    }));
  },
  loadBalancers(resources): LoadBalancerFacts[] {
    const of = byType(resources);
    // A dedicated ELB logs through a logtank bound to it (an LTS group and stream).
    return of(T.elb).map((loadBalancer) => ({
      loadBalancer,
      accessLogged: settingsOf(loadBalancer, of(T.logtank), "loadbalancerId", (lb) => lb.props.id).some((t) => !!t.props.logGroupId && !!t.props.logTopicId),
    }));
  },
  publicIps: (r) => (r.type === T.eip || (r.type === T.instance && (r.props.eipType !== undefined || r.props.eipId !== undefined)) ? 1 : 0),
  monitor: () => undefined,
  buckets(resources): BucketFacts[] {
    const policies = resources.filter((r) => r.type === T.bucketPolicy);
    const buckets = resources.filter((r) => r.type === T.bucket);
    const loggingsOf = (b: ResourceView) => ((b.props.loggings ?? []) as { targetBucket?: unknown }[]).filter((l) => l.targetBucket !== undefined && l.targetBucket !== "");
    // Buckets that receive other buckets' access logs: by dependency, else by name; or tagged as log stores.
    const targetUrns = new Set(buckets.flatMap((b) => (b.propertyDependencies?.loggings ?? []).map((d) => d.urn)));
    const targetNames = new Set(buckets.flatMap((b) => loggingsOf(b).map((l) => l.targetBucket)));
    return buckets
      .map((bucket) => {
        const related = settingsOf(bucket, policies, "bucket", (b: ResourceView) => b.props.bucket);
        const documents = [bucket.props.policy, ...related.map((p) => p.props.policy)].filter((p) => p !== undefined);
        return {
          bucket,
          // OBS has no block-public-access setting: private means a private ACL and no policy open to everyone.
          private: (bucket.props.acl ?? "private") === "private" && !documents.some(allowsEveryone),
          encrypted: bucket.props.encryption === true && !!bucket.props.sseAlgorithm,
          versioned: bucket.props.versioning === true,
          tlsOnly: documents.some(deniesPlainHttp),
          logTarget: tagsOf(bucket)[TAG_KEYS.logStore] === "true" || targetUrns.has(bucket.urn) || (bucket.props.bucket !== undefined && targetNames.has(bucket.props.bucket)),
          accessLogged: loggingsOf(bucket).length > 0,
          abortsIncompleteUploads: ((bucket.props.lifecycleRules ?? []) as { enabled?: boolean; abortIncompleteMultipartUploads?: { days?: number }[] }[]).some(
            (rule) => rule.enabled !== false && (rule.abortIncompleteMultipartUploads ?? []).some((a) => Number(a.days ?? 0) > 0),
          ),
        };
      });
  },
  statefulTypes: [T.bucket, T.kmsKey, T.rds, T.volume],
  tenantTaggedTypes: [
    "huaweicloud:Vpc/vpc:Vpc",
    "huaweicloud:Vpc/subnet:Subnet",
    "huaweicloud:Vpc/secgroup:Secgroup",
    T.instance,
    T.volume,
    T.eip,
    "huaweicloud:Nat/gateway:Gateway",
    T.rds,
    T.bucket,
    T.kmsKey,
  ],
  bucketTypes: [T.bucket],
};
