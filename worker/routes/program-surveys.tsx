/**
 * A program's surveys, for its coordinators: the list and builder, one survey's results (charts and tables by stage and
 * group), sending a "once" survey now (audited), and the answers as CSV (no names: stage, group, question, answer).
 */
import { Hono } from "hono";
import { SurveyResultsPage, SurveysPage } from "../../views/pages/surveys";
import { csvStream } from "../exports/csv-stream";
import { parseSurvey, tally } from "../domain/surveys/survey";
import { readForm, typedValues } from "../http/forms";
import { requireCoordinator } from "../http/guards";
import { redirectAfterPost } from "../http/redirects";
import { publicOrigin } from "../mail/mail-outbox";
import { answerCounts, createSurvey, programSurveys, sendSurvey } from "../surveys/surveys";
import type { AppEnv } from "../types";
import { NotFoundPage } from "../../views/pages/errors";

export const programSurveyRoutes = new Hono<AppEnv>();

const LIST = "/programs/:programId/surveys";
const ONE = `${LIST}/:surveyId`;

programSurveyRoutes.get(LIST, requireCoordinator, async (c) => {
  const programId = c.req.param("programId");
  const list = await programSurveys(c.env, programId);
  return c.render(<SurveysPage programId={programId} csrf={c.var.csrf} surveys={list} />, {
    title: c.var.t("surveys.title"),
  });
});

programSurveyRoutes.post(LIST, requireCoordinator, async (c) => {
  const programId = c.req.param("programId");
  const values = typedValues(await readForm(c));
  const parsed = parseSurvey(values);
  if (parsed.ok) {
    const id = await createSurvey(c.env, programId, c.var.user!.id, parsed.survey);
    return redirectAfterPost(c, `/programs/${programId}/surveys/${id}`);
  }
  c.status(422);
  const list = await programSurveys(c.env, programId);
  const page = (
    <SurveysPage programId={programId} csrf={c.var.csrf} surveys={list} values={values} errors={parsed.errors} />
  );
  return c.render(page, { title: c.var.t("surveys.title") });
});

/** One survey's results page (`sent`: how many were just asked). */
async function results(c: import("hono").Context<AppEnv>, sent?: number) {
  const programId = c.req.param("programId")!;
  const [survey] = await programSurveys(c.env, programId, c.req.param("surveyId"));
  if (!survey) {
    c.status(404);
    return c.render(<NotFoundPage />, { title: "Not found" });
  }
  const counted = tally(survey.questions, await answerCounts(c.env, survey.id));
  const page = (
    <SurveyResultsPage programId={programId} csrf={c.var.csrf} survey={survey} results={counted} sent={sent} />
  );
  return c.render(page, { title: survey.title });
}

programSurveyRoutes.get(ONE, requireCoordinator, (c) => results(c));

programSurveyRoutes.post(`${ONE}/send`, requireCoordinator, async (c) => {
  const { programId, surveyId } = c.req.param();
  const asked = await sendSurvey(c.env, publicOrigin(c.env, c.req.url), programId, surveyId, c.var.user!.id);
  if (asked === null) return redirectAfterPost(c, `/programs/${programId}/surveys/${surveyId}`);
  return results(c, asked);
});

programSurveyRoutes.get(`${ONE}/answers.csv`, requireCoordinator, async (c) => {
  const programId = c.req.param("programId");
  const [survey] = await programSurveys(c.env, programId, c.req.param("surveyId"));
  if (!survey) return c.notFound();
  const counts = await answerCounts(c.env, survey.id);
  const text = new Map(survey.questions.map((q) => [q.id, q.text]));
  const stream = csvStream<number>({
    header: ["survey", "question", "stage", "group", "answer", "count"],
    page: async () => ({
      rows: counts.map((r) => [survey.title, text.get(r.questionId) ?? r.questionId, r.stage, r.role, r.value, r.n]),
      next: null,
    }),
  });
  return new Response(stream, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="survey-${survey.id}.csv"`,
    },
  });
});
