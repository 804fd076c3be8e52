/** Outbound mail: every message is an outbox row first, then handed to the configured transport. */
import { and, desc, eq, inArray, sql } from "drizzle-orm";
import { db } from "../db/client";
import { notifications } from "../db/schema";
import { newId } from "../domain/random-secrets";
import { deliverNotification, MAX_ATTEMPTS } from "./delivery";
import { type CallbackReport, publishToQstash } from "./qstash";
import { initialStatus, transportName } from "./transport";

/** One message to send: recipient, subject, plain text, and what kind of mail it is (for the record and tests). */
export interface MailInput {
  to: string;
  subject: string;
  text: string;
  kind: string;
}

/**
 * Stores a message in the outbox and delivers it; returns the notification id. For mail people cannot opt out of
 * (sign-in links, invitations): anything else goes through `notify` (worker/mail/notify.ts), which honours preferences.
 */
export async function sendMail(env: Env, mail: MailInput, now = Date.now(), id?: string): Promise<string> {
  const queued = queueMail(env, [mail], now, undefined, id ? [id] : undefined);
  await env.DB.batch(queued.statements);
  await deliverQueued(env, queued, now);
  return queued.ids[0]!;
}

/**
 * Messages written to the outbox by `statements` (run them in the caller's batch), then handed over by deliverQueued.
 */
export interface QueuedMail {
  ids: string[];
  mails: MailInput[];
  statements: D1PreparedStatement[];
}

// Raw SQL: INSERT … SELECT … WHERE <guard>, which the builder cannot express; callers batch it with what it is about.
const INSERT_MAIL = `
INSERT OR IGNORE INTO notifications (id, to_email, subject, body_text, kind, status, transport, created_at, sent_at)
SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9 WHERE `;

/**
 * The statements that write messages to the outbox, each only when `guard` (SQL over ?10, ?11…) holds — so mail about
 * something is written in the same transaction as the thing itself, or not at all. The dev mailbox delivers at once.
 * Given `ids` (deterministic ones, e.g. per bulk mailing and recipient), a message whose id exists is not written again.
 */
export function queueMail(
  env: Env,
  mails: MailInput[],
  now = Date.now(),
  guard: { sql: string; params: unknown[] } = { sql: "1", params: [] },
  fixedIds?: string[],
): QueuedMail {
  const transport = transportName(env);
  const status = initialStatus(transport);
  const sentAt = transport === "dev-mailbox" ? now : null;
  const ids = mails.map((_, i) => fixedIds?.[i] ?? newId());
  const statements = mails.map((m, i) =>
    env.DB.prepare(INSERT_MAIL + guard.sql).bind(
      ids[i],
      m.to,
      m.subject,
      m.text,
      m.kind,
      status,
      transport,
      now,
      sentAt,
      ...guard.params,
    ),
  );
  return { ids, mails, statements };
}

/** Hands the messages that were written (their guard held) to the transport; a no-op for the dev mailbox and "held". */
export async function deliverQueued(env: Env, queued: Pick<QueuedMail, "ids">, now = Date.now()): Promise<void> {
  await handOverPending(env, queued.ids, now);
}

/**
 * Hands over those of the outbox rows `ids` that are still pending. With QStash: publishes each (status "sent", or
 * "failed" with the error). Without: sends each whose not-before time has come from here (delivery.ts); the others
 * wait for the outbox sweep. A no-op for the dev mailbox and "held". Never throws for a failed hand-over.
 */
export async function handOverPending(env: Env, ids: string[], now = Date.now()): Promise<void> {
  const transport = transportName(env);
  if ((transport !== "qstash" && transport !== "direct") || ids.length === 0) return;
  // Raw SQL: the ids go in as one JSON parameter through json_each (D1 binds at most 100 parameters).
  const written = await env.DB.prepare(
    "SELECT id, not_before, attempts FROM notifications WHERE id IN (SELECT value FROM json_each(?1)) AND status = 'pending'",
  )
    .bind(JSON.stringify(ids))
    .all<{ id: string; not_before: number | null; attempts: number }>();
  const d = db(env);
  for (const row of written.results) {
    if (transport === "direct") {
      if (row.not_before !== null && row.not_before > now) continue;
      await deliverNotification(env, row.id, { by: "direct" }, now);
      continue;
    }
    const stillPending = and(eq(notifications.id, row.id), eq(notifications.status, "pending"));
    try {
      const messageId = await publishToQstash(
        env,
        { id: row.id, attempts: row.attempts, notBefore: row.not_before },
        now,
      );
      await d
        .update(notifications)
        .set({
          status: "sent",
          sentAt: Date.now(),
          error: null,
          qstashMessageId: messageId,
          attempts: sql`${notifications.attempts} + 1`,
        })
        .where(stillPending);
    } catch (err) {
      // log: a failed publish (outbox id and QStash's status; never the address or the text).
      const status = (err as { status?: unknown }).status;
      const error = `QStash publish failed${typeof status === "number" ? ` with HTTP ${status}` : ""}: ${err instanceof Error ? err.message : String(err)}`;
      await d
        .update(notifications)
        .set({ status: "failed", error: error.slice(0, 300), attempts: sql`${notifications.attempts} + 1` })
        .where(stillPending);
    }
  }
}

/**
 * Records what a verified QStash callback says about one delivery attempt: delivered (2xx; the delivery endpoint has
 * usually recorded it already), failed for good (the failure callback, or the last retry: the sweep leaves it alone
 * too), or one failed attempt with more to come (the error is kept, the status is not changed). A delivered message
 * stays delivered. Returns false when no QStash mail of ours waiting for an outcome has that id.
 */
export async function recordDelivery(env: Env, report: CallbackReport, now = Date.now()): Promise<boolean> {
  const error = `HTTP ${report.status}${report.response ? `: ${report.response}` : ""}`.slice(0, 300);
  const change =
    report.status >= 200 && report.status < 300
      ? { status: "delivered" as const, deliveredAt: now, error: null }
      : report.final
        ? { status: "failed" as const, error, attempts: MAX_ATTEMPTS }
        : { error: `attempt failed, QStash retries: ${error}` };
  const res = await db(env)
    .update(notifications)
    .set(change)
    .where(
      and(
        eq(notifications.id, report.id),
        eq(notifications.transport, "qstash"),
        inArray(notifications.status, ["pending", "sent", "failed"]),
      ),
    );
  return res.meta.changes > 0;
}

/** Lists the newest messages for the dev mailbox, optionally for one recipient. */
export async function listMail(env: Env, to?: string, limit = 50) {
  const q = db(env).select().from(notifications);
  return (to ? q.where(eq(notifications.toEmail, to)) : q).orderBy(desc(notifications.createdAt)).limit(limit);
}

/** Returns one stored message. */
export async function getMail(env: Env, id: string) {
  const rows = await db(env).select().from(notifications).where(eq(notifications.id, id)).limit(1);
  return rows[0] ?? null;
}

/** The origin used for links inside emails. */
export function publicOrigin(env: Env, requestUrl: string): string {
  return (env.PUBLIC_URL ?? new URL(requestUrl).origin).replace(/\/$/, "");
}
