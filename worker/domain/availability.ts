/**
 * Weekly availability: parsing and formatting a day's time ranges, and turning a person's weekly slots (wall-clock
 * times in their own IANA zone) into real instants for a given week, with zone-rules.ts doing the zone rules.
 *
 * DST rule: local times are resolved with "compatible" disambiguation (RFC 5545's and Temporal's). A time that does not exist because
 * the clocks jump forward (e.g. 02:30 in Berlin on the last Sunday of March) moves forward by the length of the jump
 * (to 03:30 summer time); a time that happens twice because the clocks fall back takes its first occurrence. Start and
 * end are resolved separately, so a slot inside the gap moves forward whole (02:15-02:45 becomes 03:15-03:45), and a
 * slot whose moved start is no longer before its end (02:30-03:00 that Sunday) is dropped for that week.
 *
 * Functions that take a zone or a week date throw RangeError when it is not a valid IANA zone or ISO date; callers pass
 * values that were validated on the way in (see worker/domain/profile.ts).
 */
import { msg } from "./i18n/translate";
import { LocalDateTime } from "./local-date-time";

/** One weekly window in the person's own zone: day 0 = Monday … 6 = Sunday, minutes after midnight, end exclusive. */
export interface Slot {
  day: number;
  start: number;
  end: number;
}

/** A half-open span of real time in epoch milliseconds. */
export interface Interval {
  start: number;
  end: number;
}

/** A slot as seen in some zone: the weekday and minutes where it starts and where it ends (end 1440 = midnight). */
export interface ZonedSpan {
  startDay: number;
  start: number;
  endDay: number;
  end: number;
}

/** Someone's weekly availability and the zone it is written in. */
export interface WeeklyAvailability {
  timeZone: string;
  availability: readonly Slot[];
}

export const DAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"] as const;
export const MAX_RANGES_PER_DAY = 6;
export const MINUTES_PER_DAY = 24 * 60;
const MAX_DAY_TEXT = 200;
const RANGE = /^(\d{1,2})(?::(\d{2}))?\s*[-–—]\s*(\d{1,2})(?::(\d{2}))?$/;
const DAY_MS = 86_400_000;

export type DayParseResult = { ok: true; slots: Slot[] } | { ok: false; error: string };

/**
 * Parses one day's text such as "09:00-12:00, 14:30-17:00" (or "9-12", en dashes, empty = not available) into sorted
 * slots.
 */
export function parseDay(text: string, day: number): DayParseResult {
  if (text.length > MAX_DAY_TEXT)
    return { ok: false, error: msg("availability.error.tooLong", { max: MAX_RANGES_PER_DAY }) };
  const pieces = text
    .split(/[,;]/)
    .map((p) => p.trim())
    .filter(Boolean);
  if (pieces.length > MAX_RANGES_PER_DAY)
    return { ok: false, error: msg("availability.error.tooMany", { max: MAX_RANGES_PER_DAY }) };
  const slots: Slot[] = [];
  for (const piece of pieces) {
    const m = RANGE.exec(piece);
    if (!m) return { ok: false, error: msg("availability.error.format", { text: piece.slice(0, 24) }) };
    const start = toMinutes(m[1]!, m[2]);
    const end = toMinutes(m[3]!, m[4]);
    if (start === null || end === null) {
      const [h, min] = start === null ? [m[1], m[2]] : [m[3], m[4]];
      return { ok: false, error: msg("availability.error.notATime", { time: `${h}:${min ?? "00"}` }) };
    }
    if (end <= start) return { ok: false, error: msg("availability.error.order", { range: formatRange(start, end) }) };
    slots.push({ day, start, end });
  }
  slots.sort((a, b) => a.start - b.start);
  for (let i = 1; i < slots.length; i++) {
    const prev = slots[i - 1]!;
    const next = slots[i]!;
    if (next.start < prev.end)
      return {
        ok: false,
        error: msg("availability.error.overlap", {
          first: formatRange(prev.start, prev.end),
          second: formatRange(next.start, next.end),
        }),
      };
  }
  return { ok: true, slots };
}

function toMinutes(hours: string, minutes: string | undefined): number | null {
  const h = Number(hours);
  const m = minutes === undefined ? 0 : Number(minutes);
  if (h > 24 || m > 59 || (h === 24 && m !== 0)) return null;
  return h * 60 + m;
}

/** Formats minutes after midnight as HH:MM (1440 → "24:00"). */
export function formatTime(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return `${String(h).padStart(2, "0")}:${String(m).padStart(2, "0")}`;
}

/** Formats a range as "09:00-12:00". */
export function formatRange(start: number, end: number): string {
  return `${formatTime(start)}-${formatTime(end)}`;
}

/** Formats one day's slots back to the text parseDay reads ("" when the day has none). */
export function formatDay(slots: readonly Slot[], day: number): string {
  return slots
    .filter((s) => s.day === day)
    .sort((a, b) => a.start - b.start)
    .map((s) => formatRange(s.start, s.end))
    .join(", ");
}

/** The Monday (ISO date) of the week that contains `date` (any ISO date, e.g. "2026-03-25" → "2026-03-23"). */
export function mondayOf(date: string): string {
  const d = LocalDateTime.fromDate(date.slice(0, 10));
  if (!d) throw new RangeError(`not a date: ${date.slice(0, 20)}`);
  return d.add({ days: 1 - d.dayOfWeek }).date;
}

/** The Monday (ISO date) of the week that contains the instant `epochMs` on the calendar of `timeZone`. */
export function weekContaining(epochMs: number, timeZone: string): string {
  const d = LocalDateTime.at(epochMs, timeZone);
  return d.add({ days: 1 - d.dayOfWeek }).date;
}

/**
 * Epoch ms of a wall-clock time (`minutes` after midnight, may be 1440) on `date` in `timeZone`, gaps resolved
 * "compatible".
 */
export function wallClockToEpochMs(date: LocalDateTime, minutes: number, timeZone: string): number {
  return date.withMinuteOfDay(minutes).toEpochMs(timeZone, "compatible");
}

/**
 * Turns weekly slots written in `timeZone` into the real UTC intervals they cover in the week of `week` (an ISO date),
 * sorted.
 */
export function weeklySlotsToUtc(slots: readonly Slot[], timeZone: string, week: string): Interval[] {
  const monday = LocalDateTime.fromDate(mondayOf(week))!;
  const out: Interval[] = [];
  for (const slot of slots) {
    const date = monday.add({ days: slot.day });
    const start = wallClockToEpochMs(date, slot.start, timeZone);
    const end = wallClockToEpochMs(date, slot.end, timeZone);
    if (end > start) out.push({ start, end });
  }
  return out.sort((a, b) => a.start - b.start || a.end - b.end);
}

/** Sorts intervals and joins those that overlap or touch. */
export function mergeIntervals(intervals: readonly Interval[]): Interval[] {
  const sorted = [...intervals].sort((a, b) => a.start - b.start);
  const out: Interval[] = [];
  for (const iv of sorted) {
    const last = out[out.length - 1];
    if (last && iv.start <= last.end) last.end = Math.max(last.end, iv.end);
    else out.push({ ...iv });
  }
  return out;
}

/** The spans of time covered by both lists of intervals. */
export function intersectIntervals(a: readonly Interval[], b: readonly Interval[]): Interval[] {
  const x = mergeIntervals(a);
  const y = mergeIntervals(b);
  const out: Interval[] = [];
  let i = 0;
  let j = 0;
  while (i < x.length && j < y.length) {
    const start = Math.max(x[i]!.start, y[j]!.start);
    const end = Math.min(x[i]!.end, y[j]!.end);
    if (end > start) out.push({ start, end });
    if (x[i]!.end < y[j]!.end) i++;
    else j++;
  }
  return out;
}

/** The UTC instants `[Monday 00:00Z, next Monday 00:00Z)` of the week of `week`. */
export function utcWeekWindow(week: string): Interval {
  const start = LocalDateTime.fromDate(mondayOf(week))!.localMs;
  return { start, end: start + 7 * DAY_MS };
}

/**
 * A person's real availability inside the UTC week of `week`, including slots of their neighbouring local weeks that
 * spill in.
 */
export function availabilityInUtcWeek(person: WeeklyAvailability, week: string): Interval[] {
  const window = utcWeekWindow(week);
  const monday = LocalDateTime.fromDate(mondayOf(week))!;
  const spans = [-7, 0, 7].flatMap((days) =>
    weeklySlotsToUtc(person.availability, person.timeZone, monday.add({ days }).date),
  );
  return intersectIntervals(spans, [window]);
}

/** Minutes of the UTC week of `week` (Monday 00:00Z to Monday 00:00Z) in which both people are available. */
export function overlapMinutes(a: WeeklyAvailability, b: WeeklyAvailability, week: string): number {
  const both = intersectIntervals(availabilityInUtcWeek(a, week), availabilityInUtcWeek(b, week));
  return both.reduce((sum, iv) => sum + (iv.end - iv.start), 0) / 60_000;
}

/**
 * Where a slot written in `fromZone` falls on the clock of `toZone` in the week of `week` (null if it lies in a DST
 * gap).
 */
export function slotInZone(slot: Slot, fromZone: string, toZone: string, week: string): ZonedSpan | null {
  const [iv] = weeklySlotsToUtc([slot], fromZone, week);
  if (!iv) return null;
  const start = LocalDateTime.at(iv.start, toZone);
  const end = LocalDateTime.at(iv.end, toZone);
  const startDay = start.dayOfWeek - 1;
  const startMinutes = start.minuteOfDay;
  const endMinutes = end.minuteOfDay;
  const endsAtMidnight = endMinutes === 0 && end.date > start.date;
  const endDay = endsAtMidnight ? (end.dayOfWeek + 5) % 7 : end.dayOfWeek - 1;
  return { startDay, start: startMinutes, endDay, end: endsAtMidnight ? MINUTES_PER_DAY : endMinutes };
}

/** Renders a span for people: "Monday 17:00–19:00", or "Monday 23:00 – Tuesday 01:00" when it crosses midnight. */
export function describeSpan(span: ZonedSpan): string {
  const from = DAY_NAMES[span.startDay]!;
  if (span.startDay === span.endDay) return `${from} ${formatTime(span.start)}–${formatTime(span.end)}`;
  return `${from} ${formatTime(span.start)} – ${DAY_NAMES[span.endDay]!} ${formatTime(span.end)}`;
}
