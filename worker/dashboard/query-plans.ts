/** Every statement the dashboard pages run, built by the same functions the pages use, for the query-plan test. */
import type { ProgramType } from "../domain/vocabulary";
import { AT_RISK_SORTS } from "../domain/dashboard/at-risk-params";
import { atRiskCountQuery, atRiskPageQuery } from "./at-risk";
import { latestCheckinQuery } from "./checkin-buckets";
import { trendMonths, trendQueries } from "./checkin-trend";
import { engagementQueries } from "./engagement";
import { overviewQueries } from "./overview";
import type { SqlQuery } from "./query";

/** A named statement. */
export interface NamedQuery {
  name: string;
  query: SqlQuery;
}

/** All dashboard statements for one program as of `now`, every sort order of the at-risk list included. */
export function dashboardQueries(programId: string, type: ProgramType, timeZone: string, now: number): NamedQuery[] {
  const named = (prefix: string, qs: SqlQuery[]) => qs.map((query, i) => ({ name: `${prefix} #${i + 1}`, query }));
  return [
    ...named("overview", overviewQueries(programId, type, now)),
    ...named("check-ins latest", [latestCheckinQuery(programId, now)]),
    ...named("check-ins trend", trendQueries(programId, now, trendMonths(now, now, timeZone)).queries),
    ...named("engagement", engagementQueries(programId)),
    ...named("at-risk count", [atRiskCountQuery(programId)]),
    ...AT_RISK_SORTS.flatMap((sort) =>
      (["asc", "desc"] as const).map((dir) => ({
        name: `at-risk page sort=${sort} dir=${dir}`,
        query: atRiskPageQuery(programId, { sort, dir, page: 2 }),
      })),
    ),
  ];
}
