/**
 * The demo's survey: a mid-point survey of the spring one-to-one program, sent once to every member of its running
 * pairings ten days ago (so the journey never asks it again), answered by most of them, so the dashboard's survey results have charts to show. One mentee
 * (spring-mentee1, whose home the README walks) has not answered yet and finds it waiting on their home page. No mail
 * is sent: the requests are written as if the mailing had run.
 */
import { and, eq, inArray } from "drizzle-orm";
import { db } from "../db/client";
import { pairingMembers, pairings, surveyAnswers, surveyRequests, surveys } from "../db/schema";
import { SURVEY_LIMITS, type SurveyQuestion } from "../domain/surveys/survey";
import { surveyRequestId } from "../surveys/surveys";
import { DEMO_SPRING_PROGRAM_ID } from "./spring-ids";

const DAY = 86_400_000;
/** The demo survey's id (fixed, so a second seed finds it). */
export const DEMO_SURVEY_ID = "demo-spring-midpoint";
/** The member who has not answered yet. */
const WAITING = "demo-spring-mentee1";

const QUESTIONS: SurveyQuestion[] = [
  { id: "q1", kind: "scale", text: "How useful are your meetings so far?", options: [] },
  {
    id: "q2",
    kind: "single",
    text: "How often do you meet?",
    options: ["Every week", "Every two weeks", "Once a month", "Less often"],
  },
  {
    id: "q3",
    kind: "multi",
    text: "What have you worked on?",
    options: ["Career plans", "A specific skill", "Confidence", "Networking"],
  },
  { id: "q4", kind: "text", text: "One thing that would make the program better", options: [] },
];

/** Answers that vary by member without randomness, so every seed shows the same results. */
function answersOf(n: number): { questionId: string; value: string }[] {
  const scale = ["5", "4", "4", "3", "5", "2", "4"][n % 7]!;
  const often = QUESTIONS[1]!.options[[1, 0, 1, 2, 1, 3][n % 6]!]!;
  const worked = QUESTIONS[2]!.options.filter((_, i) => (n + i) % 3 !== 0);
  const texts = ["More time for the first meeting.", "", "A list of topics for each stage.", ""];
  const text = texts[n % texts.length]!;
  return [
    { questionId: "q1", value: scale },
    { questionId: "q2", value: often },
    ...worked.map((value) => ({ questionId: "q3", value })),
    ...(text ? [{ questionId: "q4", value: text }] : []),
  ];
}

/** Writes the survey, its requests and most answers (nothing when it is there already). */
export async function seedSurveys(env: Env, coordinatorId: string, now: number): Promise<void> {
  const d = db(env);
  const running = await d
    .select({
      pairingId: pairingMembers.pairingId,
      personId: pairingMembers.personId,
      role: pairingMembers.role,
      stage: pairings.stage,
    })
    .from(pairingMembers)
    .innerJoin(pairings, eq(pairings.id, pairingMembers.pairingId))
    .where(
      and(
        eq(pairings.programId, DEMO_SPRING_PROGRAM_ID),
        inArray(pairings.stage, ["onboarding", "active", "wrapping_up", "paused"]),
      ),
    )
    .orderBy(pairingMembers.pairingId, pairingMembers.personId);
  const sentAt = now - 10 * DAY;
  const requests = running.map((m) => ({
    id: surveyRequestId(DEMO_SURVEY_ID, m.pairingId, m.personId),
    surveyId: DEMO_SURVEY_ID,
    personId: m.personId,
    pairingId: m.pairingId,
    role: m.role,
    stage: m.stage,
    expiresAt: sentAt + SURVEY_LIMITS.days * DAY,
    answeredAt: null as number | null,
  }));
  // Everyone but the waiting mentee and every fourth member answered, over the days after it was sent.
  const answered = requests.filter((r, i) => r.personId !== WAITING && i % 4 !== 3);
  for (const [i, r] of answered.entries()) r.answeredAt = sentAt + (1 + (i % 5)) * DAY;
  await d.batch([
    d
      .insert(surveys)
      .values({
        id: DEMO_SURVEY_ID,
        programId: DEMO_SPRING_PROGRAM_ID,
        title: "Mid-point survey",
        questions: QUESTIONS,
        trigger: "once",
        createdBy: coordinatorId,
        createdAt: sentAt - DAY,
        sentAt,
      })
      .onConflictDoNothing(),
    ...requests.map((r) => d.insert(surveyRequests).values(r).onConflictDoNothing()),
    ...answered.flatMap((r, i) =>
      answersOf(i).map((a) =>
        d
          .insert(surveyAnswers)
          .values({ requestId: r.id, ...a })
          .onConflictDoNothing(),
      ),
    ),
  ]);
}
