/**
 * The Cloud Eye rule every Tenantry FunctionGraph function carries (the expiry watcher, the chat
 * relay, the prober): a failed run (a refused token, a webhook refusing, a changed API) alarms, since
 * a broken function would otherwise be as silent as none. FunctionGraph's errors per function: Cloud
 * Eye `SYS.FunctionGraph` `failcount`, dimension `package-functionname` = `<app>-<function>`
 * (FunctionGraph "Function Metrics"); any failure in a 5-minute period (which holds a run) fires.
 */
import * as pulumi from "@pulumi/pulumi";
import type { Severity } from "../core/index.js";
import type { HuaweiAlarmRoute } from "./alarm-topic.js";
import { alarmRuleArgs } from "./host-alarms.js";
import type { CloudEyeMetric } from "./metrics.js";
import { Alarmrule } from "./provider/index.js";

export const WATCHER_ERRORS: CloudEyeMetric = { namespace: "SYS.FunctionGraph", metricName: "failcount", filter: "max", unit: "count" };
export const FUNCTIONGRAPH_DIMENSION = "package-functionname";

export interface FunctionFailureAlarmArgs {
  /** The function's name (in the default application: the dimension is `default-<name>`). */
  readonly functionName: string;
  readonly route: HuaweiAlarmRoute;
  readonly severity: Severity;
  /** The rule's description: what a failure means for the tenant. */
  readonly description: string;
  /** The enterprise project of the rule. Default: the account's default enterprise project. */
  readonly enterpriseProjectId?: pulumi.Input<string>;
}

/** The failure rule `<name>-errors` of the function `fn` (`parent`: the function's component). */
export function functionFailureAlarm(name: string, fn: pulumi.Resource, args: FunctionFailureAlarmArgs, parent: pulumi.Resource): Alarmrule {
  const rule = alarmRuleArgs(
    `${name}-errors`,
    WATCHER_ERRORS,
    { name: FUNCTIONGRAPH_DIMENSION, value: `default-${args.functionName}` },
    { comparison: ">", threshold: 0 },
    { periodSeconds: 300, evaluationPeriods: 1 },
    args.route,
    args.enterpriseProjectId,
    args.severity,
  );
  return new Alarmrule(`${name}-errors`, { ...rule, alarmDescription: args.description }, { parent, dependsOn: [fn] });
}
