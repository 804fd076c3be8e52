/**
 * The room's projection to D1, through its outbox: every write queues a snapshot (replacing any pending one) and, for
 * stage changes, one row per change. The alarm applies them; each D1 write is idempotent (snapshots carry a version that
 * only moves forward, stage changes are keyed by their sequence number), so a retry after a failure or a lost answer
 * applies everything exactly once.
 */
import { occurrences } from "../domain/meetings/recurrence";
import type { OccurrenceChange } from "../domain/meetings/types";
import { currentAgreement } from "./agreement-store";
import { listCheckins } from "./checkins-store";
import { listMeetings } from "./meetings-store";
import type { Meeting } from "../domain/room/types";
import { getNumber, getState, membersOf, setState } from "./room-state";

/** What D1 learns about the pairing: counts and states, never content. */
export interface Snapshot {
  pairingId: string;
  stage: string;
  stageReason: string;
  lastActivityAt: number | null;
  endedAt: number | null;
  messageCount: number;
  agreementSigned: boolean;
  agreementVersion: number;
  members: { personId: string; messageCount: number; unread: number }[];
  goals: {
    id: string;
    title: string;
    status: string;
    progress: number;
    targetDate: string | null;
    updatedAt: number;
  }[];
  /** Meetings without their agenda or notes, with first start and last end for range queries. */
  meetings: (Omit<Meeting, "agenda" | "responses" | "outcomes" | "changes"> & {
    firstStart: number;
    lastEnd: number;
  })[];
  meetingChanges: (OccurrenceChange & { meetingId: string })[];
  outcomes: { meetingId: string; recurrenceId: string; outcome: string; startsAt: number; recordedAt: number }[];
  riskReason: string | null;
  riskSince: number | null;
  /** Check-ins with answers (members who only commented are left out until they answer). */
  checkins: { id: string; milestone: string; opensAt: number; closesAt: number }[];
  checkinAnswers: { checkinId: string; personId: string; answer: string; comment: string; answeredAt: number }[];
}

/** One stage change, as D1 keeps it. */
export type StageChangeRow = {
  pairingId: string;
  seq: number;
  from: string;
  to: string;
  reason: string;
  actor: string;
  at: number;
};

type OutboxRow = {
  key: string;
  kind: "snapshot" | "stage-change" | "journey-event";
  payload: string;
  version: number;
  attempts: number;
};

/** An outbox row ready to apply: snapshots carry the room's state as of their version. */
type Pending = OutboxRow & { snapshot?: Snapshot };

/** Reads the room's state into a snapshot (when the alarm applies it, so busy rooms pay for it once per drain). */
export function buildSnapshot(sql: SqlStorage): Snapshot {
  const agreement = currentAgreement(
    sql,
    membersOf(sql).map((m) => m.personId),
  );
  const lastSeq = sql.exec<{ s: number }>("SELECT coalesce(max(seq), 0) AS s FROM messages").one().s;
  const members = sql
    .exec<{ person_id: string; message_count: number; last_read_seq: number }>(
      "SELECT person_id, message_count, last_read_seq FROM members",
    )
    .toArray()
    .map((m) => ({
      personId: m.person_id,
      messageCount: m.message_count,
      unread: m.last_read_seq >= lastSeq ? 0 : unreadFor(sql, m.person_id, m.last_read_seq),
    }));
  const goals = sql
    .exec<{
      id: string;
      title: string;
      status: string;
      progress: number;
      target_date: string | null;
      updated_at: number;
    }>("SELECT id, title, status, progress, target_date, updated_at FROM goals ORDER BY created_at")
    .toArray()
    .map((g) => ({
      id: g.id,
      title: g.title,
      status: g.status,
      progress: g.progress,
      targetDate: g.target_date,
      updatedAt: g.updated_at,
    }));
  const all = listMeetings(sql);
  const meetings = all.map(({ agenda: _a, responses: _r, outcomes: _o, changes, ...m }) => {
    const times = occurrences(m.schedule, changes);
    return { ...m, firstStart: Math.min(...times.map((o) => o.start)), lastEnd: Math.max(...times.map((o) => o.end)) };
  });
  const meetingChanges = all.flatMap((m) => m.changes.map((c) => ({ ...c, meetingId: m.id })));
  const outcomes = all.flatMap((m) => {
    const starts = new Map(occurrences(m.schedule, m.changes).map((o) => [o.recurrenceId, o.start]));
    return m.outcomes.map((o) => ({
      meetingId: m.id,
      recurrenceId: o.recurrenceId,
      outcome: o.outcome,
      startsAt: starts.get(o.recurrenceId) ?? 0,
      recordedAt: o.recordedAt,
    }));
  });
  const checkins = listCheckins(sql);
  return {
    riskReason: getState(sql, "risk_reason"),
    riskSince: getNumber(sql, "risk_since"),
    checkins: checkins.map(({ answers: _a, ...c }) => c),
    checkinAnswers: checkins.flatMap((c) =>
      c.answers
        .filter((a) => a.answer !== null)
        .map((a) => ({
          checkinId: c.id,
          personId: a.personId,
          answer: a.answer!,
          comment: a.comment,
          answeredAt: a.answeredAt,
        })),
    ),
    meetings: meetings.filter((m) => Number.isFinite(m.firstStart)),
    meetingChanges,
    outcomes,
    pairingId: getState(sql, "pairing_id") ?? "",
    stage: getState(sql, "stage") ?? "proposed",
    stageReason: getState(sql, "stage_reason") ?? "",
    lastActivityAt: getNumber(sql, "last_activity_at"),
    endedAt: getNumber(sql, "ended_at"),
    messageCount: sql.exec<{ n: number }>("SELECT coalesce(sum(message_count), 0) AS n FROM members").one().n,
    agreementSigned: agreement.signedByAll,
    agreementVersion: agreement.version,
    members,
    goals,
  };
}

/** Most unread messages counted (pages show "999+" beyond), so a long-absent member does not make every write slow. */
export const UNREAD_CAP = 999;

/** Messages a member has not read: those after their last read one, not written by them (at most UNREAD_CAP + 1). */
export function unreadFor(sql: SqlStorage, personId: string, lastRead: number): number {
  return sql
    .exec<{ n: number }>(
      "SELECT count(*) AS n FROM (SELECT 1 FROM messages WHERE seq > ? AND (author_id IS NULL OR author_id != ?) LIMIT ?)",
      lastRead,
      personId,
      UNREAD_CAP + 1,
    )
    .one().n;
}

/** Marks the room changed under a new version; the snapshot itself is read when the outbox is drained. */
export function queueSnapshot(sql: SqlStorage): void {
  const version = (getNumber(sql, "projection_version") ?? 0) + 1;
  setState(sql, "projection_version", version);
  sql.exec(
    "INSERT INTO outbox (key, kind, payload, version) VALUES ('snapshot', 'snapshot', '', ?1) ON CONFLICT (key) DO UPDATE SET version = ?1, attempts = 0, last_error = ''",
    version,
  );
}

/** Queues an event for the pairing's journey Workflow (agreement signed, meeting held, check-in answered, stage changed). */
export function queueJourneyEvent(sql: SqlStorage, type: string, payload: Record<string, unknown>, key: string): void {
  sql.exec(
    "INSERT OR IGNORE INTO outbox (key, kind, payload, version) VALUES (?, 'journey-event', ?, 0)",
    `event:${key}`,
    JSON.stringify({ type, payload }),
  );
}

/** Sends one event to the journey, once it has introduced itself to the room (before that nobody listens: it reads state on start). */
async function sendJourneyEvent(env: Env, sql: SqlStorage, row: OutboxRow): Promise<void> {
  if (getState(sql, "journey") !== "1") return;
  const event = JSON.parse(row.payload) as { type: string; payload: Record<string, unknown> };
  const instance = await env.JOURNEY.get(getState(sql, "pairing_id") ?? "");
  await instance.sendEvent(event);
}

/** Queues one stage change. */
export function queueStageChange(sql: SqlStorage, change: StageChangeRow): void {
  sql.exec(
    "INSERT OR IGNORE INTO outbox (key, kind, payload, version) VALUES (?, 'stage-change', ?, ?)",
    `stage:${change.seq}`,
    JSON.stringify(change),
    change.seq,
  );
}

/** The D1 statements for one outbox row; applying them twice leaves D1 as applying them once. */
function statementsFor(env: Env, row: Pending): D1PreparedStatement[] {
  if (row.kind === "stage-change") {
    const c = JSON.parse(row.payload) as StageChangeRow;
    return [
      env.DB.prepare(
        "INSERT OR IGNORE INTO pairing_stage_changes (pairing_id, seq, from_stage, to_stage, reason, actor, at) SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7 WHERE EXISTS (SELECT 1 FROM pairings WHERE id = ?1)",
      ).bind(c.pairingId, c.seq, c.from, c.to, c.reason, c.actor, c.at),
    ];
  }
  const s = row.snapshot!;
  const v = row.version;
  const live = "(SELECT projection_version FROM pairings WHERE id = ?1) = ?2";
  const active = s.goals.filter((g) => g.status !== "dropped");
  const progress = active.length ? Math.round(active.reduce((sum, g) => sum + g.progress, 0) / active.length) : null;
  return [
    env.DB.prepare(
      `UPDATE pairings SET stage = ?3, stage_reason = ?4, last_activity_at = ?5, ended_at = ?6, message_count = ?7, agreement_signed = ?8,
         agreement_version = ?9, goal_count = ?10, goal_progress = ?11, risk_reason = ?12, risk_since = ?13, projection_version = ?2
       WHERE id = ?1 AND projection_version < ?2`,
    ).bind(
      s.pairingId,
      v,
      s.stage,
      s.stageReason,
      s.lastActivityAt,
      s.endedAt,
      s.messageCount,
      s.agreementSigned ? 1 : 0,
      s.agreementVersion,
      active.length,
      progress,
      s.riskReason,
      s.riskSince,
    ),
    env.DB.prepare(
      `UPDATE pairing_members SET
         message_count = (SELECT json_extract(j.value, '$.messageCount') FROM json_each(?3) j WHERE json_extract(j.value, '$.personId') = pairing_members.person_id),
         unread_count = (SELECT json_extract(j.value, '$.unread') FROM json_each(?3) j WHERE json_extract(j.value, '$.personId') = pairing_members.person_id)
       WHERE pairing_id = ?1 AND ${live} AND person_id IN (SELECT json_extract(value, '$.personId') FROM json_each(?3))`,
    ).bind(s.pairingId, v, JSON.stringify(s.members)),
    env.DB.prepare(`DELETE FROM pairing_goals WHERE pairing_id = ?1 AND ${live}`).bind(s.pairingId, v),
    env.DB.prepare(
      `INSERT INTO pairing_goals (pairing_id, goal_id, title, status, progress, target_date, updated_at)
       SELECT ?1, json_extract(j.value, '$.id'), json_extract(j.value, '$.title'), json_extract(j.value, '$.status'), json_extract(j.value, '$.progress'),
         json_extract(j.value, '$.targetDate'), json_extract(j.value, '$.updatedAt') FROM json_each(?3) j WHERE ${live}`,
    ).bind(s.pairingId, v, JSON.stringify(s.goals)),
    // Meetings: replaced whole (changes and outcomes go with them by cascade), then inserted from the snapshot.
    env.DB.prepare(`DELETE FROM meetings WHERE pairing_id = ?1 AND ${live}`).bind(s.pairingId, v),
    env.DB.prepare(
      `INSERT INTO meetings (id, pairing_id, organizer_id, title, kind, location, video_url, time_zone, start_local, duration_minutes, repeat, count, until,
         status, sequence, first_start, last_end, created_at, updated_at)
       SELECT json_extract(j.value, '$.id'), ?1, json_extract(j.value, '$.organizerId'), json_extract(j.value, '$.title'), json_extract(j.value, '$.kind'),
         json_extract(j.value, '$.location'), json_extract(j.value, '$.videoUrl'), json_extract(j.value, '$.schedule.timeZone'),
         json_extract(j.value, '$.schedule.startLocal'), json_extract(j.value, '$.schedule.durationMinutes'), json_extract(j.value, '$.schedule.repeat'),
         json_extract(j.value, '$.schedule.count'), json_extract(j.value, '$.schedule.until'), json_extract(j.value, '$.status'), json_extract(j.value, '$.sequence'),
         json_extract(j.value, '$.firstStart'), json_extract(j.value, '$.lastEnd'), json_extract(j.value, '$.createdAt'), json_extract(j.value, '$.updatedAt')
       FROM json_each(?3) j WHERE ${live}`,
    ).bind(s.pairingId, v, JSON.stringify(s.meetings)),
    env.DB.prepare(
      `INSERT INTO meeting_changes (meeting_id, recurrence_id, status, start_local, duration_minutes, sequence)
       SELECT json_extract(j.value, '$.meetingId'), json_extract(j.value, '$.recurrenceId'), json_extract(j.value, '$.status'), json_extract(j.value, '$.startLocal'),
         json_extract(j.value, '$.durationMinutes'), json_extract(j.value, '$.sequence') FROM json_each(?3) j WHERE ${live}`,
    ).bind(s.pairingId, v, JSON.stringify(s.meetingChanges)),
    env.DB.prepare(
      `INSERT INTO meeting_outcomes (meeting_id, recurrence_id, pairing_id, outcome, starts_at, recorded_at)
       SELECT json_extract(j.value, '$.meetingId'), json_extract(j.value, '$.recurrenceId'), ?1, json_extract(j.value, '$.outcome'), json_extract(j.value, '$.startsAt'),
         json_extract(j.value, '$.recordedAt') FROM json_each(?3) j WHERE ${live}`,
    ).bind(s.pairingId, v, JSON.stringify(s.outcomes)),
    // Check-ins and answers (comments are the members' words about their own pairing; dashboards show counts only).
    env.DB.prepare(`DELETE FROM checkins WHERE pairing_id = ?1 AND ${live}`).bind(s.pairingId, v),
    env.DB.prepare(
      `INSERT INTO checkins (id, pairing_id, program_id, milestone, opens_at, closes_at)
       SELECT json_extract(j.value, '$.id'), ?1, (SELECT program_id FROM pairings WHERE id = ?1), json_extract(j.value, '$.milestone'),
         json_extract(j.value, '$.opensAt'), json_extract(j.value, '$.closesAt') FROM json_each(?3) j WHERE ${live}`,
    ).bind(s.pairingId, v, JSON.stringify(s.checkins)),
    env.DB.prepare(
      `INSERT INTO checkin_answers (checkin_id, person_id, pairing_id, answer, comment, answered_at)
       SELECT json_extract(j.value, '$.checkinId'), json_extract(j.value, '$.personId'), ?1, json_extract(j.value, '$.answer'),
         json_extract(j.value, '$.comment'), json_extract(j.value, '$.answeredAt') FROM json_each(?3) j WHERE ${live}`,
    ).bind(s.pairingId, v, JSON.stringify(s.checkinAnswers)),
  ];
}

/** Applies every queued row to D1, oldest stage change first; returns how many rows are still waiting (failed). */
export async function drainOutbox(
  sql: SqlStorage,
  env: Env,
): Promise<{ applied: number; waiting: number; error: string | null }> {
  // Stage changes first, then the snapshot, then journey events (so the journey reads D1 already up to date).
  const order = "CASE kind WHEN 'stage-change' THEN 0 WHEN 'snapshot' THEN 1 ELSE 2 END";
  const rows = sql
    .exec<OutboxRow>(`SELECT key, kind, payload, version, attempts FROM outbox ORDER BY ${order}, version, rowid`)
    .toArray();
  let applied = 0;
  for (const row of rows) {
    try {
      // Read synchronously with the row's version: nothing can change the room between these two reads.
      const pending: Pending = row.kind === "snapshot" ? { ...row, ...currentSnapshotRow(sql) } : row;
      if (row.kind === "journey-event") await sendJourneyEvent(env, sql, row);
      else await env.DB.batch(statementsFor(env, pending));
      row.version = pending.version;
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      sql.exec(
        "UPDATE outbox SET attempts = attempts + 1, last_error = ? WHERE key = ?",
        message.slice(0, 500),
        row.key,
      );
      return { applied, waiting: rows.length - applied, error: message };
    }
    // A newer snapshot may have replaced this one while D1 answered: only remove the version that was applied.
    sql.exec("DELETE FROM outbox WHERE key = ? AND version = ?", row.key, row.version);
    applied++;
  }
  const waiting = sql.exec<{ n: number }>("SELECT count(*) AS n FROM outbox").one().n;
  return { applied, waiting, error: null };
}

/** The snapshot row's current version with the room's state now (a newer write may have bumped it since it was listed). */
function currentSnapshotRow(sql: SqlStorage): { version: number; snapshot: Snapshot } {
  const version = sql.exec<{ version: number }>("SELECT version FROM outbox WHERE key = 'snapshot'").one().version;
  return { version, snapshot: buildSnapshot(sql) };
}

/** How long to wait before retrying after `attempts` failures: 1 s, 2 s, 4 s … at most 5 minutes. */
export function retryDelay(attempts: number): number {
  return Math.min(300_000, 1000 * 2 ** Math.max(0, attempts - 1));
}
