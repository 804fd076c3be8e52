/**
 * `notify`: THE way a feature emails a person about something (check-ins, reminders, chat, meetings, program news).
 *
 * It honours the person's preference for the category (immediately, in the weekly digest, or not at all) and their
 * contact hours (mail waits for the next start of their window, in their zone), writes the outbox row first, then
 * hands it to the transport. Every such mail ends with a footer saying why it was sent, with a link to the preferences
 * and a signed one-click unsubscribe link for its category, which the QStash transport also sends as the
 * List-Unsubscribe / List-Unsubscribe-Post headers (RFC 2369, RFC 8058).
 *
 * Sign-in links and invitations are not optional and go through `sendMail` (worker/mail/outbox.ts) instead.
 */
import { notificationCategories } from "../domain/vocabulary";
import { type Claims, signToken, tokenSecret, verifyToken, type TokenProblem } from "../domain/signed-tokens";
import { newId } from "../domain/tokens";
import { nextContactTime } from "../domain/contact-hours";
import { FOOTER_SEPARATOR, mailHeaders, unsubscribeLinkOf } from "../domain/mail-headers";
import {
  categoryInfo,
  type NotificationCategory,
  type NotificationMode,
  type NotificationStatus,
  notificationModes,
} from "../domain/notifications";
import { publishPending } from "./outbox";
import { initialStatus, transportName } from "./transport";

/** The unsubscribe subject that turns off every category a person gets in the weekly digest. */
export const DIGEST_SUBJECT = "digest";
/** How long unsubscribe links work. */
export const UNSUBSCRIBE_VALID_MS = 180 * 24 * 3_600_000;
/** Where links point when neither PUBLIC_URL nor the caller says (what `npm start` serves). */
export const LOCAL_ORIGIN = "http://127.0.0.1:8787";

/** One notification for one person. */
export interface NotifyInput {
  /** A deterministic id makes the call idempotent (a second call changes and sends nothing) and is the QStash deduplication id. Printable ASCII without spaces, at most 200 characters. */
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
  /** The one page the mail is about (absolute URL): added after the text unless the text has it, and listed in the digest. */
  link?: string;
  /** Origin for the footer's links when PUBLIC_URL is not set (pass the one the text's links use); else the origin of `link`, else the local dev server. */
  origin?: string;
}

/** What became of a notification: its id, its status, and when it may be delivered (null unless it is to be sent now). */
export interface NotifyResult {
  id: string;
  status: NotificationStatus;
  notBefore: number | null;
}

const ID_SHAPE = /^[\x21-\x7e]{1,200}$/;

/** The origin links in mail use: PUBLIC_URL, else the caller's, else the local dev server. */
export function mailOrigin(env: Env, fallback?: string): string {
  return (env.PUBLIC_URL || fallback || LOCAL_ORIGIN).replace(/\/$/, "");
}

function originOf(link: string | undefined): string | undefined {
  if (!link) return undefined;
  try {
    return new URL(link).origin;
  } catch {
    return undefined;
  }
}

/** True for the categories notifications have. */
export function isCategory(value: unknown): value is NotificationCategory {
  return typeof value === "string" && (notificationCategories as readonly string[]).includes(value);
}

/** The signed unsubscribe link for a person and a category (or DIGEST_SUBJECT), valid for 180 days from `now`. */
export async function unsubscribeUrl(
  env: Env,
  origin: string,
  personId: string,
  subject: string,
  now: number,
): Promise<string> {
  const token = await signToken(tokenSecret(env), {
    p: "unsub",
    u: personId,
    s: subject,
    x: now + UNSUBSCRIBE_VALID_MS,
  });
  return `${origin}/unsubscribe/${token}`;
}

/** Checks an unsubscribe token: signed by us, for unsubscribing, not expired, about a category or the digest. */
export async function verifyUnsubscribeToken(
  env: Env,
  token: string,
  now = Date.now(),
): Promise<{ ok: true; claims: Claims } | { ok: false; problem: TokenProblem }> {
  const result = await verifyToken(tokenSecret(env), token, "unsub", now);
  if (result.ok && !isCategory(result.claims.s) && result.claims.s !== DIGEST_SUBJECT)
    return { ok: false, problem: "malformed" };
  return result;
}

/** The text before the footer, and the link the mail is about (the last link in that text), for the digest. */
export function mainPartOf(bodyText: string): { text: string; link: string | null } {
  const at = bodyText.lastIndexOf(FOOTER_SEPARATOR);
  const text = at < 0 ? bodyText : bodyText.slice(0, at);
  const links = text.match(/https?:\/\/[^\s<>"]+/g);
  return { text, link: links ? links[links.length - 1]! : null };
}

/** A body: the text, the link when the text does not have it, then the footer. */
export function composeBody(text: string, link: string | undefined, footerLines: string[]): string {
  let main = text.replace(/\s+$/, "");
  if (link && !main.includes(link)) main += `\n\n${link}`;
  return `${main}\n${FOOTER_SEPARATOR}${footerLines.join("\n")}\n`;
}

/** The footer of a notification in one category. */
function footerFor(category: NotificationCategory, origin: string, unsubscribe: string): string[] {
  const info = categoryInfo[category];
  return [
    `You get this email because ${info.reason} ("${info.label}" emails).`,
    `Choose which emails you get: ${origin}/settings/notifications`,
    `Unsubscribe from "${info.label}" emails with one click: ${unsubscribe}`,
  ];
}

interface Recipient {
  email: string;
  time_zone: string;
  contact_start: number;
  contact_end: number;
  mode: NotificationMode | null;
}

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
}

const INSERT_NOTIFICATION = `
INSERT OR IGNORE INTO notifications (id, to_email, subject, body_text, kind, status, transport, created_at, sent_at, person_id, category, not_before, delivered_at)
SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13 WHERE `;

/** The statement writing a notification row (nothing when its id exists, or when `guard`, SQL over ?14…, fails). */
export function insertNotification(
  env: Env,
  row: NotificationRow,
  guard: { sql: string; params: unknown[] } = { sql: "1", params: [] },
): D1PreparedStatement {
  return env.DB.prepare(INSERT_NOTIFICATION + guard.sql).bind(
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

/**
 * Hands a written row to the transport: QStash publishes it if it is still pending (or if an earlier publish of it
 * failed: the deduplication id keeps QStash from sending it twice). The dev mailbox and "held" need nothing more.
 */
export async function handOver(
  env: Env,
  id: string,
  mail: { to: string; subject: string; text: string; notBefore: number | null; headers: Record<string, string> },
  now: number,
): Promise<void> {
  if (transportName(env) !== "qstash") return;
  await env.DB.prepare(
    "UPDATE notifications SET status = 'pending' WHERE id = ?1 AND status = 'failed' AND sent_at IS NULL AND delivered_at IS NULL",
  )
    .bind(id)
    .run();
  await publishPending(env, [{ id, ...mail }], now);
}

async function currentState(
  env: Env,
  id: string,
): Promise<{ status: NotificationStatus; not_before: number | null } | null> {
  return env.DB.prepare("SELECT status, not_before FROM notifications WHERE id = ?1").bind(id).first();
}

/**
 * Sends (or keeps for the digest, or records as skipped) one notification to a person; see NotifyInput. Returns the
 * notification's id, status and not-before time; a person who no longer exists gets nothing (status "skipped", no row).
 * Publishing failures are recorded on the row (status "failed"), not thrown; calling again with the same id retries them.
 */
export async function notify(env: Env, input: NotifyInput, now = Date.now()): Promise<NotifyResult> {
  if (!isCategory(input.category)) throw new Error(`Unknown notification category "${input.category}".`);
  if (input.id !== undefined && !ID_SHAPE.test(input.id))
    throw new Error(`A notification id is 1-200 printable ASCII characters without spaces, not "${input.id}".`);
  const id = input.id ?? newId();

  const existing = input.id === undefined ? null : await currentState(env, id);
  if (existing) return resume(env, id, existing, input, now);

  const person = await env.DB.prepare(
    `SELECT p.email, p.time_zone, p.contact_start, p.contact_end, np.mode
     FROM people p LEFT JOIN notification_prefs np ON np.person_id = p.id AND np.category = ?2
     WHERE p.id = ?1`,
  )
    .bind(input.personId, input.category)
    .first<Recipient>();
  if (!person) return { id, status: "skipped", notBefore: null };

  const origin = mailOrigin(env, input.origin ?? originOf(input.link));
  const unsubscribe = await unsubscribeUrl(env, origin, input.personId, input.category, now);
  const body = composeBody(input.text, input.link, footerFor(input.category, origin, unsubscribe));
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
  };

  let row: NotificationRow;
  if (mode === "immediate") {
    const notBefore = nextContactTime(now, {
      timeZone: person.time_zone,
      start: person.contact_start,
      end: person.contact_end,
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
  const written = await insertNotification(env, row).run();
  if (written.meta.changes > 0 && input.replyTo) {
    await env.DB.prepare("UPDATE notifications SET reply_to = ?2 WHERE id = ?1").bind(id, input.replyTo).run();
  }
  if (written.meta.changes === 0) {
    // Another call with the same id won the race: report what it wrote.
    const state = await currentState(env, id);
    return { id, status: state?.status ?? row.status, notBefore: state?.not_before ?? null };
  }
  if (row.status === "pending") {
    await handOver(
      env,
      id,
      {
        to: row.to,
        subject: row.subject,
        text: body,
        notBefore: row.notBefore,
        headers: mailHeaders(unsubscribe, input.replyTo),
      },
      now,
    );
    const state = await currentState(env, id);
    return { id, status: state?.status ?? row.status, notBefore: row.notBefore };
  }
  return { id, status: row.status, notBefore: row.notBefore };
}

/** A repeated call with a known id: nothing new is written; a row that never reached QStash is offered again. */
async function resume(
  env: Env,
  id: string,
  state: { status: NotificationStatus; not_before: number | null },
  input: NotifyInput,
  now: number,
): Promise<NotifyResult> {
  if (state.status === "pending" || state.status === "failed") {
    const row = await env.DB.prepare(
      "SELECT to_email, subject, body_text FROM notifications WHERE id = ?1 AND sent_at IS NULL AND delivered_at IS NULL",
    )
      .bind(id)
      .first<{ to_email: string; subject: string; body_text: string }>();
    if (row) {
      const headers = mailHeaders(unsubscribeLinkOf(row.body_text), input.replyTo);
      await handOver(
        env,
        id,
        { to: row.to_email, subject: row.subject, text: row.body_text, notBefore: state.not_before, headers },
        now,
      );
      const after = await currentState(env, id);
      return { id, status: after?.status ?? state.status, notBefore: state.not_before };
    }
  }
  return { id, status: state.status, notBefore: state.not_before };
}

/** A person's mode for every category (immediate where they never chose). */
export async function preferencesOf(
  env: Env,
  personId: string,
): Promise<Record<NotificationCategory, NotificationMode>> {
  const rows = await env.DB.prepare("SELECT category, mode FROM notification_prefs WHERE person_id = ?1")
    .bind(personId)
    .all<{ category: string; mode: NotificationMode }>();
  const out = Object.fromEntries(notificationCategories.map((c) => [c, "immediate"])) as Record<
    NotificationCategory,
    NotificationMode
  >;
  for (const r of rows.results)
    if (isCategory(r.category) && notificationModes.includes(r.mode)) out[r.category] = r.mode;
  return out;
}

/** The statement setting one of a person's preferences. */
export function setPreference(
  env: Env,
  personId: string,
  category: NotificationCategory,
  mode: NotificationMode,
): D1PreparedStatement {
  return env.DB.prepare(
    "INSERT INTO notification_prefs (person_id, category, mode) VALUES (?1, ?2, ?3) ON CONFLICT (person_id, category) DO UPDATE SET mode = excluded.mode",
  ).bind(personId, category, mode);
}

/**
 * Turns a category off for a person (an unsubscribe link), or, for DIGEST_SUBJECT, every category they get in the
 * weekly digest. Returns the categories now off because of it.
 */
export async function unsubscribe(env: Env, personId: string, subject: string): Promise<NotificationCategory[]> {
  const prefs = await preferencesOf(env, personId);
  const targets =
    subject === DIGEST_SUBJECT
      ? notificationCategories.filter((c) => prefs[c] === "digest")
      : isCategory(subject)
        ? [subject]
        : [];
  if (targets.length) await env.DB.batch(targets.map((c) => setPreference(env, personId, c, "off")));
  return targets;
}
