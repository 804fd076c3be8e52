/**
 * Local wall-clock times and recurring series, with zone-rules.ts doing the zone rules.
 *
 * Rules, the same as RFC 5545 and calendar clients apply to a DTSTART with a TZID:
 * - Occurrences keep the organiser's wall-clock time in the organiser's zone: 18:00 Berlin stays 18:00 Berlin across
 *   daylight-saving changes, so partners in other zones see it move by an hour.
 * - A first start that does not exist (clocks jump forward) is refused; one that happens twice (clocks fall back) is
 * the
 *   first of the two. Later occurrences that fall into a gap move forward by the gap; in an overlap they take the
 *   first.
 * - Monthly series repeat on the same day of the month, so they must start on day 1–28 (every month has those days);
 *   were one to start later, months without that day are skipped, as RFC 5545 does.
 * - Calendar clients differ from RFC 5545 on times that are skipped or repeated; worker/calendar/ics.ts pins those
 *   occurrences with exact overrides, so every client shows what Trellis computes.
 */
import { LocalDateTime } from "../local-date-time";
import { offsetAt, toEpochMs } from "../zone-rules";
import type { Occurrence, OccurrenceChange, Schedule } from "./types";

/** Most occurrences a series may have (a weekly meeting for about four years). */
export const MAX_OCCURRENCES = 200;

/** Parses "YYYY-MM-DDTHH:MM", or null when it is not a real date and time. */
export function parseLocal(text: string): LocalDateTime | null {
  return LocalDateTime.parse(text);
}

/** Formats a local date-time as "YYYY-MM-DDTHH:MM". */
export function formatLocal(t: LocalDateTime): string {
  return t.toString();
}

/** A UTC offset in ms as "+01:00" (or "+05:45", "-03:30"). */
function offsetText(ms: number): string {
  const minutes = Math.round(Math.abs(ms) / 60_000);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${ms < 0 ? "-" : "+"}${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
}

/** What a local time is in a zone: a single instant, one that does not exist, or one that happens twice. */
export type LocalCheck =
  | { kind: "ok"; epochMs: number }
  | { kind: "gap"; message: string }
  | { kind: "ambiguous"; epochMs: number; message: string };

/** Checks a local start in a zone and explains gaps and overlaps in words. */
export function checkLocal(local: LocalDateTime, timeZone: string): LocalCheck {
  const earlier = toEpochMs(timeZone, local.localMs, "earlier");
  const later = toEpochMs(timeZone, local.localMs, "later");
  const day = new Date(local.localMs).toLocaleDateString("en-GB", {
    timeZone: "UTC",
    day: "numeric",
    month: "long",
    year: "numeric",
  });
  const when = `${local.time} on ${day}`;
  const reads = (at: number) => LocalDateTime.at(at, timeZone).localMs === local.localMs;
  if (!reads(earlier) || !reads(later)) {
    return {
      kind: "gap",
      message: `${when} does not exist in ${timeZone}: the clocks jump forward that night. Choose a time an hour later or earlier.`,
    };
  }
  if (earlier !== later) {
    return {
      kind: "ambiguous",
      epochMs: earlier,
      message: `${when} happens twice in ${timeZone} (the clocks go back that night); the meeting is at the first one, ${offsetText(offsetAt(timeZone, earlier))} from UTC.`,
    };
  }
  return { kind: "ok", epochMs: earlier };
}

/** The instant a local time means in a zone (gaps move forward, overlaps take the first): RFC 5545's rule. */
export function localToEpochMs(local: LocalDateTime, timeZone: string): number {
  return local.toEpochMs(timeZone, "compatible");
}

/** The local starts of a series (original times, before changes), in order. */
export function seriesStarts(s: Schedule): LocalDateTime[] {
  const first = parseLocal(s.startLocal);
  if (!first) return [];
  if (s.repeat === "none") return [first];
  const step = s.repeat === "weekly" ? { weeks: 1 } : s.repeat === "fortnightly" ? { weeks: 2 } : { months: 1 };
  const until = s.until ? s.until.slice(0, 10) : null;
  const limit = Math.min(MAX_OCCURRENCES, s.count ?? MAX_OCCURRENCES);
  const out: LocalDateTime[] = [];
  for (let i = 0; out.length < limit && i < MAX_OCCURRENCES * 2; i++) {
    const next = first.add({ weeks: (step.weeks ?? 0) * i, months: (step.months ?? 0) * i });
    if (until && next.date > until) break;
    // Like RFC 5545, a monthly series skips months without its day (the form only allows days 1–28 anyway).
    if (s.repeat === "monthly" && next.day !== first.day) continue;
    out.push(next);
  }
  return out;
}

/** Every occurrence of a series with its changes applied: real start and end, cancelled or moved. */
export function occurrences(s: Schedule, changes: readonly OccurrenceChange[] = []): Occurrence[] {
  const byId = new Map(changes.map((c) => [c.recurrenceId, c]));
  return seriesStarts(s).map((local) => {
    const recurrenceId = formatLocal(local);
    const change = byId.get(recurrenceId);
    const movedTo = change?.status === "moved" && change.startLocal ? parseLocal(change.startLocal) : null;
    const start = localToEpochMs(movedTo ?? local, s.timeZone);
    const minutes = (movedTo ? change?.durationMinutes : null) ?? s.durationMinutes;
    return {
      recurrenceId,
      start,
      end: start + minutes * 60_000,
      cancelled: change?.status === "cancelled",
      moved: !!movedTo,
    };
  });
}

/**
 * The RRULE for a repeating series (UNTIL as the end of that day in the series' zone, in UTC), or null for one-offs.
 */
export function rruleOf(s: Schedule): string | null {
  if (s.repeat === "none") return null;
  const base =
    s.repeat === "monthly" ? "FREQ=MONTHLY" : s.repeat === "fortnightly" ? "FREQ=WEEKLY;INTERVAL=2" : "FREQ=WEEKLY";
  // The rule must describe exactly the occurrences `seriesStarts` gives: an end date only while it stops the series
  // before the cap, otherwise the count (a count of 0 or above the cap included).
  const n = seriesStarts(s).length;
  if (s.until && s.count === null && n < MAX_OCCURRENCES) {
    // 23:59:59 on that day in the series' zone, in UTC.
    const end = toEpochMs(s.timeZone, LocalDateTime.fromDate(s.until.slice(0, 10))!.localMs + 86_399_000);
    return `${base};UNTIL=${new Date(end).toISOString().slice(0, 19).replace(/[-:]/g, "")}Z`;
  }
  return `${base};COUNT=${n}`;
}
