/**
 * Matching inputs: who can be matched (a Candidate), how a program weighs compatibility, and the fixed context of a
 * run.
 */
import type { Slot } from "../availability";

/** One person as the matcher sees them; tags are lower-case as stored on the profile. */
export interface Candidate {
  id: string;
  goals: readonly string[];
  expertise: readonly string[];
  languages: readonly string[];
  channels: readonly string[];
  timeZone: string;
  availability: readonly Slot[];
  /** Mentees a mentor takes on (group programs: the group size). */
  capacity: number;
  unavailable: boolean;
  /** Ids of people this person must not be matched with. */
  avoid: readonly string[];
  /** Mentors this mentee would like (default 1; capped by the program's maxMentorsPerMentee). */
  wants?: number;
  /** Program-specific attributes such as { department: "finance" }. */
  attributes?: Readonly<Record<string, string>>;
}

/** A candidate with what pages need to show them. */
export interface ProgramCandidate extends Candidate {
  name: string;
  email: string;
  role: "mentor" | "mentee";
}

/** How a program weighs each part of the score; weights are relative and need not sum to 100. */
export interface ProgramWeights {
  goals: number;
  languages: number;
  availability: number;
  channels: number;
  /** Points when both people have the same value for this attribute key. */
  attributes: Readonly<Record<string, number>>;
  /** Shared goals that earn the full goals weight. */
  goalsForFull: number;
  /** Weekly hours of overlap that earn the full availability weight. */
  hoursForFull: number;
  /** When true, a pair without a shared language is blocked. */
  mustShareLanguage: boolean;
}

/** Defaults: goals matter most, then being free at the same time, then language and channel. */
export const DEFAULT_WEIGHTS: ProgramWeights = {
  goals: 40,
  languages: 20,
  availability: 30,
  channels: 10,
  attributes: {},
  goalsForFull: 3,
  hoursForFull: 4,
  mustShareLanguage: false,
};

/** The fixed facts of one matching run. */
export interface MatchContext {
  /**
   * Any ISO date in the reference week used for availability overlap, e.g. "2026-01-12"; fixed so results are
   * reproducible.
   */
  week: string;
  /** Pairs that were matched before and ended (keys from pairKey). */
  ended: ReadonlySet<string>;
}

/** The reference week for availability overlap at instant `now`: its UTC date, as MatchContext.week expects. */
export function weekOf(now: number): string {
  return new Date(now).toISOString().slice(0, 10);
}

/** The order-insensitive key of a pair of people. */
export function pairKey(a: string, b: string): string {
  return a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`;
}

/** Builds the ended-pair set from [personA, personB] pairs. */
export function endedPairs(pairs: Iterable<readonly [string, string]>): Set<string> {
  const out = new Set<string>();
  for (const [a, b] of pairs) out.add(pairKey(a, b));
  return out;
}
