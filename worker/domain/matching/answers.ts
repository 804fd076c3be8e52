/** A participant's answers for one program: the program's own questions, and how many mentors a mentee would like. */
import { msg } from "../i18n/translate";
import type { MatchSettings } from "./settings";

export const ANSWER_MAX = 60;

/** Validated answers, ready to store on the membership. */
export interface ProgramAnswers {
  attributes: Record<string, string>;
  wants?: number;
}

/** Checks the answers form against the program's questions; returns the answers or per-field messages. */
export function parseAnswers(
  form: Record<string, string>,
  s: MatchSettings,
  isMentee: boolean,
): { ok: true; value: ProgramAnswers } | { ok: false; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const attributes: Record<string, string> = {};
  for (const a of s.attributes) {
    const value = (form[`attr_${a.key}`] ?? "").trim().replace(/\s+/g, " ");
    if (value.length > ANSWER_MAX)
      errors[`attr_${a.key}`] = msg("matching.answers.tooLong", { question: a.label, n: ANSWER_MAX });
    else if (value) attributes[a.key] = value;
  }
  let wants: number | undefined;
  if (isMentee && s.maxMentorsPerMentee > 1) {
    const raw = (form.wants ?? "").trim();
    if (!/^\d{1,2}$/.test(raw) || Number(raw) < 1 || Number(raw) > s.maxMentorsPerMentee)
      errors.wants = msg("matching.answers.wants", { n: s.maxMentorsPerMentee });
    else wants = Number(raw);
  }
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, value: { attributes, wants } };
}
