/**
 * Mutation: switch off each secure default of a demo stack, one at a time, and check that some
 * rule reports it. The test prints how many mutations were caught out of how many.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runPolicyPacks, type PlannedResource, type Verdict } from "../../policies/harness.js";
import { DEMO_NOW, demoResources, licenceConfig, mutate, PACKS } from "../helpers/policies.js";

type Mutation = [description: string, change: (resources: PlannedResource[]) => PlannedResource[]];
const withTag = (key: string, value: string | undefined) => (p: Record<string, any>) => {
  const tags = { ...p.tags };
  if (value === undefined) delete tags[key];
  else tags[key] = value;
  return { ...p, tags };
};
const drop = (name: string) => (rs: PlannedResource[]) => {
  if (!rs.some((r) => r.name === name)) throw new Error(`no resource named ${name}`);
  return rs.filter((r) => r.name !== name);
};
const sub = (url: string) => "urn:pulumi:aws-demo::tenantry::" + url;

const AWS: Mutation[] = [
  ["bucket encryption removed", drop("acme-anybackup-cloud-storage-encryption")],
  ["public access block relaxed", (rs) => mutate(rs, "acme-anybackup-cloud-storage-public-access", (p) => ({ ...p, blockPublicPolicy: false }))],
  ["TLS-only bucket policy removed", drop("acme-anybackup-cloud-storage-tls-only")],
  ["versioning suspended", (rs) => mutate(rs, "globex-anybackup-cloud-storage-versioning", (p) => ({ ...p, versioningConfiguration: { status: "Suspended" } }))],
  ["IMDSv2 optional", (rs) => mutate(rs, "acme-anyshare-cloud-instance", (p) => ({ ...p, metadataOptions: { ...p.metadataOptions, httpTokens: "optional" } }))],
  ["root volume unencrypted", (rs) => mutate(rs, "globex-ops-server-host-instance", (p) => ({ ...p, rootBlockDevice: { ...p.rootBlockDevice, encrypted: false } }))],
  ["cache volume unencrypted", (rs) => mutate(rs, "initech-anyshare-cloud-cache", (p) => ({ ...p, encrypted: false }))],
  ["database storage unencrypted", (rs) => mutate(rs, "acme-anyshare-cloud-db-mysql", (p) => ({ ...p, storageEncrypted: false }))],
  ["database made public", (rs) => mutate(rs, "initech-anyshare-cloud-db-mysql", (p) => ({ ...p, publiclyAccessible: true }))],
  ["SSH opened to the world", (rs) => mutate(rs, "acme-network-ops-ssh-198-51-100-0-24", (p) => ({ ...p, cidrIpv4: "0.0.0.0/0" }))],
  ["bucket not retained on delete", (rs) => mutate(rs, "acme-anybackup-cloud-storage-bucket", withTag("tenantry:retain-on-delete", undefined))],
  ["KMS key not retained on delete", (rs) => mutate(rs, "globex-anybackup-cloud-storage-key", withTag("tenantry:retain-on-delete", undefined))],
  ["AnyShare host one tier too small", (rs) => mutate(rs, "acme-anyshare-cloud-instance", (p) => ({ ...p, instanceType: "m6i.large" }))],
  ["AnyShare database storage too small", (rs) => mutate(rs, "initech-anyshare-cloud-db-mysql", (p) => ({ ...p, allocatedStorage: 100 }))],
  ["AnyShare cache disk too small", (rs) => mutate(rs, "acme-anyshare-cloud-cache", (p) => ({ ...p, size: 50 }))],
  ["AnyBackup host below its dedup configuration", (rs) => mutate(rs, "acme-anybackup-cloud-instance", (p) => ({ ...p, instanceType: "m6i.xlarge" }))],
  ["licence expired", (rs) => rs.map((r) => (r.name.startsWith("initech-anyshare") ? mutate([r], r.name, withTag("tenantry:licence", "start=2025-01-01 end=2026-03-01 users=1500 edition=customised"))[0]! : r))],
  ["licence not yet valid", (rs) => mutate(rs, "acme-anyshare-cloud-instance", withTag("tenantry:licence", "start=2026-09-01 end=2027-09-01 users=500"))],
  ["licensed users outside the packs", (rs) => mutate(rs, "acme-anyshare-cloud-db-mysql", withTag("tenantry:licence", "start=2026-01-01 end=2028-01-01 users=505"))],
  ["tenant tag removed", (rs) => mutate(rs, "globex-network-vpc", withTag("tenantry:tenant", undefined))],
  [
    "host placed in another tenant's subnet",
    (rs) =>
      rs.map((r) =>
        r.name === "acme-anyshare-cloud-instance"
          ? { ...r, propertyDependencies: { ...r.propertyDependencies, subnetId: [rs.find((s) => s.name === "globex-network-app-0")!.urn] } }
          : r,
      ),
  ],
  ["object lock removed", drop("acme-anybackup-cloud-storage-object-lock")],
  ["object lock shortened to nothing", (rs) => mutate(rs, "globex-anybackup-cloud-storage-object-lock", (p) => ({ ...p, rule: { defaultRetention: { mode: "GOVERNANCE", days: 0 } } }))],
  ["bucket access logging removed", drop("acme-anybackup-cloud-storage-access-logs")],
  ["incomplete uploads never aborted", (rs) => mutate(rs, "acme-anybackup-cloud-storage-lifecycle", (p) => ({ ...p, rules: p.rules.map((r: Record<string, unknown>) => ({ ...r, abortIncompleteMultipartUpload: undefined })) }))],
  ["database accepts plain connections", (rs) => mutate(rs, "acme-anyshare-cloud-db-parameters", (p) => ({ ...p, parameters: [{ name: "require_secure_transport", value: "0" }] }))],
  ["database log exports off", (rs) => mutate(rs, "initech-anyshare-cloud-db-mysql", (p) => ({ ...p, enabledCloudwatchLogsExports: [] }))],
  ["database single-zone", (rs) => mutate(rs, "acme-anyshare-cloud-db-mysql", (p) => ({ ...p, multiAz: false }))],
  ["VPC flow logs removed", drop("globex-network-flow-log")],
  ["load balancer access logs off", (rs) => mutate(rs, "acme-entry-anybackup-cloud-clients-lb", (p) => ({ ...p, accessLogs: { ...p.accessLogs, enabled: false } }))],
  ["load balancer access logs removed", (rs) => mutate(rs, "acme-entry-anyshare-cloud-web-lb", (p) => ({ ...p, accessLogs: undefined }))],
  ["default security group reopened", (rs) => mutate(rs, "initech-network-default-sg", (p) => ({ ...p, egress: [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }] }))],
  ["AWS-managed policy attached to a host role", (rs) => mutate(rs, "acme-anyshare-cloud-iam-agents-attachment", (p) => ({ ...p, policyArn: "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore" }))],
  ["alarm topic unencrypted", (rs) => mutate(rs, "alarms-urgent-topic", (p) => ({ ...p, kmsMasterKeyId: undefined }))],
  ["flow-log group without the tenant's key", (rs) => mutate(rs, "acme-network-flow-logs", (p) => ({ ...p, kmsKeyId: undefined }))],
  ["relay log group without the topic's key", (rs) => mutate(rs, "alarms-urgent-relay-logs", (p) => ({ ...p, kmsKeyId: undefined }))],
  ["RDS log group without the tenant's key", (rs) => mutate(rs, "initech-anyshare-cloud-db-slowquery-logs", (p) => ({ ...p, kmsKeyId: undefined }))],
  ["agents' log group without the tenant's key", (rs) => mutate(rs, "globex-agent-logs", (p) => ({ ...p, kmsKeyId: undefined }))],
  ["root volume under AWS's default key", (rs) => mutate(rs, "globex-ops-server-host-instance", (p) => ({ ...p, rootBlockDevice: { ...p.rootBlockDevice, kmsKeyId: undefined } }))],
  ["a fourth host for one tenant", (rs) => [...rs, { ...rs.find((r) => r.name === "acme-ops-server-host-instance")!, name: "acme-extra-instance", urn: sub("aws:ec2/instance:Instance::acme-extra-instance") }]],
];

const ALICLOUD: Mutation[] = [
  ["OSS bucket ACL public", (rs) => mutate(rs, "acme-anybackup-cloud-storage-acl", (p) => ({ ...p, acl: "public-read" }))],
  ["OSS versioning off", (rs) => mutate(rs, "acme-anybackup-cloud-storage-bucket", (p) => ({ ...p, versioning: { status: "Suspended" } }))],
  ["OSS encryption removed", (rs) => mutate(rs, "globex-anybackup-cloud-storage-bucket", (p) => ({ ...p, serverSideEncryptionRule: undefined }))],
  ["OSS TLS-only policy removed", drop("acme-anybackup-cloud-storage-tls-only")],
  ["ECS metadata without tokens", (rs) => mutate(rs, "initech-anyshare-cloud-instance", (p) => ({ ...p, httpTokens: "optional" }))],
  ["ECS system disk unencrypted", (rs) => mutate(rs, "acme-ops-server-host-instance", (p) => ({ ...p, systemDiskEncrypted: false }))],
  ["ESSD cache disk unencrypted", (rs) => mutate(rs, "acme-anyshare-cloud-cache", (p) => ({ ...p, encrypted: false }))],
  ["RDS encryption disabled", (rs) => mutate(rs, "acme-anyshare-cloud-db-mysql", (p) => ({ ...p, encryptionKey: "disabled" }))],
  ["RDS whitelist opened to the world", (rs) => mutate(rs, "initech-anyshare-cloud-db-mysql", (p) => ({ ...p, securityIps: ["0.0.0.0/0"] }))],
  ["RDP opened to the world", (rs) => mutate(rs, "globex-network-ops-ssh-198-51-100-0-24", (p) => ({ ...p, cidrIp: "0.0.0.0/0", portRange: "3389/3389" }))],
  ["cache disk not retained on delete", (rs) => mutate(rs, "initech-anyshare-cloud-cache", withTag("tenantry:retain-on-delete", undefined))],
  ["AnyShare host one tier too small", (rs) => mutate(rs, "initech-anyshare-cloud-instance", (p) => ({ ...p, instanceType: "ecs.c7.2xlarge" }))],
  ["OSS retention policy (WORM) removed", drop("acme-anybackup-cloud-storage-worm")],
  ["OSS access logging removed", drop("globex-anybackup-cloud-storage-access-logs")],
  ["OSS incomplete uploads never aborted", (rs) => mutate(rs, "acme-anybackup-cloud-storage-bucket", (p) => ({ ...p, lifecycleRules: p.lifecycleRules.map((r: Record<string, unknown>) => ({ ...r, abortMultipartUploads: undefined })) }))],
  ["RDS SSL off", (rs) => mutate(rs, "acme-anyshare-cloud-db-mysql", (p) => ({ ...p, sslAction: "Close" }))],
  ["RDS single node", (rs) => mutate(rs, "initech-anyshare-cloud-db-mysql", (p) => ({ ...p, category: "Basic" }))],
  ["system policy attached to the ops role", (rs) => mutate(rs, "acme-ops-server-monitoring-access", (p) => ({ ...p, policyName: "AliyunECSReadOnlyAccess", policyType: "System" }))],
  ["VPC flow log removed", drop("acme-network-flow-log")],
  ["VPC flow log stopped", (rs) => mutate(rs, "globex-network-flow-log", (p) => ({ ...p, status: "Inactive" }))],
  ["RDS SQL audit off", (rs) => mutate(rs, "acme-anyshare-cloud-db-mysql", (p) => ({ ...p, sqlCollectorStatus: "Disabled" }))],
  ["ECS system disk under the default service key", (rs) => mutate(rs, "acme-ops-server-host-instance", (p) => ({ ...p, systemDiskKmsKeyId: undefined }))],
  ["ESSD cache disk under the default service key", (rs) => mutate(rs, "initech-anyshare-cloud-cache", (p) => ({ ...p, kmsKeyId: undefined }))],
];

const HUAWEICLOUD: Mutation[] = [
  ["OBS bucket ACL public", (rs) => mutate(rs, "acme-anybackup-cloud-storage-bucket", (p) => ({ ...p, acl: "public-read" }))],
  ["OBS versioning off", (rs) => mutate(rs, "globex-anybackup-cloud-storage-bucket", (p) => ({ ...p, versioning: false }))],
  ["OBS encryption removed", (rs) => mutate(rs, "acme-anybackup-cloud-storage-bucket", (p) => ({ ...p, encryption: false }))],
  ["OBS TLS-only policy removed", drop("globex-anybackup-cloud-storage-tls-only")],
  ["ECS system disk without its key", (rs) => mutate(rs, "acme-ops-server-host-instance", (p) => ({ ...p, systemDiskKmsKeyId: undefined }))],
  ["EVS cache disk without its key", (rs) => mutate(rs, "initech-anyshare-cloud-cache", (p) => ({ ...p, kmsId: undefined }))],
  ["RDS storage without its key", (rs) => mutate(rs, "acme-anyshare-cloud-db-mysql", (p) => ({ ...p, volume: { ...p.volume, diskEncryptionId: undefined } }))],
  ["RDS accepting connections without TLS", (rs) => mutate(rs, "initech-anyshare-cloud-db-mysql", (p) => ({ ...p, parameters: [] }))],
  ["SSH opened to the world", (rs) => mutate(rs, "acme-network-ops-ssh-198-51-100-0-24", (p) => ({ ...p, remoteIpPrefix: "0.0.0.0/0" }))],
  ["MySQL rule left without a remote (every address)", (rs) => mutate(rs, "globex-network-data-mysql-from-app", (p) => ({ ...p, remoteGroupId: undefined }))],
  ["cache disk not retained on delete", (rs) => mutate(rs, "acme-anyshare-cloud-cache", withTag("tenantry:retain-on-delete", undefined))],
  ["KMS key not retained on delete", (rs) => mutate(rs, "globex-disk-key", withTag("tenantry:retain-on-delete", undefined))],
  ["AnyShare host one tier too small", (rs) => mutate(rs, "acme-anyshare-cloud-instance", (p) => ({ ...p, flavorId: "c7.large.4" }))],
  ["AnyShare database storage too small", (rs) => mutate(rs, "initech-anyshare-cloud-db-mysql", (p) => ({ ...p, volume: { ...p.volume, size: 40 } }))],
  ["AnyBackup host below its dedup configuration", (rs) => mutate(rs, "acme-anybackup-cloud-instance", (p) => ({ ...p, flavorId: "c7.2xlarge.2" }))],
  ["tenant tag removed", (rs) => mutate(rs, "globex-network-vpc", withTag("tenantry:tenant", undefined))],
  [
    "host placed in another tenant's subnet",
    (rs) =>
      rs.map((r) =>
        r.name === "acme-anyshare-cloud-instance"
          ? { ...r, propertyDependencies: { ...r.propertyDependencies, networks: [rs.find((s) => s.name === "globex-network-app-0")!.urn] } }
          : r,
      ),
  ],
  ["VPC flow log removed", drop("initech-network-flow-log")],
  ["VPC flow log disabled", (rs) => mutate(rs, "acme-network-flow-log", (p) => ({ ...p, enabled: false }))],
  ["ELB access logs removed", drop("acme-entry-anyshare-cloud-web-access-logs")],
  ["OBS access logging removed", (rs) => mutate(rs, "globex-anybackup-cloud-storage-bucket", (p) => ({ ...p, loggings: [] }))],
  ["RDS SQL audit removed", drop("acme-anyshare-cloud-db-sql-audit")],
  ["OBS incomplete uploads never aborted", (rs) => mutate(rs, "globex-anybackup-cloud-storage-bucket", (p) => ({ ...p, lifecycleRules: p.lifecycleRules.map((r: Record<string, unknown>) => ({ ...r, abortIncompleteMultipartUploads: undefined })) }))],
];

/** Changes a Kubernetes object's pod spec, first container, metadata annotations or spec. */
const podSpec = (change: (spec: Record<string, any>) => void) => (p: Record<string, any>) => (change(p.spec.template.spec), p);
const container = (change: (c: Record<string, any>) => void) => podSpec((spec) => change(spec.containers[0]));
const annotate = (key: string, value: string | undefined) => (p: Record<string, any>) => {
  const annotations = { ...p.metadata.annotations };
  if (value === undefined) delete annotations[key];
  else annotations[key] = value;
  return { ...p, metadata: { ...p.metadata, annotations } };
};
const storage = (size: string) => (p: Record<string, any>) => (((p.spec.resources.requests.storage = size), p));

const KUBERNETES: Mutation[] = [
  ["privileged container", (rs) => mutate(rs, "acme-anyshare-cloud-statefulset", container((c) => (c.securityContext.privileged = true)))],
  ["privilege escalation allowed", (rs) => mutate(rs, "globex-anybackup-cloud-statefulset", container((c) => delete c.securityContext.allowPrivilegeEscalation))],
  ["hostPath volume", (rs) => mutate(rs, "initech-anyshare-cloud-statefulset", podSpec((s) => s.volumes.push({ name: "host", hostPath: { path: "/" } })))],
  ["host network", (rs) => mutate(rs, "acme-anybackup-cloud-statefulset", podSpec((s) => (s.hostNetwork = true)))],
  ["may run as root", (rs) => mutate(rs, "acme-anyshare-cloud-db-server-statefulset", (p) => (delete p.spec.template.spec.securityContext.runAsNonRoot, container((c) => (c.securityContext.runAsNonRoot = false))(p)))],
  ["writable root filesystem", (rs) => mutate(rs, "acme-anyshare-cloud-statefulset", container((c) => (c.securityContext.readOnlyRootFilesystem = false)))],
  ["default deny removed", drop("globex-network-deny-all")],
  ["MySQL opened to the world by a NetworkPolicy", (rs) => mutate(rs, "acme-network-allow-same-namespace", (p) => (p.spec.ingress.push({ from: [{ ipBlock: { cidr: "0.0.0.0/0" } }], ports: [{ port: 3306 }] }), p))],
  ["database behind a public load balancer", (rs) => mutate(rs, "initech-anyshare-cloud-db-server-service", (p) => (((p.spec.type = "LoadBalancer"), p)))],
  ["PVC not retained on delete", (rs) => mutate(rs, "acme-anyshare-cloud-cache", annotate("tenantry/retain-on-delete", undefined))],
  ["storage class not encrypting", (rs) => mutate(rs, "globex-anybackup-cloud-system", annotate("tenantry/storage-encrypted", "false"))],
  ["AnyShare requests one tier too small", (rs) => mutate(rs, "acme-anyshare-cloud-statefulset", container((c) => (c.resources.requests.cpu = "2")))],
  ["AnyShare cache PVC too small", (rs) => mutate(rs, "initech-anyshare-cloud-cache", storage("50Gi"))],
  ["AnyShare system PVC too small", (rs) => mutate(rs, "acme-anyshare-cloud-system", storage("20Gi"))],
  ["AnyBackup requests below its dedup configuration", (rs) => mutate(rs, "acme-anybackup-cloud-statefulset", container((c) => (c.resources.requests.memory = "16Gi")))],
  ["database storage PVC too small", (rs) => mutate(rs, "acme-anyshare-cloud-db-server-data", storage("20Gi"))],
  ["database requests too small", (rs) => mutate(rs, "initech-anyshare-cloud-db-server-statefulset", container((c) => (c.resources.requests.memory = "2Gi")))],
  ["tenant over its vCPU quota", (rs) => mutate(rs, "acme-anybackup-cloud-statefulset", container((c) => (c.resources.requests.cpu = "64")))],
  ["licence expired", (rs) => mutate(rs, "acme-anybackup-cloud-statefulset", annotate("tenantry/licence", "start=2025-01-01 end=2026-03-01 capacity=10"))],
  ["tenant label removed from a namespace", (rs) => mutate(rs, "globex-namespace-ns", (p) => ({ ...p, metadata: { ...p.metadata, labels: Object.fromEntries(Object.entries(p.metadata.labels).filter(([k]) => k !== "tenantry/tenant")) } }))],
];

const caught: string[] = [];
const missed: string[] = [];
afterAll(() => {
  console.log(`mutations caught: ${caught.length} of ${caught.length + missed.length}${missed.length ? ` (missed: ${missed.join("; ")})` : ""}`);
});

const key = (v: Verdict) => `${v.policy}|${v.message}`;

describe.each([
  ["aws", AWS],
  ["alicloud", ALICLOUD],
  ["huaweicloud", HUAWEICLOUD],
  ["kubernetes", KUBERNETES],
] as const)("mutations of the %s-demo stack", (cloud, mutations) => {
  let base: PlannedResource[];
  let baseline: Set<string>;
  beforeAll(async () => {
    base = await demoResources(cloud);
    baseline = new Set((await runPolicyPacks(PACKS, base, licenceConfig(DEMO_NOW))).verdicts.map(key));
  });

  it.each(mutations)("%s is reported", async (description, change) => {
    const run = await runPolicyPacks(PACKS, change(base), licenceConfig(DEMO_NOW));
    const fresh = run.verdicts.filter((v) => !baseline.has(key(v)) && v.level !== "acknowledged");
    (fresh.length > 0 ? caught : missed).push(`${cloud}: ${description}`);
    expect(fresh.map((v) => `${v.policy}: ${v.message}`), description).not.toEqual([]);
  });
});
