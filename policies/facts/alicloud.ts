/** How Alibaba Cloud resource types read as cloud-neutral facts. */
import { ECS_INSTANCE_TYPES, RDS_INSTANCE_CLASSES } from "../../components/alicloud/flavors.js";
import type { Flavor } from "../../components/core/index.js";
import type { ResourceView } from "../framework.js";
import { byType, settingsOf, sizeOf as size } from "./related.js";
import type { BucketFacts, CloudAdapter, NetworkFacts } from "./types.js";

const T = {
  instance: "alicloud:ecs/instance:Instance",
  disk: "alicloud:ecs/ecsDisk:EcsDisk",
  rds: "alicloud:rds/instance:Instance",
  rule: "alicloud:ecs/securityGroupRule:SecurityGroupRule",
  eip: "alicloud:ecs/eipAddress:EipAddress",
  bucket: "alicloud:oss/bucket:Bucket",
  bucketAcl: "alicloud:oss/bucketAcl:BucketAcl",
  publicAccessBlock: "alicloud:oss/bucketPublicAccessBlock:BucketPublicAccessBlock",
  bucketPolicy: "alicloud:oss/bucketPolicy:BucketPolicy",
  kmsKey: "alicloud:kms/key:Key",
  siteMonitor: "alicloud:cms/siteMonitor:SiteMonitor",
  worm: "alicloud:oss/bucketWorm:BucketWorm",
  logging: "alicloud:oss/bucketLogging:BucketLogging",
  userPolicyAttachment: "alicloud:ram/userPolicyAttachment:UserPolicyAttachment",
  rolePolicyAttachment: "alicloud:ram/rolePolicyAttachment:RolePolicyAttachment",
  groupPolicyAttachment: "alicloud:ram/groupPolicyAttachment:GroupPolicyAttachment",
  vpc: "alicloud:vpc/network:Network",
  flowLog: "alicloud:vpc/flowLog:FlowLog",
} as const;

const RDS_CLASSES: readonly Flavor[] = [...RDS_INSTANCE_CLASSES.HighAvailability, ...RDS_INSTANCE_CLASSES.Basic];


function deniesPlainHttp(policy: unknown): boolean {
  try {
    const doc = typeof policy === "string" ? JSON.parse(policy) : policy;
    return (doc?.Statement ?? []).some((s: { Effect?: string; Condition?: { Bool?: Record<string, unknown> } }) => {
      const v = s.Condition?.Bool?.["acs:SecureTransport"];
      return s.Effect === "Deny" && (Array.isArray(v) ? v.map(String).includes("false") : String(v) === "false");
    });
  } catch {
    return false;
  }
}

export const alicloudAdapter: CloudAdapter = {
  cloud: "alicloud",
  host(r) {
    if (r.type !== T.instance) return undefined;
    return {
      ...size(ECS_INSTANCE_TYPES, r.props.instanceType),
      ...(r.props.systemDiskSize !== undefined ? { systemDiskGiB: Number(r.props.systemDiskSize) } : {}),
      systemDiskEncrypted: r.props.systemDiskEncrypted === true,
      systemDiskOwnKey: r.props.systemDiskEncrypted === true && !!r.props.systemDiskKmsKeyId,
      metadataTokensRequired: r.props.httpTokens === "required",
    };
  },
  disk(r) {
    if (r.type !== T.disk) return undefined;
    return { ...(r.props.size !== undefined ? { sizeGiB: Number(r.props.size) } : {}), encrypted: r.props.encrypted === true, ownKey: r.props.encrypted === true && !!r.props.kmsKeyId };
  },
  database(r) {
    if (r.type !== T.rds) return undefined;
    const ips = String(r.props.securityIps ?? "").split(/[,\s]+/).concat(((Array.isArray(r.props.securityIps) ? r.props.securityIps : []) as string[]));
    return {
      ...size(RDS_CLASSES, r.props.instanceType),
      ...(r.props.instanceStorage !== undefined ? { storageGiB: Number(r.props.instanceStorage) } : {}),
      encrypted: !!r.props.encryptionKey && r.props.encryptionKey !== "disabled",
      public: ips.includes("0.0.0.0/0") || ips.includes("0.0.0.0"),
      deletionProtection: r.props.deletionProtection === true,
      highlyAvailable: (r.props.category ?? "HighAvailability") !== "Basic",
      // SQL audit (SQL Explorer) records every statement into the service's log store.
      logsExported: r.props.sqlCollectorStatus === "Enabled",
    };
  },
  databases(resources) {
    return resources
      .filter((r) => r.type === T.rds)
      .map((database) => ({
        database,
        tlsRequired:
          String(database.props.sslAction ?? "") === "Open" &&
          ((database.props.parameters ?? []) as { name?: string; value?: string }[]).some((p) => p.name === "require_secure_transport" && ["ON", "on", "1"].includes(String(p.value))),
      }));
  },
  networks(resources): NetworkFacts[] {
    const of = byType(resources);
    // Alibaba Cloud VPCs have no default security group to close.
    return of(T.vpc).map((vpc) => ({
      vpc,
      flowLogged: settingsOf(vpc, of(T.flowLog), "resourceId", (v) => v.props.id).some((f) => (f.props.status ?? "Active") === "Active" && f.props.resourceType === "VPC"),
    }));
  },
  policyGrant(r) {
    if (![T.userPolicyAttachment, T.rolePolicyAttachment, T.groupPolicyAttachment].includes(r.type as never)) return undefined;
    return { policy: String(r.props.policyName ?? ""), cloudManaged: String(r.props.policyType ?? "") === "System" };
  },
  ingress(r) {
    if (r.type !== T.rule || r.props.type !== "ingress" || (r.props.policy ?? "accept") !== "accept") return [];
    const [from, to] = String(r.props.portRange ?? "-1/-1").split("/").map(Number);
    const all = String(r.props.ipProtocol) === "all" || from === -1;
    return [{ world: r.props.cidrIp === "0.0.0.0/0" || r.props.ipv6CidrIp === "::/0", fromPort: all ? 0 : from!, toPort: all ? 65535 : to! }];
  },
  publicIps: (r) => (r.type === T.eip || (r.type === T.instance && Number(r.props.internetMaxBandwidthOut ?? 0) > 0) ? 1 : 0),
  monitor(r) {
    if (r.type !== T.siteMonitor) return undefined;
    const kind = String(r.props.taskType).toUpperCase();
    return kind === "HTTP" || kind === "HTTPS" ? "url" : kind === "TCP" || kind === "UDP" ? "port" : undefined;
  },
  buckets(resources): BucketFacts[] {
    const of = byType(resources);
    const name = (b: ResourceView) => b.props.bucket;
    return of(T.bucket).map((bucket) => {
      const related = (type: string) => settingsOf(bucket, of(type), "bucket", name);
      const acls = related(T.bucketAcl);
      const inlineAcl = bucket.props.acl;
      return {
        bucket,
        private:
          related(T.publicAccessBlock).some((p) => p.props.blockPublicAccess === true) &&
          (inlineAcl === undefined || inlineAcl === "private") &&
          acls.every((a) => a.props.acl === "private"),
        encrypted: !!(bucket.props.serverSideEncryptionRule as { sseAlgorithm?: string } | undefined)?.sseAlgorithm,
        versioned: (bucket.props.versioning as { status?: string } | undefined)?.status === "Enabled",
        tlsOnly: related(T.bucketPolicy).some((p) => deniesPlainHttp(p.props.policy)),
        logTarget: of(T.logging).some((l) => name(bucket) !== undefined && l.props.targetBucket === name(bucket)),
        accessLogged: related(T.logging).length > 0 || !!bucket.props.logging,
        lockDays: Math.max(0, ...related(T.worm).filter((w) => (w.props.status ?? "Locked") === "Locked").map((w) => Number(w.props.retentionPeriodInDays ?? 0))),
        abortsIncompleteUploads: ((bucket.props.lifecycleRules ?? []) as { enabled?: boolean; abortMultipartUploads?: { days?: number }[] }[]).some(
          (rule) => rule.enabled !== false && (rule.abortMultipartUploads ?? []).some((a) => Number(a.days ?? 0) > 0),
        ),
      };
    });
  },
  statefulTypes: [T.bucket, T.kmsKey, T.rds, T.disk],
  tenantTaggedTypes: [
    "alicloud:vpc/network:Network",
    "alicloud:vpc/switch:Switch",
    "alicloud:ecs/securityGroup:SecurityGroup",
    T.instance,
    T.disk,
    T.eip,
    "alicloud:vpc/natGateway:NatGateway",
    T.rds,
    T.bucket,
    T.kmsKey,
    "alicloud:cms/alarm:Alarm",
    "alicloud:fc/service:Service",
  ],
  bucketTypes: [T.bucket],
};
