/**
 * Sending one outbox row through the sending service, at most once: the step QStash's call to `/mail/deliver` runs,
 * and the one the worker runs itself without QStash (at once, or from the outbox sweep).
 *
 * Once only: the row is taken with a short lease (`claimed_at`) in one conditional UPDATE before sending, and marked
 * delivered after; a second delivery of the same mail (a replayed QStash message, a retry racing the first) finds it
 * taken or delivered and sends nothing. An address that bounces gets nothing (status "suppressed"), except a sign-in
 * link (see docs/mail.md).
 */
import { and, eq, inArray, isNull, lt, or, sql } from "drizzle-orm";
import { db } from "../db/client";
import { notifications } from "../db/schema";
import { senderDomain, storedMailHeaders } from "../domain/mail-headers";
import { mailHtml } from "../domain/mail-html";
import { SendError, sendThroughService } from "./send-service";
import { suppressionOf } from "./suppressions";
import { sendingService } from "./transport";

/** How long a delivery may hold a row before another may take it over (a crashed attempt must not block for ever). */
export const LEASE_MS = 2 * 60_000;
/** Hand-overs tried before the outbox stops by itself (QStash's own retries come on top). */
export const MAX_ATTEMPTS = 3;
/** Mail that is never sent to a bouncing address... except this kind, which the person has just asked for. */
export const ALWAYS_ATTEMPTED_KIND = "sign-in";

/** What one delivery did. */
export type DeliveryOutcome =
  | { outcome: "sent"; providerId: string }
  | { outcome: "already" }
  | { outcome: "busy" }
  | { outcome: "unknown" }
  | { outcome: "suppressed" }
  | { outcome: "failed"; error: string; permanent: boolean };

/** Statuses from which a row may still be sent. */
const SENDABLE = ["pending", "sent", "failed"] as const;

/**
 * Sends the outbox row `id` once. `via` says who asks: "qstash" (QStash retries a failure, so the row stays "sent"
 * with the error noted) or "direct" (a failure is recorded as "failed" with one more attempt counted).
 */
export async function deliverNotification(
  env: Env,
  id: string,
  via: { by: "qstash"; messageId: string | null } | { by: "direct" },
  now = Date.now(),
): Promise<DeliveryOutcome> {
  const service = sendingService(env);
  const d = db(env);
  const row = await d.select().from(notifications).where(eq(notifications.id, id)).get();
  if (!row) return { outcome: "unknown" };
  if (!(SENDABLE as readonly string[]).includes(row.status)) return { outcome: "already" };
  if (!service) return { outcome: "failed", error: "no sending service is configured", permanent: false };

  const taken = await d
    .update(notifications)
    .set({ claimedAt: now })
    .where(
      and(
        eq(notifications.id, id),
        inArray(notifications.status, [...SENDABLE]),
        or(isNull(notifications.claimedAt), lt(notifications.claimedAt, now - LEASE_MS)),
      ),
    );
  if (taken.meta.changes === 0) return { outcome: "busy" };

  const suppression = row.kind === ALWAYS_ATTEMPTED_KIND ? null : await suppressionOf(env, row.toEmail);
  if (suppression) {
    await d
      .update(notifications)
      .set({ status: "suppressed", claimedAt: null, error: `not sent: the address ${suppressionReason(suppression)}` })
      .where(eq(notifications.id, id));
    return { outcome: "suppressed" };
  }

  const headers = storedMailHeaders({
    bodyText: row.bodyText,
    id,
    thread: row.thread,
    domain: senderDomain(env.MAIL_FROM),
  });
  try {
    const providerId = await sendThroughService(env, service, {
      id,
      from: env.MAIL_FROM.trim(),
      to: row.toEmail,
      subject: row.subject,
      text: row.bodyText,
      html: mailHtml(row.bodyText),
      replyTo: row.replyTo,
      headers,
    });
    await d
      .update(notifications)
      .set({
        status: "delivered",
        deliveredAt: now,
        sentAt: sql`coalesce(${notifications.sentAt}, ${now})`,
        providerId,
        claimedAt: null,
        error: null,
        ...(via.by === "qstash"
          ? { qstashMessageId: via.messageId }
          : { attempts: sql`${notifications.attempts} + 1` }),
      })
      .where(eq(notifications.id, id));
    return { outcome: "sent", providerId };
  } catch (err) {
    // log: a failed send (outbox id, service, permanent or not; never the address or the text).
    const error = err instanceof Error ? err.message : String(err);
    const permanent = err instanceof SendError && err.permanent;
    await d
      .update(notifications)
      .set(
        via.by === "qstash"
          ? { claimedAt: null, error: `attempt failed: ${error}` }
          : {
              status: "failed",
              claimedAt: null,
              error,
              attempts: permanent ? MAX_ATTEMPTS : sql`${notifications.attempts} + 1`,
            },
      )
      .where(eq(notifications.id, id));
    return { outcome: "failed", error, permanent };
  }
}

/** The reason in a few words, for the outbox row and the coordinator's badge. */
export function suppressionReason(s: { kind: "bounce" | "complaint"; reason: string }): string {
  return `${s.kind === "bounce" ? "bounces" : "complained of spam"} (${s.reason})`;
}
