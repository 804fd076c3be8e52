/**
 * The demo's meetings, placed relative to now in each organiser's zone: the active pairing's weekly series (30 weeks,
 * so it always crosses a daylight-saving change in Berlin, and moves for Sydney), with past meetings held or missed,
 * one moved and one cancelled; a fortnightly circle for the group; past meetings for the others; a proposal waiting in
 * onboarding. Notes on past meetings stay in the rooms (private); D1 and the feeds get times and status only.
 */
import { LocalDateTime } from "../domain/local-date-time";
import type { MeetingInput } from "../domain/meetings/form";
import { formatLocal, localToEpochMs, seriesStarts } from "../domain/meetings/recurrence";
import type { Repeat, Schedule } from "../domain/meetings/types";
import { NOTE_TEMPLATES } from "../domain/room/notes";
import type { Stage } from "../domain/room/stages";
import type { HistoryMeeting } from "../room/demo-history";

/** The people of a demo pairing as meetings need them. */
interface Who {
  id: string;
  zone: string;
}

/** The local start `weeksAgo` weeks before now on `weekday` (1 = Monday) at `time`, in `zone`. */
function localStart(now: number, zone: string, weeksAgo: number, weekday: number, time: string): string {
  const today = LocalDateTime.at(now, zone).startOfDay();
  const day = today.add({ days: -((today.dayOfWeek - weekday + 7) % 7), weeks: -weeksAgo });
  const [hour = 0, minute = 0] = time.split(":").map(Number);
  return formatLocal(day.withMinuteOfDay(hour * 60 + minute));
}

/** A confirmed series (or one-off) with outcomes for occurrences already past: held, except those listed as missed. */
function series(
  organizer: Who,
  now: number,
  s: {
    title: string;
    weeksAgo: number;
    weekday: number;
    time: string;
    minutes: number;
    repeat: Repeat;
    count: number | null;
    missed?: number[];
    notes?: string;
  },
): HistoryMeeting {
  const schedule: Schedule = {
    timeZone: organizer.zone,
    startLocal: localStart(now, organizer.zone, s.weeksAgo, s.weekday, s.time),
    durationMinutes: s.minutes,
    repeat: s.repeat,
    count: s.repeat === "none" ? null : s.count,
    until: null,
  };
  const input: MeetingInput = { title: s.title, kind: "video", location: "", videoUrl: "", schedule };
  const past = seriesStarts(schedule).filter(
    (local) => localToEpochMs(local, organizer.zone) + s.minutes * 60_000 < now,
  );
  return {
    input,
    organizerId: organizer.id,
    agenda: NOTE_TEMPLATES["check-in"].body,
    at: localToEpochMs(LocalDateTime.parse(schedule.startLocal)!, organizer.zone) - 3 * 86_400_000,
    pending: [],
    changes: [],
    outcomes: past.map((local, i) => ({
      recurrenceId: formatLocal(local),
      outcome: s.missed?.includes(i) ? ("missed" as const) : ("held" as const),
      notes: s.missed?.includes(i) ? "" : (s.notes ?? ""),
      by: organizer.id,
      at: localToEpochMs(local, organizer.zone) + (s.minutes + 30) * 60_000,
    })),
  };
}

/** The meetings a demo pairing starts with, by its stage. */
export function demoMeetings(
  stage: Stage,
  group: boolean,
  mentor: Who,
  mentees: Who[],
  createdAt: number,
  now: number,
): HistoryMeeting[] {
  // The first meeting is in the pairing's first week.
  const since = Math.max(1, Math.floor((now - createdAt) / (7 * 86_400_000)) - 1);
  if (group) {
    return [
      series(mentor, now, {
        title: "Peer circle",
        weeksAgo: since,
        weekday: 3,
        time: "12:00",
        minutes: 60,
        repeat: "fortnightly",
        count: 6,
        notes: "Round of wins and worries; delegation practice.",
      }),
    ];
  }
  switch (stage) {
    case "active": {
      const weekly = series(mentor, now, {
        title: "Mentoring: Monday check-in",
        weeksAgo: since,
        weekday: 1,
        time: "08:00",
        minutes: 45,
        repeat: "weekly",
        count: 30,
        missed: [3],
        notes: "Talked through the week's one-to-ones and one piece of feedback to give.",
      });
      const upcoming = seriesStarts(weekly.input.schedule).filter((l) => localToEpochMs(l, mentor.zone) > now);
      if (upcoming[0] && upcoming[2]) {
        weekly.changes.push({
          recurrenceId: formatLocal(upcoming[0]),
          status: "moved",
          startLocal: formatLocal(upcoming[0].add({ days: 1 })),
          durationMinutes: 45,
        });
        weekly.changes.push({
          recurrenceId: formatLocal(upcoming[2]),
          status: "cancelled",
          startLocal: null,
          durationMinutes: null,
        });
      }
      return [weekly];
    }
    case "onboarding": {
      const mentee = mentees[0]!;
      const start = localStart(now, mentee.zone, -1, 6, "10:00");
      return [
        {
          input: {
            title: "First meeting",
            kind: "video",
            location: "",
            videoUrl: "",
            schedule: {
              timeZone: mentee.zone,
              startLocal: start,
              durationMinutes: 60,
              repeat: "none",
              count: null,
              until: null,
            },
          },
          organizerId: mentee.id,
          agenda: NOTE_TEMPLATES["first-meeting"].body,
          at: now - 86_400_000,
          pending: [mentor.id],
          changes: [],
          outcomes: [],
        },
      ];
    }
    case "wrapping_up":
      return [
        series(mentor, now, {
          title: "Mentoring session",
          weeksAgo: since,
          weekday: 2,
          time: "18:30",
          minutes: 60,
          repeat: "weekly",
          count: 10,
          notes: "Promotion case: evidence and examples.",
        }),
      ];
    case "paused":
    case "closed":
    case "ended_early":
      return [
        series(mentor, now, {
          title: "Mentoring session",
          weeksAgo: since,
          weekday: 4,
          time: "17:00",
          minutes: 60,
          repeat: "fortnightly",
          count: Math.max(1, Math.ceil(since / 2)),
        }),
      ];
    default:
      return [];
  }
}
