/** Which way outbound mail leaves: QStash when configured, else the local dev mailbox, else held in the outbox. */

export type TransportName = "qstash" | "dev-mailbox" | "held";

/** Picks the transport from configuration. */
export function transportName(env: Env): TransportName {
  if (env.QSTASH_TOKEN && env.EMAIL_ENDPOINT) return "qstash";
  if (env.DEV_TOOLS === "1") return "dev-mailbox";
  return "held";
}

/** True when the dev mailbox and other local-only tools may be served (never with a real transport). */
export function devToolsEnabled(env: Env): boolean {
  return transportName(env) === "dev-mailbox";
}

export interface OutgoingMail {
  id: string;
  to: string;
  subject: string;
  text: string;
}

/** Publishes one email job to QStash with the notification id as deduplication id. */
export async function publishToQstash(env: Env, mail: OutgoingMail, fetcher: typeof fetch = fetch): Promise<void> {
  const base = (env.QSTASH_URL ?? "https://qstash.upstash.io").replace(/\/$/, "");
  const res = await fetcher(`${base}/v2/publish/${env.EMAIL_ENDPOINT}`, {
    method: "POST",
    headers: {
      Authorization: `Bearer ${env.QSTASH_TOKEN}`,
      "Content-Type": "application/json",
      "Upstash-Deduplication-Id": mail.id,
      "Upstash-Retries": "3",
    },
    body: JSON.stringify({ id: mail.id, to: mail.to, subject: mail.subject, text: mail.text }),
  });
  if (!res.ok) throw new Error(`QStash publish failed with HTTP ${res.status}`);
}
