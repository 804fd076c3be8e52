/**
 * Who a matching run will consider, and why the others are left out: counted per role from the program's memberships,
 * so the matching page can say it before a run and explain a run that proposed nothing.
 */
import type { MessageId } from "../i18n/translate";

/** Why a participant is, or is not, in a run's pool. */
export type ReadinessReason = "ready" | "invited" | "unavailable" | "no_capacity" | "full" | "paired";

/** One group of participants as counted in D1: role, reason, and whether their profile lacks what matching uses. */
export interface ReadinessRow {
  role: "mentor" | "mentee";
  reason: ReadinessReason;
  incomplete: boolean;
  /** Invited people whose imported profile says enough to match (goals; expertise and a capacity for mentors). */
  matchable?: boolean;
  n: number;
  /** For ready mentors: the free places they have between them. */
  places: number;
}

/** The counts the matching page shows. */
export interface MatchingReadiness {
  mentees: Record<ReadinessReason, number>;
  mentors: Record<ReadinessReason, number>;
  /** Free places among the mentors who will be considered. */
  freePlaces: number;
  /**
   * People who will be considered but whose profile lacks a zone, availability, languages, goals (mentees) or expertise
   * (mentors): domain/onboarding/completeness.ts's rule.
   */
  incomplete: number;
  /** Invited people a run could include, from their imported profile. */
  invitedMatchable: number;
}

const zero = (): Record<ReadinessReason, number> => ({
  ready: 0,
  invited: 0,
  unavailable: 0,
  no_capacity: 0,
  full: 0,
  paired: 0,
});

/** Adds up the counted groups. */
export function summarizeReadiness(rows: readonly ReadinessRow[]): MatchingReadiness {
  const out: MatchingReadiness = {
    mentees: zero(),
    mentors: zero(),
    freePlaces: 0,
    incomplete: 0,
    invitedMatchable: 0,
  };
  for (const r of rows) {
    const side = r.role === "mentor" ? out.mentors : out.mentees;
    side[r.reason] += r.n;
    if (r.reason === "invited" && r.matchable) out.invitedMatchable += r.n;
    if (r.reason === "ready") {
      if (r.role === "mentor") out.freePlaces += r.places;
      if (r.incomplete) out.incomplete += r.n;
    }
  }
  return out;
}

/**
 * Why a run can propose nothing, in one sentence, or null when it can (someone on each side, with a free place). Peer
 * programs count everyone on the mentee side.
 */
export function nothingToMatch(r: MatchingReadiness, peer: boolean): MessageId | null {
  if (peer) return r.mentees.ready + r.mentors.ready >= 2 ? null : "matching.nothing.peers";
  if (r.mentees.ready === 0) return "matching.nothing.mentees";
  if (r.mentors.ready === 0 || r.freePlaces === 0) return "matching.nothing.places";
  return null;
}
