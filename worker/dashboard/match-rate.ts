/**
 * Match rate: of a program's active mentees (in peer programs: its active participants), how many are in a pairing
 * of the program that has not ended early.
 */
import type { ProgramType } from "../domain/vocabulary";
import type { MatchRate } from "../domain/dashboard/figures";
import { num, type SqlQuery } from "./query";

/**
 * Counts the people the match rate is about, and those of them in a pairing that has not ended early. The unary `+`
 * keeps SQLite from looking members up by program (every member of the program, per person) instead of by person.
 * Outside peer programs the people are the mentees, one membership row each (role is part of the key), so they are read
 * without DISTINCT (a third of the query's time at 5,000 pairings); in peer programs someone may be both roles.
 */
export function matchRateQuery(programId: string, type: ProgramType): SqlQuery {
  const roles = type === "peer" ? ["mentor", "mentee"] : ["mentee", "mentee"];
  const people =
    type === "peer"
      ? "(SELECT DISTINCT person_id FROM memberships WHERE program_id = ?1 AND status = 'active' AND role IN (?2, ?3)) m"
      : "memberships m WHERE m.program_id = ?1 AND m.status = 'active' AND m.role = ?2";
  return {
    sql: `SELECT count(*) AS total, coalesce(sum(EXISTS (
          SELECT 1 FROM pairing_members pm JOIN pairings p ON p.id = pm.pairing_id
          WHERE pm.person_id = m.person_id AND +pm.program_id = ?1 AND pm.role IN ('peer', ?2, ?3) AND p.stage <> 'ended_early'
        )), 0) AS matched
      FROM ${people}`,
    params: [programId, ...roles],
  };
}

/** Reads the row of `matchRateQuery`. */
export function matchRateOf(rows: Record<string, unknown>[]): MatchRate {
  return { matched: num(rows[0]?.matched), total: num(rows[0]?.total) };
}
