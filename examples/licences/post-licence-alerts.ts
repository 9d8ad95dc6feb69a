/**
 * Posts the alerts of a `tenantry licences --format json` report to a chat group's webhook, one
 * message per severity, in the chat service's format (core `chatPayload`). Used by
 * licence-alerts.yml; `CHAT_WEBHOOK_URL` and `CHAT_KIND` come from the environment.
 */
import { readFileSync } from "node:fs";
import { chatPayload, WEBHOOK_KINDS, type LicenceReport, type WebhookKind } from "../../components/core/index.js";

/** One chat message body per severity present, urgent first. */
export function licenceAlertMessages(report: LicenceReport, kind: WebhookKind): Record<string, unknown>[] {
  return (["urgent", "warning"] as const).flatMap((severity) => {
    const alerts = report.licences.filter((l) => l.severity === severity);
    if (alerts.length === 0) return [];
    const title = severity === "urgent" ? `${alerts.length} licence(s) expired` : `${alerts.length} licence(s) expiring soon`;
    return [chatPayload(kind, severity, title, alerts.map((a) => a.message).join("\n"))];
  });
}

async function main(file: string): Promise<void> {
  const url = process.env.CHAT_WEBHOOK_URL;
  const kind = (process.env.CHAT_KIND ?? "https") as WebhookKind;
  if (!url?.startsWith("https://")) throw new Error("CHAT_WEBHOOK_URL must be an https:// URL");
  if (!(WEBHOOK_KINDS as readonly string[]).includes(kind)) throw new Error(`CHAT_KIND must be one of ${WEBHOOK_KINDS.join(", ")}`);
  const report = JSON.parse(readFileSync(file, "utf8")) as LicenceReport;
  for (const body of licenceAlertMessages(report, kind)) {
    const response = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    if (!response.ok) throw new Error(`the webhook answered ${response.status}`);
  }
}

if (process.argv[1]?.endsWith("post-licence-alerts.ts")) await main(process.argv[2] ?? "licences.json");
