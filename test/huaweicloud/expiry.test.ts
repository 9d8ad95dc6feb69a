/**
 * "Expiry of ECS, RDS, SLB and OSS" on Huawei Cloud: prepaid hosts renew themselves by default (no
 * documented Cloud Eye expiry event), and configured expiry events become Cloud Eye event rules.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_AUTO_RENEW, type TenantBlueprint } from "../../components/core/index.js";
import { ALARM_LEVEL, expiryEventRuleArgs, HuaweiExpiryAlarms } from "../../components/huaweicloud/index.js";
import { runUnderMocks } from "../../plan/mock-run.js";
import { demoBlueprints } from "../helpers/fleet.js";
import { ofType, runHuaweicloudStack } from "../helpers/stacks.js";

const RULE = "huaweicloud:Cse/alarmrule:Alarmrule";
const INSTANCE = "huaweicloud:Ecs/instance:Instance";
const EVENTS = [{ namespace: "SYS.ECS", name: "instanceExpiring" }];
const YEARLY = { billing: "yearly", billingEndpoint: "bss.myhuaweicloud.com" };
const route = { topicUrns: { urgent: "urn:smn:u", warning: "urn:smn:w", info: "urn:smn:i" } };

let blueprints: TenantBlueprint[];
beforeAll(async () => {
  blueprints = await demoBlueprints();
});

describe("prepaid hosts on Huawei Cloud", () => {
  it("yearly hosts renew themselves by default (Tenantry's choice) and get no event rule without configured events", async () => {
    expect(DEFAULT_AUTO_RENEW).toBe(true);
    const run = await runHuaweicloudStack(blueprints, YEARLY);
    const hosts = ofType(run.resources, INSTANCE);
    expect(hosts.length).toBeGreaterThan(0);
    for (const h of hosts) expect(h.inputs, h.name).toMatchObject({ chargingMode: "prePaid", period: 1, periodUnit: "year", autoRenew: "true" });
    expect(ofType(run.resources, RULE).filter((r) => r.inputs.alarmType === "EVENT.SYS")).toEqual([]);
  });

  it("yearly billing needs the billing endpoint; a malformed expiry event fails before anything is registered, naming the key", async () => {
    await expect(runHuaweicloudStack(blueprints, { billing: "yearly", billingEndpoint: undefined })).rejects.toThrow("tenantry:huaweicloud.billingEndpoint: is required with yearly billing");
    await expect(runHuaweicloudStack(blueprints, { billing: "yearly", subscriptionExpiryEvents: [{ namespace: "ECS", name: "9x" }] })).rejects.toThrow(
      /subscriptionExpiryEvents\[0\]\.namespace: must be a Cloud Eye namespace[\s\S]*subscriptionExpiryEvents\[0\]\.name: must be a Cloud Eye event name/,
    );
  });

  it("autoRenew false with events: the hosts do not renew, and each event is a Cloud Eye event rule to the expiry severity's topic, once for the fleet", async () => {
    const run = await runHuaweicloudStack(blueprints, { ...YEARLY, autoRenew: false, subscriptionExpiryEvents: EVENTS });
    for (const h of ofType(run.resources, INSTANCE)) expect(h.inputs.autoRenew, h.name).toBe("false");
    const events = ofType(run.resources, RULE).filter((r) => r.inputs.alarmType === "EVENT.SYS");
    expect(events.map((r) => r.name)).toEqual(["subscription-expiry-sys-ecs-instanceexpiring"]);
    expect(events[0]!.inputs).toMatchObject({
      metric: { namespace: "SYS.ECS" },
      conditions: [{ metricName: "instanceExpiring", period: 0, comparisonOperator: ">=", value: 1, count: 1, alarmLevel: ALARM_LEVEL.warning }],
      alarmActions: [{ type: "notification", notificationLists: [expect.stringMatching(/:tenantry-huaweicloud-demo-alarms-warning$/)] }],
    });
    // An event does not clear: nothing to notify on recovery.
    expect(events[0]!.inputs.okActions).toBeUndefined();
  });

  it("pay-as-you-go ignores expiry events: nothing can expire", async () => {
    const run = await runHuaweicloudStack(blueprints, { subscriptionExpiryEvents: EVENTS });
    expect(ofType(run.resources, RULE).filter((r) => r.inputs.alarmType === "EVENT.SYS")).toEqual([]);
  });
});

describe("HuaweiExpiryAlarms", () => {
  it("names each rule after its event (never a position) and registers a repeated event once", async () => {
    const events = [...EVENTS, { namespace: "SYS.ECS", name: "otherEvent" }, ...EVENTS];
    const { resources } = await runUnderMocks(() => new HuaweiExpiryAlarms("x", { events, route }));
    expect(ofType(resources, RULE).map((r) => r.name)).toEqual(["x-sys-ecs-instanceexpiring", "x-sys-ecs-otherevent"]);
    expect(expiryEventRuleArgs("n", EVENTS[0]!, route).alarmDescription).toContain("monitor cloud-expiry");
  });
});
