/** The at-risk list: a program's pairings with a risk flag, sorted and paged, with members' names. */
import type { AtRiskView } from "../domain/dashboard/at-risk-params";
import { AT_RISK_PER_PAGE } from "../domain/dashboard/at-risk-params";
import type { AtRiskRow } from "../domain/dashboard/figures";
import { pairingStages } from "../domain/vocabulary";
import { pairingMembers } from "../pairings/people-sql";
import { num, positionCase, type SqlQuery } from "./query";

/** What each sort key orders by (constant SQL, chosen from a fixed list). */
const ORDER: Record<AtRiskView["sort"], string> = {
  since: "p.risk_since",
  activity: "p.last_activity_at",
  stage: positionCase("p.stage", pairingStages),
};

/** How many of the program's pairings are flagged. */
export function atRiskCountQuery(programId: string): SqlQuery {
  return {
    sql: "SELECT count(*) AS n FROM pairings WHERE program_id = ?1 AND risk_reason IS NOT NULL",
    params: [programId],
  };
}

/** One page of flagged pairings in the view's order (ties by id, so pages never overlap). */
export function atRiskPageQuery(programId: string, view: AtRiskView): SqlQuery {
  const dir = view.dir === "desc" ? "DESC" : "ASC";
  return {
    sql: `SELECT p.id, p.stage, p.risk_reason, p.risk_since, p.last_activity_at,
        ${pairingMembers("p.id", ", ")} AS members
      FROM pairings p WHERE p.program_id = ?1 AND p.risk_reason IS NOT NULL
      ORDER BY ${ORDER[view.sort]} ${dir}, p.id ${dir} LIMIT ?2 OFFSET ?3`,
    params: [programId, AT_RISK_PER_PAGE, (view.page - 1) * AT_RISK_PER_PAGE],
  };
}

/** Reads the rows of `atRiskPageQuery`. */
export function atRiskRowsOf(rows: Record<string, unknown>[]): AtRiskRow[] {
  return rows.map((r) => ({
    id: String(r.id),
    stage: String(r.stage),
    reason: String(r.risk_reason ?? ""),
    since: r.risk_since === null ? null : num(r.risk_since),
    lastActivityAt: r.last_activity_at === null ? null : num(r.last_activity_at),
    members: String(r.members ?? ""),
  }));
}
