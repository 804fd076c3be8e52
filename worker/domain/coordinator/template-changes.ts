/** What a milestone template edit changes, field by field, in words a coordinator reads before confirming. Pure. */
import type { MilestoneTemplate } from "../journey/template";

/** Field → [before, after], only for the fields that differ. */
export type TemplateChanges = Partial<
  Record<
    keyof MilestoneTemplate,
    [MilestoneTemplate[keyof MilestoneTemplate], MilestoneTemplate[keyof MilestoneTemplate]]
  >
>;

/** The labels of the template's fields. */
export const TEMPLATE_LABELS: Record<keyof MilestoneTemplate, string> = {
  agreementDays: "Mentoring agreement due after (days)",
  firstMeetingDays: "First meeting within (days)",
  checkInEveryDays: "A check-in every (days)",
  checkInOpenDays: "Check-ins stay open for (days)",
  midPoint: "Mid-point review",
  wrapUpSurvey: "Wrap-up survey",
};

/** The fields whose value differs between two templates. */
export function templateChanges(before: MilestoneTemplate, after: MilestoneTemplate): TemplateChanges {
  const out: TemplateChanges = {};
  for (const key of Object.keys(TEMPLATE_LABELS) as (keyof MilestoneTemplate)[])
    if (before[key] !== after[key]) out[key] = [before[key], after[key]];
  return out;
}

/** A template value as shown: days, "yes"/"no", or the program's cadence for an empty check-in interval. */
export function templateValueText(value: unknown, cadenceDays: number): string {
  if (value === null) return `the program's cadence (${cadenceDays})`;
  if (typeof value === "boolean") return value ? "yes" : "no";
  return String(value);
}
