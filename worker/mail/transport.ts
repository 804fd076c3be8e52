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

/**
 * The status a new outbox row starts in: held (no transport), delivered (the dev mailbox is the destination), or
 * pending.
 */
export function initialStatus(transport: TransportName): "held" | "delivered" | "pending" {
  return transport === "held" ? "held" : transport === "dev-mailbox" ? "delivered" : "pending";
}
