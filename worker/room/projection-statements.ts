/**
 * The D1 statements of the room's projection. Each is idempotent: stage changes are keyed by their sequence number, and
 * snapshots and chat activity carry a version that only moves forward, so applying one twice, or an older one after a
 * newer one, leaves D1 as the newest alone would.
 *
 * Raw SQL on purpose: a snapshot's rows go in as one `INSERT … SELECT FROM json_each(?)` each, guarded by the version
 * check in the same statement, and the whole snapshot is one D1 batch of prepared statements. The query builder can
 * express neither the guarded json_each insert nor the correlated member-count update.
 */
import type { ChatActivity, Snapshot } from "./projection-snapshot";

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

/** True while D1's pairing row holds exactly the version being applied (?1 pairing id, ?2 version). */
const LIVE = "(SELECT projection_version FROM pairings WHERE id = ?1) = ?2";

/** The D1 statement for one stage change: kept once per sequence number, so applying it twice changes nothing. */
export function stageChangeStatements(env: Env, c: StageChangeRow): D1PreparedStatement[] {
  return [
    env.DB.prepare(
      "INSERT OR IGNORE INTO pairing_stage_changes (pairing_id, seq, from_stage, to_stage, reason, actor, at) SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7 WHERE EXISTS (SELECT 1 FROM pairings WHERE id = ?1)",
    ).bind(c.pairingId, c.seq, c.from, c.to, c.reason, c.actor, c.at),
  ];
}

/**
 * The D1 statements for a whole snapshot at version `v`: the pairing's row (only if D1 holds an older version), then
 * its members, goals, meetings and check-ins replaced whole (only while D1 holds exactly this version: a newer one
 * won).
 */
export function snapshotStatements(env: Env, s: Snapshot, v: number): D1PreparedStatement[] {
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
    memberCountsStatement(env, s, v),
    env.DB.prepare(`DELETE FROM pairing_goals WHERE pairing_id = ?1 AND ${LIVE}`).bind(s.pairingId, v),
    env.DB.prepare(
      `INSERT INTO pairing_goals (pairing_id, goal_id, title, status, progress, target_date, updated_at)
       SELECT ?1, json_extract(j.value, '$.id'), json_extract(j.value, '$.title'), json_extract(j.value, '$.status'), json_extract(j.value, '$.progress'),
         json_extract(j.value, '$.targetDate'), json_extract(j.value, '$.updatedAt') FROM json_each(?3) j WHERE ${LIVE}`,
    ).bind(s.pairingId, v, JSON.stringify(s.goals)),
    // Meetings: replaced whole (changes and outcomes go with them by cascade), then inserted from the snapshot.
    env.DB.prepare(`DELETE FROM meetings WHERE pairing_id = ?1 AND ${LIVE}`).bind(s.pairingId, v),
    env.DB.prepare(
      `INSERT INTO meetings (id, pairing_id, organizer_id, title, kind, location, video_url, time_zone, start_local, duration_minutes, repeat, count, until,
         status, sequence, awaiting, first_start, last_end, created_at, updated_at)
       SELECT json_extract(j.value, '$.id'), ?1, json_extract(j.value, '$.organizerId'), json_extract(j.value, '$.title'), json_extract(j.value, '$.kind'),
         json_extract(j.value, '$.location'), json_extract(j.value, '$.videoUrl'), json_extract(j.value, '$.schedule.timeZone'),
         json_extract(j.value, '$.schedule.startLocal'), json_extract(j.value, '$.schedule.durationMinutes'), json_extract(j.value, '$.schedule.repeat'),
         json_extract(j.value, '$.schedule.count'), json_extract(j.value, '$.schedule.until'), json_extract(j.value, '$.status'), json_extract(j.value, '$.sequence'),
         coalesce(json_extract(j.value, '$.awaiting'), '[]'), json_extract(j.value, '$.firstStart'), json_extract(j.value, '$.lastEnd'), json_extract(j.value, '$.createdAt'), json_extract(j.value, '$.updatedAt')
       FROM json_each(?3) j WHERE ${LIVE}`,
    ).bind(s.pairingId, v, JSON.stringify(s.meetings)),
    env.DB.prepare(
      `INSERT INTO meeting_changes (meeting_id, recurrence_id, status, start_local, duration_minutes, sequence)
       SELECT json_extract(j.value, '$.meetingId'), json_extract(j.value, '$.recurrenceId'), json_extract(j.value, '$.status'), json_extract(j.value, '$.startLocal'),
         json_extract(j.value, '$.durationMinutes'), json_extract(j.value, '$.sequence') FROM json_each(?3) j WHERE ${LIVE}`,
    ).bind(s.pairingId, v, JSON.stringify(s.meetingChanges)),
    env.DB.prepare(
      `INSERT INTO meeting_outcomes (meeting_id, recurrence_id, pairing_id, outcome, starts_at, recorded_at)
       SELECT json_extract(j.value, '$.meetingId'), json_extract(j.value, '$.recurrenceId'), ?1, json_extract(j.value, '$.outcome'), json_extract(j.value, '$.startsAt'),
         json_extract(j.value, '$.recordedAt') FROM json_each(?3) j WHERE ${LIVE}`,
    ).bind(s.pairingId, v, JSON.stringify(s.outcomes)),
    // Check-ins and answers (comments are the members' words about their own pairing; dashboards show counts only).
    env.DB.prepare(`DELETE FROM checkins WHERE pairing_id = ?1 AND ${LIVE}`).bind(s.pairingId, v),
    env.DB.prepare(
      `INSERT INTO checkins (id, pairing_id, program_id, milestone, opens_at, closes_at)
       SELECT json_extract(j.value, '$.id'), ?1, (SELECT program_id FROM pairings WHERE id = ?1), json_extract(j.value, '$.milestone'),
         json_extract(j.value, '$.opensAt'), json_extract(j.value, '$.closesAt') FROM json_each(?3) j WHERE ${LIVE}`,
    ).bind(s.pairingId, v, JSON.stringify(s.checkins)),
    env.DB.prepare(
      `INSERT INTO checkin_answers (checkin_id, person_id, pairing_id, answer, comment, answered_at)
       SELECT json_extract(j.value, '$.checkinId'), json_extract(j.value, '$.personId'), ?1, json_extract(j.value, '$.answer'),
         json_extract(j.value, '$.comment'), json_extract(j.value, '$.answeredAt') FROM json_each(?3) j WHERE ${LIVE}`,
    ).bind(s.pairingId, v, JSON.stringify(s.checkinAnswers)),
  ];
}

/**
 * The D1 statements for a chat change at version `v`: the pairing's last activity and message count (only if D1 holds
 * an older version) and its members' message and unread counts. Goals, meetings and check-ins are left as they are.
 */
export function chatActivityStatements(env: Env, a: ChatActivity, v: number): D1PreparedStatement[] {
  return [
    env.DB.prepare(
      "UPDATE pairings SET last_activity_at = ?3, message_count = ?4, projection_version = ?2 WHERE id = ?1 AND projection_version < ?2",
    ).bind(a.pairingId, v, a.lastActivityAt, a.messageCount),
    memberCountsStatement(env, a, v),
  ];
}

/**
 * Each member's message and unread counts (and, from a whole snapshot, the agreement version they last signed; chat
 * activity leaves it as it is), while D1 holds exactly version `v` (the statement before set it).
 */
function memberCountsStatement(env: Env, a: ChatActivity, v: number): D1PreparedStatement {
  return env.DB.prepare(
    `UPDATE pairing_members SET
       message_count = (SELECT json_extract(j.value, '$.messageCount') FROM json_each(?3) j WHERE json_extract(j.value, '$.personId') = pairing_members.person_id),
       unread_count = (SELECT json_extract(j.value, '$.unread') FROM json_each(?3) j WHERE json_extract(j.value, '$.personId') = pairing_members.person_id),
       agreement_signed_version = coalesce((SELECT json_extract(j.value, '$.signedVersion') FROM json_each(?3) j WHERE json_extract(j.value, '$.personId') = pairing_members.person_id), agreement_signed_version)
     WHERE pairing_id = ?1 AND ${LIVE} AND person_id IN (SELECT json_extract(value, '$.personId') FROM json_each(?3))`,
  ).bind(a.pairingId, v, JSON.stringify(a.members));
}
