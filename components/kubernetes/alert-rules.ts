/**
 * The documented alarm rules (product-facts.md §5, core `BASIC_HOST_ALARMS`, `DATABASE_CPU_ALARM`)
 * as Prometheus alerting rules in a `PrometheusRule` (prometheus-operator) in the tenant's
 * namespace: per workload, CPU and memory against its documented size (which are its limits),
 * volume usage against its PVCs, and CPU load; per in-cluster database, CPU and free storage.
 * Each rule keeps the severity the core's monitoring table gives it, as on the other clouds.
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import {
  DATABASE_CPU_ALARM,
  DATABASE_CPU_SEVERITY,
  DATABASE_FREE_STORAGE_SEVERITY,
  DEFAULT_ALARM_EVALUATION_PERIODS,
  DEFAULT_ALARM_PERIOD_SECONDS,
  DEFAULT_FREE_STORAGE_PERCENT,
  validated,
  type AlarmRule,
  type AlarmTiming,
  type Condition,
  type HostMetric,
  type Severity,
  type Tags,
} from "../core/index.js";
import { metadataOf } from "./labels.js";
import type { WorkloadSize } from "./sizing.js";

export interface AlertedWorkload {
  readonly size: WorkloadSize;
  /** The documented rules for a server; databases get the database rules. */
  readonly rules: readonly AlarmRule[];
}

export interface AlertRulesArgs extends AlarmTiming {
  readonly namespace: string;
  readonly tenant: string;
  readonly tags: Tags;
  readonly workloads: readonly AlertedWorkload[];
  /** Alarm when a database's free storage falls below this percentage. Default: `DEFAULT_FREE_STORAGE_PERCENT`. */
  readonly freeStoragePercent?: number;
  /** Labels Prometheus selects rules by (its `ruleSelector`), e.g. `release: kube-prometheus-stack`. Default: none beyond the tenant labels. */
  readonly ruleLabels?: Readonly<Record<string, string>>;
}

const argsSchema = z.object({
  periodSeconds: z.number().int().min(10).default(DEFAULT_ALARM_PERIOD_SECONDS),
  evaluationPeriods: z.number().int().min(1).default(DEFAULT_ALARM_EVALUATION_PERIODS),
  freeStoragePercent: z.number().gt(0).lt(100).default(DEFAULT_FREE_STORAGE_PERCENT),
});

const GiB = 2 ** 30;

/** The PromQL of one host metric for one workload (a ratio in percent, or the load). */
export function metricExpression(metric: HostMetric, ns: string, w: WorkloadSize, windowSeconds: number): string {
  const pods = `namespace="${ns}",pod=~"${w.name}-[0-9]+",container!=""`;
  const claims = `namespace="${ns}",persistentvolumeclaim=~"${w.name}-(${w.volumes.map((v) => v.role).join("|")})"`;
  switch (metric) {
    case "cpu-utilisation":
      return `100 * sum(rate(container_cpu_usage_seconds_total{${pods}}[${windowSeconds}s])) / ${w.vcpu}`;
    case "memory-utilisation":
      return `100 * sum(container_memory_working_set_bytes{${pods}}) / ${w.memoryGiB * GiB}`;
    case "disk-utilisation":
      return `100 * max(kubelet_volume_stats_used_bytes{${claims}} / kubelet_volume_stats_capacity_bytes{${claims}})`;
    case "cpu-load":
      // cAdvisor reports load x 1000, and only with the kubelet's --enable-load-reader (else 0: the rule never fires).
      return `sum(container_cpu_load_average_10s{${pods}}) / 1000`;
  }
}

const condition = (c: Condition, ns: string, w: WorkloadSize, window: number) => `(${metricExpression(c.metric, ns, w, window)}) ${c.comparison} ${c.threshold}`;

const pascal = (s: string) => s.split(/[^A-Za-z0-9]+/).filter(Boolean).map((p) => p[0]!.toUpperCase() + p.slice(1)).join("");

export interface PrometheusAlert {
  alert: string;
  expr: string;
  for: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

/** The alerting rules of a tenant: pure, so that tests read them. */
export function alertRules(args: Omit<AlertRulesArgs, "tags" | "ruleLabels"> & z.output<typeof argsSchema>): PrometheusAlert[] {
  const window = args.periodSeconds;
  const forDuration = `${args.periodSeconds * (args.evaluationPeriods - 1)}s`;
  const alert = (w: WorkloadSize, id: string, severity: Severity, expr: string, summary: string): PrometheusAlert => ({
    alert: `Tenantry${pascal(w.name)}${pascal(id)}`,
    expr,
    for: forDuration,
    labels: { severity, tenant: args.tenant, product: w.product, workload: w.name, rule: id },
    annotations: { summary: `${args.tenant} ${w.name}: ${summary}` },
  });
  return args.workloads.flatMap(({ size: w, rules }) => {
    if (w.kind === "database") {
      const claims = `namespace="${args.namespace}",persistentvolumeclaim="${w.name}-data"`;
      return [
        alert(w, "cpu", DATABASE_CPU_SEVERITY, condition(DATABASE_CPU_ALARM, args.namespace, w, window), `database CPU > ${DATABASE_CPU_ALARM.threshold} %`),
        alert(
          w,
          "free-storage",
          DATABASE_FREE_STORAGE_SEVERITY,
          `(100 * min(kubelet_volume_stats_available_bytes{${claims}} / kubelet_volume_stats_capacity_bytes{${claims}})) < ${args.freeStoragePercent}`,
          `database free storage < ${args.freeStoragePercent} %`,
        ),
      ];
    }
    return rules.map((rule) =>
      alert(
        w,
        rule.id,
        rule.severity,
        rule.conditions.map((c) => condition(c, args.namespace, w, window)).join(" and "),
        rule.conditions.map((c) => `${c.metric} ${c.comparison} ${c.threshold}${c.unit === "percent" ? " %" : ""}`).join(" and "),
      ),
    );
  });
}

export class AlertRules extends pulumi.ComponentResource {
  public readonly alertNames: string[];

  constructor(name: string, args: AlertRulesArgs, opts?: pulumi.ComponentResourceOptions) {
    super("tenantry:kubernetes:AlertRules", name, {}, opts);
    const t = validated(argsSchema, args, `arguments of AlertRules ${name}`, "args.");
    const rules = alertRules({ ...args, ...t });
    const meta = metadataOf(args.tags);
    new k8s.apiextensions.CustomResource(
      `${name}-rule`,
      {
        apiVersion: "monitoring.coreos.com/v1",
        kind: "PrometheusRule",
        metadata: { name: "tenantry-alerts", namespace: args.namespace, labels: { ...meta.labels, ...args.ruleLabels }, annotations: meta.annotations },
        spec: { groups: [{ name: `tenantry-${args.tenant}`, interval: `${Math.min(t.periodSeconds, 60)}s`, rules }] },
      },
      { parent: this },
    );
    this.alertNames = rules.map((r) => r.alert);
    this.registerOutputs({ alertNames: this.alertNames });
  }
}
