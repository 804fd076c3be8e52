/**
 * Surveys in D1 (tables `surveys`, `survey_requests`, `survey_answers`): building one, asking members (once through a
 * bulk mailing, at a journey milestone, or after each meeting from the 5-minute cron) with a signed link by mail, each
 * member's open requests, recording answers, and reading the counts for results and exports.
 */
import { and, asc, count, desc, eq, gt, gte, inArray, isNotNull, isNull, lte, sql } from "drizzle-orm";
import { auditInsert } from "../audit/audit-log";
import { db } from "../db/client";
import {
  meetingChanges,
  meetings,
  pairingMembers,
  pairings,
  people,
  programs,
  surveyAnswers,
  surveyRequests,
  surveys,
} from "../db/schema";
import { mailLocale } from "../domain/i18n/locales";
import { translator } from "../domain/i18n/translate";
import { newId } from "../domain/random-secrets";
import { signingKeys, signToken } from "../domain/signed-link-tokens";
import type { AnswerCount, AnswerValue, SurveyQuestion, SurveyRow, SurveyTrigger } from "../domain/surveys/survey";
import { SURVEY_LIMITS } from "../domain/surveys/survey";
import type { OccurrenceChange, Schedule } from "../domain/meetings/types";
import { AFTER_MEETING_WINDOW, endedOccurrences } from "../domain/surveys/after-meeting";
import { type BulkMailParams, batchOf, recordBatchDone, startMailJob } from "../mail/mail-jobs";
import { mailOrigin } from "../mail/mail-body";
import { notify } from "../mail/notify";

/** Pairings whose members are asked (still running). */
const OPEN_STAGES = ["onboarding", "active", "wrapping_up", "paused"] as const;
const DAY = 86_400_000;

/** Creates a survey and logs it, in one batch; answers its id. */
export async function createSurvey(
  env: Env,
  programId: string,
  actorId: string,
  s: { title: string; trigger: SurveyTrigger; questions: SurveyQuestion[] },
): Promise<string> {
  const d = db(env);
  const id = newId();
  await d.batch([
    d.insert(surveys).values({ id, programId, ...s, createdBy: actorId, createdAt: Date.now() }),
    auditInsert(d, {
      programId,
      actorId,
      action: "survey.create",
      subjectId: id,
      detail: { counts: { questions: s.questions.length } },
    }),
  ]);
  return id;
}

/** A program's surveys, newest first (or just `surveyId`), with their counts. */
export async function programSurveys(env: Env, programId: string, surveyId?: string): Promise<SurveyRow[]> {
  return db(env)
    .select({
      id: surveys.id,
      title: surveys.title,
      trigger: surveys.trigger,
      questions: surveys.questions,
      sentAt: surveys.sentAt,
      asked: count(surveyRequests.id),
      answered: count(surveyRequests.answeredAt),
    })
    .from(surveys)
    .leftJoin(surveyRequests, eq(surveyRequests.surveyId, surveys.id))
    .where(and(eq(surveys.programId, programId), surveyId ? eq(surveys.id, surveyId) : undefined))
    .groupBy(surveys.id)
    .orderBy(desc(surveys.createdAt));
}

/** One member of one pairing to ask, as a bulk mailing carries it: "<pairing id> <person id>". */
export type SurveyRecipient = string;

/** A request's id: one per survey, pairing, member and occasion ("" for a send or a milestone). */
export const surveyRequestId = (surveyId: string, pairingId: string, personId: string, occasion = "") =>
  `${surveyId}-${pairingId}-${personId}`.slice(0, 200) + (occasion ? `-${occasion}` : "");

/**
 * Asks each of the recipients (a request row, once per occasion) and mails them their link. With `onlyNew`, a member
 * already asked on this occasion is not mailed again (the sweep looks at the same meeting several times).
 */
async function ask(
  env: Env,
  origin: string,
  survey: { id: string; title: string },
  recipients: SurveyRecipient[],
  expiresAt: number,
  occasion = "",
  onlyNew = false,
) {
  if (!recipients.length) return 0;
  const d = db(env);
  const wanted = new Set(recipients);
  const pairingIds = [...new Set(recipients.map((r) => r.split(" ")[0]!))];
  const rows = await d
    .select({
      pairingId: pairingMembers.pairingId,
      personId: pairingMembers.personId,
      role: pairingMembers.role,
      stage: pairings.stage,
      language: people.language,
      program: programs.name,
    })
    .from(pairingMembers)
    .innerJoin(pairings, eq(pairings.id, pairingMembers.pairingId))
    .innerJoin(people, eq(people.id, pairingMembers.personId))
    .innerJoin(programs, eq(programs.id, pairings.programId))
    .where(and(inArray(pairingMembers.pairingId, pairingIds), sql`${people.deletedAt} IS NULL`));
  let asked = 0;
  for (const m of rows.filter((r) => wanted.has(`${r.pairingId} ${r.personId}`))) {
    const requestId = surveyRequestId(survey.id, m.pairingId, m.personId, occasion);
    const inserted = await d
      .insert(surveyRequests)
      .values({
        id: requestId,
        surveyId: survey.id,
        personId: m.personId,
        pairingId: m.pairingId,
        role: m.role,
        stage: m.stage,
        expiresAt,
        occasion,
      })
      .onConflictDoNothing()
      .returning({ id: surveyRequests.id });
    if (onlyNew && !inserted.length) continue;
    asked++;
    const token = await signToken(signingKeys(env), { p: "survey", u: m.personId, s: requestId, x: expiresAt });
    const t = translator(mailLocale(m.language));
    // notify's id is fixed by the request, so a bulk mailing's batch that runs again mails nobody twice.
    await notify(env, {
      id: `survey:${requestId}`,
      personId: m.personId,
      category: "program",
      kind: "survey",
      subject: t("surveys.mail.subject", { title: survey.title }),
      text: t("surveys.mail.body", { title: survey.title, program: m.program }),
      link: `${origin}/s/${token}`,
      origin,
    });
  }
  return asked;
}

/** The members of a program's running pairings, as recipients. */
async function runningMembers(env: Env, programId: string): Promise<SurveyRecipient[]> {
  const rows = await db(env)
    .select({ pairingId: pairingMembers.pairingId, personId: pairingMembers.personId })
    .from(pairingMembers)
    .innerJoin(pairings, eq(pairings.id, pairingMembers.pairingId))
    .where(and(eq(pairings.programId, programId), inArray(pairings.stage, [...OPEN_STAGES])));
  return rows.map((r) => `${r.pairingId} ${r.personId}`);
}

/** The bulk mailing of a "once" survey (its id is fixed by the survey: it is sent once). */
export const surveyMailingId = (surveyId: string) => `survey-${surveyId}`;

/**
 * Sends a "once" survey now: marks it sent (guarded, so two coordinators pressing "Send" at once send it once), logs
 * it, and starts a bulk mailing (BulkMailWorkflow, batches of members) that asks every member of the program's running
 * pairings. Answers the mailing's id, or null when the survey was sent already or is not a "once" survey.
 */
export async function sendSurvey(env: Env, origin: string, programId: string, surveyId: string, actorId: string) {
  const d = db(env);
  const [survey] = await programSurveys(env, programId, surveyId);
  if (survey?.trigger !== "once" || survey.sentAt) return null;
  const now = Date.now();
  const taken = await d
    .update(surveys)
    .set({ sentAt: now })
    .where(and(eq(surveys.id, surveyId), isNull(surveys.sentAt)))
    .returning({ id: surveys.id });
  if (!taken.length) return null;
  const recipients = await runningMembers(env, programId);
  await auditInsert(d, {
    programId,
    actorId,
    action: "survey.send",
    subjectId: surveyId,
    detail: { members: recipients.length },
  });
  const jobId = surveyMailingId(surveyId);
  await startMailJob(env, {
    kind: "survey",
    jobId,
    programId,
    surveyId,
    origin,
    expiresAt: now + SURVEY_LIMITS.days * DAY,
    recipients,
  });
  return jobId;
}

/** One batch of a survey's bulk mailing (BulkMailWorkflow): asks its members and counts the batch done. */
export async function sendSurveyBatch(
  env: Env,
  p: Extract<BulkMailParams, { kind: "survey" }>,
  index: number,
): Promise<number> {
  const survey = await db(env)
    .select({ id: surveys.id, title: surveys.title })
    .from(surveys)
    .where(eq(surveys.id, p.surveyId))
    .get();
  const asked = survey ? await ask(env, p.origin, survey, batchOf(p.recipients, index), p.expiresAt) : 0;
  await recordBatchDone(env, p.jobId, index);
  return asked;
}

/** At a journey milestone ("mid-point", "wrap-up"): asks the pairing's members every survey attached to it. */
export async function sendMilestoneSurveys(
  env: Env,
  origin: string,
  pairingId: string,
  milestone: string,
  closes: number,
) {
  const d = db(env);
  const attached = await d
    .select({ id: surveys.id, title: surveys.title })
    .from(surveys)
    .innerJoin(pairings, eq(pairings.programId, surveys.programId))
    .where(and(eq(pairings.id, pairingId), eq(surveys.trigger, milestone as SurveyTrigger)));
  if (!attached.length) return 0;
  const members = await d
    .select({ personId: pairingMembers.personId })
    .from(pairingMembers)
    .where(eq(pairingMembers.pairingId, pairingId));
  const recipients = members.map((m) => `${pairingId} ${m.personId}`);
  for (const s of attached)
    await ask(env, origin, s, recipients, Math.max(closes, Date.now() + SURVEY_LIMITS.days * DAY));
  return attached.length;
}

/**
 * After meetings (the 5-minute cron): every member of a running pairing whose confirmed meeting occurrence ended in
 * the last day, and was not cancelled, is asked each "after-meeting" survey of the program, once per occurrence.
 * Answers how many members were newly asked.
 */
export async function sendAfterMeetingSurveys(env: Env, origin: string, now = Date.now()): Promise<number> {
  const d = db(env);
  const attached = await d
    .select({ id: surveys.id, title: surveys.title, programId: surveys.programId })
    .from(surveys)
    .where(eq(surveys.trigger, "after-meeting"));
  if (!attached.length) return 0;
  const programIds = [...new Set(attached.map((s) => s.programId))];
  const since = now - AFTER_MEETING_WINDOW;
  // D1 binds at most 100 parameters a statement: programs and meetings are read in chunks.
  const found = (
    await Promise.all(
      chunks(programIds, 80).map((ids) =>
        d
          .select({
            id: meetings.id,
            pairingId: meetings.pairingId,
            programId: pairings.programId,
            timeZone: meetings.timeZone,
            startLocal: meetings.startLocal,
            durationMinutes: meetings.durationMinutes,
            repeat: meetings.repeat,
            count: meetings.count,
            until: meetings.until,
          })
          .from(meetings)
          .innerJoin(pairings, eq(pairings.id, meetings.pairingId))
          .where(
            and(
              inArray(pairings.programId, ids),
              inArray(pairings.stage, [...OPEN_STAGES]),
              eq(meetings.status, "confirmed"),
              lte(meetings.firstStart, now),
              gte(meetings.lastEnd, since),
            ),
          ),
      ),
    )
  ).flat();
  if (!found.length) return 0;
  const changes = (
    await Promise.all(
      chunks(
        found.map((m) => m.id),
        90,
      ).map((ids) =>
        d
          .select({
            meetingId: meetingChanges.meetingId,
            recurrenceId: meetingChanges.recurrenceId,
            status: meetingChanges.status,
            startLocal: meetingChanges.startLocal,
            durationMinutes: meetingChanges.durationMinutes,
            sequence: meetingChanges.sequence,
          })
          .from(meetingChanges)
          .where(inArray(meetingChanges.meetingId, ids)),
      ),
    )
  ).flat();
  let asked = 0;
  for (const m of found) {
    const ended = endedOccurrences(
      { ...m, repeat: m.repeat as Schedule["repeat"] },
      changes.filter((c) => c.meetingId === m.id) as OccurrenceChange[],
      since,
      now,
    );
    if (!ended.length) continue;
    const mine = attached.filter((a) => a.programId === m.programId);
    // The sweep sees an ended occurrence for a day: what was asked already is skipped with one read.
    const done = await d
      .selectDistinct({ surveyId: surveyRequests.surveyId, occasion: surveyRequests.occasion })
      .from(surveyRequests)
      .where(
        and(
          inArray(
            surveyRequests.surveyId,
            mine.map((s) => s.id),
          ),
          eq(surveyRequests.pairingId, m.pairingId),
        ),
      );
    const wanted = ended.flatMap((o) =>
      mine
        .map((s) => ({ s, occasion: `${m.id}@${o.recurrenceId}` }))
        .filter((w) => !done.some((x) => x.surveyId === w.s.id && x.occasion === w.occasion)),
    );
    if (!wanted.length) continue;
    const members = await d
      .select({ personId: pairingMembers.personId })
      .from(pairingMembers)
      .where(eq(pairingMembers.pairingId, m.pairingId));
    const recipients = members.map((x) => `${m.pairingId} ${x.personId}`);
    for (const w of wanted)
      asked += await ask(env, origin, w.s, recipients, now + SURVEY_LIMITS.days * DAY, w.occasion, true);
  }
  return asked;
}

/** A list cut into pieces of at most `size`. */
const chunks = <T>(list: T[], size: number): T[][] =>
  Array.from({ length: Math.ceil(list.length / size) }, (_, i) => list.slice(i * size, (i + 1) * size));

/** The 5-minute cron's part: surveys after meetings, with links to the installation's public address. */
export const sweepAfterMeetingSurveys = (env: Env, now: number) => sendAfterMeetingSurveys(env, mailOrigin(env), now);

/** A member's open (unanswered, unexpired) requests (in one pairing, or all), soonest closing first: what waits. */
export async function openSurveyRequests(env: Env, personId: string, now = Date.now(), pairingId?: string) {
  return db(env)
    .select({
      requestId: surveyRequests.id,
      title: surveys.title,
      programName: programs.name,
      closesAt: surveyRequests.expiresAt,
    })
    .from(surveyRequests)
    .innerJoin(surveys, eq(surveys.id, surveyRequests.surveyId))
    .innerJoin(programs, eq(programs.id, surveys.programId))
    .where(
      and(
        eq(surveyRequests.personId, personId),
        isNull(surveyRequests.answeredAt),
        gt(surveyRequests.expiresAt, now),
        pairingId ? eq(surveyRequests.pairingId, pairingId) : undefined,
      ),
    )
    .orderBy(asc(surveyRequests.expiresAt))
    .limit(20);
}

/** A request with its survey, or null. */
export async function surveyRequest(env: Env, requestId: string) {
  const row = await db(env)
    .select({
      id: surveyRequests.id,
      personId: surveyRequests.personId,
      expiresAt: surveyRequests.expiresAt,
      answeredAt: surveyRequests.answeredAt,
      title: surveys.title,
      questions: surveys.questions,
      program: programs.name,
    })
    .from(surveyRequests)
    .innerJoin(surveys, eq(surveys.id, surveyRequests.surveyId))
    .innerJoin(programs, eq(programs.id, surveys.programId))
    .where(eq(surveyRequests.id, requestId))
    .get();
  if (!row) return null;
  const given = await db(env)
    .select({ questionId: surveyAnswers.questionId, value: surveyAnswers.value })
    .from(surveyAnswers)
    .where(eq(surveyAnswers.requestId, requestId));
  return { ...row, answers: given };
}

/** Records (or replaces) a request's answers in one batch. */
export async function recordAnswers(env: Env, requestId: string, answers: AnswerValue[], now = Date.now()) {
  const d = db(env);
  await d.batch([
    d.delete(surveyAnswers).where(eq(surveyAnswers.requestId, requestId)),
    d.update(surveyRequests).set({ answeredAt: now }).where(eq(surveyRequests.id, requestId)),
    ...answers.map((a) => d.insert(surveyAnswers).values({ requestId, ...a })),
  ]);
}

/** The answers of a survey counted by question, value, stage and role (texts one by one). */
export async function answerCounts(env: Env, surveyId: string): Promise<AnswerCount[]> {
  return db(env)
    .select({
      questionId: surveyAnswers.questionId,
      value: surveyAnswers.value,
      stage: surveyRequests.stage,
      role: surveyRequests.role,
      n: count(),
    })
    .from(surveyAnswers)
    .innerJoin(surveyRequests, eq(surveyRequests.id, surveyAnswers.requestId))
    .where(and(eq(surveyRequests.surveyId, surveyId), isNotNull(surveyRequests.answeredAt)))
    .groupBy(surveyAnswers.questionId, surveyAnswers.value, surveyRequests.stage, surveyRequests.role);
}

/** A person's survey answers (with each question's wording), for their data download. */
export async function personSurveyAnswers(env: Env, personId: string) {
  const rows = await db(env)
    .select({
      survey: surveys.title,
      questions: surveys.questions,
      questionId: surveyAnswers.questionId,
      value: surveyAnswers.value,
      answeredAt: surveyRequests.answeredAt,
    })
    .from(surveyRequests)
    .innerJoin(surveys, eq(surveys.id, surveyRequests.surveyId))
    .innerJoin(surveyAnswers, eq(surveyAnswers.requestId, surveyRequests.id))
    .where(eq(surveyRequests.personId, personId));
  return rows.map(({ questions, ...r }) => ({
    ...r,
    question: questions.find((q) => q.id === r.questionId)?.text ?? "",
  }));
}

/** The statement deleting a person's survey requests and answers (for the deletion batch). */
export const deleteSurveyData = (d: ReturnType<typeof db>, personId: string) =>
  d.delete(surveyRequests).where(eq(surveyRequests.personId, personId));
