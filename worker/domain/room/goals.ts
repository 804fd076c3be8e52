/** Shared goals: parsing and checking what members type. Pure. */

export const GOAL_STATUSES = { open: "In progress", achieved: "Achieved", dropped: "Dropped" } as const;
export type GoalStatus = keyof typeof GOAL_STATUSES;
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
  if (!title) errors.title = "Give the goal a short title.";
  else if (title.length > GOAL_LIMITS.title) errors.title = `Keep the title under ${GOAL_LIMITS.title} characters.`;
  const why = (values.why ?? "").trim();
  if (why.length > GOAL_LIMITS.why) errors.why = `Keep this under ${GOAL_LIMITS.why} characters (it is ${why.length}).`;
  const date = (values.targetDate ?? "").trim();
  if (date && !isCalendarDate(date)) errors.targetDate = "Enter a date like 2027-03-31, or leave it empty.";
  const progressText = (values.progress ?? "0").trim() || "0";
  const progress = Number(progressText);
  if (!/^\d{1,3}$/.test(progressText) || progress > 100) errors.progress = "Progress is a whole number from 0 to 100.";
  const status = values.status ?? "open";
  if (!Object.hasOwn(GOAL_STATUSES, status)) errors.status = "Choose a status from the list.";
  if (Object.keys(errors).length) return { ok: false, errors };
  return { ok: true, goal: { title, why, targetDate: date || null, progress, status: status as GoalStatus } };
}
