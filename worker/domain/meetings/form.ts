/**
 * Reading a meeting from what a member typed: kind, place, local date and times in their zone, and how it repeats.
 * Pure.
 */
import { msg } from "../i18n/translate";
import type { LocalDateTime } from "../local-date-time";
import { checkLink } from "../room/resources";
import { checkLocal, type LocalCheck, MAX_OCCURRENCES, parseLocal, seriesStarts } from "./recurrence";
import { MEETING_KINDS, type MeetingKind, REPEATS, type Repeat, type Schedule } from "./types";

export const MEETING_LIMITS = {
  title: 120,
  location: 200,
  agenda: 5000,
  outcomeNotes: 5000,
  maxMinutes: 240,
  minMinutes: 10,
} as const;

/** A meeting's details as typed and checked. */
export interface MeetingInput {
  title: string;
  kind: MeetingKind;
  location: string;
  videoUrl: string;
  schedule: Schedule;
}

export type ParsedMeeting =
  | { ok: true; meeting: MeetingInput; notice: string | null }
  | { ok: false; errors: Record<string, string> };

const TIME = /^([01]?\d|2[0-3]):([0-5]\d)$/;

/** Minutes after midnight for "HH:MM", or null. */
function minutesOf(text: string): number | null {
  const m = TIME.exec(text.trim());
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
}

/**
 * Checks a start date and start/end times typed in `timeZone`; returns the local start, the length and any DST notice.
 */
export function parseTimes(
  values: Record<string, string>,
  timeZone: string,
  now: number,
):
  | { ok: true; startLocal: string; durationMinutes: number; notice: string | null }
  | { ok: false; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const date = (values.date ?? "").trim();
  const start = minutesOf(values.start ?? "");
  const end = minutesOf(values.end ?? "");
  const day = /^\d{4}-\d{2}-\d{2}$/.test(date) ? parseLocal(`${date}T00:00`) : null;
  if (!day) errors.date = msg("meetingForm.date");
  if (start === null) errors.start = msg("meetingForm.start");
  if (end === null) errors.end = msg("meetingForm.end");
  if (start !== null && end !== null && end <= start) errors.end = msg("meetingForm.endAfterStart");
  else if (start !== null && end !== null && end - start > MEETING_LIMITS.maxMinutes)
    errors.end = msg("meetingForm.tooLong", { hours: MEETING_LIMITS.maxMinutes / 60 });
  else if (start !== null && end !== null && end - start < MEETING_LIMITS.minMinutes)
    errors.end = msg("meetingForm.tooShort", { minutes: MEETING_LIMITS.minMinutes });
  if (Object.keys(errors).length || !day || start === null || end === null) return { ok: false, errors };
  const local = day.add({ minutes: start });
  const check = checkLocal(local, timeZone);
  if (check.kind === "gap") return { ok: false, errors: { start: localCheckMessage(check, local, timeZone) } };
  if (check.epochMs < now - 60 * 60_000) return { ok: false, errors: { date: msg("meetingForm.past") } };
  return {
    ok: true,
    startLocal: local.toString(),
    durationMinutes: end - start,
    notice: check.kind === "ambiguous" ? localCheckMessage(check, local, timeZone) : null,
  };
}

/**
 * A local time that does not exist or happens twice, explained as a message id with its values (the time, its date,
 * the zone and, for a double hour, the offset from UTC of the first one).
 */
export function localCheckMessage(check: LocalCheck, local: LocalDateTime, timeZone: string): string {
  const values = { time: local.time, date: local.date, zone: timeZone };
  if (check.kind !== "ambiguous") return msg("meetingForm.gap", values);
  return msg("meetingForm.twice", {
    ...values,
    offset: offsetText(Math.round((local.localMs - check.epochMs) / 60_000)),
  });
}

/** "+02:00" for an offset of 120 minutes. */
function offsetText(minutes: number): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  const m = Math.abs(minutes);
  return `${minutes < 0 ? "-" : "+"}${pad(Math.floor(m / 60))}:${pad(m % 60)}`;
}

/** Reads a whole meeting (details and schedule) typed by a member in their zone. */
export function parseMeeting(values: Record<string, string>, timeZone: string, now: number): ParsedMeeting {
  const errors: Record<string, string> = {};
  const kind = values.kind ?? "";
  if (!Object.hasOwn(MEETING_KINDS, kind)) errors.kind = msg("meetingForm.kind");
  const title = (values.title ?? "").trim() || "Mentoring meeting";
  if (title.length > MEETING_LIMITS.title)
    errors.title = msg("meetingForm.titleTooLong", { max: MEETING_LIMITS.title });
  const location = (values.location ?? "").trim();
  if (location.length > MEETING_LIMITS.location)
    errors.location = msg("meetingForm.locationTooLong", { max: MEETING_LIMITS.location });
  if (kind === "in-person" && !location) errors.location = msg("meetingForm.where");
  let videoUrl = "";
  if (kind === "video" && (values.videoUrl ?? "").trim()) {
    const link = checkLink(values.videoUrl ?? "");
    if (link.ok) videoUrl = link.url;
    else errors.videoUrl = link.error;
  }
  const repeat = values.repeat ?? "none";
  if (!Object.hasOwn(REPEATS, repeat)) errors.repeat = msg("meetingForm.repeat");
  const times = parseTimes(values, timeZone, now);
  if (!times.ok) Object.assign(errors, times.errors);
  let count: number | null = null;
  let until: string | null = null;
  if (repeat !== "none" && Object.hasOwn(REPEATS, repeat)) {
    const ends = values.ends ?? "count";
    if (ends === "until") {
      until = (values.until ?? "").trim();
      if (!/^\d{4}-\d{2}-\d{2}$/.test(until) || !parseLocal(`${until}T00:00`)) errors.until = msg("meetingForm.until");
      else if (times.ok && until < times.startLocal.slice(0, 10)) errors.until = msg("meetingForm.untilBeforeStart");
    } else {
      const text = (values.count ?? "").trim();
      count = Number(text);
      if (!/^\d{1,3}$/.test(text) || count < 2 || count > MAX_OCCURRENCES)
        errors.count = msg("meetingForm.count", { max: MAX_OCCURRENCES });
    }
    if (repeat === "monthly" && times.ok && Number(times.startLocal.slice(8, 10)) > 28) {
      errors.date = msg("meetingForm.monthlyDay");
    }
  }
  if (Object.keys(errors).length || !times.ok) return { ok: false, errors };
  const schedule: Schedule = {
    timeZone,
    startLocal: times.startLocal,
    durationMinutes: times.durationMinutes,
    repeat: repeat as Repeat,
    count,
    until,
  };
  if (repeat !== "none" && until && seriesStarts(schedule).length >= MAX_OCCURRENCES) {
    return {
      ok: false,
      errors: { until: msg("meetingForm.tooMany", { max: MAX_OCCURRENCES }) },
    };
  }
  return {
    ok: true,
    meeting: { title, kind: kind as MeetingKind, location, videoUrl, schedule },
    notice: times.notice,
  };
}
