/**
 * Loads a program's people as the matcher sees them: profiles, program answers, remaining capacity, avoid lists,
 * history.
 */
import { slotList, stringList, stringRecord } from "../db/json-columns";
import { mentoringNow } from "./pairings";
import type { ProgramCandidate } from "../domain/matching/types";

/** Limits loading to some people (ids); undefined loads everyone in that role. */
export interface PoolFilter {
  mentors?: readonly string[];
  mentees?: readonly string[];
  /**
   * Also invited people who have not joined, when their imported profile says enough to match: goals for a mentee,
   * expertise and a capacity for a mentor.
   */
  includeInvited?: boolean;
}

/** The matching population of a program. */
export interface ProgramPool {
  mentors: ProgramCandidate[];
  mentees: ProgramCandidate[];
  /** [a, b] pairs of people in this program who were paired before and whose pairing ended. */
  ended: [string, string][];
}

interface MemberRow {
  id: string;
  name: string;
  email: string;
  role: "mentor" | "mentee";
  time_zone: string;
  goals: string;
  expertise: string;
  languages: string;
  channels: string;
  availability: string;
  capacity: number;
  unavailable: number;
  attributes: string;
  wants: number;
  /** Mentees this person mentors now, in any program (capacity is per person). */
  mentoring: number;
  /** Active pairings this person is in as a mentee (or peer) in this program. */
  paired_here: number;
}

/**
 * Raw SQL: the id filters travel as JSON through json_each (a pool can be thousands of people, past D1's 100 bound
 * parameters) and the capacities are correlated counts; AVOIDS and HISTORY stay raw with it because the three share
 * one D1 batch (one consistent read), and drizzle's batch cannot carry a raw statement.
 */
const MEMBERS = `
SELECT p.id, p.name, p.email, m.role, p.time_zone, p.goals, p.expertise, p.languages, p.channels, p.availability,
       p.capacity, p.unavailable, m.attributes, m.wants,
       ${mentoringNow("p.id")} AS mentoring,
       (SELECT count(*) FROM pairing_members me JOIN pairings pr ON pr.id = me.pairing_id AND pr.ended_at IS NULL
        WHERE me.person_id = p.id AND me.program_id = ?1 AND me.role IN ('mentee', 'peer')) AS paired_here
FROM memberships m JOIN people p ON p.id = m.person_id
WHERE m.program_id = ?1 AND (m.status = 'active' OR (?4 = 1 AND m.status = 'invited'
    AND ((m.role = 'mentee' AND p.goals != '[]') OR (m.role = 'mentor' AND p.expertise != '[]' AND p.capacity > 0))))
  AND ((m.role = 'mentor' AND (?2 IS NULL OR p.id IN (SELECT value FROM json_each(?2))))
    OR (m.role = 'mentee' AND (?3 IS NULL OR p.id IN (SELECT value FROM json_each(?3)))))
ORDER BY p.id, m.role`;

const AVOIDS = `SELECT person_id, avoid_id FROM match_avoids WHERE program_id = ?1`;

/** Pairs in this program's population that were together before and ended, plus pairs active now in this program. */
const HISTORY = `
SELECT a.person_id AS a, b.person_id AS b, p.ended_at IS NOT NULL AS ended
FROM pairing_members a JOIN pairing_members b ON b.pairing_id = a.pairing_id AND a.person_id < b.person_id
JOIN pairings p ON p.id = a.pairing_id
WHERE (p.ended_at IS NOT NULL OR p.program_id = ?1)
  AND a.person_id IN (SELECT person_id FROM memberships WHERE program_id = ?1)
  AND b.person_id IN (SELECT person_id FROM memberships WHERE program_id = ?1)`;

/** Program answers, lower-cased so "Finance" and "finance" count as the same answer. */
const answers = (json: string): Record<string, string> =>
  Object.fromEntries(Object.entries(stringRecord(json)).map(([k, v]) => [k, v.toLowerCase()]));

/**
 * Loads the program's active mentors and mentees. A mentor's capacity is what is left of their profile capacity after
 * the mentees they have now (anywhere); a mentee's `wants` is what is left of min(their wish, the program's limit)
 * after the mentors they have in this program. People paired now are on each other's avoid list, so they are not
 * proposed twice.
 */
export async function loadPool(
  env: Env,
  programId: string,
  maxMentorsPerMentee: number,
  only: PoolFilter = {},
): Promise<ProgramPool> {
  const ids = (list?: readonly string[]) => (list === undefined ? null : JSON.stringify(list));
  const [members, avoids, history] = await env.DB.batch<Record<string, unknown>>([
    env.DB.prepare(MEMBERS).bind(programId, ids(only.mentors), ids(only.mentees), only.includeInvited ? 1 : 0),
    env.DB.prepare(AVOIDS).bind(programId),
    env.DB.prepare(HISTORY).bind(programId),
  ]);
  const avoid = new Map<string, string[]>();
  const addAvoid = (a: string, b: string) => avoid.set(a, [...(avoid.get(a) ?? []), b]);
  for (const r of avoids!.results as { person_id: string; avoid_id: string }[]) addAvoid(r.person_id, r.avoid_id);
  const ended: [string, string][] = [];
  for (const r of history!.results as { a: string; b: string; ended: number }[]) {
    if (r.ended) ended.push([r.a, r.b]);
    else {
      addAvoid(r.a, r.b);
      addAvoid(r.b, r.a);
    }
  }
  const mentors: ProgramCandidate[] = [];
  const mentees: ProgramCandidate[] = [];
  for (const r of members!.results as unknown as MemberRow[]) {
    const base = {
      id: r.id,
      name: r.name,
      email: r.email,
      role: r.role,
      goals: stringList(r.goals),
      expertise: stringList(r.expertise),
      languages: stringList(r.languages),
      channels: stringList(r.channels),
      timeZone: r.time_zone,
      availability: slotList(r.availability),
      unavailable: r.unavailable === 1,
      avoid: avoid.get(r.id) ?? [],
      attributes: answers(r.attributes),
    };
    if (r.role === "mentor") mentors.push({ ...base, capacity: Math.max(0, r.capacity - r.mentoring) });
    else
      mentees.push({
        ...base,
        capacity: 0,
        wants: Math.max(0, Math.min(Math.max(1, r.wants), maxMentorsPerMentee) - r.paired_here),
      });
  }
  return { mentors, mentees, ended };
}
