/**
 * Surveys: the question kinds (a 1-5 scale, single and multiple choice, short text), reading a coordinator's builder
 * form and a member's answers, and tallying answers by stage and group for the results page. Pure.
 */
import { msg } from "../i18n/translate";

/** When a survey goes out: once (a coordinator sends it), at a journey milestone, or after each meeting held. */
export const surveyTriggers = ["once", "mid-point", "wrap-up", "after-meeting"] as const;
export type SurveyTrigger = (typeof surveyTriggers)[number];

/** The kinds of question. */
export const questionKinds = ["scale", "single", "multi", "text"] as const;
export type QuestionKind = (typeof questionKinds)[number];

/** One question: its id in the survey ("q1"…), kind, wording and (for choices) options. */
export interface SurveyQuestion {
  id: string;
  kind: QuestionKind;
  text: string;
  options: string[];
}

/** Limits: the builder's question slots, characters of each field, options per question, days a link stays open. */
export const SURVEY_LIMITS = { title: 120, questions: 6, text: 300, options: 8, option: 80, answer: 500, days: 14 };

/** The 1-5 scale's values. */
export const SCALE = ["1", "2", "3", "4", "5"];

const isOne = <T extends string>(list: readonly T[], v: unknown): v is T => list.includes(v as T);

/** Reads the builder form (title, trigger, and q<n>kind / q<n>text / q<n>options per slot; empty slots are skipped). */
export function parseSurvey(
  v: Record<string, string>,
):
  | { ok: true; survey: { title: string; trigger: SurveyTrigger; questions: SurveyQuestion[] } }
  | { ok: false; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const title = (v.title ?? "").trim();
  if (!title || title.length > SURVEY_LIMITS.title) errors.title = msg("surveys.error.title");
  const trigger = v.trigger;
  if (!isOne(surveyTriggers, trigger)) errors.trigger = msg("surveys.error.trigger");
  const questions: SurveyQuestion[] = [];
  for (let n = 1; n <= SURVEY_LIMITS.questions; n++) {
    const text = (v[`q${n}text`] ?? "").trim();
    if (!text) continue;
    const kind = v[`q${n}kind`];
    const options = (v[`q${n}options`] ?? "")
      .split("\n")
      .map((o) => o.trim())
      .filter((o, i, all) => o && all.indexOf(o) === i);
    const choice = kind === "single" || kind === "multi";
    if (!isOne(questionKinds, kind) || text.length > SURVEY_LIMITS.text)
      errors[`q${n}text`] = msg("surveys.error.question");
    else if (
      choice &&
      (options.length < 2 ||
        options.length > SURVEY_LIMITS.options ||
        options.some((o) => o.length > SURVEY_LIMITS.option))
    )
      errors[`q${n}options`] = msg("surveys.error.options");
    else questions.push({ id: `q${n}`, kind, text, options: choice ? options : [] });
  }
  if (!questions.length && !Object.keys(errors).some((k) => k.startsWith("q")))
    errors.q1text = msg("surveys.error.none");
  return Object.keys(errors).length
    ? { ok: false, errors }
    : { ok: true, survey: { title, trigger: trigger as SurveyTrigger, questions } };
}

/** A survey as its pages show it, with how many members were asked and how many answered. */
export interface SurveyRow {
  id: string;
  title: string;
  trigger: SurveyTrigger;
  questions: SurveyQuestion[];
  sentAt: number | null;
  asked: number;
  answered: number;
}

/** One stored answer value. */
export interface AnswerValue {
  questionId: string;
  value: string;
}

/**
 * Reads a member's answers (`<question id>` fields; several for multiple choice): values outside a question's options
 * are dropped, texts cut to their limit. At least one question must be answered.
 */
export function parseAnswers(
  questions: SurveyQuestion[],
  form: Record<string, string[]>,
): { ok: true; answers: AnswerValue[] } | { ok: false; error: string } {
  const answers: AnswerValue[] = [];
  for (const q of questions) {
    const sent = form[q.id] ?? [];
    if (q.kind === "text") {
      const text = (sent[0] ?? "").trim().slice(0, SURVEY_LIMITS.answer);
      if (text) answers.push({ questionId: q.id, value: text });
      continue;
    }
    const allowed = q.kind === "scale" ? SCALE : q.options;
    const chosen = [...new Set(sent.filter((s) => allowed.includes(s)))];
    for (const value of q.kind === "multi" ? chosen : chosen.slice(0, 1)) answers.push({ questionId: q.id, value });
  }
  return answers.length ? { ok: true, answers } : { ok: false, error: msg("surveys.error.empty") };
}

/** A counted answer from D1: the value, the pairing's stage and member's role when asked, and how many. */
export interface AnswerCount {
  questionId: string;
  value: string;
  stage: string;
  role: string;
  n: number;
}

/** A question's results: counts per value overall, by stage and by role (groups), and for text questions the texts. */
export interface QuestionResult {
  question: SurveyQuestion;
  values: string[];
  total: Record<string, number>;
  byStage: Record<string, Record<string, number>>;
  byRole: Record<string, Record<string, number>>;
  texts: string[];
}

/** Tallies counted answers per question. */
export function tally(questions: SurveyQuestion[], counts: AnswerCount[]): QuestionResult[] {
  return questions.map((question) => {
    const values = question.kind === "scale" ? SCALE : question.options;
    const r: QuestionResult = { question, values, total: {}, byStage: {}, byRole: {}, texts: [] };
    for (const c of counts.filter((x) => x.questionId === question.id)) {
      if (question.kind === "text") {
        r.texts.push(c.value);
        continue;
      }
      r.total[c.value] = (r.total[c.value] ?? 0) + c.n;
      for (const [group, key] of [
        [r.byStage, c.stage],
        [r.byRole, c.role],
      ] as const) {
        group[key] ??= {};
        group[key][c.value] = (group[key][c.value] ?? 0) + c.n;
      }
    }
    return r;
  });
}
