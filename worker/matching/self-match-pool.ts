/**
 * What a self-match participant sees, loaded from D1 and scored: a mentee's ranked mentors, a mentor's free places and
 * why requests fit.
 */
import { type MenteeRequestState, type RankedMentor, rankMentors } from "../domain/matching/self-match";
import { type MatchSettings, weightsOf } from "../domain/matching/settings";
import { scorePair } from "../domain/matching/score";
import { endedPairs, type MatchContext, weekOf } from "../domain/matching/types";
import type { ProgramCandidate } from "../domain/matching/types";
import { loadPool, type ProgramPool } from "./candidates";
import { expireOverdue, menteeAsks } from "./requests";

/** The scoring context for today: this week's availability overlap and the program's ended pairs. */
function contextFor(pool: ProgramPool, now: number): MatchContext {
  return { week: weekOf(now), ended: endedPairs(pool.ended) };
}

/** A mentee's choice of mentors in a program. */
export interface MentorChoices {
  /** The mentee as the matcher sees them (undefined when not an active mentee). */
  mentee?: ProgramCandidate;
  ranked: RankedMentor<ProgramCandidate>[];
  state: MenteeRequestState;
}

/**
 * Ranks the mentors this mentee may ask (expiring their overdue requests first) and loads what limits their requests.
 */
export async function mentorChoices(
  env: Env,
  programId: string,
  settings: MatchSettings,
  menteeId: string,
  now: number,
): Promise<MentorChoices> {
  await expireOverdue(env, programId, menteeId, now);
  const [pool, asks] = await Promise.all([
    loadPool(env, programId, settings.maxMentorsPerMentee, { mentees: [menteeId] }),
    menteeAsks(env, programId, menteeId, now),
  ]);
  const mentee = pool.mentees.find((m) => m.id === menteeId);
  const state = { wantsLeft: mentee?.wants ?? 0, pendingMentorIds: asks.pending, declinedMentorIds: asks.declined };
  if (!mentee) return { ranked: [], state };
  const ranked = rankMentors(pool.mentors, mentee, weightsOf(settings), contextFor(pool, now), new Set(asks.declined));
  return { mentee, ranked, state };
}

/**
 * A participant's standing: mentors they may still gain (as a mentee), free places (as a mentor), and why each asking
 * mentee fits them.
 */
export interface Standing {
  wantsLeft: number;
  freePlaces: number;
  reasonsFor(menteeId: string): string[];
}

/** Loads a participant's standing in one query batch; `askingMenteeIds` are the mentees whose requests they see. */
export async function participantStanding(
  env: Env,
  programId: string,
  settings: MatchSettings,
  personId: string,
  askingMenteeIds: readonly string[],
  now: number,
): Promise<Standing> {
  const pool = await loadPool(env, programId, settings.maxMentorsPerMentee, {
    mentors: [personId],
    mentees: [personId, ...askingMenteeIds],
  });
  const asMentor = pool.mentors.find((m) => m.id === personId);
  const weights = weightsOf(settings);
  const ctx = contextFor(pool, now);
  const mentees = new Map(pool.mentees.map((m) => [m.id, m]));
  return {
    wantsLeft: mentees.get(personId)?.wants ?? 0,
    freePlaces: asMentor?.capacity ?? 0,
    reasonsFor(menteeId) {
      const mentee = mentees.get(menteeId);
      return asMentor && mentee ? scorePair(asMentor, mentee, weights, ctx).reasons : [];
    },
  };
}
