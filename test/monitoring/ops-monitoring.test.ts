/** The ops server's generated monitoring stack: parsed back, checked against every documented threshold. */
import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import {
  BASIC_HOST_ALARMS,
  chatPayload,
  cloudConfig,
  MIDDLEWARE_RULES,
  nodeExporterCloudInit,
  opsMonitoringFiles,
  opsServerCloudInit,
  routeBySeverity,
  silenced,
  silenceRanges,
  type OpsTargets,
} from "../../components/core/index.js";
import { demoBlueprints } from "../helpers/fleet.js";

const targets: OpsTargets = {
  hosts: { "anyshare-cloud": "10.16.1.10", "anybackup-cloud": "10.16.1.11" },
  databases: { "anyshare-cloud": "acme-db.internal" },
  entryPoints: { "anyshare-cloud-web": "share-acme.tenants.example.com", "anybackup-cloud-web": "backup-acme.tenants.example.com" },
};

async function acmeFiles() {
  const acme = (await demoBlueprints()).find((b) => b.tenant === "acme")!;
  const routing = {
    targets: routeBySeverity(
      { urgent: { emails: ["oncall@example.com"], webhooks: [{ kind: "dingtalk", url: "https://oapi.dingtalk.com/robot/send?access_token=x" }] }, warning: { emails: [], webhooks: [{ kind: "slack", url: "https://hooks.slack.com/services/a/b/c" }] }, silence: { from: "22:00", to: "07:00", severities: ["info"] } },
      ["ops@example.com"],
    ),
    silence: { from: "22:00", to: "07:00", severities: ["info" as const] },
    smtp: { smarthost: "smtp.example.com:587", from: "alerts@example.com" },
  };
  return { acme, files: opsMonitoringFiles(acme, targets, routing) };
}

type Rule = { alert: string; expr: string; labels: Record<string, string> };

describe("Prometheus rules (rules.yml)", () => {
  it("have every documented basic and middleware threshold, each with its severity", async () => {
    const { files } = await acmeFiles();
    const rules = (parse(files["rules.yml"]) as { groups: { rules: Rule[] }[] }).groups.flatMap((g) => g.rules);
    const byRule = (id: string) => rules.filter((r) => r.labels.rule === id);
    // basic (product-facts.md §5): CPU > 90, memory > 90, disk > 80, load > 5 and CPU > 90
    expect(byRule("cpu")[0]!.expr).toMatch(/node_cpu_seconds_total.*\) > 90$/);
    expect(byRule("memory")[0]!.expr).toMatch(/MemAvailable.* > 90$/);
    expect(byRule("disk")[0]!.expr).toMatch(/node_filesystem_avail_bytes.* > 80$/);
    expect(byRule("load-and-cpu")[0]!.expr).toMatch(/^\(node_load1 > 5\) and on \(instance\) \(.*node_cpu_seconds_total.* > 90\)$/);
    for (const r of BASIC_HOST_ALARMS) expect(byRule(r.id)[0]!.labels.severity).toBe(r.severity);
    // middleware: Tomcat heap > 80 %, restarted, ZooKeeper fds > 80 %, latency > 3 s
    expect(byRule("tomcat-heap").map((r) => r.expr)).toEqual([
      '(jvm_memory_used_bytes{job="tomcat",area="heap"} / jvm_memory_max_bytes{job="tomcat",area="heap"} * 100) > 80',
      '(jvm_memory_used_bytes{job="tomcat",area="heap"} / jvm_memory_max_bytes{job="tomcat",area="heap"} * 100) > 80',
    ]);
    expect(byRule("tomcat-restarted")[0]!.expr).toBe('changes(process_start_time_seconds{job="tomcat"}[300s]) > 0');
    expect(byRule("zookeeper-open-fds")[0]!.expr).toBe('(open_file_descriptor_count{job="zookeeper"} / max_file_descriptor_count{job="zookeeper"} * 100) > 80');
    expect(byRule("zookeeper-latency")[0]!.expr).toBe('(avg_latency{job="zookeeper"} / 1000) > 3');
    for (const r of MIDDLEWARE_RULES) expect(byRule(r.id).every((x) => x.labels.severity === r.severity)).toBe(true);
  });

  it("probe every port and URL monitor, with probe latency over the configured threshold", async () => {
    const { acme, files } = await acmeFiles();
    const rules = (parse(files["rules.yml"]) as { groups: { rules: Rule[] }[] }).groups.flatMap((g) => g.rules);
    for (const m of acme.monitors.filter((m) => m.kind !== "middleware")) {
      expect(rules.find((r) => r.alert === m.id)!.expr).toBe(`probe_success{monitor="${m.id}"} == 0`);
    }
    expect(rules.find((r) => r.alert === "url:login@anyshare-cloud-latency")!.expr).toBe('probe_duration_seconds{monitor="url:login@anyshare-cloud"} > 5');
  });
});

describe("prometheus.yml", () => {
  it("scrapes node_exporter and middleware on the hosts, and probes through the blackbox exporter", async () => {
    const { files } = await acmeFiles();
    const config = parse(files["prometheus.yml"]) as { scrape_configs: { job_name: string; params?: { module: string[] }; static_configs: { targets: string[] }[] }[] };
    const job = (name: string) => config.scrape_configs.find((j) => j.job_name === name)!;
    expect(job("node").static_configs.map((s) => s.targets[0])).toEqual(["10.16.1.10:9100", "10.16.1.11:9100"]);
    expect(job("tomcat").static_configs.map((s) => s.targets[0])).toEqual(["10.16.1.10:9404", "10.16.1.11:9404"]);
    expect(job("zookeeper").static_configs.map((s) => s.targets[0])).toEqual(["10.16.1.10:7000"]);
    expect(job("port:mysql@anyshare-cloud-db")).toMatchObject({ params: { module: ["tcp_connect"] }, static_configs: [{ targets: ["acme-db.internal:3306"] }] });
    expect(job("url:login@anyshare-cloud")).toMatchObject({ params: { module: ["http_2xx"] }, static_configs: [{ targets: ["https://share-acme.tenants.example.com/api/v1/auth/login"] }] });
  });
});

describe("alertmanager.yml", () => {
  it("routes each severity to its targets, mutes the silence period, and sends chat robots through the relay", async () => {
    const { files } = await acmeFiles();
    const am = parse(files["alertmanager.yml"]) as {
      route: { routes: { receiver: string; matchers: string[]; mute_time_intervals?: string[] }[] };
      receivers: { name: string; email_configs?: { to: string }[]; slack_configs?: unknown[]; webhook_configs?: { url: string }[] }[];
      time_intervals: { name: string; time_intervals: { times: unknown[] }[] }[];
    };
    expect(am.route.routes).toEqual([
      { receiver: "urgent", matchers: ['severity="urgent"'] },
      { receiver: "warning", matchers: ['severity="warning"'] },
      { receiver: "info", matchers: ['severity="info"'], mute_time_intervals: ["silence"] },
    ]);
    const urgent = am.receivers.find((r) => r.name === "urgent")!;
    expect(urgent.email_configs!.map((e) => e.to)).toEqual(["ops@example.com", "oncall@example.com"]);
    expect(urgent.webhook_configs![0]!.url).toMatch(/^http:\/\/127\.0\.0\.1:9099\/\?kind=dingtalk&severity=urgent&target=https%3A%2F%2Foapi/);
    expect(am.receivers.find((r) => r.name === "warning")!.slack_configs).toHaveLength(1);
    expect(am.time_intervals[0]!.time_intervals[0]!.times).toEqual(silenceRanges("22:00", "07:00"));
    expect(silenceRanges("22:00", "07:00")).toEqual([{ start_time: "22:00", end_time: "24:00" }, { start_time: "00:00", end_time: "07:00" }]);
  });
});

describe("cloud-init", () => {
  it("writes every generated file, installs the pinned stack and node_exporter, and starts them", async () => {
    const { files } = await acmeFiles();
    const doc = cloudConfig([nodeExporterCloudInit(), opsServerCloudInit(files)]);
    expect(doc.startsWith("#cloud-config\n")).toBe(true);
    const parsed = parse(doc) as { write_files: { path: string; content: string }[]; runcmd: string[] };
    expect(parsed.write_files.find((f) => f.path === "/etc/tenantry/prometheus/rules.yml")!.content).toBe(files["rules.yml"]);
    expect(parsed.write_files.map((f) => f.path)).toContain("/etc/systemd/system/node_exporter.service");
    expect(parsed.runcmd.join("\n")).toMatch(/prometheus\/releases\/download\/v3\.5\.0\/prometheus-3\.5\.0\.linux-amd64\.tar\.gz/);
    expect(parsed.runcmd.at(-1)).toBe("systemctl enable --now prometheus alertmanager blackbox_exporter tenantry-chat-relay");
  });
});

describe("notifications", () => {
  it("formats each chat service's webhook body", () => {
    expect(chatPayload("dingtalk", "urgent", "disk", "on acme")).toEqual({ msgtype: "text", text: { content: "[URGENT] disk\non acme" } });
    expect(chatPayload("wecom", "info", "t", "")).toEqual({ msgtype: "text", text: { content: "[INFO] t" } });
    expect(chatPayload("feishu", "warning", "t", "x")).toEqual({ msg_type: "text", content: { text: "[WARNING] t\nx" } });
    expect(chatPayload("slack", "warning", "t", "x")).toEqual({ text: "[WARNING] t\nx" });
    expect(chatPayload("https", "warning", "t", "x")).toEqual({ severity: "warning", title: "t", text: "x" });
  });

  it("silences only the listed severities, never urgent, across midnight", () => {
    const s = { from: "22:00", to: "07:00", severities: ["info" as const, "warning" as const] };
    expect(silenced(s, "info", 23 * 60)).toBe(true);
    expect(silenced(s, "warning", 6 * 60 + 59)).toBe(true);
    expect(silenced(s, "warning", 7 * 60)).toBe(false);
    expect(silenced(s, "urgent", 23 * 60)).toBe(false);
  });

  it("chatPayload's source runs on its own (the AWS relay ships it)", () => {
    const run = runInNewContext(`const __name = (f) => f; (${chatPayload.toString()})`) as typeof chatPayload;
    expect(run("feishu", "urgent", "a", "b")).toEqual(chatPayload("feishu", "urgent", "a", "b"));
  });
});

describe("the AWS chat relay (its shipped source, run as Lambda would)", () => {
  it("posts each SNS alarm in the chat service's format, and keeps quiet hours", async () => {
    const { chatRelaySource } = await import("../../components/aws/alarm-topic.js");
    const posts: { url: string; body: unknown }[] = [];
    const fetch = async (url: string, init: { body: string }) => {
      posts.push({ url, body: JSON.parse(init.body) });
      return { ok: true, status: 200 };
    };
    const load = (env: Record<string, string>, now: string) => {
      const source = chatRelaySource().replace("export const handler", "globalThis.handler");
      const context: Record<string, unknown> = { fetch, process: { env }, JSON, Date: class extends Date { constructor() { super(now); } } };
      runInNewContext(source, context);
      return context.handler as (event: unknown) => Promise<unknown>;
    };
    const event = { Records: [{ Sns: { Subject: "x", Message: JSON.stringify({ AlarmName: "acme-disk", NewStateValue: "ALARM", NewStateReason: "above 80", AlarmDescription: "disk > 80 %" }) } }] };
    const targets = JSON.stringify([{ kind: "feishu", url: "https://open.feishu.cn/hook/1" }]);
    await load({ TARGETS: targets, SEVERITY: "urgent" }, "2026-06-15T23:00:00Z")(event);
    expect(posts).toEqual([{ url: "https://open.feishu.cn/hook/1", body: { msg_type: "text", content: { text: "[URGENT] ALARM acme-disk\ndisk > 80 %\nabove 80" } } }]);
    const silence = JSON.stringify({ from: "22:00", to: "07:00", severities: ["info"] });
    expect(await load({ TARGETS: targets, SEVERITY: "info", SILENCE: silence }, "2026-06-15T23:00:00Z")(event)).toEqual({ silenced: true });
    expect(posts).toHaveLength(1);
  });
});
