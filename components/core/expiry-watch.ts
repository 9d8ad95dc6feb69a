/**
 * "Expiry of ECS, RDS, SLB and OSS" (product-facts.md §5), decided once for every cloud: given the
 * prepaid resources Tenantry made for each tenant and what the cloud's billing says about their
 * subscriptions, which resources need a notice, at which severity, in which tenant's message.
 * A cloud that announces no expiry itself (Huawei Cloud) runs this in a scheduled watcher that reads
 * the billing service; any other cloud can run the same decision.
 *
 * How far ahead to warn is not documented: the windows are parameters, by default Tenantry's
 * (`DEFAULT_EXPIRY_NOTICE_DAYS`, `DEFAULT_EXPIRY_URGENT_DAYS`). How far ahead a cloud charges an
 * automatic renewal is the cloud's fact, given by its component (`renewalLeadDays`).
 *
 * `expiryNotices` is self-contained (no imports, no closures over this module): the Huawei watcher
 * runs this very function's source, as the AWS chat relay runs `chatPayload`.
 */
import { z } from "zod";
import { DEFAULT_EXPIRY_NOTICE_DAYS, DEFAULT_EXPIRY_URGENT_DAYS } from "./defaults.js";

/** The stack's notice windows (`expiryNoticeDays`): days before an expiry for the warning and the urgent alert. */
export const expiryNoticeDaysSchema = z
  .strictObject({
    warning: z.number().int().min(1).max(365).default(DEFAULT_EXPIRY_NOTICE_DAYS),
    urgent: z.number().int().min(0).max(365).default(DEFAULT_EXPIRY_URGENT_DAYS),
  })
  .refine((w) => w.urgent <= w.warning, { error: "urgent must be at most warning (days before the expiry)", path: ["urgent"] });

/** A prepaid resource Tenantry made for a tenant: its cloud id, its tenant, its name and what it is (`ecs`, `rds`...). */
export interface WatchedResource {
  readonly id: string;
  readonly tenant: string;
  readonly name: string;
  readonly kind: string;
}

/** What the cloud's billing says about one resource's subscription. */
export interface SubscriptionState {
  readonly id: string;
  /** The expiry instant (ISO 8601, UTC). */
  readonly expiresAt: string;
  /** Whether the billing renews it automatically before it expires. */
  readonly autoRenew: boolean;
  /** `active`, or already past its end: `expired`, in its `grace` period, `frozen`. */
  readonly state: "active" | "expired" | "grace" | "frozen";
}

export interface ExpiryWindows {
  /** A subscription ending within this many days gets a warning. */
  readonly warningDays: number;
  /** Within this many days, an urgent alert. At most `warningDays`. */
  readonly urgentDays: number;
  /**
   * Days before the expiry at which the cloud charges an automatic renewal: a renewing subscription
   * still ending sooner than a day after that has not been renewed (e.g. too little balance).
   */
  readonly renewalLeadDays: number;
}

/** Why a resource is in a notice. */
export type ExpiryReason = "expiring" | "renewal-overdue" | "expired";

export interface ExpiringResource {
  readonly id: string;
  readonly name: string;
  readonly kind: string;
  readonly expiresAt: string;
  /** Whole days from now to the expiry (negative once expired). */
  readonly daysLeft: number;
  readonly reason: ExpiryReason;
}

/** One message: a tenant's resources at one severity. */
export interface ExpiryNotice {
  readonly tenant: string;
  readonly severity: "urgent" | "warning";
  readonly subject: string;
  readonly message: string;
  readonly resources: readonly ExpiringResource[];
}

/**
 * The notices due at `now`: one per tenant and severity that has any, tenants in name order, urgent
 * first, resources soonest first. A resource the billing does not mention gets none (the caller
 * reports it); a subscription that renews itself gets one only once its renewal is overdue.
 */
export function expiryNotices(watched: readonly WatchedResource[], states: readonly SubscriptionState[], windows: ExpiryWindows, now: Date | string): ExpiryNotice[] {
  const DAY = 86400000;
  const at = new Date(now).getTime();
  const stateOf = new Map(states.map((s) => [s.id, s]));
  const due = new Map<string, { tenant: string; severity: "urgent" | "warning"; resources: ExpiringResource[] }>();
  for (const w of watched) {
    const s = stateOf.get(w.id);
    if (!s) continue;
    const daysLeft = Math.floor((new Date(s.expiresAt).getTime() - at) / DAY);
    let reason: ExpiryReason | undefined;
    if (s.state !== "active" || daysLeft < 0) reason = "expired";
    else if (s.autoRenew) reason = daysLeft < windows.renewalLeadDays - 1 ? "renewal-overdue" : undefined;
    else reason = daysLeft <= windows.warningDays ? "expiring" : undefined;
    if (!reason) continue;
    const severity = reason === "expired" || daysLeft <= windows.urgentDays ? "urgent" : "warning";
    const key = w.tenant + "\u0000" + severity;
    const entry = due.get(key) ?? { tenant: w.tenant, severity, resources: [] };
    entry.resources.push({ id: w.id, name: w.name, kind: w.kind, expiresAt: s.expiresAt, daysLeft, reason });
    due.set(key, entry);
  }
  const rank = (s: string) => (s === "urgent" ? 0 : 1);
  const describe = (r: ExpiringResource) => {
    const when = r.daysLeft < 0 ? "expired " + r.expiresAt : "expires " + r.expiresAt + " (in " + r.daysLeft + " day" + (r.daysLeft === 1 ? "" : "s") + ")";
    const why = r.reason === "renewal-overdue" ? "; its automatic renewal has not happened (check the account balance)" : r.reason === "expired" ? "; renew it now or the service stops" : "; it does not renew itself";
    return "- " + r.kind + " " + r.name + " (" + r.id + "): " + when + why;
  };
  return [...due.values()]
    .sort((a, b) => (a.tenant < b.tenant ? -1 : a.tenant > b.tenant ? 1 : rank(a.severity) - rank(b.severity)))
    .map((n) => {
      const resources = n.resources.sort((a, b) => a.daysLeft - b.daysLeft || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      const count = resources.length + " prepaid resource" + (resources.length === 1 ? "" : "s");
      const subject = "[" + n.severity.toUpperCase() + "] tenantry " + n.tenant + ": " + count + " expiring (monitor cloud-expiry)";
      const message = "Tenant " + n.tenant + ": " + count + " to renew.\n" + resources.map(describe).join("\n");
      return { tenant: n.tenant, severity: n.severity, subject, message, resources };
    });
}
