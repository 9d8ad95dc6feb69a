/** The monitor-quota policy counts managed-ops monitors (product-facts.md §5) from the tag contract. */
import { describe, expect, it } from "vitest";
import { runPolicyPacks } from "../../policies/harness.js";
import { PACKS, resource } from "../helpers/policies.js";

const tags = (extra: Record<string, string>) => ({ "managed-by": "tenantry", "tenantry:tenant": "t1", ...extra });
const alarm = (name: string, monitor: string) => resource("aws:cloudwatch/metricAlarm:MetricAlarm", name, { tags: tags({ "tenantry:monitor": monitor }) });
const quota = async (resources: ReturnType<typeof resource>[]) =>
  (await runPolicyPacks(PACKS, resources)).verdicts.filter((v) => v.policy === "monitor-quota").map((v) => v.message);

describe("monitor-quota", () => {
  it("counts a monitor once however many alarms implement it (5 hosts running Tomcat count as 5)", async () => {
    const five = ["a", "b", "c", "d", "e"].flatMap((h) => [alarm(`${h}-heap`, `middleware:tomcat@${h}`), alarm(`${h}-restart`, `middleware:tomcat@${h}`)]);
    expect(await quota(five)).toEqual([]);
    const many = Array.from({ length: 21 }, (_, i) => [alarm(`h${i}-heap`, `middleware:tomcat@h${i}`), alarm(`h${i}-restart`, `middleware:tomcat@h${i}`)]).flat();
    expect(await quota(many)).toEqual(["tenant t1 has 21 middleware monitors, over the plan's 20"]);
  });

  it("reads the plan the ops server declares, which the ops server's Prometheus implements", async () => {
    const ops = (value: string) => resource("aws:ec2/instance:Instance", "ops", { instanceType: "c6i.xlarge", tags: tags({ "tenantry:monitors": value }) });
    expect(await quota([ops("middleware=3 port=7 url=4")])).toEqual([]);
    expect(await quota([ops("middleware=3 port=51 url=6")])).toEqual(["tenant t1 has 51 port monitors, over the plan's 50", "tenant t1 has 6 url monitors, over the plan's 5"]);
  });
});
