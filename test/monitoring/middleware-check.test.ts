/** The middleware check responder, run under bash against a fake exporter on loopback (port 0). */
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  MIDDLEWARE_CHECK_PORT,
  MIDDLEWARE_RULES,
  MIDDLEWARE_SERIES,
  middlewareCheckCloudInit,
  middlewareCheckScript,
  middlewareExpression,
  responderRestartWindowSeconds,
  TOMCAT_START_SERIES,
} from "../../components/core/index.js";
import { restartWindowSeconds } from "../../components/huaweicloud/middleware-checks.js";
import { clbRestartWindowSeconds } from "../../components/alicloud/middleware-checks.js";

let server: Server;
let metrics = "";
let url = "";
let downUrl = "";
let state = "";
let script = "";

beforeAll(async () => {
  server = createServer((_, res) => res.writeHead(200, { "Content-Type": "text/plain; version=0.0.4" }).end(metrics));
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/metrics`;
  // A port nothing listens on: a closed server's.
  const closed = createServer();
  await new Promise<void>((ok) => closed.listen(0, "127.0.0.1", ok));
  downUrl = `http://127.0.0.1:${(closed.address() as AddressInfo).port}/metrics`;
  await new Promise((ok) => closed.close(ok));
  state = mkdtempSync(join(tmpdir(), "tenantry-mwcheck-"));
  script = join(state, "responder.sh");
  writeFileSync(script, middlewareCheckScript(["tomcat", "zookeeper"]));
});
afterAll(async () => {
  await new Promise((ok) => server.close(ok));
  rmSync(state, { recursive: true, force: true });
});

/** Runs the responder for one request, as systemd would (the connection on stdin and stdout); resolves to its status line and body. */
function ask(path: string, exporter = url): Promise<{ status: string; body: string }> {
  return new Promise((resolve, reject) => {
    const env = { PATH: process.env.PATH ?? "/usr/bin:/bin", TENANTRY_TOMCAT_METRICS: exporter, TENANTRY_ZOOKEEPER_METRICS: exporter, TENANTRY_STATE_DIR: state };
    const child = spawn("bash", [script], { env, stdio: ["pipe", "pipe", "inherit"] });
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.on("error", reject);
    child.on("close", () => {
      const [head = "", body = ""] = out.split("\r\n\r\n");
      const length = /Content-Length: (\d+)/.exec(head)?.[1];
      expect(Number(length), out).toBe(Buffer.byteLength(body));
      resolve({ status: head.split("\r\n")[0]!, body: body.trim() });
    });
    child.stdin.end(`GET ${path} HTTP/1.1\r\nHost: 10.0.0.5:${MIDDLEWARE_CHECK_PORT}\r\nUser-Agent: health-check\r\n\r\n`);
  });
}

const tomcat = (used: number, max: number, start = "1.732954123456E9") =>
  `# TYPE jvm_memory_used_bytes gauge\njvm_memory_used_bytes{area="heap"} ${used}\njvm_memory_used_bytes{area="nonheap"} 5.0E8\njvm_memory_max_bytes{area="heap"} ${max}\njvm_memory_max_bytes{area="nonheap"} -1.0\nprocess_start_time_seconds ${start}\n`;
const zookeeper = (open: number, max: number, latencyMs: number) => `open_file_descriptor_count ${open}\nmax_file_descriptor_count ${max}\navg_latency ${latencyMs}\n`;

describe("the middleware check responder (bash, against a fake exporter)", () => {
  it("answers 200 while each rule holds and 503 when it is breached, at the documented thresholds", async () => {
    metrics = tomcat(8.0e8, 1.0e9) + zookeeper(800, 1000, 3000);
    expect(await ask("/tomcat-heap")).toEqual({ status: "HTTP/1.1 200 OK", body: "tomcat-heap: 80 <= 80 percent" });
    expect((await ask("/zookeeper-open-fds")).status).toBe("HTTP/1.1 200 OK");
    expect((await ask("/zookeeper-latency")).status).toBe("HTTP/1.1 200 OK");
    metrics = tomcat(8.1e8, 1.0e9) + zookeeper(801, 1000, 3001);
    expect(await ask("/tomcat-heap")).toEqual({ status: "HTTP/1.1 503 Service Unavailable", body: "tomcat-heap: 81 > 80 percent" });
    expect(await ask("/zookeeper-open-fds")).toEqual({ status: "HTTP/1.1 503 Service Unavailable", body: "zookeeper-open-fds: 80.1 > 80 percent" });
    expect(await ask("/zookeeper-latency")).toEqual({ status: "HTTP/1.1 503 Service Unavailable", body: "zookeeper-latency: 3.001 > 3 seconds" });
  });

  it("Tomcat restarted: 503 from a change of the JVM's start time until the window has passed; the first start seen is no restart", async () => {
    metrics = tomcat(1e8, 1e9, "1.7329E9");
    expect((await ask("/tomcat-restarted")).status).toBe("HTTP/1.1 200 OK");
    metrics = tomcat(1e8, 1e9, "1.7331E9");
    expect((await ask("/tomcat-restarted")).status).toBe("HTTP/1.1 503 Service Unavailable");
    expect(await ask("/tomcat-restarted")).toEqual({ status: "HTTP/1.1 503 Service Unavailable", body: expect.stringMatching(/^tomcat-restarted: the JVM restarted \d+ s ago \(within 300 s\)$/) });
    // The restart was seen 301 s ago: the window (the alarm period, 300 s) is over.
    const file = join(state, "tomcat-restarted");
    const [start] = readFileSync(file, "utf8").split(" ");
    writeFileSync(file, `${start} ${Math.floor(Date.now() / 1000) - 301}\n`);
    expect((await ask("/tomcat-restarted")).status).toBe("HTTP/1.1 200 OK");
  });

  it("an exporter that does not answer, or lacks a series, is a breach (503); an unknown path is 404", async () => {
    for (const path of ["/tomcat-heap", "/tomcat-restarted", "/zookeeper-open-fds", "/zookeeper-latency"]) {
      expect(await ask(path, downUrl), path).toEqual({ status: "HTTP/1.1 503 Service Unavailable", body: expect.stringContaining("do not answer") });
    }
    metrics = zookeeper(1, 1000, 1);
    expect(await ask("/tomcat-heap")).toEqual({ status: "HTTP/1.1 503 Service Unavailable", body: "tomcat-heap: a series it needs is missing from the metrics" });
    expect((await ask("/nothing")).status).toBe("HTTP/1.1 404 Not Found");
  });
});

describe("what the responder is built from", () => {
  it("reads the series the ops server's Prometheus rules read, and checks only the host's middleware", () => {
    for (const r of MIDDLEWARE_RULES) {
      const expr = middlewareExpression(r.metric, 300);
      const series = r.metric === "tomcat-restarts" ? [TOMCAT_START_SERIES] : [MIDDLEWARE_SERIES[r.metric].numerator, MIDDLEWARE_SERIES[r.metric].denominator].filter((s) => s !== undefined);
      for (const s of series) expect(expr, r.id).toContain(s.label ? `${s.name}{job="${r.middleware}",${s.label}}` : `${s.name}{job="${r.middleware}"}`);
    }
    const only = middlewareCheckScript(["zookeeper"]);
    expect(only).toContain("/zookeeper-latency) check_zookeeper_latency");
    expect(only).not.toContain("/tomcat-heap)");
    expect(() => middlewareCheckScript([])).toThrow(/no middleware/);
  });

  it("a cloud-init part: a socket unit on the responder port with Accept=yes, the per-connection service as nobody, its state directory", () => {
    const part = middlewareCheckCloudInit(["tomcat"]);
    const file = (suffix: string) => part.files.find((f) => f.path.endsWith(suffix))!.content;
    expect(file(".socket")).toMatch(new RegExp(`ListenStream=${MIDDLEWARE_CHECK_PORT}\\nAccept=yes`));
    expect(file("@.service")).toMatch(/StandardInput=socket\nStandardOutput=socket[\s\S]*User=nobody/);
    expect(part.files[0]).toMatchObject({ path: "/usr/local/bin/tenantry-middleware-check", permissions: "0755" });
    expect(part.commands.join("\n")).toContain("systemctl enable --now tenantry-middleware-check.socket");
  });
});

describe("responderRestartWindowSeconds", () => {
  it("is the alarm period, or longer when the balancer needs longer to see a restart (its failures twice over, plus a minute)", () => {
    expect(responderRestartWindowSeconds(300, { intervalSeconds: 5, failures: 3 })).toBe(300);
    expect(responderRestartWindowSeconds(60, { intervalSeconds: 5, failures: 3 })).toBe(90);
    expect(responderRestartWindowSeconds(60, { intervalSeconds: 30, failures: 4 })).toBe(300);
  });
  it("is what the Huawei ELB and the Alibaba CLB checks use (both check every 5 s, 3 failures)", () => {
    expect([restartWindowSeconds(60), clbRestartWindowSeconds(60)]).toEqual([90, 90]);
  });
});
