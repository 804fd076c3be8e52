/**
 * Surveys in D1 (tables `surveys`, `survey_requests`, `survey_answers`): building one, asking members (once, or at a
 * journey milestone) with a signed link by mail, recording answers, and reading the counts for results and exports.
 */
import { and, count, desc, eq, inArray, isNotNull, isNull, sql } from "drizzle-orm";
import { auditInsert } from "../audit/audit-log";
import { db } from "../db/client";
import { pairingMembers, pairings, people, programs, surveyAnswers, surveyRequests, surveys } from "../db/schema";
import { mailLocale } from "../domain/i18n/locales";
import { translator } from "../domain/i18n/translate";
import { newId } from "../domain/random-secrets";
import { signingKeys, signToken } from "../domain/signed-link-tokens";
import type { AnswerCount, AnswerValue, SurveyQuestion, SurveyRow, SurveyTrigger } from "../domain/surveys/survey";
import { SURVEY_LIMITS } from "../domain/surveys/survey";
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

/** Asks each member of the given pairings (with a request row, once) and mails them their link. */
async function ask(
  env: Env,
  origin: string,
  survey: { id: string; title: string },
  pairingIds: string[],
  expiresAt: number,
) {
  if (!pairingIds.length) return 0;
  const d = db(env);
  const members = await d
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
  for (const m of members) {
    const requestId = `${survey.id}-${m.pairingId}-${m.personId}`.slice(0, 200);
    await d
      .insert(surveyRequests)
      .values({
        id: requestId,
        surveyId: survey.id,
        personId: m.personId,
        pairingId: m.pairingId,
        role: m.role,
        stage: m.stage,
        expiresAt,
      })
      .onConflictDoNothing();
    const token = await signToken(signingKeys(env), { p: "survey", u: m.personId, s: requestId, x: expiresAt });
    const t = translator(mailLocale(m.language));
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
  return members.length;
}

/** Sends a "once" survey now to every member of the program's running pairings, logged; answers how many were asked. */
export async function sendSurvey(env: Env, origin: string, programId: string, surveyId: string, actorId: string) {
  const d = db(env);
  const [survey] = await programSurveys(env, programId, surveyId);
  if (survey?.trigger !== "once" || survey.sentAt) return null;
  const now = Date.now();
  // Guarded on sent_at, so two coordinators pressing "Send" at once send it once.
  const taken = await d
    .update(surveys)
    .set({ sentAt: now })
    .where(and(eq(surveys.id, surveyId), isNull(surveys.sentAt)))
    .returning({ id: surveys.id });
  if (!taken.length) return null;
  await auditInsert(d, { programId, actorId, action: "survey.send", subjectId: surveyId });
  const open = await d
    .select({ id: pairings.id })
    .from(pairings)
    .where(and(eq(pairings.programId, programId), inArray(pairings.stage, [...OPEN_STAGES])));
  return ask(
    env,
    origin,
    survey,
    open.map((p) => p.id),
    now + SURVEY_LIMITS.days * DAY,
  );
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
  for (const s of attached)
    await ask(env, origin, s, [pairingId], Math.max(closes, Date.now() + SURVEY_LIMITS.days * DAY));
  return attached.length;
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

/** A person's survey answers, for their data download. */
export async function personSurveyAnswers(env: Env, personId: string) {
  return db(env)
    .select({
      survey: surveys.title,
      questionId: surveyAnswers.questionId,
      value: surveyAnswers.value,
      answeredAt: surveyRequests.answeredAt,
    })
    .from(surveyRequests)
    .innerJoin(surveys, eq(surveys.id, surveyRequests.surveyId))
    .innerJoin(surveyAnswers, eq(surveyAnswers.requestId, surveyRequests.id))
    .where(eq(surveyRequests.personId, personId));
}

/** The statement deleting a person's survey requests and answers (for the deletion batch). */
export const deleteSurveyData = (d: ReturnType<typeof db>, personId: string) =>
  d.delete(surveyRequests).where(eq(surveyRequests.personId, personId));
