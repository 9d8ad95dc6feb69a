/**
 * The code of the Alibaba Cloud chat relay (`AlicloudChatRelay`): a Function Compute (Node.js 20)
 * event handler that turns each CloudMonitor notification it is invoked with into the chat
 * service's message (core `chatPayload`) and posts it to every webhook of its severity, outside the
 * silence period (core `silenced`). Like the AWS relay (`chatRelaySource` of components/aws), the
 * core functions are shipped as their own source, so the relay runs exactly what the tests run.
 *
 * The payload: CloudMonitor documents the fields of its threshold-alert callback (`alertName`,
 * `alertState`, `curValue`, `metricName`, `namespace`, `dimensions`, `expression`, `triggerLevel`,
 * ...; form fields) and of its system-event callback (`product`, `name`, `level`, `instanceName`,
 * `resourceId`, `regionId`, `content`, ...; JSON), but not the body it hands a function target.
 * `cloudMonitorAlert` therefore reads either form, JSON or form-encoded, and falls back to the raw
 * text, so no notification is lost for its shape (unverified on a real account: docs/monitoring.md).
 */
import { strToU8, zipSync } from "fflate";
import { CHAT_RELAY_SETTINGS_SOURCE, chatPayload, silenced } from "../core/index.js";

/** The title and text of a chat message for one CloudMonitor notification, whatever its documented shape. */
export function cloudMonitorAlert(raw: unknown): { title: string; text: string } {
  const body = typeof raw === "string" ? raw : raw instanceof Uint8Array ? new TextDecoder().decode(raw) : undefined;
  let fields: Record<string, unknown> = {};
  if (body === undefined) {
    fields = raw !== null && typeof raw === "object" ? (raw as Record<string, unknown>) : {};
  } else {
    try {
      const parsed: unknown = JSON.parse(body);
      fields = parsed !== null && typeof parsed === "object" ? (parsed as Record<string, unknown>) : { content: body };
    } catch {
      fields = body.includes("=") ? Object.fromEntries(new URLSearchParams(body)) : { content: body };
    }
  }
  const field = (key: string): string => {
    const value = fields[key];
    return value === undefined || value === null ? "" : typeof value === "string" ? value : JSON.stringify(value);
  };
  const lines = (parts: string[]) => parts.filter((p) => p !== "").join("\n");
  const alarm = field("alertName") || field("ruleName");
  if (alarm) {
    const metric = lines([field("namespace") || field("metricProject"), field("metricName")]).replace("\n", " ");
    return {
      title: lines([field("alertState") || field("triggerLevel"), alarm]).replace("\n", " "),
      text: lines([metric, field("expression"), field("curValue") ? "value " + field("curValue") : "", field("instanceName") || field("dimensions")]),
    };
  }
  const event = field("name");
  if (event) {
    return {
      title: lines([field("product"), event]).replace("\n", " "),
      text: lines([field("level"), field("instanceName") || field("resourceId"), field("regionId"), field("eventTime"), field("content")]),
    };
  }
  return { title: "CloudMonitor alert", text: body ?? JSON.stringify(fields) };
}

/**
 * The relay's source (`index.mjs`, handler `index.handler`). Its settings are environment variables:
 * `TARGETS` (the severity's webhooks, JSON), `SEVERITY`, `SILENCE` (JSON, optional). A webhook that
 * fails does not stop the others; the invocation then fails, naming the kinds and statuses only
 * (never a URL: it carries the webhook's token), which the relay's error alarm counts.
 */
export function chatRelaySource(): string {
  return `const __name = (f) => f;
const chatPayload = ${chatPayload.toString()};
const silenced = ${silenced.toString()};
const cloudMonitorAlert = ${cloudMonitorAlert.toString()};
export const handler = async (event) => {
${CHAT_RELAY_SETTINGS_SOURCE}
  const { title, text } = cloudMonitorAlert(event);
  const failed = [];
  for (const t of targets) {
    try {
      const response = await fetch(t.url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(chatPayload(t.kind, severity, title, text)), signal: AbortSignal.timeout(10000) });
      if (!response.ok) failed.push(t.kind + " webhook answered " + response.status);
    } catch (e) {
      failed.push(t.kind + " webhook unreachable (" + (e && e.name ? e.name : "error") + ")");
    }
  }
  if (failed.length > 0) throw new Error(failed.join("; "));
  return { sent: targets.length };
};
`;
}

/** The relay's code package: a zip holding `index.mjs`, base64 (Function Compute's `code.zipFile`); the same bytes for the same source. */
export function chatRelayZip(): string {
  const zip = zipSync({ "index.mjs": [strToU8(chatRelaySource()), { mtime: new Date("2026-01-01T00:00:00Z") }] }, { level: 9 });
  return Buffer.from(zip).toString("base64");
}
