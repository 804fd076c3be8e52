/**
 * Hand edits to staged proposals: whether a mentor may take a mentee in this run (hard constraints re-checked, the
 * mentor's places in the run counted) and the score the new pair gets, so the page can show the change.
 */
import { msg } from "../i18n/translate";
import { scorePair } from "./score";
import type { Candidate, MatchContext, ProgramWeights } from "./types";

/** The outcome of checking a hand-made pair. */
export type PairCheck = { ok: true; score: number; reasons: string[] } | { ok: false; message: string };

/** What the run already holds for the people involved. */
export interface RunLoad {
  /** Proposals in the run with this mentor, not counting the one being changed. */
  mentorTaken: number;
  /** Whether this exact pair is already proposed in the run (in another proposal). */
  duplicate: boolean;
  /** Peer programs: whether either person is already in another proposal of the run. */
  peerTaken?: boolean;
}

/** How a message names a person: their name, else their email. */
const name = (c: Candidate & { name?: string; email?: string }) => c.name || c.email || "";

/** The hard constraints the scorer names, as the keys the blocked-pair message selects its words by. */
const BLOCKED_KEYS: Record<string, string> = {
  "same person": "samePerson",
  "mentor is unavailable": "mentorUnavailable",
  "mentee is unavailable": "menteeUnavailable",
  "mentor has no capacity left": "mentorFull",
  "on the mentor's avoid list": "mentorAvoids",
  "on the mentee's avoid list": "menteeAvoids",
  "this pairing already ended": "ended",
  "no shared language (required)": "language",
};

/** Scores a peer pair as the matcher does: the weaker of the two directions, blocked if either direction is. */
export function peerPairScore(
  a: Candidate,
  b: Candidate,
  weights: ProgramWeights,
  ctx: MatchContext,
): { score: number; reasons: string[]; blocked?: string } {
  const ab = scorePair(a, b, weights, ctx);
  const ba = scorePair(b, a, weights, ctx);
  const blocked = ab.blocked ?? ba.blocked;
  const reasons = [...new Set([...ab.reasons, ...ba.reasons])];
  return blocked ? { score: 0, reasons, blocked } : { score: Math.min(ab.score, ba.score), reasons };
}

/** Checks a hand-made mentor–mentee (or peer) pair against the hard constraints and the mentor's places in the run. */
export function checkHandPair(
  mentor: Candidate & { name?: string; email?: string },
  mentee: Candidate & { name?: string; email?: string },
  weights: ProgramWeights,
  ctx: MatchContext,
  load: RunLoad,
  peer = false,
): PairCheck {
  if (load.duplicate)
    return { ok: false, message: msg("matching.edit.duplicate", { mentor: name(mentor), mentee: name(mentee) }) };
  if (peer && load.peerTaken) return { ok: false, message: msg("matching.edit.peerTaken") };
  const scored = peer
    ? peerPairScore(mentor, mentee, weights, ctx)
    : scorePair({ ...mentor, capacity: Math.max(1, mentor.capacity) }, mentee, weights, ctx);
  if (scored.blocked)
    return {
      ok: false,
      message: msg("matching.edit.blocked", {
        mentor: name(mentor),
        mentee: name(mentee),
        reason: BLOCKED_KEYS[scored.blocked] ?? "other",
      }),
    };
  if (!peer && load.mentorTaken >= mentor.capacity) {
    return {
      ok: false,
      message:
        mentor.capacity === 0
          ? msg("matching.edit.noPlaces", { mentor: name(mentor) })
          : msg("matching.edit.full", { mentor: name(mentor), taken: load.mentorTaken, n: mentor.capacity }),
    };
  }
  return { ok: true, score: scored.score, reasons: scored.reasons };
}

/** The signed difference between two scores, as shown next to an edit ("+12", "−5", "±0"). */
export function scoreChange(before: number, after: number): string {
  const d = after - before;
  return d > 0 ? `+${d}` : d < 0 ? `\u2212${-d}` : "\u00b10";
}
