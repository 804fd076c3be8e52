/**
 * Which way outbound mail leaves, from configuration:
 *
 * - the **sending service** (MAIL_TRANSPORT + MAIL_FROM) is what puts a mail on the internet: "cloudflare" (Email
 *   Service, the EMAIL binding) or "resend" (its HTTP API, RESEND_API_KEY);
 * - **QStash** (QSTASH_TOKEN and PUBLIC_URL, where it can reach us) only schedules and retries: it calls this worker's
 *   own `/mail/deliver`, which sends through the service.
 *
 * Transport "qstash": both configured. "direct": a service without QStash (sent from the worker at once; mail with a
 * not-before time waits for the outbox sweep). "dev-mailbox": no service, DEV_TOOLS on. "held": nothing configured, or
 * MAIL_TRANSPORT names a service Trellis does not know (mail waits in the outbox, never in a mailbox by mistake).
 */

/** The way mail leaves (stored on each outbox row). */
export type TransportName = "qstash" | "direct" | "dev-mailbox" | "held";

/** The sending services Trellis can use. */
export const SENDING_SERVICES = ["cloudflare", "resend"] as const;
/** One sending service. */
export type SendingService = (typeof SENDING_SERVICES)[number];

/** The configured sending service, or null when none (or one Trellis does not know, or no From address). */
export function sendingService(env: Env): SendingService | null {
  const name = (env.MAIL_TRANSPORT ?? "").trim().toLowerCase();
  if (!name || !(env.MAIL_FROM ?? "").trim()) return null;
  return (SENDING_SERVICES as readonly string[]).includes(name) ? (name as SendingService) : null;
}

/** True when MAIL_TRANSPORT is set at all (then a missing or unknown service holds mail instead of the dev mailbox). */
function transportAsked(env: Env): boolean {
  return (env.MAIL_TRANSPORT ?? "").trim() !== "";
}

/** Picks the transport from configuration. */
export function transportName(env: Env): TransportName {
  const service = sendingService(env);
  if (service) return env.QSTASH_TOKEN && env.PUBLIC_URL ? "qstash" : "direct";
  if (transportAsked(env)) return "held";
  if (env.DEV_TOOLS === "1") return "dev-mailbox";
  return "held";
}

/** True when the dev mailbox and other local-only tools may be served (never with a real transport). */
export function devToolsEnabled(env: Env): boolean {
  return transportName(env) === "dev-mailbox";
}

/**
 * The status a new outbox row starts in: held (no transport), delivered (the dev mailbox is the destination), or
 * pending (to be handed over).
 */
export function initialStatus(transport: TransportName): "held" | "delivered" | "pending" {
  return transport === "held" ? "held" : transport === "dev-mailbox" ? "delivered" : "pending";
}
