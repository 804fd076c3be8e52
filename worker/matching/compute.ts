/**
 * Runs the optimiser on a loaded pool: one-to-one, reverse and group programs by assignment, peer programs in one pool.
 */
import { assignCohort, DEFAULT_ASSIGN_OPTIONS } from "../domain/matching/assign";
import { matchPeers } from "../domain/matching/peer";
import { scorePair } from "../domain/matching/score";
import { peerPairScore } from "../domain/matching/staging";
import type { Candidate, MatchContext, ProgramWeights } from "../domain/matching/types";
import type { ProgramType } from "../domain/vocabulary";
import type { ProgramCandidate } from "../domain/matching/types";
import type { ProgramPool } from "./candidates";

/** A staged pair with its readable reasons. */
export interface StagedPair {
  mentorId: string;
  menteeId: string;
  score: number;
  reasons: string[];
}

/** What a run found. */
export interface RunOutcome {
  pairs: StagedPair[];
  total: number;
  unmatched: { id: string; role: string; reason: string }[];
  rounds: number;
  mentorCount: number;
  menteeCount: number;
}

/** The peer pool: everyone in a mentor or mentee role once, able to take one peer unless already paired here. */
export function peerPool(pool: ProgramPool): Candidate[] {
  const byId = new Map<string, ProgramCandidate>();
  for (const p of [...pool.mentors, ...pool.mentees]) if (!byId.has(p.id)) byId.set(p.id, p);
  const pairedHere = new Set(pool.mentees.filter((e) => e.wants === 0).map((e) => e.id));
  return [...byId.values()].filter((p) => !pairedHere.has(p.id)).map((p) => ({ ...p, capacity: 1, wants: 1 }));
}

/** Matches a program's pool and explains every pair. */
export function computeRun(
  type: ProgramType,
  pool: ProgramPool,
  weights: ProgramWeights,
  ctx: MatchContext,
  maxMentorsPerMentee: number,
): RunOutcome {
  if (type === "peer") {
    const people = peerPool(pool);
    const byId = new Map(people.map((p) => [p.id, p]));
    const result = matchPeers(people, weights, ctx);
    return {
      pairs: result.pairs.map((p) => ({
        mentorId: p.a,
        menteeId: p.b,
        score: p.score,
        reasons: peerPairScore(byId.get(p.a)!, byId.get(p.b)!, weights, ctx).reasons,
      })),
      total: result.total,
      unmatched: result.unmatched.map((u) => ({ id: u.id, role: "peer", reason: u.reason })),
      rounds: result.passes,
      mentorCount: people.length,
      menteeCount: people.length,
    };
  }
  const mentees = pool.mentees.filter((e) => (e.wants ?? 1) > 0);
  const mentors = new Map(pool.mentors.map((m) => [m.id, m]));
  const menteeById = new Map(mentees.map((e) => [e.id, e]));
  const result = assignCohort(pool.mentors, mentees, weights, ctx, { ...DEFAULT_ASSIGN_OPTIONS, maxMentorsPerMentee });
  return {
    pairs: result.pairs.map((p) => ({
      ...p,
      reasons: scorePair(mentors.get(p.mentorId)!, menteeById.get(p.menteeId)!, weights, ctx).reasons,
    })),
    total: result.total,
    unmatched: result.unmatched,
    rounds: result.rounds,
    mentorCount: pool.mentors.length,
    menteeCount: mentees.length,
  };
}
