/** Check-in response and answer trends per month, from the per-bucket counts the queries return. Pure. */
import { CHECKIN_CHOICES, type CheckinAnswer } from "../journey/checkin-answers";
import type { MonthBucket } from "./months";

/** Check-ins opened in one bucket: how many, how many are still open, and how many answers were possible. */
export interface CheckinBucketRow {
  bucket: number;
  checkins: number;
  open: number;
  /** Members × check-ins: the answers there could be. */
  expected: number;
}

/** Answers of one kind given to the check-ins opened in one bucket. */
export interface AnswerBucketRow {
  bucket: number;
  answer: string;
  n: number;
}

/** One month of check-ins as the page shows it. */
export interface CheckinPeriod {
  key: string;
  label: string;
  checkins: number;
  open: number;
  expected: number;
  answered: number;
  /** Answers per kind, in CHECKIN_CHOICES order. */
  answers: Record<CheckinAnswer, number>;
}

const noAnswers = (): Record<CheckinAnswer, number> =>
  Object.fromEntries(CHECKIN_CHOICES.map((c) => [c.value, 0])) as Record<CheckinAnswer, number>;

/** Joins bucket counts to their periods; leading periods without check-ins are dropped (gaps later on are kept). */
export function checkinPeriods(
  periods: Pick<MonthBucket, "key" | "label">[],
  rows: CheckinBucketRow[],
  answerRows: AnswerBucketRow[],
): CheckinPeriod[] {
  const all = periods.map((p, i): CheckinPeriod => {
    const row = rows.find((r) => r.bucket === i);
    const answers = noAnswers();
    for (const a of answerRows) if (a.bucket === i && a.answer in answers) answers[a.answer as CheckinAnswer] += a.n;
    const answered = Object.values(answers).reduce((s, n) => s + n, 0);
    return {
      key: p.key,
      label: p.label,
      checkins: row?.checkins ?? 0,
      open: row?.open ?? 0,
      expected: row?.expected ?? 0,
      answered,
      answers,
    };
  });
  const first = all.findIndex((p) => p.checkins > 0);
  return first < 0 ? [] : all.slice(first);
}

/** Adds periods up into one (e.g. for a total row). */
export function totalOf(periods: CheckinPeriod[], key = "total", label = "All"): CheckinPeriod {
  const answers = noAnswers();
  for (const p of periods) for (const c of CHECKIN_CHOICES) answers[c.value] += p.answers[c.value];
  const sum = (f: (p: CheckinPeriod) => number) => periods.reduce((s, p) => s + f(p), 0);
  return {
    key,
    label,
    checkins: sum((p) => p.checkins),
    open: sum((p) => p.open),
    expected: sum((p) => p.expected),
    answered: sum((p) => p.answered),
    answers,
  };
}
