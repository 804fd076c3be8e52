/**
 * Pairings of a program grouped by current stage and the furthest main-path stage their stage changes mention, read
 * from `stage_group_counts` (kept by triggers, migration 0020) rather than every pairing's stage changes.
 */
import type { StageGroup } from "../domain/dashboard/funnel";
import { num, type SqlQuery } from "./query";

/** One row per (current stage, furthest stage changed from or to; -1 for none) with pairings in it: the funnel's input. */
export function stageGroupsQuery(programId: string): SqlQuery {
  return {
    sql: "SELECT stage, furthest, n FROM stage_group_counts WHERE program_id = ?1 AND n > 0",
    params: [programId],
  };
}

/** Reads the rows of `stageGroupsQuery`. */
export function stageGroupsOf(rows: Record<string, unknown>[]): StageGroup[] {
  return rows.map((r) => ({
    stage: String(r.stage),
    furthest: r.furthest === null || num(r.furthest) < 0 ? null : num(r.furthest),
    n: num(r.n),
  }));
}
