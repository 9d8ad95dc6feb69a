/**
 * Parity: the same demo manifest through the AWS, Alibaba Cloud and Huawei Cloud stacks gives the
 * same cloud-neutral inventory (every host, disk, bucket, database and alarm of the blueprint),
 * except for the differences the README lists as documented cloud differences (each one is checked
 * against the README here).
 */
import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { cloudImplements, MONITORED_CLOUDS, TAG_KEYS, type MonitorCoverage, type MonitoredCloud, type TenantBlueprint } from "../components/core/index.js";
import type { RecordedResource } from "../plan/mock-run.js";
import { demoBlueprints } from "./helpers/fleet.js";
import type { KubernetesTenantOutputs } from "../components/kubernetes/index.js";
import type { HuaweiTenantOutputs } from "../components/huaweicloud/index.js";
import { alicloudInventory, awsInventory, huaweicloudInventory, inventoryDifferences, kubernetesInventory, type Inventory } from "./helpers/inventory.js";
import { runAlicloudStack, runAwsStack, runHuaweicloudStack, runKubernetesStack } from "./helpers/stacks.js";

/** Each known difference, with the README sentence that documents it. */
const DOCUMENTED_DIFFERENCES: { difference: RegExp; readme: string }[] = [
  { difference: /^[a-z]+\.hosts\[\d\]\.alarms: .*"status-check".* != /, readme: "EC2 status-check alarms have no CloudMonitor counterpart" },
  // acme's 500-user tier documents a 1 vCPU / 4 GiB database: db.m6i.large (2/8) on AWS, mysql.n2.medium.2c (2/4) on Alibaba.
  { difference: /^acme\.databases\[0\]\.memoryGiB: 8 != 4$/, readme: "AWS has no 1-vCPU RDS class" },
];

/** Differences between Alibaba Cloud (the reference here: no status-check alarms) and Huawei Cloud. */
const HUAWEI_DIFFERENCES: { difference: RegExp; readme: string }[] = [
  // Every host's alarm list differs only in the composite rule, which Cloud Eye keeps as its first condition.
  {
    difference: /^[a-z]+\.hosts\[\d\]\.alarms: \["cpu-load>5 & cpu-utilisation>90","cpu-utilisation>90","disk-utilisation>80","memory-utilisation>90"\] != \["cpu-load>5","cpu-utilisation>90","disk-utilisation>80","memory-utilisation>90"\]$/,
    readme: "Cloud Eye rules cannot require two metrics at once",
  },
];

/** Kubernetes against Alibaba Cloud, each with the README sentence that documents it. */
const KUBERNETES_DIFFERENCES: { difference: RegExp; readme: string }[] = [
  // acme's 500-user tier documents a 1 vCPU / 4 GiB database: mysql.n2.medium.2c (2/4) on Alibaba, exactly 1 CPU / 4 GiB on Kubernetes.
  { difference: /^acme\.databases\[0\]\.vcpu: 2 != 1$/, readme: "Kubernetes gives every workload exactly its documented size" },
];

let aws: Inventory;
let alicloud: Inventory;
let huaweicloud: Inventory;
let blueprints: TenantBlueprint[];
let awsResources: RecordedResource[];
let alicloudResources: RecordedResource[];
let huaweicloudResources: RecordedResource[];
let huaweicloudOutputs: Record<string, HuaweiTenantOutputs>;
let coverage: Record<"aws" | "alicloud", Record<string, MonitorCoverage>>;
beforeAll(async () => {
  blueprints = await demoBlueprints();
  const awsRun = await runAwsStack(blueprints);
  const alicloudRun = await runAlicloudStack(blueprints);
  awsResources = awsRun.resources;
  alicloudResources = alicloudRun.resources;
  const monitorsOf = (outputs: unknown) => Object.fromEntries(Object.entries(outputs as Record<string, { monitors: MonitorCoverage }>).map(([t, o]) => [t, o.monitors]));
  coverage = { aws: monitorsOf(awsRun.outputs), alicloud: monitorsOf(alicloudRun.outputs) };
  aws = awsInventory(awsResources);
  alicloud = alicloudInventory(alicloudResources);
  const huaweiRun = await runHuaweicloudStack(blueprints);
  huaweicloudResources = huaweiRun.resources;
  huaweicloudOutputs = huaweiRun.outputs as Record<string, HuaweiTenantOutputs>;
  huaweicloud = huaweicloudInventory(huaweicloudResources);
});

const readme = () => readFileSync("README.md", "utf8").replace(/\s+/g, " ");

describe("AWS, Alibaba Cloud and Huawei Cloud build the same inventory from the demo manifest", () => {
  it("has every tenant, host, disk, bucket and database on every cloud", () => {
    expect(Object.keys(aws)).toEqual(["acme", "globex", "initech"]);
    for (const other of [alicloud, huaweicloud]) {
      expect(Object.keys(other)).toEqual(Object.keys(aws));
      for (const id of Object.keys(aws)) {
        expect(other[id]!.hosts.map((h) => [h.product, h.systemDiskGiB, h.cacheDiskGiB, h.publicIp])).toEqual(aws[id]!.hosts.map((h) => [h.product, h.systemDiskGiB, h.cacheDiskGiB, h.publicIp]));
        expect(other[id]!.buckets).toEqual(aws[id]!.buckets);
        expect(other[id]!.databases.map((d) => [d.product, d.storageGiB, d.alarms])).toEqual(aws[id]!.databases.map((d) => [d.product, d.storageGiB, d.alarms]));
      }
    }
  });

  it("AWS and Alibaba Cloud differ only where the README says the clouds differ", () => {
    const differences = inventoryDifferences(aws, alicloud);
    console.log(`AWS vs Alibaba Cloud inventory differences:\n${differences.join("\n")}`);
    expect(differences.filter((d) => !DOCUMENTED_DIFFERENCES.some((k) => k.difference.test(d)))).toEqual([]);
    for (const known of DOCUMENTED_DIFFERENCES) expect(readme()).toContain(known.readme);
  });

  it("Alibaba Cloud and Huawei Cloud differ only where the README says the clouds differ", () => {
    const differences = inventoryDifferences(alicloud, huaweicloud);
    console.log(`Alibaba Cloud vs Huawei Cloud inventory differences:\n${differences.join("\n")}`);
    expect(differences.filter((d) => !HUAWEI_DIFFERENCES.some((k) => k.difference.test(d)))).toEqual([]);
    for (const known of HUAWEI_DIFFERENCES) expect(readme()).toContain(known.readme);
  });
});

describe("Kubernetes renders every need of the demo blueprints", () => {
  let kubernetes: Inventory;
  let outputs: Record<string, KubernetesTenantOutputs>;
  let blueprints: TenantBlueprint[];
  beforeAll(async () => {
    blueprints = await demoBlueprints();
    const run = await runKubernetesStack(blueprints);
    kubernetes = kubernetesInventory(run.resources);
    outputs = run.outputs as Record<string, KubernetesTenantOutputs>;
  });

  it("renders each host, database, bucket, entry point and monitor, or names why not", () => {
    for (const bp of blueprints) {
      const out = outputs[bp.tenant]!;
      for (const h of bp.hosts) expect(out.hosts[h.key], `${bp.tenant} ${h.key}`).toBeDefined();
      expect(Object.keys(out.databases)).toEqual(bp.databases.map((d) => d.key));
      expect(Object.keys(out.backupStorage)).toEqual(bp.buckets.map((b) => b.key));
      expect(Object.keys(out.entryPoints).sort()).toEqual(bp.entryPoints.map((e) => e.key).sort());
      expect([...out.monitors.rendered, ...out.monitors.notRendered.map((n) => n.id)].sort()).toEqual(bp.monitors.map((m) => m.id).sort());
      for (const n of out.monitors.notRendered) expect(n.id, n.reason).toMatch(/^port:ssh@/);
    }
  });

  it("differs from Alibaba Cloud only where the README says Kubernetes differs", () => {
    // The ops server's role on Kubernetes is monitoring (checked above): it has no host to compare.
    const withoutOpsHosts = Object.fromEntries(Object.entries(alicloud).map(([id, t]) => [id, { ...t, hosts: t.hosts.filter((h) => h.product !== "ops-server") }]));
    const differences = inventoryDifferences(withoutOpsHosts, kubernetes);
    console.log(`Alibaba Cloud vs Kubernetes inventory differences (ops-server hosts aside):\n${differences.join("\n")}`);
    const unexplained = differences.filter((d) => !KUBERNETES_DIFFERENCES.some((k) => k.difference.test(d)));
    expect(unexplained).toEqual([]);
    const readme = readFileSync("README.md", "utf8").replace(/\s+/g, " ");
    for (const known of KUBERNETES_DIFFERENCES) expect(readme).toContain(known.readme);
  });
});

describe("reach and monitoring: every entry point and cloud monitor of the blueprint is rendered on AWS, Alibaba Cloud and Huawei Cloud", () => {
  const monitorIds = (resources: readonly RecordedResource[], tenant: string) =>
    new Set(resources.flatMap((r) => {
      const tags = (r.inputs.tags ?? {}) as Record<string, string>;
      return tags[TAG_KEYS.tenant] === tenant && tags[TAG_KEYS.monitor] ? [tags[TAG_KEYS.monitor]] : [];
    }));
  const listeners = (resources: readonly RecordedResource[], type: string, tenant: string, key: string) =>
    resources.filter((r) => r.type === type && r.name.startsWith(`${tenant}-entry-${key}-`) && /-\d+$/.test(r.name)).map((r) => Number(r.name.split("-").at(-1))).sort((a, b) => a - b);

  it("every entry point has its listeners on every cloud", () => {
    for (const bp of blueprints) {
      for (const e of bp.entryPoints) {
        const ports = e.listeners.map((l) => l.port).sort((a, b) => a - b);
        expect(listeners(awsResources, "aws:lb/listener:Listener", bp.tenant, e.key), `${bp.tenant} ${e.key} on AWS`).toEqual(ports);
        expect(listeners(alicloudResources, "alicloud:slb/listener:Listener", bp.tenant, e.key), `${bp.tenant} ${e.key} on Alibaba`).toEqual(ports);
        expect(listeners(huaweicloudResources, "huaweicloud:DedicatedElb/listener:Listener", bp.tenant, e.key), `${bp.tenant} ${e.key} on Huawei`).toEqual(ports);
      }
    }
  });

  it("every load balancer writes access logs into its tenant's log store on AWS and Huawei Cloud; Alibaba's CLB cannot, as the README says", () => {
    for (const bp of blueprints) {
      expect(bp.entryLogs, bp.tenant).toMatchObject({ retentionDays: 365 });
      const awsLbs = awsResources.filter((r) => r.type === "aws:lb/loadBalancer:LoadBalancer" && r.name.startsWith(`${bp.tenant}-entry-`));
      expect(awsLbs.length, bp.tenant).toBe(bp.entryPoints.length);
      for (const lb of awsLbs) expect(lb.inputs.accessLogs, lb.name).toMatchObject({ enabled: true, prefix: `elb/${lb.name.slice(`${bp.tenant}-entry-`.length, -"-lb".length)}` });
      const elbs = huaweicloudResources.filter((r) => r.type === "huaweicloud:DedicatedElb/loadbalancer:Loadbalancer" && r.name.startsWith(`${bp.tenant}-entry-`));
      const tanks = huaweicloudResources.filter((r) => r.type === "huaweicloud:DedicatedElb/logtank:Logtank" && r.name.startsWith(`${bp.tenant}-entry-`));
      expect(elbs.length, bp.tenant).toBe(bp.entryPoints.length);
      expect(tanks.map((t) => t.inputs.loadbalancerId).sort()).toEqual(elbs.map((e) => `${e.name}-id`).sort());
    }
    expect(readme()).toContain("Alibaba CLB access logs have no provider input");
  });

  it("every monitor the core's per-cloud table gives a cloud has an alarm or probe carrying its id there, and no other", () => {
    // Cloud Eye rules take no tags: the rule's description names the monitor it implements.
    const huaweiMonitors = (tenant: string) =>
      new Set(huaweicloudResources.flatMap((r) => {
        const note = /monitor (\S+)$/.exec(String(r.inputs.alarmDescription ?? ""));
        return r.type === "huaweicloud:Cse/alarmrule:Alarmrule" && r.name.startsWith(`${tenant}-`) && note ? [note[1]!] : [];
      }));
    const rendered: Record<MonitoredCloud, (tenant: string) => Set<string | undefined>> = {
      aws: (t) => monitorIds(awsResources, t),
      alicloud: (t) => monitorIds(alicloudResources, t),
      huaweicloud: huaweiMonitors,
    };
    for (const cloud of MONITORED_CLOUDS) {
      for (const bp of blueprints) {
        // The demo stacks put load balancers in front of every web service.
        const expected = bp.monitors.filter((m) => cloudImplements(cloud, m, true)).map((m) => m.id);
        expect(expected.length, `${cloud} ${bp.tenant}`).toBeGreaterThan(0);
        expect([...rendered[cloud](bp.tenant)].sort(), `${cloud} ${bp.tenant}`).toEqual(expected.sort());
      }
    }
    // What the table gives no cloud is the ops server's, and Alibaba's and Huawei's middleware need a load balancer: the README says so.
    expect(readme()).toContain("Alibaba middleware rules run on the web CLB's health checks");
    expect(readme()).toContain("Huawei middleware rules run on the web ELB's health checks");
  });

  it("Huawei Cloud: every monitor is implemented (Cloud Eye, its prober or the ops server); behind dedicated ELBs even a tenant without an ops server lacks none", () => {
    for (const bp of blueprints) {
      const { rendered, notRendered } = huaweicloudOutputs[bp.tenant]!.monitors;
      expect([...rendered, ...notRendered.map((n) => n.id)].sort(), bp.tenant).toEqual(bp.monitors.map((m) => m.id).sort());
      expect(notRendered, bp.tenant).toEqual([]);
    }
    expect(blueprints.some((bp) => !bp.hosts.some((h) => h.key === "ops-server") && bp.monitors.some((m) => m.kind === "middleware"))).toBe(true);
    expect(readme()).toContain("with `entryPoint: eip`, a tenant without an ops server has no Tomcat or ZooKeeper monitor");
    expect(readme()).toContain("gets from its FunctionGraph prober");
  });

  it("AWS and Alibaba Cloud: every tenant names each monitor as implemented or not, with the reason; what the cloud renders is among the implemented", () => {
    for (const cloud of ["aws", "alicloud"] as const) {
      for (const bp of blueprints) {
        const { rendered, notRendered } = coverage[cloud][bp.tenant]!;
        expect([...rendered, ...notRendered.map((n) => n.id)].sort(), `${cloud} ${bp.tenant}`).toEqual(bp.monitors.map((m) => m.id).sort());
        const byCloud = bp.monitors.filter((m) => cloudImplements(cloud, m, true)).map((m) => m.id);
        expect(rendered, `${cloud} ${bp.tenant}`).toEqual(expect.arrayContaining(byCloud));
        const hasOps = bp.hosts.some((h) => h.key === "ops-server");
        if (hasOps) expect(notRendered, `${cloud} ${bp.tenant}`).toEqual([]);
        for (const n of notRendered) expect(n.reason, n.id).toMatch(/no ops server/);
      }
    }
    // initech has no ops server: on Alibaba its web CLB's middleware-check listeners cover its middleware, on AWS the agent's alarms.
    const initechMiddleware = blueprints.find((bp) => bp.tenant === "initech")!.monitors.filter((m) => m.kind === "middleware").map((m) => m.id);
    expect(initechMiddleware.length).toBeGreaterThan(0);
    for (const cloud of ["aws", "alicloud"] as const) {
      expect(coverage[cloud].initech!.rendered, cloud).toEqual(expect.arrayContaining(initechMiddleware));
      expect(coverage[cloud].initech!.notRendered.filter((n) => n.id.startsWith("middleware:")), cloud).toEqual([]);
    }
  });
});
