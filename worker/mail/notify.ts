/**
 * `notify`: THE way a feature emails a person about something (check-ins, reminders, chat, meetings, program news).
 *
 * It decides whether and when a mail goes: it honours the person's preference for the category (immediately, in the
 * weekly digest, or not at all) and their contact hours (mail waits for the next start of their window, in their zone),
 * writes the outbox row first, then hands it to the transport. Every such mail ends with a footer saying why it was
 * sent, with a link to the preferences and a signed one-click unsubscribe link for its category (mail-body.ts,
 * unsubscribe-links.ts), which the delivery also sends as the List-Unsubscribe / List-Unsubscribe-Post headers.
 *
 * Sign-in links and invitations are not optional and go through `sendMail` (worker/mail/mail-outbox.ts) instead.
 */
import { and, eq } from "drizzle-orm";
import { db } from "../db/client";
import { notificationPrefs, people } from "../db/schema";
import { newId } from "../domain/random-secrets";
import { isCategory } from "../domain/notifications";
import type { NotificationCategory } from "../domain/notifications";
import { nextContactTime } from "../domain/contact-hours";
import { mailLocale } from "../domain/i18n/locales";
import { translator } from "../domain/i18n/translate";
import { categoryFooter, composeBody, mailOrigin, originOf } from "./mail-body";
import {
  handOver,
  insertNotification,
  type NotificationRow,
  notificationState,
  outgoingRow,
  unsentMail,
} from "./notification-rows";
import type { NotificationStatus } from "../domain/notifications";
import { transportName } from "./transport";
import { memberLanguage } from "../programs/program-language";
import { unsubscribeUrl } from "./unsubscribe-links";

/** One notification for one person. */
export interface NotifyInput {
  /**
   * A deterministic id makes the call idempotent (a second call changes and sends nothing); it is the outbox id that
   * QStash's deduplication id and Resend's idempotency key are made from. Printable ASCII without spaces, at most 200
   * characters.
   */
  id?: string;
  personId: string;
  category: NotificationCategory;
  /** What the mail is, for the record and tests ("checkin-open", "meeting-moved"…). */
  kind: string;
  subject: string;
  /** The plain-text body; the footer is added. */
  text: string;
  /** Reply-To address (e.g. the pairing's reply address). */
  replyTo?: string;
  /**
   * The one page the mail is about (absolute URL): added after the text unless the text has it, and listed in the
   * digest.
   */
  link?: string;
  /**
   * Origin for the footer's links when PUBLIC_URL is not set (pass the one the text's links use); else the origin of
   * `link`, else the local dev server.
   */
  origin?: string;
  /** The pairing the mail is about: its mails share one thread in mail clients (threading headers). */
  thread?: string;
}

/**
 * What became of a notification: its id, its status, and when it may be delivered (null unless it is to be sent now).
 */
export interface NotifyResult {
  id: string;
  status: NotificationStatus;
  notBefore: number | null;
}

const ID_SHAPE = /^[\x21-\x7e]{1,200}$/;

/** The recipient's address and contact hours, with their mode for `category` (null where they never chose one). */
function recipientOf(env: Env, personId: string, category: NotificationCategory) {
  return db(env)
    .select({
      email: people.email,
      timeZone: people.timeZone,
      contactStart: people.contactStart,
      contactEnd: people.contactEnd,
      language: memberLanguage,
      mode: notificationPrefs.mode,
    })
    .from(people)
    .leftJoin(
      notificationPrefs,
      and(eq(notificationPrefs.personId, people.id), eq(notificationPrefs.category, category)),
    )
    .where(eq(people.id, personId))
    .get();
}

/**
 * Sends (or keeps for the digest, or records as skipped) one notification to a person; see NotifyInput. Returns the
 * notification's id, status and not-before time; a person who no longer exists gets nothing (status "skipped", no row).
 * Publishing failures are recorded on the row (status "failed"), not thrown; calling again with the same id retries
 * them.
 */
export async function notify(env: Env, input: NotifyInput, now = Date.now()): Promise<NotifyResult> {
  if (!isCategory(input.category)) throw new Error(`Unknown notification category "${input.category}".`);
  if (input.id !== undefined && !ID_SHAPE.test(input.id))
    throw new Error(`A notification id is 1-200 printable ASCII characters without spaces, not "${input.id}".`);
  const id = input.id ?? newId();

  const existing = input.id === undefined ? null : await notificationState(env, id);
  if (existing) return resume(env, id, existing, now);

  const person = await recipientOf(env, input.personId, input.category);
  if (!person) return { id, status: "skipped", notBefore: null };

  const origin = mailOrigin(env, input.origin ?? originOf(input.link));
  const unsubscribe = await unsubscribeUrl(env, origin, input.personId, input.category, now);
  const t = translator(mailLocale(person.language));
  const body = composeBody(input.text, input.link, categoryFooter(input.category, origin, unsubscribe, t));
  const mode = person.mode ?? "immediate";
  const fields = {
    id,
    to: person.email,
    subject: input.subject,
    body,
    kind: input.kind,
    createdAt: now,
    personId: input.personId,
    category: input.category,
    thread: input.thread ?? null,
  };

  let row: NotificationRow;
  if (mode === "immediate") {
    const notBefore = nextContactTime(now, {
      timeZone: person.timeZone,
      start: person.contactStart,
      end: person.contactEnd,
    });
    row = outgoingRow(env, { ...fields, notBefore });
  } else {
    row = {
      ...fields,
      status: mode === "off" ? "skipped" : "digest",
      transport: transportName(env),
      sentAt: null,
      deliveredAt: null,
      notBefore: null,
    };
  }
  if (!(await insertNotification(env, row, input.replyTo))) {
    // Another call with the same id won the race: report what it wrote.
    const state = await notificationState(env, id);
    return { id, status: state?.status ?? row.status, notBefore: state?.notBefore ?? null };
  }
  if (row.status === "pending") {
    await handOver(env, id, now);
    const state = await notificationState(env, id);
    return { id, status: state?.status ?? row.status, notBefore: row.notBefore };
  }
  return { id, status: row.status, notBefore: row.notBefore };
}

/** A repeated call with a known id: nothing new is written; a row that never left is offered again. */
async function resume(
  env: Env,
  id: string,
  state: { status: NotificationStatus; notBefore: number | null },
  now: number,
): Promise<NotifyResult> {
  if (state.status === "pending" || state.status === "failed") {
    if (await unsentMail(env, id)) {
      await handOver(env, id, now);
      const after = await notificationState(env, id);
      return { id, status: after?.status ?? state.status, notBefore: state.notBefore };
    }
  }
  return { id, status: state.status, notBefore: state.notBefore };
}
