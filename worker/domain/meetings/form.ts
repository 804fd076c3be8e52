/**
 * Reading a meeting from what a member typed: kind, place, local date and times in their zone, and how it repeats.
 * Pure.
 */
import { checkLink } from "../room/resources";
import { checkLocal, MAX_OCCURRENCES, parseLocal, seriesStarts } from "./recurrence";
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
  if (!day) errors.date = "Enter a date like 2026-12-01.";
  if (start === null) errors.start = "Enter a start time like 18:00.";
  if (end === null) errors.end = "Enter an end time like 19:00.";
  if (start !== null && end !== null && end <= start)
    errors.end = "The meeting must end after it starts (the same day; split a meeting past midnight in two).";
  else if (start !== null && end !== null && end - start > MEETING_LIMITS.maxMinutes)
    errors.end = `Meetings can be up to ${MEETING_LIMITS.maxMinutes / 60} hours long.`;
  else if (start !== null && end !== null && end - start < MEETING_LIMITS.minMinutes)
    errors.end = `Meetings are at least ${MEETING_LIMITS.minMinutes} minutes long.`;
  if (Object.keys(errors).length || !day || start === null || end === null) return { ok: false, errors };
  const local = day.add({ minutes: start });
  const check = checkLocal(local, timeZone);
  if (check.kind === "gap") return { ok: false, errors: { start: check.message } };
  if (check.epochMs < now - 60 * 60_000)
    return { ok: false, errors: { date: "That time has already passed. Choose a time from now on." } };
  return {
    ok: true,
    startLocal: local.toString(),
    durationMinutes: end - start,
    notice: check.kind === "ambiguous" ? check.message : null,
  };
}

/** Reads a whole meeting (details and schedule) typed by a member in their zone. */
export function parseMeeting(values: Record<string, string>, timeZone: string, now: number): ParsedMeeting {
  const errors: Record<string, string> = {};
  const kind = values.kind ?? "";
  if (!Object.hasOwn(MEETING_KINDS, kind)) errors.kind = "Choose video, phone or in person.";
  const title = (values.title ?? "").trim() || "Mentoring meeting";
  if (title.length > MEETING_LIMITS.title)
    errors.title = `Keep the title under ${MEETING_LIMITS.title} characters (calendars show it).`;
  const location = (values.location ?? "").trim();
  if (location.length > MEETING_LIMITS.location)
    errors.location = `Keep this under ${MEETING_LIMITS.location} characters.`;
  if (kind === "in-person" && !location) errors.location = "Say where you will meet.";
  let videoUrl = "";
  if (kind === "video" && (values.videoUrl ?? "").trim()) {
    const link = checkLink(values.videoUrl ?? "");
    if (link.ok) videoUrl = link.url;
    else errors.videoUrl = link.error;
  }
  const repeat = values.repeat ?? "none";
  if (!Object.hasOwn(REPEATS, repeat)) errors.repeat = "Choose how the meeting repeats.";
  const times = parseTimes(values, timeZone, now);
  if (!times.ok) Object.assign(errors, times.errors);
  let count: number | null = null;
  let until: string | null = null;
  if (repeat !== "none" && Object.hasOwn(REPEATS, repeat)) {
    const ends = values.ends ?? "count";
    if (ends === "until") {
      until = (values.until ?? "").trim();
      if (!/^\d{4}-\d{2}-\d{2}$/.test(until) || !parseLocal(`${until}T00:00`))
        errors.until = "Enter the last date like 2027-03-31.";
      else if (times.ok && until < times.startLocal.slice(0, 10))
        errors.until = "The last date must be on or after the first meeting.";
    } else {
      const text = (values.count ?? "").trim();
      count = Number(text);
      if (!/^\d{1,3}$/.test(text) || count < 2 || count > MAX_OCCURRENCES)
        errors.count = `A series has 2 to ${MAX_OCCURRENCES} meetings.`;
    }
    if (repeat === "monthly" && times.ok && Number(times.startLocal.slice(8, 10)) > 28) {
      errors.date =
        "Monthly meetings repeat on the same day of the month: choose a day from 1 to 28, which every month has.";
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
      errors: { until: `That makes more than ${MAX_OCCURRENCES} meetings; choose an earlier last date.` },
    };
  }
  return {
    ok: true,
    meeting: { title, kind: kind as MeetingKind, location, videoUrl, schedule },
    notice: times.notice,
  };
}
