/**
 * A program's pairing totals for the headline figures: pairings, at risk, and mean goal progress of those with goals.
 */
import type { PairingTotals } from "../domain/dashboard/figures";
import { num, type SqlQuery } from "./query";

/** Counts pairings, those flagged at risk, and averages goal progress over pairings with goals. */
export function pairingTotalsQuery(programId: string): SqlQuery {
  return {
    sql: `SELECT count(*) AS pairings, coalesce(sum(risk_reason IS NOT NULL), 0) AS at_risk, count(goal_progress) AS with_goals, avg(goal_progress) AS mean_goal
      FROM pairings WHERE program_id = ?1`,
    params: [programId],
  };
}

/** Reads the row of `pairingTotalsQuery`. */
export function pairingTotalsOf(rows: Record<string, unknown>[]): PairingTotals {
  const r = rows[0] ?? {};
  return {
    pairings: num(r.pairings),
    atRisk: num(r.at_risk),
    withGoals: num(r.with_goals),
    meanGoalProgress: r.mean_goal === null || r.mean_goal === undefined ? null : Math.round(Number(r.mean_goal)),
  };
}
