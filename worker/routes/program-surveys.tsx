/**
 * A program's surveys, for its coordinators: the list and builder, one survey's results (charts and tables by stage and
 * group), sending a "once" survey now (audited; a bulk mailing), the answers as CSV (no names: stage, group, question,
 * answer), and the dashboard's survey results page.
 */
import { Hono } from "hono";
import { DashboardSurveysPage } from "../../views/pages/dashboard-surveys";
import { SurveyResultsPage, SurveysPage } from "../../views/pages/surveys";
import { MAILING_REFRESH_SECONDS } from "../domain/mailing";
import { csvStream } from "../exports/csv-stream";
import { csvWords } from "../domain/export-words";
import { parseSurvey, tally } from "../domain/surveys/survey";
import { readForm, typedValues } from "../http/forms";
import { requireCoordinator } from "../http/guards";
import { redirectAfterPost } from "../http/redirects";
import { mailJobOf } from "../mail/mail-jobs";
import { publicOrigin } from "../mail/mail-outbox";
import { getProgram } from "../programs/queries";
import { answerCounts, createSurvey, programSurveys, sendSurvey, surveyMailingId } from "../surveys/surveys";
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

/** One survey's page, with how far its mailing got when the address names it (`?job=`). */
programSurveyRoutes.get(ONE, requireCoordinator, async (c) => {
  const programId = c.req.param("programId");
  const [survey] = await programSurveys(c.env, programId, c.req.param("surveyId"));
  if (!survey) {
    c.status(404);
    return c.render(<NotFoundPage />, { title: c.var.t("error.notFound.title") });
  }
  const jobId = (c.req.query("job") ?? "").slice(0, 100);
  const mailing = jobId === surveyMailingId(survey.id) ? await mailJobOf(c.env, jobId, programId) : null;
  if (mailing?.status === "sending") c.header("Refresh", String(MAILING_REFRESH_SECONDS));
  const counted = tally(survey.questions, await answerCounts(c.env, survey.id));
  const page = (
    <SurveyResultsPage programId={programId} csrf={c.var.csrf} survey={survey} results={counted} mailing={mailing} />
  );
  return c.render(page, { title: survey.title });
});

/** "Send now": starts the survey's bulk mailing and shows its progress (a second press just shows the page). */
programSurveyRoutes.post(`${ONE}/send`, requireCoordinator, async (c) => {
  const { programId, surveyId } = c.req.param();
  const jobId = await sendSurvey(c.env, publicOrigin(c.env, c.req.url), programId, surveyId, c.var.user!.id);
  const page = `/programs/${programId}/surveys/${surveyId}`;
  return redirectAfterPost(c, jobId ? `${page}?job=${jobId}` : page);
});

/** The dashboard's survey results: the chosen survey (`?survey=`, else the newest) as charts and tables. */
programSurveyRoutes.get("/programs/:programId/dashboard/surveys", requireCoordinator, async (c) => {
  const program = (await getProgram(c.env, c.req.param("programId")))!;
  const list = await programSurveys(c.env, program.id);
  const chosen = list.find((s) => s.id === c.req.query("survey")) ?? list[0] ?? null;
  const results = chosen ? tally(chosen.questions, await answerCounts(c.env, chosen.id)) : [];
  return c.render(<DashboardSurveysPage program={program} surveys={list} chosen={chosen} results={results} />, {
    title: c.var.t("surveys.dashboard.pageTitle", { program: program.name }),
  });
});

programSurveyRoutes.get(`${ONE}/answers.csv`, requireCoordinator, async (c) => {
  const programId = c.req.param("programId");
  const [survey] = await programSurveys(c.env, programId, c.req.param("surveyId"));
  if (!survey) return c.notFound();
  const counts = await answerCounts(c.env, survey.id);
  const text = new Map(survey.questions.map((q) => [q.id, q.text]));
  // Stages and groups in the downloader's language, as every export writes them.
  const words = csvWords(c.var.t);
  const stream = csvStream<number>({
    header: ["survey", "question", "stage", "group", "answer", "count"],
    page: async () => ({
      rows: counts.map((r) => [
        survey.title,
        text.get(r.questionId) ?? r.questionId,
        words.stage(r.stage),
        words.role(r.role),
        r.value,
        r.n,
      ]),
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
