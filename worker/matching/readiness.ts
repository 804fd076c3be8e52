/** Counting a program's participants by whether a matching run will consider them (see domain/matching/readiness). */
import { type MatchingReadiness, type ReadinessRow, summarizeReadiness } from "../domain/matching/readiness";
import { mentoringNow } from "./pairings";

/**
 * "Incomplete" here is domain/onboarding/completeness.ts's rule in SQL (no zone chosen, no availability, languages,
 * goals for mentees, expertise for mentors; a mentor's capacity is counted apart as "no capacity").
 *
 * Raw SQL: a GROUP BY over CASE expressions with correlated counts of current pairings (the same counts the pool uses),
 * which the builder cannot express. Reasons are checked in this order: places full and already paired first (so
 * someone matched before they joined is not offered to the next run again), then not joined, unavailable, no
 * capacity; the rest are ready.
 */
const READINESS = `
SELECT role, reason, incomplete, matchable, count(*) AS n, sum(places) AS places FROM (
  SELECT m.role,
    CASE WHEN m.role = 'mentor' AND p.capacity > 0 AND ${mentoringNow("p.id")} >= p.capacity THEN 'full'
         WHEN m.role = 'mentee' AND (SELECT count(*) FROM pairing_members me JOIN pairings pr ON pr.id = me.pairing_id
              AND pr.ended_at IS NULL WHERE me.person_id = p.id AND me.program_id = ?1 AND me.role IN ('mentee', 'peer'))
              >= min(max(1, m.wants), ?2) THEN 'paired'
         WHEN m.status = 'invited' THEN 'invited'
         WHEN p.unavailable = 1 THEN 'unavailable'
         WHEN m.role = 'mentor' AND p.capacity = 0 THEN 'no_capacity'
         ELSE 'ready' END AS reason,
    (p.time_zone = 'UTC' OR p.availability = '[]' OR p.languages = '[]' OR (m.role = 'mentee' AND p.goals = '[]')
      OR (m.role = 'mentor' AND p.expertise = '[]')) AS incomplete,
    (m.status = 'invited' AND ((m.role = 'mentee' AND p.goals != '[]')
      OR (m.role = 'mentor' AND p.expertise != '[]' AND p.capacity > 0))) AS matchable,
    CASE WHEN m.role = 'mentor' THEN max(0, p.capacity - ${mentoringNow("p.id")}) ELSE 0 END AS places
  FROM memberships m JOIN people p ON p.id = m.person_id
  WHERE m.program_id = ?1 AND m.role IN ('mentor', 'mentee')
) GROUP BY role, reason, incomplete, matchable`;

/** Who the next run of this program will consider, and why the others are left out. */
export async function matchingReadiness(
  env: Env,
  programId: string,
  maxMentorsPerMentee: number,
): Promise<MatchingReadiness> {
  const rows = await env.DB.prepare(READINESS).bind(programId, maxMentorsPerMentee).all<{
    role: "mentor" | "mentee";
    reason: ReadinessRow["reason"];
    incomplete: number;
    matchable: number;
    n: number;
    places: number;
  }>();
  return summarizeReadiness(
    rows.results.map((r) => ({
      ...r,
      incomplete: r.incomplete === 1,
      matchable: r.matchable === 1,
      places: r.places ?? 0,
    })),
  );
}
