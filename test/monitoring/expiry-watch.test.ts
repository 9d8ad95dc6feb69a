/** The cloud-neutral decision of the expiry watcher: which prepaid resources need a notice, at which severity, for which tenant. */
import { describe, expect, it } from "vitest";
import { DEFAULT_EXPIRY_NOTICE_DAYS, DEFAULT_EXPIRY_URGENT_DAYS, expiryNoticeDaysSchema, expiryNotices, type SubscriptionState, type WatchedResource } from "../../components/core/index.js";

const NOW = "2027-03-01T00:00:00Z";
const windows = { warningDays: 15, urgentDays: 3, renewalLeadDays: 7 };
const inDays = (d: number, h = 1) => new Date(Date.parse(NOW) + d * 86400000 + h * 3600000).toISOString();
const host = (id: string, tenant: string): WatchedResource => ({ id, tenant, name: `${tenant}-${id}`, kind: "ecs" });
const sub = (id: string, days: number, more: Partial<SubscriptionState> = {}): SubscriptionState => ({ id, expiresAt: inDays(days), autoRenew: false, state: "active", ...more });

describe("expiryNotices", () => {
  it("warns within the warning window, alerts urgently within the urgent one, and says nothing before", () => {
    const watched = [host("a1", "acme"), host("a2", "acme"), host("a3", "acme"), host("a4", "acme")];
    const notices = expiryNotices(watched, [sub("a1", 16), sub("a2", 15), sub("a3", 4), sub("a4", 3)], windows, NOW);
    expect(notices.map((n) => [n.tenant, n.severity, n.resources.map((r) => [r.id, r.daysLeft, r.reason])])).toEqual([
      ["acme", "urgent", [["a4", 3, "expiring"]]],
      ["acme", "warning", [["a3", 4, "expiring"], ["a2", 15, "expiring"]]],
    ]);
    expect(notices[0]!.subject).toBe("[URGENT] tenantry acme: 1 prepaid resource expiring (monitor cloud-expiry)");
    expect(notices[1]!.message).toContain(`- ecs acme-a3 (a3): expires ${inDays(4)} (in 4 days); it does not renew itself`);
  });

  it("a subscription that renews itself is news only once its renewal is overdue (a day after the cloud's charge)", () => {
    const watched = [host("r1", "acme"), host("r2", "acme"), host("r3", "acme")];
    const notices = expiryNotices(watched, [sub("r1", 10, { autoRenew: true }), sub("r2", 6, { autoRenew: true }), sub("r3", 5, { autoRenew: true })], windows, NOW);
    expect(notices.map((n) => [n.severity, n.resources.map((r) => [r.id, r.reason])])).toEqual([["warning", [["r3", "renewal-overdue"]]]]);
    expect(notices[0]!.message).toContain("its automatic renewal has not happened");
    const late = expiryNotices(watched, [sub("r3", 2, { autoRenew: true })], windows, NOW);
    expect(late.map((n) => n.severity)).toEqual(["urgent"]);
  });

  it("expired, in grace or frozen is urgent whatever the dates say", () => {
    const watched = [host("x1", "globex"), host("x2", "globex"), host("x3", "globex")];
    const notices = expiryNotices(watched, [sub("x1", -2), sub("x2", 40, { state: "grace" }), sub("x3", 40, { state: "frozen", autoRenew: true })], windows, NOW);
    expect(notices.map((n) => [n.severity, n.resources.map((r) => [r.id, r.reason])])).toEqual([["urgent", [["x1", "expired"], ["x2", "expired"], ["x3", "expired"]]]]);
    expect(notices[0]!.message).toContain(`- ecs globex-x1 (x1): expired ${inDays(-2)}; renew it now`);
  });

  it("gives each tenant its own messages, in tenant order, and ignores what it does not watch or the billing does not mention", () => {
    const watched = [host("g", "globex"), host("a", "acme"), host("i", "initech")];
    const notices = expiryNotices(watched, [sub("g", 1), sub("a", 1), sub("unwatched", 1)], windows, new Date(NOW));
    expect(notices.map((n) => `${n.tenant}:${n.severity}:${n.resources.map((r) => r.id).join()}`)).toEqual(["acme:urgent:a", "globex:urgent:g"]);
    expect(notices.every((n) => !n.message.includes("unwatched"))).toBe(true);
  });

  it("runs from its own source (no imports, no closures), as the watchers ship it", () => {
    const fromSource = new Function(`return (${expiryNotices.toString()})`)() as typeof expiryNotices;
    const args = [[host("a", "acme")], [sub("a", 2)], windows, NOW] as const;
    expect(fromSource(...args)).toEqual(expiryNotices(...args));
  });
});

describe("expiryNoticeDaysSchema", () => {
  it("defaults to Tenantry's windows and refuses an urgent window wider than the warning one, naming the field", () => {
    expect(expiryNoticeDaysSchema.parse({})).toEqual({ warning: DEFAULT_EXPIRY_NOTICE_DAYS, urgent: DEFAULT_EXPIRY_URGENT_DAYS });
    const r = expiryNoticeDaysSchema.safeParse({ warning: 2, urgent: 5 });
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]).toMatchObject({ path: ["urgent"], message: "urgent must be at most warning (days before the expiry)" });
  });
});
