/**
 * A notification's outbox row: writing it (once per id), reading its state back, and handing it to the transport.
 * `notify` and the weekly digest write their mail here; `handOverPending` (mail-outbox.ts) does the hand-over itself.
 */
import { and, eq, inArray, isNull, lt } from "drizzle-orm";
import { db } from "../db/client";
import { notifications } from "../db/schema";
import { MAX_ATTEMPTS } from "./delivery";
import { handOverPending } from "./mail-outbox";
import { initialStatus, transportName } from "./transport";
import type { NotificationStatus } from "../domain/notifications";

/** A row to write: the columns of `notifications` a notification sets. */
export interface NotificationRow {
  id: string;
  to: string;
  subject: string;
  body: string;
  kind: string;
  status: NotificationStatus;
  transport: string;
  createdAt: number;
  sentAt: number | null;
  personId: string;
  category: string;
  notBefore: number | null;
  deliveredAt: number | null;
  /** The conversation (pairing id) the mail is part of, for its threading headers. */
  thread?: string | null;
}

/** The builder columns of a row (and its Reply-To address, when it has one). */
function columnsOf(row: NotificationRow, replyTo?: string) {
  return {
    id: row.id,
    toEmail: row.to,
    subject: row.subject,
    bodyText: row.body,
    kind: row.kind,
    status: row.status,
    transport: row.transport,
    createdAt: row.createdAt,
    sentAt: row.sentAt,
    personId: row.personId,
    category: row.category,
    notBefore: row.notBefore,
    deliveredAt: row.deliveredAt,
    ...(row.thread ? { thread: row.thread } : {}),
    ...(replyTo ? { replyTo } : {}),
  };
}

/** Writes a notification row with its Reply-To address; true when written, false when a row with its id exists. */
export async function insertNotification(env: Env, row: NotificationRow, replyTo?: string): Promise<boolean> {
  const written = await db(env).insert(notifications).values(columnsOf(row, replyTo)).onConflictDoNothing();
  return written.meta.changes > 0;
}

// Raw SQL: INSERT … SELECT … WHERE <guard>, which the builder cannot express; the guard decides in the same statement.
const INSERT_NOTIFICATION_IF = `
INSERT OR IGNORE INTO notifications (id, to_email, subject, body_text, kind, status, transport, created_at, sent_at, person_id, category, not_before, delivered_at)
SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13 WHERE `;

/** The statement writing a notification row only while `guard` (SQL over ?14…) holds, and not when its id exists. */
export function insertNotificationIf(
  env: Env,
  row: NotificationRow,
  guard: { sql: string; params: unknown[] },
): D1PreparedStatement {
  return env.DB.prepare(INSERT_NOTIFICATION_IF + guard.sql).bind(
    row.id,
    row.to,
    row.subject,
    row.body,
    row.kind,
    row.status,
    row.transport,
    row.createdAt,
    row.sentAt,
    row.personId,
    row.category,
    row.notBefore,
    row.deliveredAt,
    ...guard.params,
  );
}

/** A row for mail to be sent now (or at `notBefore`): its status and times follow from the transport. */
export function outgoingRow(
  env: Env,
  fields: Omit<NotificationRow, "status" | "transport" | "sentAt" | "deliveredAt">,
): NotificationRow {
  const transport = transportName(env);
  const status = initialStatus(transport);
  const atOnce = status === "delivered" ? fields.createdAt : null;
  return { ...fields, status, transport, sentAt: atOnce, deliveredAt: atOnce };
}

/** A notification's status and not-before time, or null when there is no row with that id. */
export async function notificationState(
  env: Env,
  id: string,
): Promise<{ status: NotificationStatus; notBefore: number | null; createdAt: number } | null> {
  const row = await db(env)
    .select({ status: notifications.status, notBefore: notifications.notBefore, createdAt: notifications.createdAt })
    .from(notifications)
    .where(eq(notifications.id, id))
    .get();
  return row ?? null;
}

/** The address, subject and body of a notification that never left (neither sent nor delivered), or null. */
export async function unsentMail(
  env: Env,
  id: string,
): Promise<{ to: string; subject: string; bodyText: string } | null> {
  const row = await db(env)
    .select({ to: notifications.toEmail, subject: notifications.subject, bodyText: notifications.bodyText })
    .from(notifications)
    .where(and(eq(notifications.id, id), isNull(notifications.sentAt), isNull(notifications.deliveredAt)))
    .get();
  return row ?? null;
}

/**
 * Hands a written row to the transport if it is still pending — or if an earlier hand-over of it failed and the outbox
 * has not given up on it (QStash's deduplication id and the delivery's lease keep it from going twice). The dev
 * mailbox and "held" need nothing more.
 */
export async function handOver(env: Env, id: string, now: number): Promise<void> {
  const transport = transportName(env);
  if (transport !== "qstash" && transport !== "direct") return;
  await db(env)
    .update(notifications)
    .set({ status: "pending" })
    .where(
      and(
        eq(notifications.id, id),
        eq(notifications.status, "failed"),
        lt(notifications.attempts, MAX_ATTEMPTS),
        isNull(notifications.sentAt),
        isNull(notifications.deliveredAt),
      ),
    );
  await handOverPending(env, [id], now);
}

/** Those of `ids` that have an outbox row already (at most 90 at a time: D1 binds 100 parameters a statement). */
export async function existingNotificationIds(env: Env, ids: string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (let i = 0; i < ids.length; i += 90) {
    const rows = await db(env)
      .select({ id: notifications.id })
      .from(notifications)
      .where(inArray(notifications.id, ids.slice(i, i + 90)));
    for (const r of rows) found.add(r.id);
  }
  return found;
}
