/**
 * Who delivers each alert to each notification target, so that a target gets every alert exactly
 * once. Two things can notify a tenant's targets: the cloud's own notifications (AWS SNS with its
 * e-mail and the Lambda chat relay, Alibaba CloudMonitor contact groups, Huawei SMN subscriptions
 * and the FunctionGraph chat relay),
 * and the tenant's ops server (Alertmanager, with the chat relay and the SMTP relay). Both evaluate
 * the basic rules, and both may evaluate a monitor (core `monitorImplementers`); before this, a
 * DingTalk group got such an alert twice.
 *
 * The decision, per alert kind and target kind: the cloud delivers when it evaluates the rule and
 * can push to that kind of target; otherwise the ops server does, when the tenant has one (e-mail
 * only through its SMTP relay, `notifications.smtp`). Otherwise nothing does: `undeliveredCases`
 * lists those combinations (docs/monitoring.md names them). The Prometheus rules all stay: they are
 * the ops server's own view; only Alertmanager's routes change (`alertmanagerConfig`).
 */
import { WEBHOOK_KINDS, type NotificationTargets, type WebhookKind } from "./notifications.js";
import { CLOUD_MONITORING, checkOf, cloudHasProber, cloudImplements, MONITOR_CHECKS, MONITORED_CLOUDS, type MonitoredCloud } from "./monitor-implementers.js";
import type { MonitorNeed } from "./reach.js";

/** The kinds of notification target: e-mail, and each kind of chat webhook. */
export const TARGET_KINDS = ["email", ...WEBHOOK_KINDS] as const;
export type TargetKind = (typeof TARGET_KINDS)[number];

/**
 * Whether a cloud's own notifications push to a kind of target: `all` (every target of that kind),
 * `first` (only the first of that kind per severity), `none`; `how` says by what, or why not.
 */
export interface CloudPushFact {
  readonly pushes: "all" | "first" | "none";
  readonly how: string;
}

/** Per-cloud facts (each cloud's notification component renders exactly these; tests hold them to it). */
export const CLOUD_NOTIFICATIONS: Readonly<Record<MonitoredCloud, Readonly<Record<TargetKind, CloudPushFact>>>> = {
  aws: {
    email: { pushes: "all", how: "SNS e-mail subscriptions" },
    dingtalk: { pushes: "all", how: "the Lambda chat relay (AlarmTopic)" },
    wecom: { pushes: "all", how: "the Lambda chat relay (AlarmTopic)" },
    feishu: { pushes: "all", how: "the Lambda chat relay (AlarmTopic)" },
    slack: { pushes: "all", how: "the Lambda chat relay (AlarmTopic)" },
    https: { pushes: "all", how: "the Lambda chat relay (AlarmTopic)" },
  },
  alicloud: {
    email: { pushes: "all", how: "CloudMonitor e-mail contacts" },
    dingtalk: { pushes: "all", how: "CloudMonitor DingTalk robot contacts" },
    wecom: { pushes: "all", how: "the Function Compute chat relay (ChatRelay), each alarm rule's target" },
    feishu: { pushes: "all", how: "the Function Compute chat relay (ChatRelay), each alarm rule's target" },
    slack: { pushes: "all", how: "the Function Compute chat relay (ChatRelay), each alarm rule's target" },
    https: { pushes: "all", how: "the Function Compute chat relay (ChatRelay), each alarm rule's target" },
  },
  huaweicloud: {
    email: { pushes: "all", how: "SMN e-mail subscriptions" },
    dingtalk: { pushes: "all", how: "SMN dingding subscriptions" },
    wecom: { pushes: "all", how: "SMN wechat subscriptions" },
    // SMN's feishu protocol needs the bot's keyword or signing secret, and SMN has no Slack protocol: a FunctionGraph relay posts them.
    feishu: { pushes: "all", how: "the FunctionGraph chat relay (HuaweiChatRelay, an SMN trigger on the severity's topic)" },
    slack: { pushes: "all", how: "the FunctionGraph chat relay (HuaweiChatRelay, an SMN trigger on the severity's topic)" },
    https: { pushes: "all", how: "SMN https subscriptions" },
  },
};

/** The targets of one severity the cloud's own notifications reach (`CLOUD_NOTIFICATIONS`), in their order. */
export function cloudReachedTargets(cloud: MonitoredCloud, targets: NotificationTargets): NotificationTargets {
  const facts = CLOUD_NOTIFICATIONS[cloud];
  const seen = new Set<WebhookKind>();
  const webhooks = targets.webhooks.filter((w) => {
    const pushes = facts[w.kind].pushes;
    const first = !seen.has(w.kind);
    seen.add(w.kind);
    return pushes === "all" || (pushes === "first" && first);
  });
  return { emails: facts.email.pushes === "none" ? [] : [...targets.emails], webhooks };
}

/** What is known about one alert and one target, to decide who delivers it. */
export interface DeliveryCase {
  /** The cloud's own monitoring evaluates the rule for this tenant. */
  readonly cloudEvaluates: boolean;
  /** The cloud's notifications push to this target. */
  readonly cloudReaches: boolean;
  /** The tenant has an ops server (whose Prometheus evaluates every rule of the blueprint). */
  readonly opsServer: boolean;
  /** The ops server's Alertmanager has an SMTP relay (`notifications.smtp`). */
  readonly smtp: boolean;
  readonly target: TargetKind;
}

export type Deliverer = "cloud" | "ops-server";

/** Who delivers the alert to the target: the cloud when it evaluates the rule and reaches the target, else the ops server if it can; undefined: nothing. */
export function alertDeliverer(c: DeliveryCase): Deliverer | undefined {
  if (c.cloudEvaluates && c.cloudReaches) return "cloud";
  if (c.opsServer && (c.target !== "email" || c.smtp)) return "ops-server";
  return undefined;
}

/** The targets the ops server's Alertmanager sends an alert of one severity to, given whether the cloud evaluates it. */
export function opsServerTargets(cloud: MonitoredCloud | undefined, targets: NotificationTargets, cloudEvaluates: boolean, smtp: boolean): NotificationTargets {
  const reached = cloud ? cloudReachedTargets(cloud, targets) : { emails: [], webhooks: [] };
  const ops = (target: TargetKind, cloudReaches: boolean) => alertDeliverer({ cloudEvaluates: cloud !== undefined && cloudEvaluates, cloudReaches, opsServer: true, smtp, target }) === "ops-server";
  return {
    emails: targets.emails.filter((e) => ops("email", reached.emails.includes(e))),
    webhooks: targets.webhooks.filter((w) => ops(w.kind, reached.webhooks.includes(w))),
  };
}

/** What the ops server must know of the cloud it runs on: which of the tenant's alerts the cloud evaluates itself. */
export interface CloudDelivery {
  readonly cloud: MonitoredCloud;
  /** The ids of the tenant's monitors the cloud's own monitoring implements (besides every basic rule). */
  readonly monitors: readonly string[];
  /** The URL monitors among them whose "probe latency" the cloud evaluates too (`CLOUD_LATENCY`). Default: every URL monitor of `monitors`. */
  readonly latency?: readonly string[];
}

/**
 * Whether a cloud that implements a URL monitor also evaluates its "probe latency": AWS (Route 53
 * latency measurement) and Alibaba (site monitoring response time) for both checks; Huawei for the
 * home page (the web ELB's average response time) but not for login (the login-check pool carries
 * no user requests, so it has no response time). Where the cloud has a prober for the check
 * (`CloudMonitoringFact.prober`) and it runs, the prober measures the latency the cloud does not.
 */
export const CLOUD_LATENCY: Readonly<Record<MonitoredCloud, Readonly<Record<"home-page" | "login", boolean>>>> = {
  aws: { "home-page": true, login: true },
  alicloud: { "home-page": true, login: true },
  huaweicloud: { "home-page": true, login: false },
};

/** The ids of the monitors `cloud` implements itself for a tenant (`behindLoadBalancer`: as for `monitorCoverage`; `prober`: the cloud's prober runs, `proberRuns`). */
export function cloudMonitorIds(cloud: MonitoredCloud, monitors: readonly MonitorNeed[], behindLoadBalancer: (m: MonitorNeed) => boolean, prober = false): string[] {
  return monitors.filter((m) => cloudImplements(cloud, m, behindLoadBalancer(m), prober)).map((m) => m.id);
}

/**
 * What the ops server must know of `cloud` for a tenant whose monitors `implemented` (ids) the cloud
 * implements (`prober`: the cloud's prober runs for the tenant, and measures the latency of those it has a prober for).
 */
export function cloudDelivery(cloud: MonitoredCloud, monitors: readonly MonitorNeed[], implemented: readonly string[], prober = false): CloudDelivery {
  const ids = new Set(implemented);
  const latency = (m: MonitorNeed) => m.kind === "url" && (CLOUD_LATENCY[cloud][m.check] || (prober && CLOUD_MONITORING[cloud][checkOf(m)].prober !== undefined));
  return { cloud, monitors: [...ids], latency: monitors.filter((m) => ids.has(m.id) && latency(m)).map((m) => m.id) };
}

/**
 * The kinds of alert whose evaluator differs: `basic` (every cloud's host alarms evaluate them, and
 * the ops server's node_exporter rules), each monitor check (`CLOUD_MONITORING`), and each URL
 * monitor's "probe latency" (`CLOUD_LATENCY`).
 */
export const ALERT_KINDS = ["basic", ...MONITOR_CHECKS, "latency:home-page", "latency:login"] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

/**
 * Whether `cloud` itself evaluates an alert of `kind` (`loadBalancer`: the entry point is behind the
 * cloud's load balancer; `prober`: the cloud's prober runs for the tenant, `proberRuns`).
 */
export function cloudEvaluatesKind(cloud: MonitoredCloud, kind: AlertKind, loadBalancer: boolean, prober = false): boolean {
  if (kind === "basic") return true;
  if (kind === "latency:home-page" || kind === "latency:login") {
    const check = kind === "latency:home-page" ? "home-page" : "login";
    const probed = prober && CLOUD_MONITORING[cloud][`url:${check}`].prober !== undefined;
    return probed || (cloudEvaluatesKind(cloud, `url:${check}`, loadBalancer) && CLOUD_LATENCY[cloud][check]);
  }
  const fact = CLOUD_MONITORING[cloud][kind];
  return fact.cloud === "yes" || (fact.cloud === "load-balancer" && loadBalancer) || (prober && fact.prober !== undefined);
}

/** One combination with no deliverer. */
export interface UndeliveredCase {
  readonly cloud: MonitoredCloud;
  readonly alert: AlertKind;
  readonly loadBalancer: boolean;
  readonly target: TargetKind;
  /** A target after the first of its kind in a severity, where the cloud reaches the first only (`first`). */
  readonly laterOfKind: boolean;
  readonly opsServer: boolean;
  readonly smtp: boolean;
  /** The cloud's prober runs (a tenant without an ops server whose entry point admits the internet). Only on a cloud with a prober. */
  readonly prober?: boolean;
}

/**
 * Every cloud × alert kind × load balancer or not × target kind × ops server or not × SMTP relay or
 * not (× the cloud's prober running or not, without an ops server, on a cloud with one) in which an
 * alert exists (the cloud or the ops server evaluates it) and nothing delivers it.
 */
export function undeliveredCases(): UndeliveredCase[] {
  const cases: UndeliveredCase[] = [];
  for (const cloud of MONITORED_CLOUDS)
    for (const alert of ALERT_KINDS)
      for (const loadBalancer of [true, false])
        for (const target of TARGET_KINDS)
          for (const laterOfKind of CLOUD_NOTIFICATIONS[cloud][target].pushes === "first" ? [false, true] : [false])
            for (const opsServer of [true, false])
              for (const prober of !opsServer && cloudHasProber(cloud) ? [true, false] : [false])
                for (const smtp of [true, false]) {
                  const cloudEvaluates = cloudEvaluatesKind(cloud, alert, loadBalancer, prober);
                  // Not rendered at all (the tenant's `monitors.notRendered`); ports exist only with an ops server.
                  if ((!cloudEvaluates && !opsServer) || (alert === "port" && !opsServer)) continue;
                  const pushes = CLOUD_NOTIFICATIONS[cloud][target].pushes;
                  const cloudReaches = pushes === "all" || (pushes === "first" && !laterOfKind);
                  if (alertDeliverer({ cloudEvaluates, cloudReaches, opsServer, smtp, target }) === undefined)
                    cases.push({ cloud, alert, loadBalancer, target, laterOfKind, opsServer, smtp, ...(prober ? { prober } : {}) });
                }
  return cases;
}
