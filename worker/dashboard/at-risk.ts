/** The at-risk list: a program's pairings with a risk flag, sorted and paged, with members' names. */
import type { AtRiskView } from "../domain/dashboard/at-risk-params";
import { AT_RISK_PER_PAGE } from "../domain/dashboard/at-risk-params";
import type { AtRiskRow } from "../domain/dashboard/figures";
import { pairingStages } from "../domain/vocabulary";
import { pairingMembers } from "../pairings/people-sql";
import { num, positionCase, type SqlQuery } from "./query";

/** What each sort key orders by, for rows under `alias` (constant SQL, chosen from a fixed list). */
const ORDER: Record<AtRiskView["sort"], (alias: string) => string> = {
  since: (a) => `${a}.risk_since`,
  activity: (a) => `${a}.last_activity_at`,
  stage: (a) => positionCase(`${a}.stage`, pairingStages),
};

/** How many of the program's pairings are flagged. */
export function atRiskCountQuery(programId: string): SqlQuery {
  return {
    sql: "SELECT count(*) AS n FROM pairings WHERE program_id = ?1 AND risk_reason IS NOT NULL",
    params: [programId],
  };
}

/**
 * One page of flagged pairings in the view's order (ties by id, so pages never overlap). The page is chosen first and
 * members' names are looked up for its rows only, not for every flagged pairing the sort goes through.
 */
export function atRiskPageQuery(programId: string, view: AtRiskView): SqlQuery {
  const dir = view.dir === "desc" ? "DESC" : "ASC";
  const order = (a: string) => `ORDER BY ${ORDER[view.sort](a)} ${dir}, ${a}.id ${dir}`;
  return {
    sql: `SELECT page.id, page.stage, page.risk_reason, page.risk_since, page.last_activity_at,
        ${pairingMembers("page.id", ", ")} AS members
      FROM (SELECT p.id, p.stage, p.risk_reason, p.risk_since, p.last_activity_at
        FROM pairings p WHERE p.program_id = ?1 AND p.risk_reason IS NOT NULL
        ${order("p")} LIMIT ?2 OFFSET ?3) page
      ${order("page")}`,
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
