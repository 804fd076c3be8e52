/**
 * The compatibility score of a mentor–mentee pair: an integer from 0 to 100 (so totals are exact and deterministic)
 * built from goals vs expertise, shared languages, weekly availability overlap in real time zones, shared channels and
 * optional program attributes, each part explained in a readable reason; hard constraints block the pair outright.
 */
import { type Interval, intersectIntervals, type WeeklyAvailability } from "../availability";
import { type Candidate, type MatchContext, type ProgramWeights, pairKey } from "./types";
import { weekResolver } from "./week-cache";

/**
 * Resolvers of availability into a reference week, one per week (a page scores one mentee against every mentor, or
 * hundreds of swaps: each person's week is worked out once per zone and time, not once per pair). A few weeks at most.
 */
const resolvers = new Map<string, (person: WeeklyAvailability) => Interval[]>();

/**
 * Minutes two people are both free in the UTC week of `week`: the same number as `overlapMinutes` in availability.ts
 * (weekResolver gives exactly availabilityInUtcWeek's intervals), with the wall-clock conversions memoised.
 */
function overlapInWeek(a: WeeklyAvailability, b: WeeklyAvailability, week: string): number {
  let inWeek = resolvers.get(week);
  if (!inWeek) {
    if (resolvers.size >= 4) resolvers.clear();
    inWeek = weekResolver(week);
    resolvers.set(week, inWeek);
  }
  const both = intersectIntervals(inWeek(a), inWeek(b));
  return both.reduce((sum, iv) => sum + (iv.end - iv.start), 0) / 60_000;
}

/** A scored pair: `blocked` names the hard constraint that forbids it (its score is then 0). */
export interface PairScore {
  score: number;
  reasons: string[];
  blocked?: string;
}

/** The raw measurements a score is built from. */
export interface PairParts {
  sharedGoals: number;
  goalCount: number;
  sharedLanguages: number;
  overlapMinutes: number;
  sharedChannels: number;
  attributePoints: number;
}

/** The sum of a program's attribute weights. */
export function attributeTotal(weights: ProgramWeights): number {
  let total = 0;
  for (const key of Object.keys(weights.attributes).sort()) total += weights.attributes[key]!;
  return total;
}

/** Turns measured parts into the 0–100 integer score; both the readable and the bulk scorer go through here. */
export function combineScore(weights: ProgramWeights, attrTotal: number, p: PairParts): number {
  const sum = weights.goals + weights.languages + weights.availability + weights.channels + attrTotal;
  if (sum <= 0) return 0;
  const goals =
    p.goalCount === 0 ? 0 : Math.min(1, p.sharedGoals / Math.max(1, Math.min(p.goalCount, weights.goalsForFull)));
  const languages = p.sharedLanguages > 0 ? 1 : 0;
  const fullMinutes = weights.hoursForFull * 60;
  const availability = fullMinutes > 0 ? Math.min(1, p.overlapMinutes / fullMinutes) : p.overlapMinutes > 0 ? 1 : 0;
  const channels = p.sharedChannels > 0 ? 1 : 0;
  const points =
    weights.goals * goals +
    weights.languages * languages +
    weights.availability * availability +
    weights.channels * channels +
    p.attributePoints;
  return Math.max(0, Math.min(100, Math.round((100 * points) / sum)));
}

/** The hard constraint that forbids matching `mentor` with `mentee`, or undefined when none does. */
export function blockedReason(
  mentor: Candidate,
  mentee: Candidate,
  weights: ProgramWeights,
  ctx: MatchContext,
  sharedLanguages: number,
): string | undefined {
  if (mentor.id === mentee.id) return "same person";
  if (mentor.unavailable) return "mentor is unavailable";
  if (mentee.unavailable) return "mentee is unavailable";
  if (mentor.capacity <= 0) return "mentor has no capacity left";
  if (mentor.avoid.includes(mentee.id)) return "on the mentor's avoid list";
  if (mentee.avoid.includes(mentor.id)) return "on the mentee's avoid list";
  if (ctx.ended.has(pairKey(mentor.id, mentee.id))) return "this pairing already ended";
  if (weights.mustShareLanguage && sharedLanguages === 0) return "no shared language (required)";
  return undefined;
}

/** Scores a mentor–mentee pair with readable reasons, or names the hard constraint that blocks it. */
export function scorePair(mentor: Candidate, mentee: Candidate, weights: ProgramWeights, ctx: MatchContext): PairScore {
  const goals = shared(mentee.goals, mentor.expertise);
  const languages = shared(mentee.languages, mentor.languages);
  const channels = shared(mentee.channels, mentor.channels);
  const minutes = overlapInWeek(mentor, mentee, ctx.week);
  const attributes = sharedAttributes(mentor, mentee, weights);
  const reasons = [
    goals.length > 0
      ? `shares ${plural(goals.length, "goal")}: ${goals.join(", ")}`
      : mentee.goals.length > 0
        ? "no shared goals"
        : "mentee listed no goals",
    languages.length > 0
      ? `shared ${languages.length === 1 ? "language" : "languages"}: ${languages.join(", ")}`
      : "no shared language",
    minutes > 0 ? `${formatHours(minutes)} h/week overlap` : "no overlapping availability",
    channels.length > 0 ? `both use ${channels.join(", ")}` : "no shared channel",
    ...attributes.map(([key, value]) => `same ${key}: ${value}`),
  ];
  const blocked = blockedReason(mentor, mentee, weights, ctx, languages.length);
  if (blocked !== undefined) return { score: 0, reasons, blocked };
  const attributePoints = attributes.reduce((sum, [key]) => sum + weights.attributes[key]!, 0);
  const parts: PairParts = {
    sharedGoals: goals.length,
    goalCount: new Set(mentee.goals).size,
    sharedLanguages: languages.length,
    overlapMinutes: minutes,
    sharedChannels: channels.length,
    attributePoints,
  };
  return { score: combineScore(weights, attributeTotal(weights), parts), reasons };
}

/** Formats minutes as hours with at most one decimal ("4.5", "3"). */
export function formatHours(minutes: number): string {
  return String(Math.round(minutes / 6) / 10);
}

function shared(wanted: readonly string[], offered: readonly string[]): string[] {
  const set = new Set(offered);
  return [...new Set(wanted)].filter((t) => set.has(t));
}

function sharedAttributes(mentor: Candidate, mentee: Candidate, weights: ProgramWeights): [string, string][] {
  const out: [string, string][] = [];
  for (const key of Object.keys(weights.attributes).sort()) {
    const value = mentee.attributes?.[key];
    if (value !== undefined && value === mentor.attributes?.[key]) out.push([key, value]);
  }
  return out;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}
