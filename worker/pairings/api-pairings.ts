/**
 * A program's pairings, check-in answers and meetings as the JSON API reads them: the projection only (members, stage,
 * counts, answers, times and status), never chat, notes, agreement text, comments, titles or places.
 */
import { and, asc, eq, gt, gte, or, sql } from "drizzle-orm";
import { db } from "../db/client";
import { checkinAnswers, checkins, meetings, pairingStageChanges, pairings } from "../db/schema";

/** A pairing's projection with its members. */
export interface ApiPairingRow {
  id: string;
  stage: string;
  source: string;
  members: { person_id: string; role: string }[];
  createdAt: number;
  lastActivityAt: number | null;
  endedAt: number | null;
  agreementSigned: boolean;
  goalCount: number;
  goalProgress: number | null;
  atRisk: boolean;
  updatedAt: number;
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
      createdAt: pairings.createdAt,
      lastActivityAt: pairings.lastActivityAt,
      endedAt: pairings.endedAt,
      agreementSigned: pairings.agreementSigned,
      goalCount: pairings.goalCount,
      goalProgress: pairings.goalProgress,
      riskReason: pairings.riskReason,
      updatedAt,
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
    atRisk: riskReason !== null,
    updatedAt: Number(r.updatedAt),
  }));
}

/** One pairing of the program, or null. */
export async function apiPairing(env: Env, programId: string, pairingId: string): Promise<ApiPairingRow | null> {
  return (await apiPairings(env, programId, { pairingId, limit: 1 }))[0] ?? null;
}

/** One check-in answer, without its comment. */
export interface ApiAnswerRow {
  checkinId: string;
  pairingId: string;
  personId: string;
  milestone: string;
  answer: "going-well" | "ok" | "struggling" | "not-met";
  answeredAt: number;
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
      checkinId: checkinAnswers.checkinId,
      pairingId: checkinAnswers.pairingId,
      personId: checkinAnswers.personId,
      milestone: checkins.milestone,
      answer: checkinAnswers.answer,
      answeredAt: checkinAnswers.answeredAt,
    })
    .from(checkinAnswers)
    .innerJoin(checkins, eq(checkins.id, checkinAnswers.checkinId))
    .where(
      and(
        eq(checkins.programId, programId),
        q.since === undefined ? undefined : gte(checkinAnswers.answeredAt, q.since),
        q.after
          ? or(
              gt(checkinAnswers.answeredAt, q.after.at),
              and(
                eq(checkinAnswers.answeredAt, q.after.at),
                or(
                  gt(checkinAnswers.checkinId, afterCheckin),
                  and(eq(checkinAnswers.checkinId, afterCheckin), gt(checkinAnswers.personId, afterPerson)),
                ),
              ),
            )
          : undefined,
      ),
    )
    .orderBy(asc(checkinAnswers.answeredAt), asc(checkinAnswers.checkinId), asc(checkinAnswers.personId))
    .limit(q.limit);
}

/** One meeting's times and status. */
export interface ApiMeetingRow {
  id: string;
  pairingId: string;
  kind: string;
  status: string;
  timeZone: string;
  startLocal: string;
  durationMinutes: number;
  repeat: string;
  firstStart: number;
  lastEnd: number;
  updatedAt: number;
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
      pairingId: meetings.pairingId,
      kind: meetings.kind,
      status: meetings.status,
      timeZone: meetings.timeZone,
      startLocal: meetings.startLocal,
      durationMinutes: meetings.durationMinutes,
      repeat: meetings.repeat,
      firstStart: meetings.firstStart,
      lastEnd: meetings.lastEnd,
      updatedAt: meetings.updatedAt,
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
