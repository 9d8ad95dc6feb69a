/**
 * Where a tenant's alerts go, on Kubernetes: the counterpart of the other clouds' alert routing by
 * severity (core `notifications`; product-facts.md §5: alerts are pushed 7x24 to a chat group). An
 * `AlertmanagerConfig` (prometheus-operator, monitoring.coreos.com/v1alpha1) in the tenant's
 * namespace routes the alerts of its PrometheusRules by their `severity` label to the configured
 * receivers, each an Alertmanager webhook whose URL is read from a Secret in the namespace (the URL
 * carries the chat service's token). The operator confines an AlertmanagerConfig to alerts of its
 * own namespace, so one tenant's routing never sees another tenant's alerts. A daily quiet period
 * (core `silence`) becomes a mute time interval on the routes of the silenced severities; urgent
 * alerts are never silenced.
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { InputError, SEVERITIES, validated, type Notifications, type Severity, type Tags } from "../core/index.js";
import { metadataOf } from "./labels.js";

/** The Secret holding the receivers' webhook URLs (one key per receiver). */
export const ALERT_RECEIVERS_SECRET = "tenantry-alert-receivers";
/** The route's fallback receiver, which sends nothing (alerts of a severity with no receiver). */
export const NO_RECEIVER = "tenantry-none";
/** The mute time interval of the quiet period. */
export const SILENCE_INTERVAL = "tenantry-silence";

/** A receiver's name: a Secret key and an Alertmanager receiver name. */
export const receiverName = z.string().regex(/^[a-z][a-z0-9-]{0,62}$/, { error: "must be a receiver name: lowercase letters, digits and '-', starting with a letter (at most 63)" });

export interface AlertRoutingArgs {
  readonly namespace: pulumi.Input<string>;
  readonly tenant: string;
  readonly tags: Tags;
  /** The receivers by name: an Alertmanager webhook each; the URL is made a Pulumi secret here whatever it was given as. */
  readonly receivers: Readonly<Record<string, { readonly webhookUrl: pulumi.Input<string> }>>;
  /** The receivers of each severity. A severity without receivers is not sent anywhere. */
  readonly routes: Readonly<Partial<Record<Severity, readonly string[]>>>;
  /** A daily quiet period (UTC) for some severities (core `Notifications["silence"]`). Default: none. */
  readonly silence?: Notifications["silence"];
  /** Labels Alertmanager selects configurations by (its `alertmanagerConfigSelector`). Default: none beyond the tenant labels. */
  readonly labels?: Readonly<Record<string, string>>;
}

const argsSchema = z.object({
  receivers: z.record(receiverName, z.object({ webhookUrl: z.any() })),
  routes: z.object(Object.fromEntries(SEVERITIES.map((s) => [s, z.array(receiverName).optional()])) as Record<Severity, z.ZodOptional<z.ZodArray<typeof receiverName>>>),
});

/** Every receiver a route names that is not configured, by its path under `path`. */
export function unknownReceivers(routes: AlertRoutingArgs["routes"], receivers: readonly string[], path: string): { path: string; message: string; received: string }[] {
  return SEVERITIES.flatMap((s) =>
    (routes[s] ?? []).flatMap((r, i) => (receivers.includes(r) ? [] : [{ path: `${path}.${s}[${i}]`, message: `names no configured receiver (configured: ${receivers.join(", ") || "none"})`, received: r }])),
  );
}

/** The time ranges of a daily quiet period; one that wraps midnight is split in two (Alertmanager's ranges cannot wrap). */
export function quietTimes(silence: NonNullable<Notifications["silence"]>): { startTime: string; endTime: string }[] {
  return silence.from < silence.to
    ? [{ startTime: silence.from, endTime: silence.to }]
    : [
        { startTime: silence.from, endTime: "24:00" },
        ...(silence.to === "00:00" ? [] : [{ startTime: "00:00", endTime: silence.to }]),
      ];
}

/**
 * The AlertmanagerConfig's spec: a child route per severity and receiver (matching the `severity`
 * label, `continue` so every receiver of a severity gets it), the silenced severities muted in the
 * quiet period, and a webhook receiver per routed receiver whose URL is the Secret's key.
 */
export function alertmanagerConfigSpec(routes: AlertRoutingArgs["routes"], silence?: Notifications["silence"]) {
  const muted = new Set<string>(silence ? silence.severities : []);
  const used = [...new Set(SEVERITIES.flatMap((s) => routes[s] ?? []))];
  return {
    route: {
      receiver: NO_RECEIVER,
      groupBy: ["alertname", "workload"],
      routes: SEVERITIES.flatMap((s) =>
        (routes[s] ?? []).map((receiver) => ({
          receiver,
          matchers: [{ name: "severity", value: s, matchType: "=" }],
          continue: true,
          ...(muted.has(s) ? { muteTimeIntervals: [SILENCE_INTERVAL] } : {}),
        })),
      ),
    },
    receivers: [{ name: NO_RECEIVER }, ...used.map((name) => ({ name, webhookConfigs: [{ urlSecret: { name: ALERT_RECEIVERS_SECRET, key: name }, sendResolved: true }] }))],
    ...(silence ? { muteTimeIntervals: [{ name: SILENCE_INTERVAL, timeIntervals: [{ times: quietTimes(silence) }] }] } : {}),
  };
}

export class AlertRouting extends pulumi.ComponentResource {
  /** The receivers of each severity. */
  public readonly routes: Record<Severity, string[]>;

  constructor(name: string, args: AlertRoutingArgs, opts?: pulumi.ComponentResourceOptions) {
    super("tenantry:kubernetes:AlertRouting", name, {}, opts);
    const a = validated(argsSchema, args, `arguments of AlertRouting ${name}`, "args.");
    const unknown = unknownReceivers(a.routes, Object.keys(a.receivers), "args.routes");
    if (unknown.length > 0) throw new InputError(`arguments of AlertRouting ${name}`, unknown);
    const meta = metadataOf(args.tags);
    const spec = alertmanagerConfigSpec(a.routes, args.silence);
    const used = spec.receivers.slice(1).map((r) => r.name);
    const secret = new k8s.core.v1.Secret(
      `${name}-receivers`,
      {
        metadata: { name: ALERT_RECEIVERS_SECRET, namespace: args.namespace, ...meta },
        type: "Opaque",
        stringData: Object.fromEntries(used.map((r) => [r, pulumi.secret(pulumi.output(args.receivers[r]!.webhookUrl))])),
      },
      { parent: this },
    );
    new k8s.apiextensions.CustomResource(
      `${name}-config`,
      {
        apiVersion: "monitoring.coreos.com/v1alpha1",
        kind: "AlertmanagerConfig",
        metadata: { name: "tenantry-alert-routing", namespace: args.namespace, labels: { ...meta.labels, ...args.labels }, annotations: meta.annotations },
        spec,
      },
      { parent: this, dependsOn: [secret] },
    );
    this.routes = Object.fromEntries(SEVERITIES.map((s) => [s, [...(a.routes[s] ?? [])]])) as Record<Severity, string[]>;
    this.registerOutputs({ routes: this.routes });
  }
}
