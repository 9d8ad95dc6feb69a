/** Cloud Eye alarm rules. The provider publishes `huaweicloud_ces_alarmrule` in module `Cse` (a typo it keeps). */
import type * as pulumi from "@pulumi/pulumi";
import { HuaweiResource } from "./plugin.js";

export interface AlarmruleDimension {
  name: pulumi.Input<string>;
  value?: pulumi.Input<string>;
}

export interface AlarmruleMetric {
  /** e.g. `SYS.ECS`, `AGT.ECS`, `SYS.RDS`. */
  namespace: pulumi.Input<string>;
  metricName?: pulumi.Input<string>;
  dimensions?: pulumi.Input<pulumi.Input<AlarmruleDimension>[]>;
}

export interface AlarmruleCondition {
  metricName?: pulumi.Input<string>;
  /** Seconds: 0, 1, 300, 1200, 3600, 14400, 86400. */
  period: pulumi.Input<number>;
  /** `max`, `min`, `average`, `sum`, `variance`. */
  filter: pulumi.Input<string>;
  /** `>`, `=`, `<`, `>=`, `<=`. */
  comparisonOperator: pulumi.Input<string>;
  value: pulumi.Input<number>;
  /** Consecutive periods, 1-5. */
  count: pulumi.Input<number>;
  unit?: pulumi.Input<string>;
  /** 1 critical, 2 major, 3 minor, 4 informational. */
  alarmLevel?: pulumi.Input<number>;
  suppressDuration?: pulumi.Input<number>;
}

export interface AlarmruleAction {
  /** `notification`. */
  type: pulumi.Input<string>;
  /** SMN topic URNs (at most 5). */
  notificationLists: pulumi.Input<pulumi.Input<string>[]>;
}

export interface AlarmruleResource {
  dimensions?: pulumi.Input<pulumi.Input<AlarmruleDimension>[]>;
}

export interface AlarmruleArgs {
  alarmName: pulumi.Input<string>;
  metric: pulumi.Input<AlarmruleMetric>;
  conditions: pulumi.Input<pulumi.Input<AlarmruleCondition>[]>;
  /** The monitored objects. */
  resources?: pulumi.Input<pulumi.Input<AlarmruleResource>[]>;
  /** `MULTI_INSTANCE` (default), `ALL_INSTANCE`, `EVENT.SYS`, `EVENT.CUSTOM`. */
  alarmType?: pulumi.Input<string>;
  alarmDescription?: pulumi.Input<string>;
  alarmLevel?: pulumi.Input<number>;
  alarmEnabled?: pulumi.Input<boolean>;
  alarmActionEnabled?: pulumi.Input<boolean>;
  alarmActions?: pulumi.Input<pulumi.Input<AlarmruleAction>[]>;
  okActions?: pulumi.Input<pulumi.Input<AlarmruleAction>[]>;
  /** The daily notification window's start, `HH:MM` (e.g. `05:30`); forces replacement. */
  notificationBeginTime?: pulumi.Input<string>;
  /** The daily notification window's end, `HH:MM` (e.g. `22:10`); forces replacement. */
  notificationEndTime?: pulumi.Input<string>;
  enterpriseProjectId?: pulumi.Input<string>;
  region?: pulumi.Input<string>;
}

/** `huaweicloud_ces_alarmrule`. */
export class Alarmrule extends HuaweiResource {
  static readonly __pulumiType = "huaweicloud:Cse/alarmrule:Alarmrule";
  declare readonly alarmName: pulumi.Output<string>;

  constructor(name: string, args: AlarmruleArgs, opts?: pulumi.CustomResourceOptions) {
    super(Alarmrule.__pulumiType, name, args, { outputs: ["alarmName"] }, opts);
  }
}
