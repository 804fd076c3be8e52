/**
 * A program's pairings, check-in answers and meetings as the JSON API reads them: the projection only (members, stage,
 * counts, answers, times and status), never chat, notes, agreement text, comments, titles or places.
 */
import { and, asc, eq, gt, gte, sql } from "drizzle-orm";
import { db } from "../db/client";
import { checkinAnswers, checkins, meetings, pairingStageChanges, pairings } from "../db/schema";

/** A pairing's projection with its members. */
export interface ApiPairingRow {
  id: string;
  stage: string;
  source: string;
  members: { person_id: string; role: string }[];
  created_at: number;
  last_activity_at: number | null;
  ended_at: number | null;
  agreement_signed: boolean;
  goal_count: number;
  goal_progress: number | null;
  at_risk: boolean;
  updated_at: number;
}

// Raw SQL fragments: the latest of the projection's times (scalar max() over coalesce()d columns and the newest stage
// change) and the members as one JSON array, which the builder has no functions for.
const updatedAt = sql<number>`max(${pairings.createdAt}, coalesce(${pairings.lastActivityAt}, 0),
  coalesce(${pairings.endedAt}, 0), coalesce(${pairings.riskSince}, 0),
  coalesce((SELECT max(${pairingStageChanges.at}) FROM ${pairingStageChanges}
            WHERE ${pairingStageChanges.pairingId} = ${pairings.id}), 0))`;
const members = sql<string>`(SELECT json_group_array(json_object('person_id', pm.person_id, 'role', pm.role))
  FROM pairing_members pm WHERE pm.pairing_id = ${pairings.id})`;

/** Pairings of the program ordered by id after `afterId`, changed at or after `since`; `limit` rows at most. */
export async function apiPairings(
  env: Env,
  programId: string,
  q: { afterId?: string; since?: number; limit: number; pairingId?: string },
): Promise<ApiPairingRow[]> {
  const rows = await db(env)
    .select({
      id: pairings.id,
      stage: pairings.stage,
      source: pairings.source,
      members,
      created_at: pairings.createdAt,
      last_activity_at: pairings.lastActivityAt,
      ended_at: pairings.endedAt,
      agreement_signed: pairings.agreementSigned,
      goal_count: pairings.goalCount,
      goal_progress: pairings.goalProgress,
      riskReason: pairings.riskReason,
      updated_at: updatedAt,
    })
    .from(pairings)
    .where(
      and(
        eq(pairings.programId, programId),
        q.afterId ? gt(pairings.id, q.afterId) : undefined,
        q.pairingId ? eq(pairings.id, q.pairingId) : undefined,
        q.since === undefined ? undefined : sql`${updatedAt} >= ${q.since}`,
      ),
    )
    .orderBy(asc(pairings.id))
    .limit(q.limit);
  return rows.map(({ riskReason, ...r }) => ({
    ...r,
    members: JSON.parse(r.members),
    at_risk: riskReason !== null,
    updated_at: Number(r.updated_at),
  }));
}

/** One pairing of the program, or null. */
export async function apiPairing(env: Env, programId: string, pairingId: string): Promise<ApiPairingRow | null> {
  return (await apiPairings(env, programId, { pairingId, limit: 1 }))[0] ?? null;
}

/** One check-in answer, without its comment. */
export interface ApiAnswerRow {
  checkin_id: string;
  pairing_id: string;
  person_id: string;
  milestone: string;
  answer: "going-well" | "ok" | "struggling" | "not-met";
  answered_at: number;
}

/**
 * Check-in answers of the program's pairings, ordered by time answered and then check-in and person, after the position
 * `after` (`id` is `<checkin id>:<person id>`), answered at or after `since`.
 */
export async function apiCheckinAnswers(
  env: Env,
  programId: string,
  q: { after?: { at: number; id: string }; since?: number; limit: number },
): Promise<ApiAnswerRow[]> {
  const [afterCheckin = "", afterPerson = ""] = q.after?.id.split(":") ?? [];
  return db(env)
    .select({
      checkin_id: checkinAnswers.checkinId,
      pairing_id: checkinAnswers.pairingId,
      person_id: checkinAnswers.personId,
      milestone: checkins.milestone,
      answer: checkinAnswers.answer,
      answered_at: checkinAnswers.answeredAt,
    })
    .from(checkinAnswers)
    .innerJoin(checkins, eq(checkins.id, checkinAnswers.checkinId))
    .where(
      and(
        eq(checkins.programId, programId),
        q.since === undefined ? undefined : gte(checkinAnswers.answeredAt, q.since),
        // Raw SQL fragment: a row-value comparison (the position after the cursor), which the builder cannot express.
        q.after
          ? sql`(${checkinAnswers.answeredAt}, ${checkinAnswers.checkinId}, ${checkinAnswers.personId}) > (${q.after.at}, ${afterCheckin}, ${afterPerson})`
          : undefined,
      ),
    )
    .orderBy(asc(checkinAnswers.answeredAt), asc(checkinAnswers.checkinId), asc(checkinAnswers.personId))
    .limit(q.limit);
}

/** One meeting's times and status. */
export interface ApiMeetingRow {
  id: string;
  pairing_id: string;
  kind: string;
  status: string;
  time_zone: string;
  start_local: string;
  duration_minutes: number;
  repeat: string;
  first_start: number;
  last_end: number;
  updated_at: number;
}

/** Meetings of the program's pairings ordered by id after `afterId`, changed at or after `since`. */
export async function apiMeetings(
  env: Env,
  programId: string,
  q: { afterId?: string; since?: number; limit: number },
): Promise<ApiMeetingRow[]> {
  return db(env)
    .select({
      id: meetings.id,
      pairing_id: meetings.pairingId,
      kind: meetings.kind,
      status: meetings.status,
      time_zone: meetings.timeZone,
      start_local: meetings.startLocal,
      duration_minutes: meetings.durationMinutes,
      repeat: meetings.repeat,
      first_start: meetings.firstStart,
      last_end: meetings.lastEnd,
      updated_at: meetings.updatedAt,
    })
    .from(meetings)
    .innerJoin(pairings, eq(pairings.id, meetings.pairingId))
    .where(
      and(
        eq(pairings.programId, programId),
        q.afterId ? gt(meetings.id, q.afterId) : undefined,
        q.since === undefined ? undefined : gte(meetings.updatedAt, q.since),
      ),
    )
    .orderBy(asc(meetings.id))
    .limit(q.limit);
}
