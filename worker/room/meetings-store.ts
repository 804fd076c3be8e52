/** The room's meetings tables: series, members' answers, changed occurrences and what happened at each. */
import type { MeetingInput } from "../domain/meetings/form";
import type { MeetingKind, MeetingStatus, OccurrenceChange, Repeat, Schedule } from "../domain/meetings/types";
import type { Meeting } from "../domain/room/types";

type MeetingRow = {
  id: string;
  organizer_id: string;
  title: string;
  kind: string;
  location: string;
  video_url: string;
  time_zone: string;
  start_local: string;
  duration: number;
  repeat: string;
  count: number | null;
  until: string | null;
  status: string;
  sequence: number;
  cancelled_by: string | null;
  cancelled_at: number | null;
  agenda: string;
  created_at: number;
  updated_at: number;
};

/** The schedule stored on a meeting row. */
const scheduleOf = (r: MeetingRow): Schedule => ({
  timeZone: r.time_zone,
  startLocal: r.start_local,
  durationMinutes: r.duration,
  repeat: r.repeat as Repeat,
  count: r.count,
  until: r.until,
});

/** Every meeting with its answers, changes and outcomes, soonest first. */
export function listMeetings(sql: SqlStorage): Meeting[] {
  const rows = sql.exec<MeetingRow>("SELECT * FROM meetings ORDER BY start_local, id").toArray();
  const responses = sql
    .exec<{ meeting_id: string; person_id: string; response: string }>(
      "SELECT meeting_id, person_id, response FROM meeting_responses",
    )
    .toArray();
  const changes = sql
    .exec<{
      meeting_id: string;
      recurrence_id: string;
      status: string;
      start_local: string | null;
      duration: number | null;
      sequence: number;
      changed_by: string | null;
      changed_at: number | null;
    }>("SELECT * FROM meeting_changes ORDER BY recurrence_id")
    .toArray();
  const outcomes = sql
    .exec<{
      meeting_id: string;
      recurrence_id: string;
      outcome: string;
      notes: string;
      recorded_by: string;
      recorded_at: number;
    }>("SELECT * FROM meeting_outcomes ORDER BY recurrence_id")
    .toArray();
  return rows.map((r) => ({
    id: r.id,
    organizerId: r.organizer_id,
    title: r.title,
    kind: r.kind as MeetingKind,
    location: r.location,
    videoUrl: r.video_url,
    schedule: scheduleOf(r),
    status: r.status as MeetingStatus,
    sequence: r.sequence,
    cancelledBy: r.cancelled_by ?? null,
    cancelledAt: r.cancelled_at ?? null,
    agenda: r.agenda,
    responses: responses
      .filter((x) => x.meeting_id === r.id)
      .map((x) => ({ personId: x.person_id, response: x.response as "pending" | "accepted" | "declined" })),
    changes: changes
      .filter((c) => c.meeting_id === r.id)
      .map(
        (c): OccurrenceChange => ({
          recurrenceId: c.recurrence_id,
          status: c.status as OccurrenceChange["status"],
          startLocal: c.start_local,
          durationMinutes: c.duration,
          sequence: c.sequence,
          changedBy: c.changed_by,
          changedAt: c.changed_at,
        }),
      ),
    outcomes: outcomes
      .filter((o) => o.meeting_id === r.id)
      .map((o) => ({
        recurrenceId: o.recurrence_id,
        outcome: o.outcome as "held" | "missed",
        notes: o.notes,
        recordedBy: o.recorded_by,
        recordedAt: o.recorded_at,
      })),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  }));
}

/** The id of a meeting created at `at` (the new series a move of "this and the following" starts), or null. */
export function meetingCreatedAt(sql: SqlStorage, at: number): string | null {
  return (
    sql
      .exec<{ id: string }>("SELECT id FROM meetings WHERE created_at = ? ORDER BY rowid DESC LIMIT 1", at)
      .toArray()[0]?.id ?? null
  );
}

/** One meeting, or null. */
export function getMeeting(sql: SqlStorage, id: string): Meeting | null {
  return listMeetings(sql).find((m) => m.id === id) ?? null;
}

/** Stores a proposed meeting, accepted by its organiser and waiting for the other members. */
export function insertMeeting(
  sql: SqlStorage,
  id: string,
  m: MeetingInput,
  agenda: string,
  organizerId: string,
  memberIds: string[],
  now: number,
): void {
  const s = m.schedule;
  sql.exec(
    `INSERT INTO meetings (id, organizer_id, title, kind, location, video_url, time_zone, start_local, duration, repeat, count, until, status, sequence, agenda, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'proposed', 0, ?, ?, ?)`,
    id,
    organizerId,
    m.title,
    m.kind,
    m.location,
    m.videoUrl,
    s.timeZone,
    s.startLocal,
    s.durationMinutes,
    s.repeat,
    s.count,
    s.until,
    agenda,
    now,
    now,
  );
  for (const person of memberIds) {
    sql.exec(
      "INSERT INTO meeting_responses (meeting_id, person_id, response, at) VALUES (?, ?, ?, ?)",
      id,
      person,
      person === organizerId ? "accepted" : "pending",
      now,
    );
  }
}

/** Records a member's answer to a proposal. */
export function setResponse(
  sql: SqlStorage,
  id: string,
  personId: string,
  response: "accepted" | "declined",
  now: number,
): void {
  sql.exec(
    "INSERT INTO meeting_responses (meeting_id, person_id, response, at) VALUES (?, ?, ?, ?) ON CONFLICT DO UPDATE SET response = excluded.response, at = excluded.at",
    id,
    personId,
    response,
    now,
  );
}

/** Sets a meeting's status and bumps its sequence (calendars replace their copy); a cancellation keeps who and when. */
export function setStatus(sql: SqlStorage, id: string, status: MeetingStatus, now: number, by?: string): void {
  sql.exec(
    "UPDATE meetings SET status = ?, sequence = sequence + 1, updated_at = ?, cancelled_by = ?, cancelled_at = ? WHERE id = ?",
    status,
    now,
    status === "cancelled" ? (by ?? null) : null,
    status === "cancelled" ? now : null,
    id,
  );
}

/** Moves a whole series (its changed occurrences no longer line up, so they are dropped) and bumps its sequence. */
export function moveSeries(
  sql: SqlStorage,
  id: string,
  startLocal: string,
  durationMinutes: number,
  now: number,
): void {
  sql.exec(
    "UPDATE meetings SET start_local = ?, duration = ?, sequence = sequence + 1, updated_at = ? WHERE id = ?",
    startLocal,
    durationMinutes,
    now,
    id,
  );
  sql.exec("DELETE FROM meeting_changes WHERE meeting_id = ?", id);
}

/** Moves or cancels one occurrence; the change carries the meeting's new sequence, who made it (`by`) and when. */
export function changeOccurrence(
  sql: SqlStorage,
  id: string,
  change: Omit<OccurrenceChange, "sequence" | "changedBy" | "changedAt">,
  now: number,
  by: string | null = null,
): void {
  const sequence = sql
    .exec<{ s: number }>(
      "UPDATE meetings SET sequence = sequence + 1, updated_at = ? WHERE id = ? RETURNING sequence AS s",
      now,
      id,
    )
    .one().s;
  sql.exec(
    `INSERT INTO meeting_changes (meeting_id, recurrence_id, status, start_local, duration, sequence, changed_by, changed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT DO UPDATE SET status = excluded.status, start_local = excluded.start_local, duration = excluded.duration, sequence = excluded.sequence,
       changed_by = excluded.changed_by, changed_at = excluded.changed_at`,
    id,
    change.recurrenceId,
    change.status,
    change.startLocal,
    change.durationMinutes,
    sequence,
    by,
    now,
  );
}

/** Records whether an occurrence was held or missed, with the members' notes. */
export function setOutcome(
  sql: SqlStorage,
  id: string,
  recurrenceId: string,
  outcome: "held" | "missed",
  notes: string,
  personId: string,
  now: number,
): void {
  sql.exec(
    `INSERT INTO meeting_outcomes (meeting_id, recurrence_id, outcome, notes, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT DO UPDATE SET outcome = excluded.outcome, notes = excluded.notes, recorded_by = excluded.recorded_by, recorded_at = excluded.recorded_at`,
    id,
    recurrenceId,
    outcome,
    notes,
    personId,
    now,
  );
}

/** Replaces a meeting's agenda. */
export function setAgenda(sql: SqlStorage, id: string, agenda: string, now: number): void {
  sql.exec("UPDATE meetings SET agenda = ?, updated_at = ? WHERE id = ?", agenda, now, id);
}
