/** Check-in answers: the choices, their words, and what a member may write with them. Pure. */
import { type MessageId, msg } from "../i18n/translate";
import type { checkinAnswerValues } from "../vocabulary";

export type CheckinAnswer = (typeof checkinAnswerValues)[number];

/** The choices in the order emails and pages show them, with their words. */
export const CHECKIN_CHOICES: { value: CheckinAnswer; label: string }[] = [
  { value: "going-well", label: "Going well" },
  { value: "ok", label: "OK" },
  { value: "struggling", label: "Struggling" },
  { value: "not-met", label: "We haven't met yet" },
];

/** The message id of each answer's words, for pages in the reader's language. */
export const CHECKIN_ANSWER_WORDS: Record<CheckinAnswer, MessageId> = {
  "going-well": "checkin.answer.goingWell",
  ok: "checkin.answer.ok",
  struggling: "checkin.answer.struggling",
  "not-met": "checkin.answer.notMet",
};

export const COMMENT_MAX = 1000;

/** Whether a value is one of the answers. */
export function isCheckinAnswer(v: unknown): v is CheckinAnswer {
  return CHECKIN_CHOICES.some((c) => c.value === v);
}

/** The words for an answer. */
export function answerLabel(v: string): string {
  return CHECKIN_CHOICES.find((c) => c.value === v)?.label ?? v;
}

/** Checks an answer and its optional comment; returns them cleaned, or a message (a `msg` text: id and values). */
export function checkAnswer(
  answer: unknown,
  comment: unknown,
): { ok: true; answer: CheckinAnswer; comment: string } | { ok: false; error: string } {
  if (!isCheckinAnswer(answer)) return { ok: false, error: msg("checkinError.choose") };
  const text = typeof comment === "string" ? comment.replace(/\r\n/g, "\n").trim() : "";
  if (text.length > COMMENT_MAX)
    return { ok: false, error: msg("checkinError.tooLong", { max: COMMENT_MAX, count: text.length }) };
  return { ok: true, answer, comment: text };
}
