/**
 * The weekly digest: notifications kept back because their person chose "weekly digest" for the category (status
 * "digest") are listed in one mail per person, and marked sent. The Monday cron starts a digest mailing
 * (`startDigestMailing`), a bulk-mail Workflow whose batches call `sendDigests` for some people each; each digest
 * still waits for its recipient's contact hours.
 *
 * Safe to run twice or concurrently: a digest's id is derived from the rows it lists, and it is written only while all
 * of them are still waiting, in the same transaction that marks them sent; rows that arrive meanwhile wait for the
 * next.
 */
import { intlTag, type Locale, mailLocale } from "../domain/i18n/locales";
import { greeting, translator } from "../domain/i18n/translate";
import { and, asc, eq, inArray, isNotNull } from "drizzle-orm";
import { db } from "../db/client";
import { notifications } from "../db/schema";
import { sha256Hex } from "../domain/random-secrets";
import { notificationCategories } from "../domain/vocabulary";
import { type MailContact, mailContactOf } from "../people/profile-store";
import { isCategory } from "../domain/notifications";
import { categoryInfo, type NotificationCategory } from "../domain/notifications";
import { nextContactTime } from "../domain/contact-hours";
import { formatInstant } from "../domain/format-time";
import { type WaitingItem, waitingText } from "../domain/waiting";
import { waitingFor } from "../people/waiting-for";
import { meetingLinkPath } from "./short-links";
import { composeBody, mailOrigin, mainPartOf } from "./mail-body";
import { type BulkMailParams, batchOf, recordBatchDone, startMailJob } from "./mail-jobs";
import { handOver, insertNotificationIf, outgoingRow } from "./notification-rows";
import { preferencesOf } from "./preferences";
import { DIGEST_SUBJECT, unsubscribeUrl } from "./unsubscribe-links";

/** Items listed in one digest mail; any beyond are counted ("and 3 more") and still marked sent. */
export const DIGEST_LIST_LIMIT = 50;

/**
 * What a run did: digest mails written, notifications they cover, and waiting notifications dropped (category now off,
 * or person gone).
 */
export interface DigestRun {
  digests: number;
  items: number;
  dropped: number;
}

interface Waiting {
  id: string;
  personId: string;
  category: string;
  subject: string;
  bodyText: string;
}

type Person = MailContact;

/** The people with notifications waiting for their digest (a digest mailing's recipients). */
export async function digestRecipients(env: Env): Promise<string[]> {
  const rows = await db(env)
    .selectDistinct({ personId: notifications.personId })
    .from(notifications)
    .where(and(eq(notifications.status, "digest"), isNotNull(notifications.personId)))
    .orderBy(asc(notifications.personId));
  return rows.map((r) => r.personId!);
}

/** Notifications kept for the digest (of these people, when given), by person, oldest first. */
async function waitingForDigest(env: Env, personIds?: string[]): Promise<Waiting[]> {
  const rows = await db(env)
    .select({
      id: notifications.id,
      personId: notifications.personId,
      category: notifications.category,
      subject: notifications.subject,
      bodyText: notifications.bodyText,
    })
    .from(notifications)
    .where(
      and(
        eq(notifications.status, "digest"),
        personIds ? inArray(notifications.personId, personIds) : isNotNull(notifications.personId),
      ),
    )
    .orderBy(asc(notifications.personId), asc(notifications.createdAt), asc(notifications.id));
  return rows.map((r) => ({ ...r, personId: r.personId!, category: r.category! }));
}

/**
 * Sends every person with waiting digest notifications (or only `personIds`, at most 90: one batch of a digest
 * mailing) one digest mail listing them; `origin` as for `notify`.
 */
export async function sendDigests(
  env: Env,
  now = Date.now(),
  origin?: string,
  personIds?: string[],
): Promise<DigestRun> {
  const run: DigestRun = { digests: 0, items: 0, dropped: 0 };
  const byPerson = new Map<string, Waiting[]>();
  for (const w of await waitingForDigest(env, personIds))
    byPerson.set(w.personId, [...(byPerson.get(w.personId) ?? []), w]);

  for (const [personId, rows] of byPerson) {
    const person = await mailContactOf(env, personId);
    const prefs = person ? await preferencesOf(env, personId) : null;
    // A category turned off since (or a person deleted) drops what was waiting: they asked for none of it.
    const dropped = rows.filter((r) => !prefs || (isCategory(r.category) && prefs[r.category] === "off"));
    const listed = rows.filter((r) => !dropped.includes(r));
    if (dropped.length) {
      // Raw SQL: the ids go in as one JSON parameter through json_each (D1 binds at most 100 parameters).
      await env.DB.prepare(
        "UPDATE notifications SET status = 'skipped' WHERE id IN (SELECT value FROM json_each(?1)) AND status = 'digest'",
      )
        .bind(JSON.stringify(dropped.map((r) => r.id)))
        .run();
      run.dropped += dropped.length;
    }
    if (!person || listed.length === 0) continue;
    if (await sendOne(env, person, listed, now, origin)) {
      run.digests++;
      run.items += listed.length;
    }
  }
  return run;
}

/** Writes and sends one person's digest; false when another run already took these rows. */
async function sendOne(
  env: Env,
  person: Person,
  rows: Waiting[],
  now: number,
  fallbackOrigin?: string,
): Promise<boolean> {
  const ids = rows.map((r) => r.id).sort();
  const id = `digest-${(await sha256Hex(ids.join("\n"))).slice(0, 32)}`;
  const origin = mailOrigin(env, fallbackOrigin);
  const unsubscribe = await unsubscribeUrl(env, origin, person.id, DIGEST_SUBJECT, now);
  const locale = mailLocale(person.language);
  const t = translator(locale);
  const subject = t("digest.subject", { count: rows.length });
  const waiting = await waitingFor(env, person.id, now);
  // A proposal to answer gets the mail's own link (Accept or Decline without signing in), as check-ins do.
  const paths = await Promise.all(
    waiting.map((item) =>
      item.kind === "meeting" ? meetingLinkPath(env, person.id, item.meetingId, item.start) : item.path,
    ),
  );
  const body = composeBody(digestText(person, rows, waiting, paths, origin, locale), undefined, [
    t("digest.why"),
    t("mail.footer.choose", { url: `${origin}/settings/notifications` }),
    t("digest.stop", { url: unsubscribe }),
  ]);
  const notBefore = nextContactTime(now, {
    timeZone: person.timeZone,
    start: person.contactStart,
    end: person.contactEnd,
  });
  const row = outgoingRow(env, {
    id,
    to: person.email,
    subject,
    body,
    kind: "digest",
    createdAt: now,
    personId: person.id,
    category: DIGEST_SUBJECT,
    notBefore,
  });

  const list = JSON.stringify(ids);
  const allWaiting = {
    sql: "(SELECT count(*) FROM notifications WHERE id IN (SELECT value FROM json_each(?14)) AND status = 'digest') = ?15",
    params: [list, ids.length],
  };
  // Raw SQL: a guarded INSERT … SELECT and an UPDATE over json_each, neither of which the builder can express.
  const [inserted] = await env.DB.batch([
    insertNotificationIf(env, row, allWaiting),
    env.DB.prepare(
      "UPDATE notifications SET status = 'sent', sent_at = ?2 WHERE id IN (SELECT value FROM json_each(?1)) AND status = 'digest' AND EXISTS (SELECT 1 FROM notifications WHERE id = ?3)",
    ).bind(list, now, id),
  ]);
  if (!inserted || inserted.meta.changes === 0) return false;
  if (row.status === "pending") await handOver(env, id, now);
  return true;
}

/**
 * The digest's text: first what is waiting for the person now (as home lists it, times in their zone), then the
 * waiting notifications by category, each with its subject and link.
 */
function digestText(
  person: Person,
  rows: Waiting[],
  waiting: readonly WaitingItem[],
  paths: readonly string[],
  origin: string,
  locale: Locale,
): string {
  const t = translator(locale);
  const lines = [greeting(person.name, t)];
  if (waiting.length) {
    lines.push("", t("digest.waiting"));
    for (const [i, item] of waiting.slice(0, DIGEST_LIST_LIMIT).entries()) {
      lines.push(`- ${waitingText(item, (ms) => formatInstant(ms, person.timeZone, intlTag(locale)), t, locale)}`);
      // A check-in's and a proposal's path is its signed page (no sign-in needed); the rest are pages of the site.
      lines.push(`  ${origin}${paths[i]}`);
    }
  }
  lines.push("", t("digest.since"));
  let shown = 0;
  const order = (c: string) => {
    const i = notificationCategories.indexOf(c as NotificationCategory);
    return i < 0 ? notificationCategories.length : i;
  };
  const categories = [...new Set(rows.map((r) => r.category))].sort((a, b) => order(a) - order(b));
  for (const category of categories) {
    if (shown >= DIGEST_LIST_LIMIT) break;
    lines.push("", isCategory(category) ? t(categoryInfo[category].label) : category);
    for (const r of rows.filter((x) => x.category === category)) {
      if (shown >= DIGEST_LIST_LIMIT) break;
      const { link } = mainPartOf(r.bodyText);
      lines.push(`- ${r.subject}`);
      if (link) lines.push(`  ${link}`);
      shown++;
    }
  }
  if (rows.length > shown) lines.push("", t("digest.more", { count: rows.length - shown }));
  return lines.join("\n");
}

/** Starts this week's digest mailing (the cron's job): one bulk mailing for everyone with something waiting. */
export async function startDigestMailing(env: Env, scheduledTime: number): Promise<void> {
  const personIds = await digestRecipients(env);
  if (personIds.length === 0) return;
  await startMailJob(env, { kind: "digest", jobId: `digest-${scheduledTime}`, personIds, now: scheduledTime });
}

/** Sends batch `index` of a digest mailing (a Workflow step; safe to run again: see the module comment). */
export async function sendDigestBatch(
  env: Env,
  p: Extract<BulkMailParams, { kind: "digest" }>,
  index: number,
): Promise<number> {
  const batch = batchOf(p.personIds, index);
  await sendDigests(env, Date.now(), p.origin, batch);
  await recordBatchDone(env, p.jobId, index);
  return batch.length;
}
