/**
 * The cloud-neutral inventory of a stack run: per tenant, its hosts (class size, disks, public IP),
 * buckets, databases (class size, storage) and alarms (metric and threshold), read back from the
 * resources a cloud registered. Two clouds built from one manifest should give the same inventory.
 */
import * as awsc from "../../components/aws/index.js";
import * as ali from "../../components/alicloud/index.js";
import * as hw from "../../components/huaweicloud/index.js";
import { TAG_KEYS, type Flavor, type HostMetric } from "../../components/core/index.js";
import type { RecordedResource } from "../../plan/mock-run.js";

export interface HostEntry {
  product: string;
  vcpu: number;
  memoryGiB: number;
  systemDiskGiB: number;
  cacheDiskGiB: number | null;
  publicIp: boolean;
  /** Each alarm as its conditions, e.g. "cpu-load>5 & cpu-utilisation>90". */
  alarms: string[];
}

export interface DatabaseEntry {
  product: string;
  vcpu: number;
  memoryGiB: number;
  storageGiB: number;
  alarms: string[];
}

export interface TenantInventory {
  hosts: HostEntry[];
  buckets: string[];
  databases: DatabaseEntry[];
}

export type Inventory = Record<string, TenantInventory>;

type Tags = Record<string, string>;
const tagsOf = (r: RecordedResource) => (r.inputs.tags ?? {}) as Tags;
const tenantOf = (r: RecordedResource) => tagsOf(r)["tenantry:tenant"];
const productOf = (r: RecordedResource) => tagsOf(r)["tenantry:product"];

function flavor(table: readonly Flavor[], name: unknown): Flavor {
  const found = table.find((f) => f.name === name);
  if (!found) throw new Error(`unknown class ${String(name)}`);
  return found;
}

function inverse<T extends { metricName: string }>(table: Readonly<Record<HostMetric, T>>): Record<string, HostMetric> {
  return Object.fromEntries(Object.entries(table).map(([metric, m]) => [m.metricName, metric as HostMetric]));
}

function tenantEntry(inventory: Inventory, tenant: string): TenantInventory {
  return (inventory[tenant] ??= { hosts: [], buckets: [], databases: [] });
}

const byProduct = <T extends { product: string }>(a: T, b: T) => a.product.localeCompare(b.product);

function sortAll(inventory: Inventory): Inventory {
  for (const t of Object.values(inventory)) {
    t.hosts.sort(byProduct).forEach((h) => h.alarms.sort());
    t.databases.sort(byProduct).forEach((d) => d.alarms.sort());
    t.buckets.sort();
  }
  return inventory;
}

export function awsInventory(resources: readonly RecordedResource[]): Inventory {
  const inventory: Inventory = {};
  const of = (type: string) => resources.filter((r) => r.type === type);
  const metricOf = inverse(awsc.HOST_METRICS);
  const alarms = of("aws:cloudwatch/metricAlarm:MetricAlarm");
  const condition = (a: RecordedResource) => `${metricOf[String(a.inputs.metricName)] ?? String(a.inputs.metricName)}>${String(a.inputs.threshold)}`;
  for (const i of of("aws:ec2/instance:Instance")) {
    const product = productOf(i)!;
    const id = `${i.name}-id`;
    const onHost = alarms.filter((a) => (a.inputs.dimensions as Tags | undefined)?.InstanceId === id);
    const notifying = onHost.filter((a) => ((a.inputs.alarmActions as unknown[] | undefined) ?? []).length > 0).map(condition);
    const composites = of("aws:cloudwatch/compositeAlarm:CompositeAlarm")
      .filter((c) => onHost.some((a) => String(c.inputs.alarmRule).includes(`"${a.name}"`)))
      .map((c) => onHost.filter((a) => String(c.inputs.alarmRule).includes(`"${a.name}"`)).map(condition).join(" & "));
    const size = flavor(awsc.EC2_INSTANCE_TYPES, i.inputs.instanceType);
    const cache = of("aws:ebs/volume:Volume").find((v) => tenantOf(v) === tenantOf(i) && productOf(v) === product);
    tenantEntry(inventory, tenantOf(i)!).hosts.push({
      product,
      vcpu: size.vcpu,
      memoryGiB: size.memoryGiB,
      systemDiskGiB: Number((i.inputs.rootBlockDevice as { volumeSize: number }).volumeSize),
      cacheDiskGiB: cache ? Number(cache.inputs.size) : null,
      publicIp: of("aws:ec2/eip:Eip").some((e) => e.inputs.instance === id),
      alarms: [...notifying.map((n) => (n === "StatusCheckFailed>1" ? "status-check" : n)), ...composites],
    });
  }
  // Log buckets (targets of a bucket's logging; load-balancer log stores) hold no tenant data.
  const logTargets = new Set(of("aws:s3/bucketLogging:BucketLogging").map((l) => l.inputs.targetBucket));
  const logStore = (b: RecordedResource) => logTargets.has(`${b.name}-id`) || (b.inputs.tags as Record<string, string> | undefined)?.[TAG_KEYS.logStore] === "true";
  for (const b of of("aws:s3/bucket:Bucket").filter((b) => !logStore(b))) tenantEntry(inventory, tenantOf(b)!).buckets.push(productOf(b)!);
  for (const d of of("aws:rds/instance:Instance")) {
    const size = flavor(awsc.RDS_INSTANCE_CLASSES, d.inputs.instanceClass);
    const storage = Number(d.inputs.allocatedStorage);
    const dbAlarms = alarms
      .filter((a) => (a.inputs.dimensions as Tags | undefined)?.DBInstanceIdentifier === d.name)
      .map((a) => (a.inputs.metricName === "FreeStorageSpace" ? `db-free-storage<${Math.round((Number(a.inputs.threshold) / (storage * 1024 ** 3)) * 100)}%` : `db-cpu>${String(a.inputs.threshold)}`));
    tenantEntry(inventory, tenantOf(d)!).databases.push({ product: productOf(d)!, vcpu: size.vcpu, memoryGiB: size.memoryGiB, storageGiB: storage, alarms: dbAlarms });
  }
  return sortAll(inventory);
}

/** A CloudMonitor rule's escalation, at whichever level (severity) it is set. */
const escalation = (a: RecordedResource) =>
  (a.inputs.escalationsCritical ?? a.inputs.escalationsWarn ?? a.inputs.escalationsInfo) as { threshold: string };

export function alicloudInventory(resources: readonly RecordedResource[]): Inventory {
  const inventory: Inventory = {};
  const of = (type: string) => resources.filter((r) => r.type === type);
  const metricOf = inverse(ali.HOST_METRICS);
  const rules = of("alicloud:cms/alarm:Alarm");
  const dimensionOf = (a: RecordedResource) => (JSON.parse(String(a.inputs.metricDimensions)) as { instanceId: string }[])[0]!.instanceId;
  for (const i of of("alicloud:ecs/instance:Instance")) {
    const product = productOf(i)!;
    const id = `${i.name}-id`;
    const hostAlarms = rules
      .filter((a) => a.inputs.project === ali.ECS_NAMESPACE && dimensionOf(a) === id)
      .map((a) => {
        const composite = a.inputs.compositeExpression as { expressionLists: { metricName: string; threshold: string }[] } | undefined;
        if (composite) return composite.expressionLists.map((e) => `${metricOf[e.metricName]}>${e.threshold}`).join(" & ");
        return `${metricOf[String(a.inputs.metric)]}>${escalation(a).threshold}`;
      });
    const size = flavor(ali.ECS_INSTANCE_TYPES, i.inputs.instanceType);
    const cache = of("alicloud:ecs/ecsDisk:EcsDisk").find((d) => tenantOf(d) === tenantOf(i) && productOf(d) === product);
    tenantEntry(inventory, tenantOf(i)!).hosts.push({
      product,
      vcpu: size.vcpu,
      memoryGiB: size.memoryGiB,
      systemDiskGiB: Number(i.inputs.systemDiskSize),
      cacheDiskGiB: cache ? Number(cache.inputs.size) : null,
      publicIp: of("alicloud:ecs/eipAssociation:EipAssociation").some((e) => e.inputs.instanceId === id),
      alarms: hostAlarms,
    });
  }
  const ossLogTargets = new Set(of("alicloud:oss/bucketLogging:BucketLogging").map((l) => l.inputs.targetBucket));
  for (const b of of("alicloud:oss/bucket:Bucket").filter((b) => !ossLogTargets.has(b.outputs.bucket))) tenantEntry(inventory, tenantOf(b)!).buckets.push(productOf(b)!);
  for (const d of of("alicloud:rds/instance:Instance")) {
    const size = flavor([...ali.RDS_INSTANCE_CLASSES.HighAvailability, ...ali.RDS_INSTANCE_CLASSES.Basic], d.inputs.instanceType);
    const dbAlarms = rules
      .filter((a) => a.inputs.project === ali.RDS_NAMESPACE && dimensionOf(a) === `${d.name}-id`)
      .map((a) => {
        const threshold = Number(escalation(a).threshold);
        return a.inputs.metric === "DiskUsage" ? `db-free-storage<${100 - threshold}%` : `db-cpu>${threshold}`;
      });
    tenantEntry(inventory, tenantOf(d)!).databases.push({ product: productOf(d)!, vcpu: size.vcpu, memoryGiB: size.memoryGiB, storageGiB: Number(d.inputs.instanceStorage), alarms: dbAlarms });
  }
  return sortAll(inventory);
}

export function huaweicloudInventory(resources: readonly RecordedResource[]): Inventory {
  const inventory: Inventory = {};
  const of = (type: string) => resources.filter((r) => r.type === type);
  const metricOf = inverse(hw.HOST_METRICS);
  const rules = of("huaweicloud:Cse/alarmrule:Alarmrule");
  type Rule = { resources: { dimensions: { name: string; value: string }[] }[]; conditions: { metricName: string; value: number }[] };
  const on = (dimension: string, id: string) => rules.filter((a) => (a.inputs as unknown as Rule).resources[0]!.dimensions.some((d) => d.name === dimension && d.value === id));
  const conditions = (a: RecordedResource) => (a.inputs as unknown as Rule).conditions;
  for (const i of of("huaweicloud:Ecs/instance:Instance")) {
    const product = productOf(i)!;
    const id = `${i.name}-id`;
    const size = flavor(hw.ECS_FLAVORS, i.inputs.flavorId);
    const cache = of("huaweicloud:Evs/volume:Volume").find((v) => tenantOf(v) === tenantOf(i) && productOf(v) === product);
    tenantEntry(inventory, tenantOf(i)!).hosts.push({
      product,
      vcpu: size.vcpu,
      memoryGiB: size.memoryGiB,
      systemDiskGiB: Number(i.inputs.systemDiskSize),
      cacheDiskGiB: cache ? Number(cache.inputs.size) : null,
      publicIp: of("huaweicloud:Ecs/eipAssociate:EipAssociate").some((e) => e.inputs.instanceId === id),
      alarms: on(hw.ECS_DIMENSION, id).map((a) => conditions(a).map((c) => `${metricOf[c.metricName]}>${c.value}`).join(" & ")),
    });
  }
  for (const b of of("huaweicloud:Obs/bucket:Bucket").filter((b) => (b.inputs.tags as Record<string, string> | undefined)?.[TAG_KEYS.logStore] !== "true")) tenantEntry(inventory, tenantOf(b)!).buckets.push(productOf(b)!);
  for (const d of of("huaweicloud:Rds/instance:Instance")) {
    const size = flavor(hw.RDS_FLAVORS, hw.rdsBaseFlavor(String(d.inputs.flavor)));
    const dbAlarms = on(hw.RDS_DIMENSION, `${d.name}-id`).map((a) => {
      const c = conditions(a)[0]!;
      return c.metricName === hw.RDS_METRICS.storageUsed.metricName ? `db-free-storage<${100 - c.value}%` : `db-cpu>${c.value}`;
    });
    tenantEntry(inventory, tenantOf(d)!).databases.push({ product: productOf(d)!, vcpu: size.vcpu, memoryGiB: size.memoryGiB, storageGiB: Number((d.inputs.volume as { size: number }).size), alarms: dbAlarms });
  }
  return sortAll(inventory);
}

/** Every place two inventories differ, as `path: a != b` lines. */
export function inventoryDifferences(a: unknown, b: unknown, path = ""): string[] {
  if (JSON.stringify(a) === JSON.stringify(b)) return [];
  if (Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x) => typeof x === "object")) {
    return a.flatMap((x, i) => inventoryDifferences(x, b[i], `${path}[${i}]`));
  }
  if (a && b && typeof a === "object" && typeof b === "object" && !Array.isArray(a)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
    return keys.flatMap((k) => inventoryDifferences((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], path ? `${path}.${k}` : k));
  }
  return [`${path}: ${JSON.stringify(a)} != ${JSON.stringify(b)}`];
}

/** What each Kubernetes alert expression measures, by the metric it reads (components/kubernetes/alert-rules.ts). */
const K8S_METRICS: [RegExp, HostMetric][] = [
  [/container_cpu_usage_seconds_total/, "cpu-utilisation"],
  [/container_memory_working_set_bytes/, "memory-utilisation"],
  [/kubelet_volume_stats_used_bytes/, "disk-utilisation"],
  [/container_cpu_load_average_10s/, "cpu-load"],
];

/** The inventory of a Kubernetes stack: StatefulSets as hosts and databases, their PVCs as disks, their alert rules. */
export function kubernetesInventory(resources: readonly RecordedResource[]): Inventory {
  type Obj = { metadata: { name: string; namespace?: string; labels?: Tags; annotations?: Tags }; spec?: any };
  const inventory: Inventory = {};
  const of = (type: string) => resources.filter((r) => r.type === type).map((r) => r.inputs as unknown as Obj);
  const label = (o: Obj, k: string) => o.metadata.labels?.[k] ?? o.metadata.annotations?.[k];
  const gib = (q: string) => Number(q.replace(/Gi$/, ""));
  const pvc = (ns: string, name: string) => of("kubernetes:core/v1:PersistentVolumeClaim").find((p) => p.metadata.namespace === ns && p.metadata.name === name);
  const rules = of("kubernetes:monitoring.coreos.com/v1:PrometheusRule").flatMap((r) =>
    (r.spec.groups as { rules: { expr: string; labels: Tags }[] }[]).flatMap((g) => g.rules.map((rule) => ({ ns: r.metadata.namespace!, ...rule }))),
  );
  const condition = (part: string) => {
    const metric = K8S_METRICS.find(([re]) => re.test(part))?.[1] ?? "unknown";
    return `${metric}>${/> ([\d.]+)\s*$/.exec(part)![1]}`;
  };
  for (const s of of("kubernetes:apps/v1:StatefulSet")) {
    const ns = s.metadata.namespace!;
    const tenant = label(s, "tenantry/tenant")!;
    const product = label(s, "tenantry/product")!;
    const requests = s.spec.template.spec.containers[0].resources.requests as { cpu: string; memory: string };
    const mine = rules.filter((r) => r.ns === ns && r.labels.workload === s.metadata.name);
    if (label(s, "app.kubernetes.io/component") === "database") {
      const data = pvc(ns, `${s.metadata.name}-data`)!;
      const storage = gib(data.spec.resources.requests.storage);
      const alarms = mine.map((r) => (r.labels.rule === "free-storage" ? `db-free-storage<${/< ([\d.]+)$/.exec(r.expr)![1]}%` : `db-cpu>${/> ([\d.]+)\s*$/.exec(r.expr)![1]}`));
      tenantEntry(inventory, tenant).databases.push({ product, vcpu: Number(requests.cpu), memoryGiB: gib(requests.memory), storageGiB: storage, alarms });
      continue;
    }
    const cache = pvc(ns, `${s.metadata.name}-cache`);
    tenantEntry(inventory, tenant).hosts.push({
      product,
      vcpu: Number(requests.cpu),
      memoryGiB: gib(requests.memory),
      systemDiskGiB: gib(pvc(ns, `${s.metadata.name}-system`)!.spec.resources.requests.storage),
      cacheDiskGiB: cache ? gib(cache.spec.resources.requests.storage) : null,
      publicIp: false,
      alarms: mine.map((r) => r.expr.split(" and ").map(condition).join(" & ")),
    });
  }
  // External S3-compatible storage creates nothing in the cluster: its component stands for the bucket.
  for (const b of resources.filter((r) => r.type === "tenantry:kubernetes:S3BackupStorage")) {
    const tenant = b.parent!;
    tenantEntry(inventory, tenant).buckets.push(b.name.slice(tenant.length + 1).replace(/-storage$/, ""));
  }
  return sortAll(inventory);
}
