/** Goals of a program's pairings: pairings by mean goal progress, and goals by status. */
import { num, type SqlQuery } from "./query";

/** How many pairings have each mean goal progress (null: no goals). */
export function progressGroupsQuery(programId: string): SqlQuery {
  return {
    sql: "SELECT goal_progress AS progress, count(*) AS n FROM pairings WHERE program_id = ?1 GROUP BY goal_progress",
    params: [programId],
  };
}

/** How many goals have each status, over all the program's pairings (from `goal_status_counts`, kept by triggers). */
export function goalStatusQuery(programId: string): SqlQuery {
  return {
    sql: "SELECT status, n FROM goal_status_counts WHERE program_id = ?1 AND n > 0",
    params: [programId],
  };
}

/** Reads the rows of `progressGroupsQuery`. */
export const progressRows = (rows: Record<string, unknown>[]) =>
  rows.map((r) => ({ progress: r.progress === null ? null : num(r.progress), n: num(r.n) }));

/** Reads the rows of `goalStatusQuery` as counts by status. */
export const statusCounts = (rows: Record<string, unknown>[]): Record<string, number> =>
  Object.fromEntries(rows.map((r) => [String(r.status), num(r.n)]));
