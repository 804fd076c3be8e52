/**
 * The default milestone schedule of a pairing, relative to its start: agreement due after 7 days, first meeting within
 * 14, a check-in every program cadence (each open for a few days), a mid-point review at half the program, a wrap-up
 * survey in the last week, and the close at the end. Days are calendar days in the viewer's zone. Pure.
 */
import { Temporal } from "temporal-polyfill";

/** Days a check-in stays open after it is sent. */
export const CHECK_IN_OPEN_DAYS = 4;

/** One milestone: a due day, or a window of days (end exclusive). */
export interface Milestone {
  key: string;
  title: string;
  /** First day, "YYYY-MM-DD". */
  start: string;
  /** Day after the last (exclusive), "YYYY-MM-DD". */
  end: string;
}

/** The program facts the schedule needs. */
export interface ProgramTiming {
  lengthWeeks: number;
  cadenceDays: number;
}

/** The milestones of a pairing that started at `startMs`, as days in `timeZone`. */
export function defaultMilestones(startMs: number, program: ProgramTiming, timeZone: string): Milestone[] {
  const first = Temporal.Instant.fromEpochMilliseconds(startMs).toZonedDateTimeISO(timeZone).toPlainDate();
  const day = (offset: number, length = 1): Pick<Milestone, "start" | "end"> => ({
    start: first.add({ days: offset }).toString(),
    end: first.add({ days: offset + length }).toString(),
  });
  const totalDays = Math.max(7, program.lengthWeeks * 7);
  const cadence = Math.max(1, program.cadenceDays);
  const out: Milestone[] = [
    { key: "agreement", title: "Mentoring agreement due", ...day(7) },
    { key: "first-meeting", title: "First meeting due", ...day(14) },
  ];
  for (let n = 1, offset = cadence; offset < totalDays - 7; n++, offset += cadence) {
    out.push({ key: `check-in-${n}`, title: `Check-in ${n} open`, ...day(offset, CHECK_IN_OPEN_DAYS) });
  }
  out.push({ key: "mid-point", title: "Mid-point review", ...day(Math.round(totalDays / 2)) });
  out.push({ key: "wrap-up", title: "Wrap-up survey", ...day(totalDays - 7, 7) });
  out.push({ key: "close", title: "Pairing closes", ...day(totalDays) });
  return out.sort((a, b) => a.start.localeCompare(b.start) || a.key.localeCompare(b.key));
}
