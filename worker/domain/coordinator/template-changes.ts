/** What a milestone template edit changes, field by field, in words a coordinator reads before confirming. Pure. */
import type { MessageId, Translate } from "../i18n/translate";
import type { MilestoneTemplate } from "../journey/template";

/** Field → [before, after], only for the fields that differ. */
export type TemplateChanges = Partial<
  Record<
    keyof MilestoneTemplate,
    [MilestoneTemplate[keyof MilestoneTemplate], MilestoneTemplate[keyof MilestoneTemplate]]
  >
>;

/** The labels of the template's fields, as message ids. */
export const TEMPLATE_LABELS: Record<keyof MilestoneTemplate, MessageId> = {
  agreementDays: "programs.journey.agreementDays",
  firstMeetingDays: "programs.journey.firstMeetingDays",
  checkInEveryDays: "programs.journey.checkInEveryDays",
  checkInOpenDays: "programs.journey.checkInOpenDays",
  midPoint: "programs.journey.milestone.midPoint",
  wrapUpSurvey: "programs.journey.milestone.wrapUp",
};

/** The fields whose value differs between two templates. */
export function templateChanges(before: MilestoneTemplate, after: MilestoneTemplate): TemplateChanges {
  const out: TemplateChanges = {};
  for (const key of Object.keys(TEMPLATE_LABELS) as (keyof MilestoneTemplate)[])
    if (before[key] !== after[key]) out[key] = [before[key], after[key]];
  return out;
}

/** A template value as shown: days, "yes"/"no", or the program's cadence for an empty check-in interval. */
export function templateValueText(value: unknown, cadenceDays: number, t: Translate): string {
  if (value === null) return t("programs.journey.cadence", { days: cadenceDays });
  if (typeof value === "boolean") return t(value ? "programs.journey.yes" : "programs.journey.no");
  return String(value);
}
