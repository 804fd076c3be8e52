/**
 * Building calendar feeds from D1's projection: a person's meetings across all their pairings (or one pairing's), and
 * the milestone days of their pairings that are still running, in the person's own zone.
 */
import { Temporal } from "temporal-polyfill";
import { journeyPlan, templateOf } from "../domain/journey/template";
import type {
  Feed,
  FeedDay,
  FeedMeeting,
  MeetingKind,
  MeetingStatus,
  OccurrenceChange,
  Repeat,
} from "../domain/meetings/types";

type MeetingRow = {
  id: string;
  pairing_id: string;
  title: string;
  kind: string;
  location: string;
  video_url: string;
  time_zone: string;
  start_local: string;
  duration_minutes: number;
  repeat: string;
  count: number | null;
  until: string | null;
  status: string;
  sequence: number;
  created_at: number;
  updated_at: number;
};

type PairingRow = {
  id: string;
  created_at: number;
  ended_at: number | null;
  length_weeks: number;
  cadence_days: number;
  milestone_template: string | null;
  program_name: string;
  updated: number | null;
};

/** Turns meeting rows and their changes into feed meetings. */
function toFeedMeetings(
  rows: MeetingRow[],
  changes: (OccurrenceChange & { meeting_id: string })[],
  origin: string,
): FeedMeeting[] {
  return rows.map((r) => ({
    id: r.id,
    pairingId: r.pairing_id,
    title: r.title,
    kind: r.kind as MeetingKind,
    location: r.location,
    videoUrl: r.video_url,
    schedule: {
      timeZone: r.time_zone,
      startLocal: r.start_local,
      durationMinutes: r.duration_minutes,
      repeat: r.repeat as Repeat,
      count: r.count,
      until: r.until,
    },
    status: r.status as MeetingStatus,
    sequence: r.sequence,
    changes: changes.filter((c) => c.meeting_id === r.id).map(({ meeting_id: _m, ...c }) => c),
    url: `${origin}/pairings/${r.pairing_id}/meetings/${r.id}`,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  }));
}

/** The calendar day of an instant in a zone, "YYYY-MM-DD". */
const dayIn = (epochMs: number, timeZone: string) =>
  Temporal.Instant.fromEpochMilliseconds(epochMs).toZonedDateTimeISO(timeZone).toPlainDate();

/** The milestone days of running pairings (their journey's plan, from the program's template), in `timeZone`. */
function milestoneDays(pairings: PairingRow[], timeZone: string, origin: string): FeedDay[] {
  return pairings
    .filter((p) => p.ended_at === null)
    .flatMap((p) =>
      journeyPlan(
        p.created_at,
        { lengthWeeks: p.length_weeks, cadenceDays: p.cadence_days },
        templateOf(p.milestone_template),
      )
        .filter((m) => m.kind !== "welcome")
        .map((m) => {
          const first = dayIn(m.due, timeZone);
          const last = m.closes ? dayIn(m.closes - 1, timeZone) : first;
          return {
            uid: `${p.id}-${m.key}@trellis`,
            title: `${m.closes ? `${m.title} open` : m.title} (${p.program_name})`,
            start: first.toString(),
            end: last.add({ days: 1 }).toString(),
            url: `${origin}/pairings/${p.id}`,
            updatedAt: p.created_at,
          };
        }),
    );
}

/** A person's feed: every meeting of their pairings (or of `pairingId` only) and their running pairings' milestones. */
export async function buildFeed(
  env: Env,
  personId: string,
  pairingId: string | null,
  origin: string,
): Promise<Feed | null> {
  const scope = "SELECT pairing_id FROM pairing_members WHERE person_id = ?1 AND (?2 IS NULL OR pairing_id = ?2)";
  const [person, pairings, meetings, changes] = await env.DB.batch([
    env.DB.prepare("SELECT name, email, time_zone FROM people WHERE id = ?1").bind(personId),
    env.DB.prepare(
      `SELECT p.id, p.created_at, p.ended_at, pr.length_weeks, pr.cadence_days, pr.milestone_template, pr.name AS program_name, p.last_activity_at AS updated
       FROM pairings p JOIN programs pr ON pr.id = p.program_id WHERE p.id IN (${scope})`,
    ).bind(personId, pairingId),
    env.DB.prepare(`SELECT * FROM meetings WHERE pairing_id IN (${scope}) ORDER BY first_start, id`).bind(
      personId,
      pairingId,
    ),
    env.DB.prepare(
      `SELECT c.meeting_id, c.recurrence_id AS recurrenceId, c.status, c.start_local AS startLocal, c.duration_minutes AS durationMinutes, c.sequence
       FROM meeting_changes c JOIN meetings m ON m.id = c.meeting_id WHERE m.pairing_id IN (${scope})`,
    ).bind(personId, pairingId),
  ]);
  const who = person!.results[0] as { name: string; email: string; time_zone: string } | undefined;
  if (!who) return null;
  const meetingRows = meetings!.results as MeetingRow[];
  const pairingRows = pairings!.results as PairingRow[];
  const stamp = Math.max(0, ...meetingRows.map((m) => m.updated_at), ...pairingRows.map((p) => p.created_at));
  return {
    name: pairingId ? `Trellis: ${pairingRows[0]?.program_name ?? "pairing"}` : `Trellis: ${who.name || who.email}`,
    meetings: toFeedMeetings(meetingRows, changes!.results as (OccurrenceChange & { meeting_id: string })[], origin),
    days: milestoneDays(pairingRows, who.time_zone, origin),
    stamp,
  };
}

/** One meeting of a pairing as a feed meeting (for a single `.ics` download), or null. */
export async function feedMeeting(
  env: Env,
  pairingId: string,
  meetingId: string,
  origin: string,
): Promise<FeedMeeting | null> {
  const [meeting, changes] = await env.DB.batch([
    env.DB.prepare("SELECT * FROM meetings WHERE id = ?1 AND pairing_id = ?2").bind(meetingId, pairingId),
    env.DB.prepare(
      "SELECT meeting_id, recurrence_id AS recurrenceId, status, start_local AS startLocal, duration_minutes AS durationMinutes, sequence FROM meeting_changes WHERE meeting_id = ?1",
    ).bind(meetingId),
  ]);
  const rows = meeting!.results as MeetingRow[];
  return rows.length
    ? toFeedMeetings(rows, changes!.results as (OccurrenceChange & { meeting_id: string })[], origin)[0]!
    : null;
}
