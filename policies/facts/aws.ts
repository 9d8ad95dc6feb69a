/** How AWS resource types read as cloud-neutral facts. */
import { EC2_INSTANCE_TYPES, RDS_INSTANCE_CLASSES } from "../../components/aws/flavors.js";
import { TAG_KEYS } from "../../components/core/index.js";
import { tagsOf, type ResourceView } from "../framework.js";
import { byType, settingsOf, sizeOf as size } from "./related.js";
import type { BucketFacts, CloudAdapter, DatabaseStackFacts, IngressFacts, LoadBalancerFacts, NetworkFacts } from "./types.js";

const T = {
  instance: "aws:ec2/instance:Instance",
  volume: "aws:ebs/volume:Volume",
  rds: "aws:rds/instance:Instance",
  ingressRule: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
  legacyRule: "aws:ec2/securityGroupRule:SecurityGroupRule",
  group: "aws:ec2/securityGroup:SecurityGroup",
  eip: "aws:ec2/eip:Eip",
  bucket: "aws:s3/bucket:Bucket",
  bucketV2: "aws:s3/bucketV2:BucketV2",
  publicAccessBlock: "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
  versioning: "aws:s3/bucketVersioning:BucketVersioning",
  versioningV2: "aws:s3/bucketVersioningV2:BucketVersioningV2",
  encryption: "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
  encryptionV2: "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2",
  bucketPolicy: "aws:s3/bucketPolicy:BucketPolicy",
  kmsKey: "aws:kms/key:Key",
  logging: "aws:s3/bucketLogging:BucketLogging",
  loggingV2: "aws:s3/bucketLoggingV2:BucketLoggingV2",
  objectLock: "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration",
  objectLockV2: "aws:s3/bucketObjectLockConfigurationV2:BucketObjectLockConfigurationV2",
  lifecycle: "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
  lifecycleV2: "aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2",
  parameterGroup: "aws:rds/parameterGroup:ParameterGroup",
  vpc: "aws:ec2/vpc:Vpc",
  flowLog: "aws:ec2/flowLog:FlowLog",
  defaultGroup: "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup",
  rolePolicyAttachment: "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
  userPolicyAttachment: "aws:iam/userPolicyAttachment:UserPolicyAttachment",
  groupPolicyAttachment: "aws:iam/groupPolicyAttachment:GroupPolicyAttachment",
  policyAttachment: "aws:iam/policyAttachment:PolicyAttachment",
  topic: "aws:sns/topic:Topic",
  healthCheck: "aws:route53/healthCheck:HealthCheck",
  canary: "aws:synthetics/canary:Canary",
  logGroup: "aws:cloudwatch/logGroup:LogGroup",
  lb: "aws:lb/loadBalancer:LoadBalancer",
  alb: "aws:alb/loadBalancer:LoadBalancer",
  classicLb: "aws:elb/loadBalancer:LoadBalancer",
} as const;


function ports(protocol: unknown, from: unknown, to: unknown): { fromPort: number; toPort: number } {
  return String(protocol) === "-1" || String(protocol) === "all" ? { fromPort: 0, toPort: 65535 } : { fromPort: Number(from ?? 0), toPort: Number(to ?? from ?? 0) };
}

const isWorld = (v: unknown) => v === "0.0.0.0/0" || v === "::/0" || (Array.isArray(v) && v.some(isWorld));

/** Whether a bucket policy denies every request made without TLS. */
function deniesPlainHttp(policy: unknown): boolean {
  try {
    const doc = typeof policy === "string" ? JSON.parse(policy) : policy;
    return (doc?.Statement ?? []).some(
      (s: { Effect?: string; Condition?: { Bool?: Record<string, unknown> } }) =>
        s.Effect === "Deny" && String(s.Condition?.Bool?.["aws:SecureTransport"]) === "false",
    );
  } catch {
    return false;
  }
}

export const awsAdapter: CloudAdapter = {
  cloud: "aws",
  host(r) {
    if (r.type !== T.instance) return undefined;
    const root = (r.props.rootBlockDevice ?? {}) as { volumeSize?: number; encrypted?: boolean; kmsKeyId?: string };
    return {
      ...size(EC2_INSTANCE_TYPES, r.props.instanceType),
      ...(root.volumeSize !== undefined ? { systemDiskGiB: Number(root.volumeSize) } : {}),
      systemDiskEncrypted: root.encrypted === true,
      systemDiskOwnKey: root.encrypted === true && !!root.kmsKeyId,
      metadataTokensRequired: (r.props.metadataOptions as { httpTokens?: string } | undefined)?.httpTokens === "required",
    };
  },
  disk(r) {
    if (r.type !== T.volume) return undefined;
    return { ...(r.props.size !== undefined ? { sizeGiB: Number(r.props.size) } : {}), encrypted: r.props.encrypted === true, ownKey: r.props.encrypted === true && !!r.props.kmsKeyId };
  },
  database(r) {
    if (r.type !== T.rds) return undefined;
    return {
      ...size(RDS_INSTANCE_CLASSES, r.props.instanceClass),
      ...(r.props.allocatedStorage !== undefined ? { storageGiB: Number(r.props.allocatedStorage) } : {}),
      encrypted: r.props.storageEncrypted === true,
      public: r.props.publiclyAccessible === true,
      deletionProtection: r.props.deletionProtection === true,
      highlyAvailable: r.props.multiAz === true,
      logsExported: Array.isArray(r.props.enabledCloudwatchLogsExports) && r.props.enabledCloudwatchLogsExports.length > 0,
    };
  },
  databases(resources): DatabaseStackFacts[] {
    const groups = resources.filter((r) => r.type === T.parameterGroup);
    return resources
      .filter((r) => r.type === T.rds)
      .map((database) => {
        const group = groups.filter((g) => {
          const deps = database.propertyDependencies?.parameterGroupName;
          if (deps && deps.length > 0) return deps.some((d) => d.urn === g.urn);
          return g.props.name !== undefined && g.props.name === database.props.parameterGroupName;
        });
        const tlsRequired = group.some((g) =>
          ((g.props.parameters ?? []) as { name?: string; value?: string }[]).some((p) => p.name === "require_secure_transport" && ["1", "ON", "on", "true"].includes(String(p.value))),
        );
        return { database, tlsRequired };
      });
  },
  networks(resources): NetworkFacts[] {
    const of = byType(resources);
    return of(T.vpc).map((vpc) => ({
      vpc,
      flowLogged: settingsOf(vpc, of(T.flowLog), "vpcId", (v) => v.props.id).length > 0,
      defaultGroupClosed: settingsOf(vpc, of(T.defaultGroup), "vpcId", (v) => v.props.id).some(
        (g) => ((g.props.ingress ?? []) as unknown[]).length === 0 && ((g.props.egress ?? []) as unknown[]).length === 0,
      ),
    }));
  },
  loadBalancers(resources): LoadBalancerFacts[] {
    const of = byType(resources);
    return of(T.lb, T.alb, T.classicLb).map((loadBalancer) => {
      const logs = loadBalancer.props.accessLogs as { bucket?: unknown; enabled?: unknown } | undefined;
      // A classic load balancer's access_logs block is on unless it says otherwise; an ALB's / NLB's only when it says so.
      const enabled = loadBalancer.type === T.classicLb ? logs?.enabled !== false : logs?.enabled === true;
      return { loadBalancer, accessLogged: !!logs?.bucket && enabled };
    });
  },
  policyGrant(r) {
    if (![T.rolePolicyAttachment, T.userPolicyAttachment, T.groupPolicyAttachment, T.policyAttachment].includes(r.type as never)) return undefined;
    const arn = String(r.props.policyArn ?? "");
    return { policy: arn, cloudManaged: /^arn:[\w-]+:iam::aws:policy\//.test(arn) };
  },
  topicEncrypted: (r) => (r.type === T.topic ? !!r.props.kmsMasterKeyId : undefined),
  logGroupEncrypted: (r) => (r.type === T.logGroup ? !!r.props.kmsKeyId : undefined),
  ingress(r): IngressFacts[] {
    if (r.type === T.ingressRule) {
      return [{ world: isWorld(r.props.cidrIpv4) || isWorld(r.props.cidrIpv6), ...ports(r.props.ipProtocol, r.props.fromPort, r.props.toPort) }];
    }
    if (r.type === T.legacyRule && r.props.type === "ingress") {
      return [{ world: isWorld(r.props.cidrBlocks) || isWorld(r.props.ipv6CidrBlocks), ...ports(r.props.protocol, r.props.fromPort, r.props.toPort) }];
    }
    if (r.type === T.group) {
      return ((r.props.ingress ?? []) as Record<string, unknown>[]).map((i) => ({
        world: isWorld(i.cidrBlocks) || isWorld(i.ipv6CidrBlocks),
        ...ports(i.protocol, i.fromPort, i.toPort),
      }));
    }
    return [];
  },
  publicIps: (r) => (r.type === T.eip || (r.type === T.instance && r.props.associatePublicIpAddress === true) ? 1 : 0),
  monitor(r) {
    if (r.type === T.canary) return "url";
    if (r.type !== T.healthCheck) return undefined;
    return String(r.props.type).startsWith("HTTP") ? "url" : String(r.props.type) === "TCP" ? "port" : undefined;
  },
  buckets(resources): BucketFacts[] {
    const of = byType(resources);
    const bucketName = (b: ResourceView) => b.props.bucket ?? b.props.id;
    // Buckets that receive logs: other buckets' server access logs, load balancers' access logs.
    // Gathered once (a fleet's stack holds thousands of buckets): by dependency, else by name.
    const logTargets = { urns: new Set<string>(), names: new Set<unknown>() };
    const target = (r: ResourceView, property: string, value: unknown) => {
      const deps = r.propertyDependencies?.[property];
      if (deps && deps.length > 0) for (const d of deps) logTargets.urns.add(d.urn);
      else if (value !== undefined) logTargets.names.add(value);
    };
    for (const l of of(T.logging, T.loggingV2)) target(l, "targetBucket", l.props.targetBucket);
    for (const lb of of(T.lb, T.alb, T.classicLb)) target(lb, "accessLogs", (lb.props.accessLogs as { bucket?: unknown } | undefined)?.bucket);
    return of(T.bucket, T.bucketV2).map((bucket) => {
      const related = (...types: string[]) => settingsOf(bucket, of(...types), "bucket", bucketName);
      const blocks = related(T.publicAccessBlock);
      return {
        bucket,
        private: blocks.some((p) => ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"].every((k) => p.props[k] === true)),
        encrypted: related(T.encryption, T.encryptionV2).some((e) =>
          ((e.props.rules ?? []) as { applyServerSideEncryptionByDefault?: { sseAlgorithm?: string } }[]).some((rule) => !!rule.applyServerSideEncryptionByDefault?.sseAlgorithm),
        ),
        versioned: related(T.versioning, T.versioningV2).some((v) => (v.props.versioningConfiguration as { status?: string } | undefined)?.status === "Enabled"),
        tlsOnly: related(T.bucketPolicy).some((p) => deniesPlainHttp(p.props.policy)),
        logTarget: tagsOf(bucket)[TAG_KEYS.logStore] === "true" || logTargets.urns.has(bucket.urn) || (bucketName(bucket) !== undefined && logTargets.names.has(bucketName(bucket))),
        accessLogged: related(T.logging, T.loggingV2).length > 0 || !!bucket.props.logging,
        lockDays: Math.max(
          0,
          ...related(T.objectLock, T.objectLockV2)
            .filter((l) => (l.props.objectLockEnabled ?? "Enabled") === "Enabled")
            .map((l) => {
              const retention = (l.props.rule as { defaultRetention?: { days?: number; years?: number } } | undefined)?.defaultRetention;
              return Number(retention?.days ?? 0) + Number(retention?.years ?? 0) * 365;
            }),
        ),
        abortsIncompleteUploads: related(T.lifecycle, T.lifecycleV2).some((l) =>
          ((l.props.rules ?? []) as { status?: string; abortIncompleteMultipartUpload?: { daysAfterInitiation?: number } }[]).some(
            (rule) => rule.status === "Enabled" && Number(rule.abortIncompleteMultipartUpload?.daysAfterInitiation ?? 0) > 0,
          ),
        ),
      };
    });
  },
  statefulTypes: [T.bucket, T.bucketV2, T.kmsKey, T.rds, T.volume],
  tenantTaggedTypes: [
    "aws:ec2/vpc:Vpc",
    "aws:ec2/subnet:Subnet",
    T.group,
    T.instance,
    T.volume,
    T.eip,
    "aws:ec2/natGateway:NatGateway",
    T.rds,
    T.bucket,
    T.kmsKey,
    "aws:iam/user:User",
    "aws:iam/role:Role",
    "aws:iam/policy:Policy",
    "aws:cloudwatch/metricAlarm:MetricAlarm",
  ],
  bucketTypes: [T.bucket, T.bucketV2],
};
