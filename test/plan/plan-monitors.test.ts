/** The plan shows, per tenant, the monitors nothing implements, with the reason (text, summary, markdown, JSON). */
import { beforeAll, describe, expect, it } from "vitest";
import type { PlanDocument } from "../../plan/document.js";
import { renderMarkdown } from "../../plan/format-markdown.js";
import { renderSummary } from "../../plan/format-summary.js";
import { renderText } from "../../plan/format-text.js";
import { monitorLines, monitorsOf } from "../../plan/monitors.js";
import { plan, planConfiguration } from "../../plan/run.js";

describe("monitors in the plan of the alicloud-demo stack with entryPoint eip (initech has no ops server)", () => {
  let doc: PlanDocument;
  beforeAll(async () => {
    // Without CLBs no health check asks the hosts' middleware check responders.
    const { config } = await planConfiguration({ stack: "alicloud-demo" });
    const { certificateId: _, ...alicloud } = JSON.parse(config["tenantry:alicloud"]!) as Record<string, unknown>;
    doc = await plan({ stack: "alicloud-demo", at: new Date("2026-06-15T00:00:00Z"), config: { "tenantry:alicloud": JSON.stringify({ ...alicloud, entryPoint: "eip" }) } });
  });

  it("JSON: every tenant's implemented monitors, and the missing ones with their reason", () => {
    const initech = doc.tenants.find((t) => t.id === "initech")!;
    // Middleware on initech's AnyShare host: CloudMonitor cannot collect it, no CLB checks it and no ops server scrapes it.
    expect(initech.monitors!.notRendered.map((n) => n.id)).toEqual(expect.arrayContaining(["middleware:tomcat@anyshare-cloud", "middleware:zookeeper@anyshare-cloud"]));
    for (const n of initech.monitors!.notRendered) expect(n.reason).toMatch(/no ops server/);
    expect(initech.monitors!.rendered).toContain("url:home-page@anyshare-cloud");
    // acme has an ops server: everything is implemented.
    expect(doc.tenants.find((t) => t.id === "acme")!.monitors!.notRendered).toEqual([]);
  });

  it("text, summary and markdown name each missing monitor (text and markdown with the reason)", () => {
    const initech = doc.tenants.find((t) => t.id === "initech")!;
    const text = renderText(doc, undefined, { color: false });
    expect(text).toContain(`  monitors: ${initech.monitors!.rendered.length} implemented, ${initech.monitors!.notRendered.length} NOT implemented:`);
    for (const n of initech.monitors!.notRendered) expect(text).toContain(`    ${n.id}: ${n.reason}`);
    expect(text).toContain("monitors: 0 implemented, none missing".replace("0", String(doc.tenants[0]!.monitors!.rendered.length)));
    expect(renderSummary(doc, undefined, { color: false })).toMatch(new RegExp(`initech .*; ${initech.monitors!.notRendered.length} monitors not implemented; ok`));
    expect(renderMarkdown(doc, undefined)).toContain(`- initech: \`middleware:tomcat@anyshare-cloud\`: `);
  });
});

describe("monitorsOf", () => {
  it("reads the tenants' outputs, leaving out tenants without coverage (Kubernetes)", () => {
    const coverage = { rendered: ["url:home-page@anyshare-cloud"], notRendered: [{ id: "middleware:tomcat@anyshare-cloud", reason: "r" }] };
    expect(monitorsOf({ a: { monitors: coverage, hosts: {} }, b: { hosts: {} } })).toEqual({ a: coverage });
    expect(monitorLines({ rendered: ["x"], notRendered: [] })).toEqual(["monitors: 1 implemented, none missing"]);
  });
});

describe("monitors in the plan of the huaweicloud-demo stack with entryPoint eip (initech has no ops server)", () => {
  it("the prober implements initech's URL monitors where its entry points admit the internet: fewer monitors not implemented, the middleware ones left", async () => {
    const { config } = await planConfiguration({ stack: "huaweicloud-demo" });
    const huawei = JSON.parse(config["tenantry:huaweicloud"]!) as Record<string, unknown>;
    const { certificateId: _certificate, elbFlavorIds: _flavours, ...rest } = huawei;
    const eip = { ...rest, entryPoint: "eip" };
    const at = new Date("2026-06-15T00:00:00Z");
    const notRendered = async (over: Record<string, unknown>) =>
      (await plan({ stack: "huaweicloud-demo", at, config: { "tenantry:huaweicloud": JSON.stringify(over) } })).tenants.find((t) => t.id === "initech")!.monitors!.notRendered.map((n) => n.id).sort();
    const closed = await notRendered({ ...eip, webCidrs: ["203.0.113.0/24"] });
    const open = await notRendered(eip);
    expect(closed).toEqual(["middleware:tomcat@anyshare-cloud", "middleware:zookeeper@anyshare-cloud", "url:home-page@anyshare-cloud", "url:login@anyshare-cloud"]);
    expect(open).toEqual(["middleware:tomcat@anyshare-cloud", "middleware:zookeeper@anyshare-cloud"]);
  });
});
