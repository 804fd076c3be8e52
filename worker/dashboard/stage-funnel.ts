/** Pairings of a program grouped by current stage and the furthest main-path stage their stage changes mention. */
import { FUNNEL_STAGES, type StageGroup } from "../domain/dashboard/funnel";
import { num, positionCase, type SqlQuery } from "./query";

/** One row per (current stage, furthest stage changed from or to): the funnel's input. */
export function stageGroupsQuery(programId: string): SqlQuery {
  const from = positionCase("s.from_stage", FUNNEL_STAGES);
  const to = positionCase("s.to_stage", FUNNEL_STAGES);
  return {
    sql: `SELECT stage, furthest, count(*) AS n FROM (
        SELECT p.stage AS stage, (SELECT max(max(coalesce(${from}, -1), coalesce(${to}, -1))) FROM pairing_stage_changes s WHERE s.pairing_id = p.id) AS furthest
        FROM pairings p WHERE p.program_id = ?1
      ) GROUP BY stage, furthest`,
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
