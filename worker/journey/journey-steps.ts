/**
 * What the journey does at each milestone, as idempotent functions the Workflow runs in its steps: reading where the
 * pairing stands, opening check-ins, and sending notifications whose ids are fixed by milestone and person (so a step
 * run twice after a restart never mails twice).
 */
import { milestoneOfKey } from "../domain/library/library";
import { milestoneItem } from "../library/library";
import { and, eq, max } from "drizzle-orm";
import { answerLinks } from "../checkins/answer-links";
import { db } from "../db/client";
import { meetingOutcomes, pairings, programs } from "../db/schema";
import { type PlannedMilestone, RISK_RULES, journeyPlan, templateOf } from "../domain/journey/template";
import { formatInstant } from "../domain/format-time";
import { listText } from "../domain/i18n/intl";
import { intlTag, type Locale, mailLocale } from "../domain/i18n/locales";
import { greeting, msg, type Translate, translator } from "../domain/i18n/translate";
import { CHECKIN_ANSWER_WORDS } from "../domain/journey/checkin-answers";
import { languageOf } from "../people/profile-store";
import { notificationState } from "../mail/notification-rows";
import { notify } from "../mail/notify";
import { replyAddress } from "../mail/reply-address";
import { publicOrigin } from "../mail/mail-outbox";
import { loadPairing, roomOf } from "../pairings/access";
import type { RoomActor } from "../domain/room/types";

export const JOURNEY: RoomActor = { kind: "journey" };

/** The pairing's members with what mails need (from the same projection the pairing's pages read). */
async function membersOf(env: Env, pairingId: string) {
  const pairing = await loadPairing(env, pairingId);
  if (!pairing) return [];
  return Promise.all(
    pairing.members.map(async (m) => ({
      id: m.personId,
      name: m.name,
      zone: m.timeZone,
      program: pairing.programName,
      locale: mailLocale(await languageOf(env, m.personId)),
    })),
  );
}

/** A member's language in a journey mail: its tag and translator. */
interface Words {
  locale: Locale;
  t: Translate;
}

/** The journey's plan, from the pairing's start and its program's template (fixed once, as the first step's result). */
export async function planFor(env: Env, pairingId: string): Promise<PlannedMilestone[]> {
  const row = await db(env)
    .select({
      createdAt: pairings.createdAt,
      lengthWeeks: programs.lengthWeeks,
      cadenceDays: programs.cadenceDays,
      milestoneTemplate: programs.milestoneTemplate,
    })
    .from(pairings)
    .innerJoin(programs, eq(programs.id, pairings.programId))
    .where(eq(pairings.id, pairingId))
    .get();
  if (!row) return [];
  return journeyPlan(
    row.createdAt,
    { lengthWeeks: row.lengthWeeks, cadenceDays: row.cadenceDays },
    templateOf(row.milestoneTemplate),
  );
}

const DAY = 86_400_000;
/** How long a welcome stays news. */
const WELCOME_FRESH_DAYS = 7;
/** How long the journey waits for a first meeting after it was due (as workflows/journey.ts does). */
const FIRST_MEETING_GRACE_DAYS = 7;

/**
 * Until when mail about a milestone is worth sending: a check-in's (and the mid-point's and wrap-up survey's) until it
 * closes, as its answer links stop working then; the agreement reminder's until its grace period ends (then the
 * pairing is flagged instead); the first-meeting reminder's for the week the journey waits; the welcome's for a week.
 *
 * A journey started late (the demo's pairings, weeks old; journeys started for existing pairings) or woken after a
 * long outage walks its past milestones at once: it still opens their check-ins and raises its flags, but does not mail
 * (or, for the welcome, post) about milestones whose time is over.
 */
export function mailableUntil(m: PlannedMilestone): number {
  if (m.closes !== null) return m.closes;
  if (m.kind === "agreement") return m.due + RISK_RULES.agreementGraceDays * DAY;
  if (m.kind === "first-meeting") return m.due + FIRST_MEETING_GRACE_DAYS * DAY;
  return m.due + WELCOME_FRESH_DAYS * DAY;
}

/**
 * Sends each member (for whom `build` gives a mail) a mail about a milestone, once per milestone, member and `variant`;
 * nothing once the milestone's time is over.
 */
async function tellMembers(
  env: Env,
  pairingId: string,
  m: PlannedMilestone,
  variant: string,
  build: (
    who: { id: string; name: string; zone: string; program: string },
    others: string,
    words: Words,
  ) => Promise<{ subject: string; text: string; category: "check-ins" | "reminders" | "program" } | null>,
) {
  const now = Date.now();
  if (now >= mailableUntil(m)) return;
  const members = await membersOf(env, pairingId);
  for (const who of members) {
    const words = { locale: who.locale, t: translator(who.locale) };
    const others = listText(
      who.locale,
      members.filter((x) => x.id !== who.id).map((x) => x.name),
    );
    const mail = await build(who, others, words);
    if (!mail) continue;
    const replyTo = await replyAddress(env, who.id, { pairingId }, now + 120 * 86_400_000);
    await notify(
      env,
      {
        id: `journey:${pairingId}:${m.key}:${variant}:${who.id}`,
        personId: who.id,
        category: mail.category,
        kind: `journey-${m.kind}`,
        subject: mail.subject,
        text: mail.text,
        replyTo,
        origin: journeyOrigin(env),
        thread: pairingId,
      },
      now,
    );
  }
}

/**
 * The welcome: a line in the chat and a mail to each member (neither when the journey starts more than a week late).
 */
export async function welcome(env: Env, origin: string, pairingId: string, m: PlannedMilestone): Promise<void> {
  if (Date.now() >= mailableUntil(m)) return;
  // Stored as a message id, like the room's own lines, so each member reads it in their own language.
  await roomOf(env, pairingId).postSystemMessage(JOURNEY, "journey-welcome", msg("journeyMail.welcome.chat"));
  await tellMembers(env, pairingId, m, "sent", async (who, others, { t }) => ({
    category: "program",
    subject: t("journeyMail.welcome.subject", { others }),
    text: `${greeting(who.name, t)}\n\n${t("journeyMail.welcome.body", { others, program: who.program })}\n\n${origin}/pairings/${pairingId}/agreement\n\n${t("journeyMail.welcome.reply", { others })}\n`,
  }));
}

/** A reminder about a milestone not reached yet (agreement, first meeting). */
export async function remind(env: Env, origin: string, pairingId: string, m: PlannedMilestone): Promise<void> {
  const what =
    m.kind === "agreement"
      ? ({ subject: "journeyMail.agreement.subject", body: "journeyMail.agreement.body", path: "agreement" } as const)
      : ({
          subject: "journeyMail.firstMeeting.subject",
          body: "journeyMail.firstMeeting.body",
          path: "meetings",
        } as const);
  await tellMembers(env, pairingId, m, "reminder", async (who, others, { t }) => ({
    category: "reminders",
    subject: t(what.subject),
    text: `${greeting(who.name, t)}\n\n${t(what.body, { others })}\n\n${origin}/pairings/${pairingId}/${what.path}\n`,
  }));
}

/** Opens a check-in in the room and mails each member one link per answer; returns the check-in's id. */
export async function openCheckin(env: Env, origin: string, pairingId: string, m: PlannedMilestone): Promise<string> {
  const opened = await roomOf(env, pairingId).openCheckin(JOURNEY, m.key, m.due, m.closes ?? m.due + 4 * 86_400_000);
  if (!opened.ok) throw new Error(`room refused the check-in ${m.key}: ${opened.error}`);
  await roomOf(env, pairingId).flushProjection();
  await sendCheckinMails(env, origin, pairingId, m, opened.value.id, "sent");
  return opened.value.id;
}

/**
 * The check-in mail (or its reminder to those who have not answered): four links, one tap each. No reminder goes to a
 * member whose check-in mail was itself written after the half-way point (a journey that started late, or caught up
 * after an outage): they would get both at once.
 */
export async function sendCheckinMails(
  env: Env,
  origin: string,
  pairingId: string,
  m: PlannedMilestone,
  checkinId: string,
  variant: "sent" | "reminder",
  only?: string[],
): Promise<void> {
  const closes = m.closes ?? m.due + 4 * 86_400_000;
  const half = m.due + Math.round((closes - m.due) / 2);
  // The program library's first item for this milestone, as a line to talk about ("This fortnight, talk about …").
  const milestone = milestoneOfKey(m.key);
  const prompt = milestone ? await milestoneItem(env, pairingId, milestone) : null;
  await tellMembers(env, pairingId, m, variant, async (who, others, { t, locale }) => {
    if (only && !only.includes(who.id)) return null;
    if (variant === "reminder") {
      const sent = await notificationState(env, `journey:${pairingId}:${m.key}:sent:${who.id}`);
      if (sent && sent.createdAt >= half) return null;
    }
    const links = await answerLinks(env, origin, pairingId, checkinId, who.id, closes);
    return {
      category: "check-ins",
      subject: t("journeyMail.checkin.subject", {
        reminder: variant === "reminder" ? "yes" : "no",
        title: m.title,
        others,
      }),
      text: `${greeting(who.name, t)}\n\n${t("journeyMail.checkin.body", { others, until: formatInstant(closes, who.zone, intlTag(locale)) })}\n\n${links.map((l) => `${t(CHECKIN_ANSWER_WORDS[l.answer])}: ${l.url}`).join("\n")}\n\n${t("journeyMail.checkin.comment")}\n${prompt ? `\n${t("library.mail.line", { title: prompt.title })}\n${origin}/pairings/${pairingId}/library/${prompt.id}\n` : ""}`,
    };
  });
}

/** Members who have answered a check-in. */
export async function answeredBy(env: Env, pairingId: string, checkinId: string): Promise<string[]> {
  const state = await roomOf(env, pairingId).checkin(JOURNEY, checkinId);
  return state.ok ? state.value.answers.filter((a) => a.answer).map((a) => a.personId) : [];
}

/** The newest held meeting's start (epoch ms), or null. */
export async function lastMeetingHeld(env: Env, pairingId: string): Promise<number | null> {
  const row = await db(env)
    .select({ t: max(meetingOutcomes.startsAt) })
    .from(meetingOutcomes)
    .where(and(eq(meetingOutcomes.pairingId, pairingId), eq(meetingOutcomes.outcome, "held")))
    .get();
  return row?.t ?? null;
}

/** The origin links in journey mail use (PUBLIC_URL, else the local default). */
export function journeyOrigin(env: Env): string {
  return publicOrigin(env, "http://127.0.0.1:8787/");
}
