/** Shared goals: parsing and checking what members type. Pure. Field messages are catalog ids (`msg`). */
import { type MessageId, msg, translator } from "../i18n/translate";

/** The catalog ids of the statuses' names. */
export const GOAL_STATUS_IDS = {
  open: "goals.status.open",
  achieved: "goals.status.achieved",
  dropped: "goals.status.dropped",
} as const satisfies Record<string, MessageId>;
export type GoalStatus = keyof typeof GOAL_STATUS_IDS;
const english = translator("en");
/** The statuses' names in English (pages not yet translated; others use `GOAL_STATUS_IDS` and `t`). */
export const GOAL_STATUSES = Object.fromEntries(
  Object.entries(GOAL_STATUS_IDS).map(([key, id]) => [key, english(id)]),
) as Record<GoalStatus, string>;
export const GOAL_LIMITS = { title: 120, why: 1000, count: 30 } as const;

export interface GoalInput {
  title: string;
  why: string;
  targetDate: string | null;
  progress: number;
  status: GoalStatus;
}

/** A real calendar date written as YYYY-MM-DD. */
export function isCalendarDate(v: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

/** Reads a goal from form values, or returns a message per field. */
export function parseGoal(
  values: Record<string, string>,
): { ok: true; goal: GoalInput } | { ok: false; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const title = (values.title ?? "").trim();
  if (!title) errors.title = msg("goals.error.title");
  else if (title.length > GOAL_LIMITS.title) errors.title = msg("room.error.titleTooLong", { max: GOAL_LIMITS.title });
  const why = (values.why ?? "").trim();
  if (why.length > GOAL_LIMITS.why)
    errors.why = msg("room.error.textTooLong", { max: GOAL_LIMITS.why, length: why.length });
  const date = (values.targetDate ?? "").trim();
  if (date && !isCalendarDate(date)) errors.targetDate = msg("goals.error.date");
  const progressText = (values.progress ?? "0").trim() || "0";
  const progress = Number(progressText);
  if (!/^\d{1,3}$/.test(progressText) || progress > 100) errors.progress = msg("goals.error.progress");
  const status = values.status ?? "open";
  if (!Object.hasOwn(GOAL_STATUS_IDS, status)) errors.status = msg("goals.error.status");
  if (Object.keys(errors).length) return { ok: false, errors };
  return { ok: true, goal: { title, why, targetDate: date || null, progress, status: status as GoalStatus } };
}
