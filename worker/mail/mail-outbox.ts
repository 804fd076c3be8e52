/** Outbound mail: every message is an outbox row first, then handed to the configured transport. */
import { and, desc, eq, inArray } from "drizzle-orm";
import { db } from "../db/client";
import { notifications } from "../db/schema";
import { newId } from "../domain/random-secrets";
import { type CallbackReport, type OutgoingMail, publishToQstash } from "./qstash";
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
export async function sendMail(env: Env, mail: MailInput, now = Date.now()): Promise<string> {
  const queued = queueMail(env, [mail], now);
  await env.DB.batch(queued.statements);
  await deliverQueued(env, queued);
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
INSERT INTO notifications (id, to_email, subject, body_text, kind, status, transport, created_at, sent_at)
SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9 WHERE `;

/**
 * The statements that write messages to the outbox, each only when `guard` (SQL over ?10, ?11…) holds — so mail about
 * something is written in the same transaction as the thing itself, or not at all. The dev mailbox delivers at once.
 */
export function queueMail(
  env: Env,
  mails: MailInput[],
  now = Date.now(),
  guard: { sql: string; params: unknown[] } = { sql: "1", params: [] },
): QueuedMail {
  const transport = transportName(env);
  const status = initialStatus(transport);
  const sentAt = transport === "dev-mailbox" ? now : null;
  const ids = mails.map(() => newId());
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

/** Hands the messages that were written (their guard held) to QStash when that is the transport; a no-op otherwise. */
export async function deliverQueued(env: Env, queued: Pick<QueuedMail, "ids" | "mails">): Promise<void> {
  await publishPending(
    env,
    queued.mails.map((m, i) => ({ id: queued.ids[i]!, to: m.to, subject: m.subject, text: m.text })),
  );
}

/**
 * Publishes to QStash those of `mails` whose outbox row is still pending, marking each sent (QStash took it) or failed
 * (with the error). A no-op unless QStash is the transport. Never throws for a failed publish.
 */
export async function publishPending(env: Env, mails: OutgoingMail[], now = Date.now()): Promise<void> {
  if (transportName(env) !== "qstash" || mails.length === 0) return;
  const d = db(env);
  // Raw SQL: the ids go in as one JSON parameter through json_each (D1 binds at most 100 parameters).
  const written = await env.DB.prepare(
    "SELECT id FROM notifications WHERE id IN (SELECT value FROM json_each(?1)) AND status = 'pending'",
  )
    .bind(JSON.stringify(mails.map((m) => m.id)))
    .all<{ id: string }>();
  const pending = new Set(written.results.map((r) => r.id));
  for (const mail of mails) {
    if (!pending.has(mail.id)) continue;
    try {
      await publishToQstash(env, mail, now);
      await d
        .update(notifications)
        .set({ status: "sent", sentAt: Date.now(), error: null })
        .where(and(eq(notifications.id, mail.id), eq(notifications.status, "pending")));
    } catch (err) {
      await d
        .update(notifications)
        .set({ status: "failed", error: String(err) })
        .where(and(eq(notifications.id, mail.id), eq(notifications.status, "pending")));
    }
  }
}

/**
 * Records what a verified QStash callback says about one delivery attempt: delivered (2xx), failed for good (the
 * failure callback, or the last retry), or one failed attempt with more to come (the error is kept, the status is not
 * changed). A delivered message stays delivered. Returns false when no QStash message of ours has that id.
 */
export async function recordDelivery(env: Env, report: CallbackReport, now = Date.now()): Promise<boolean> {
  const error = `HTTP ${report.status}${report.response ? `: ${report.response}` : ""}`;
  const change =
    report.status >= 200 && report.status < 300
      ? { status: "delivered" as const, deliveredAt: now, error: null }
      : report.final
        ? { status: "failed" as const, error }
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
