/**
 * Surveys: the coordinator's list and builder, a survey's results (server-drawn bar charts with tables, by stage and by
 * group), and the member's answer form (from the mail link without signing in, or in the app; no JavaScript needed).
 */
import type { Child } from "hono/jsx";
import type { MailingProgress } from "../../worker/domain/mailing";
import { stageName } from "../../worker/domain/room/stages";
import {
  type QuestionResult,
  questionKinds,
  SCALE,
  SURVEY_LIMITS,
  type SurveyQuestion,
  type SurveyRow,
  surveyTriggers,
} from "../../worker/domain/surveys/survey";
import { BarChart } from "../components/charts/bar-chart";
import { ChartTable } from "../components/charts/chart-table";
import { MailingNotice } from "../components/mailing-progress";
import { CsrfField, FormProblem, TextInput, textareaText } from "../components/form";
import { ProgramNav, type ProgramTab } from "../components/program-nav";
import { useI18n } from "../i18n";

const TAB: ProgramTab = "surveys";
/** The options box's limit: every option at its longest, one a line. */
const OPTIONS_MAX = SURVEY_LIMITS.options * (SURVEY_LIMITS.option + 1);
const TRIGGER_IDS = {
  once: "surveys.trigger.once",
  "mid-point": "surveys.trigger.midPoint",
  "wrap-up": "surveys.trigger.wrapUp",
  "after-meeting": "surveys.trigger.afterMeeting",
} as const;
const KIND_IDS = {
  scale: "surveys.kind.scale",
  single: "surveys.kind.single",
  multi: "surveys.kind.multi",
  text: "surveys.kind.text",
} as const;

/** A program's surveys and the builder. */
export function SurveysPage(p: {
  programId: string;
  csrf: string;
  surveys: SurveyRow[];
  values?: Record<string, string>;
  errors?: Record<string, string>;
}) {
  const { t } = useI18n();
  const v = p.values ?? {};
  const base = `/programs/${p.programId}/surveys`;
  return (
    <section>
      <ProgramNav programId={p.programId} tab={TAB} />
      <h1>{t("surveys.title")}</h1>
      {p.surveys.length ? (
        <ul class="cards">
          {p.surveys.map((s) => (
            <li>
              <a href={`${base}/${s.id}`}>{s.title}</a>
              <p class="muted">
                {t(TRIGGER_IDS[s.trigger])} · {t("surveys.answered", { answered: s.answered, asked: s.asked })}
              </p>
            </li>
          ))}
        </ul>
      ) : (
        <p class="muted">{t("surveys.none")}</p>
      )}
      <h2 id="new-survey">{t("surveys.new")}</h2>
      <form method="post" action={base} aria-labelledby="new-survey">
        <FormProblem text={Object.values(p.errors ?? {})[0]} />
        <CsrfField token={p.csrf} />
        <TextInput
          name="title"
          label={t("surveys.field.title")}
          value={v.title}
          required
          maxlength={String(SURVEY_LIMITS.title)}
        />
        <div class="field">
          <label for="f-trigger">{t("surveys.field.trigger")}</label>
          <select id="f-trigger" name="trigger">
            {surveyTriggers.map((tr) => (
              <option value={tr} selected={v.trigger === tr}>
                {t(TRIGGER_IDS[tr])}
              </option>
            ))}
          </select>
        </div>
        <p class="hint">{t("surveys.builderHint")}</p>
        {Array.from({ length: SURVEY_LIMITS.questions }, (_, i) => {
          const n = i + 1;
          return (
            <fieldset>
              <legend>{t("surveys.question", { n })}</legend>
              <div class="field">
                <label for={`f-q${n}kind`}>{t("surveys.field.kind")}</label>
                <select id={`f-q${n}kind`} name={`q${n}kind`}>
                  {questionKinds.map((k) => (
                    <option value={k} selected={v[`q${n}kind`] === k}>
                      {t(KIND_IDS[k])}
                    </option>
                  ))}
                </select>
              </div>
              <TextInput
                name={`q${n}text`}
                label={t("surveys.field.text")}
                value={v[`q${n}text`]}
                maxlength={String(SURVEY_LIMITS.text)}
              />
              <div class="field">
                <label for={`f-q${n}options`}>{t("surveys.field.options")}</label>
                <textarea id={`f-q${n}options`} name={`q${n}options`} maxlength={OPTIONS_MAX}>
                  {textareaText(v[`q${n}options`], OPTIONS_MAX)}
                </textarea>
              </div>
            </fieldset>
          );
        })}
        <button type="submit">{t("surveys.create")}</button>
      </form>
    </section>
  );
}

/** Counts of a question's values by the pairing's stage, then by group, as one table. */
function GroupTable({ r, label, caption }: { r: QuestionResult; label: (k: string) => string; caption: string }) {
  const rows: Child[][] = [...Object.entries(r.byStage), ...Object.entries(r.byRole)].map(([k, counts]) => [
    label(k),
    ...r.values.map((v) => counts[v] ?? 0),
  ]);
  return rows.length ? <ChartTable caption={caption} head={["", ...r.values]} rows={rows} /> : null;
}

/** A survey's results: the CSV link, then one chart per question (counts of each answer) with a table by stage and group. */
export function SurveyResults({ base, results }: { base: string; results: QuestionResult[] }) {
  const { t } = useI18n();
  const stage = (k: string) => {
    const id = stageName(k);
    return id ? t(id) : k;
  };
  const role = (k: string) =>
    k === "mentor" ? t("surveys.group.mentors") : k === "mentee" ? t("surveys.group.mentees") : k;
  return (
    <>
      <p>
        <a href={`${base}/answers.csv`}>{t("surveys.csv")}</a>
      </p>
      {results.map((r) => (
        <article class="card">
          <h2>{r.question.text}</h2>
          {r.question.kind === "text" ? (
            r.texts.length ? (
              <ul>
                {r.texts.map((x) => (
                  <li class="room-text">{x}</li>
                ))}
              </ul>
            ) : (
              <p class="muted">{t("surveys.noAnswers")}</p>
            )
          ) : (
            <>
              <BarChart
                id={`c-${r.question.id}`}
                title={r.question.text}
                desc={t("surveys.chartDesc")}
                bars={r.values.map((v) => ({ label: v, value: r.total[v] ?? 0, text: String(r.total[v] ?? 0) }))}
              />
              <GroupTable
                r={r}
                label={(k) => (k in r.byStage ? stage(k) : role(k))}
                caption={t("surveys.byStageGroup")}
              />
            </>
          )}
        </article>
      ))}
    </>
  );
}

/** What was asked and answered, and when a survey goes out. */
export function SurveySummary({ survey }: { survey: SurveyRow }) {
  const { t } = useI18n();
  return (
    <p class="muted">
      {t(TRIGGER_IDS[survey.trigger])} · {t("surveys.answered", { answered: survey.answered, asked: survey.asked })}
    </p>
  );
}

/** A survey's page for coordinators: its summary, sending a "once" survey (and how far the mailing got), the results. */
export function SurveyResultsPage(p: {
  programId: string;
  csrf: string;
  survey: SurveyRow;
  results: QuestionResult[];
  mailing?: MailingProgress | null;
}) {
  const { t } = useI18n();
  const s = p.survey;
  const base = `/programs/${p.programId}/surveys/${s.id}`;
  return (
    <section>
      <ProgramNav programId={p.programId} tab={TAB} />
      <p class="crumbs">
        <a href={`/programs/${p.programId}/surveys`}>{t("surveys.title")}</a>
      </p>
      <h1>{s.title}</h1>
      <SurveySummary survey={s} />
      <MailingNotice mailing={p.mailing} href={`${base}?job=${p.mailing?.id ?? ""}`} />
      {s.trigger === "once" && !s.sentAt ? (
        <form method="post" action={`${base}/send`}>
          <CsrfField token={p.csrf} />
          <p>{t("surveys.sendHint")}</p>
          <button type="submit">{t("surveys.send")}</button>
        </form>
      ) : null}
      <p>
        <a href={`/programs/${p.programId}/dashboard/surveys?survey=${s.id}`}>{t("surveys.onDashboard")}</a>
      </p>
      <SurveyResults base={base} results={p.results} />
    </section>
  );
}

/** The member's answer form; `action` is the link's own address (or the in-app one). */
export function SurveyAnswerPage(p: {
  action: string;
  csrf: string;
  title: string;
  program: string;
  questions: SurveyQuestion[];
  given: Record<string, string[]>;
  error?: string;
  thanks?: boolean;
}) {
  const { t } = useI18n();
  const has = (q: string, v: string) => (p.given[q] ?? []).includes(v);
  return (
    <section>
      <h1>{p.title}</h1>
      <p class="muted">{t("surveys.answerIntro", { program: p.program })}</p>
      {p.thanks ? (
        <p class="notice" role="status">
          {t("surveys.thanks")}
        </p>
      ) : null}
      <form method="post" action={p.action}>
        <FormProblem text={p.error} />
        <CsrfField token={p.csrf} />
        {p.questions.map((q) =>
          q.kind === "text" ? (
            <div class="field">
              <label for={`f-${q.id}`}>{q.text}</label>
              <textarea id={`f-${q.id}`} name={q.id} maxlength={SURVEY_LIMITS.answer}>
                {textareaText(p.given[q.id]?.[0], SURVEY_LIMITS.answer)}
              </textarea>
            </div>
          ) : (
            <fieldset>
              <legend>{q.text}</legend>
              {q.kind === "scale" ? <p class="hint">{t("surveys.scaleHint")}</p> : null}
              {(q.kind === "scale" ? SCALE : q.options).map((o) => (
                <div>
                  <label class="check">
                    <input
                      type={q.kind === "multi" ? "checkbox" : "radio"}
                      name={q.id}
                      value={o}
                      checked={has(q.id, o)}
                    />{" "}
                    {o}
                  </label>
                </div>
              ))}
            </fieldset>
          ),
        )}
        <button type="submit">{t("surveys.submit")}</button>
      </form>
    </section>
  );
}
