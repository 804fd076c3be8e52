/** Which occurrences of a meeting have just ended, for the surveys asked after a meeting. Pure. */
import { occurrences } from "../meetings/recurrence";
import type { Occurrence, OccurrenceChange, Schedule } from "../meetings/types";

/** How far back the sweep looks for ended occurrences (a missed sweep or two still asks; older ones are left). */
export const AFTER_MEETING_WINDOW = 86_400_000;

/** The occurrences of a series, changes applied, that ended in (since, now] and were not cancelled. */
export function endedOccurrences(
  s: Schedule,
  changes: readonly OccurrenceChange[],
  since: number,
  now: number,
): Occurrence[] {
  return occurrences(s, changes).filter((o) => !o.cancelled && o.end > since && o.end <= now);
}
