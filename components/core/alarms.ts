/**
 * Documented alarm rules and monitor quotas, from `docs/product-facts.md` §5 (managed-ops).
 * The document lists them as examples ("including but not limited to"); these are the ones every
 * tenant host gets.
 */

export type HostMetric = "cpu-utilisation" | "memory-utilisation" | "disk-utilisation" | "cpu-load";

export interface Condition {
  readonly metric: HostMetric;
  /** Every documented rule is "greater than". */
  readonly comparison: ">";
  readonly threshold: number;
  readonly unit: "percent" | "load";
}

/**
 * Graded alert levels (product-facts.md §5: "graded (escalating) alerts"). The document names the
 * grades, not which rule gets which: every rule's severity is Tenantry's choice (see monitoring.ts),
 * except "licence expired", which the document calls urgent (§2).
 */
export const SEVERITIES = ["urgent", "warning", "info"] as const;
export type Severity = (typeof SEVERITIES)[number];

export interface AlarmRule {
  /** Stable id: used in resource names, never change it. */
  readonly id: string;
  /** All conditions must hold at once (the document's "and"). */
  readonly conditions: readonly Condition[];
  /** Who is told, how urgently (Tenantry's choice: see `MONITORING_RULES`). */
  readonly severity: Severity;
}

const cpu: Condition = { metric: "cpu-utilisation", comparison: ">", threshold: 90, unit: "percent" };

/**
 * §5 basic rules: CPU > 90 %; memory > 90 %; disk > 80 %; CPU load > 5 and CPU > 90 %.
 * Severities are Tenantry's choice: a full disk or an overloaded host stops the service (urgent);
 * high CPU or memory alone is a warning.
 */
export const BASIC_HOST_ALARMS: readonly AlarmRule[] = [
  { id: "cpu", conditions: [cpu], severity: "warning" },
  { id: "memory", conditions: [{ metric: "memory-utilisation", comparison: ">", threshold: 90, unit: "percent" }], severity: "warning" },
  { id: "disk", conditions: [{ metric: "disk-utilisation", comparison: ">", threshold: 80, unit: "percent" }], severity: "urgent" },
  { id: "load-and-cpu", conditions: [{ metric: "cpu-load", comparison: ">", threshold: 5, unit: "load" }, cpu], severity: "urgent" },
];

/**
 * How alarms are timed, on every cloud. Not documented: the defaults are Tenantry's,
 * `DEFAULT_ALARM_PERIOD_SECONDS` and `DEFAULT_ALARM_EVALUATION_PERIODS` in defaults.ts.
 */
export interface AlarmTiming {
  /** Seconds per evaluated period. */
  readonly periodSeconds?: number;
  /** Consecutive periods over the threshold before the alarm fires. */
  readonly evaluationPeriods?: number;
}

/** §5 quotas of one managed-ops plan, per tenant. */
export const MANAGED_OPS_MONITOR_QUOTAS = { middleware: 20, port: 50, url: 5 } as const;

/**
 * §5 names the "performance" of RDS among the monitored cloud resources, without a threshold:
 * Tenantry applies the documented basic CPU rule (> 90 %) to databases as well (a warning, as on hosts).
 */
export const DATABASE_CPU_ALARM: Condition = cpu;
export const DATABASE_CPU_SEVERITY: Severity = "warning";
/** Tenantry's own free-storage alarm on databases: urgent (a full database stops the service). */
export const DATABASE_FREE_STORAGE_SEVERITY: Severity = "urgent";
