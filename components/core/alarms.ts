/**
 * Documented alarm rules and monitor quotas, from `shared/reference/product-facts.md` §5 (managed-ops).
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

export interface AlarmRule {
  /** Stable id: used in resource names, never change it. */
  readonly id: string;
  /** All conditions must hold at once (the document's "and"). */
  readonly conditions: readonly Condition[];
}

const cpu: Condition = { metric: "cpu-utilisation", comparison: ">", threshold: 90, unit: "percent" };

/** §5 basic rules: CPU > 90 %; memory > 90 %; disk > 80 %; CPU load > 5 and CPU > 90 %. */
export const BASIC_HOST_ALARMS: readonly AlarmRule[] = [
  { id: "cpu", conditions: [cpu] },
  { id: "memory", conditions: [{ metric: "memory-utilisation", comparison: ">", threshold: 90, unit: "percent" }] },
  { id: "disk", conditions: [{ metric: "disk-utilisation", comparison: ">", threshold: 80, unit: "percent" }] },
  { id: "load-and-cpu", conditions: [{ metric: "cpu-load", comparison: ">", threshold: 5, unit: "load" }, cpu] },
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

/** §5 port checks: "SSH, Nginx, Apache, MySQL, Oracle ports reachable". */
export const DOCUMENTED_PORT_CHECKS = ["SSH", "Nginx", "Apache", "MySQL", "Oracle"] as const;

/** §5 URL checks: "home page reachable; login endpoint working; probe latency". */
export const DOCUMENTED_URL_CHECKS = ["home page", "login endpoint"] as const;

/** §5 quotas of one managed-ops plan, per tenant. */
export const MANAGED_OPS_MONITOR_QUOTAS = { middleware: 20, port: 50, url: 5 } as const;

/**
 * §5 names the "performance" of RDS among the monitored cloud resources, without a threshold:
 * Tenantry applies the documented basic CPU rule (> 90 %) to databases as well.
 */
export const DATABASE_CPU_ALARM: Condition = cpu;
