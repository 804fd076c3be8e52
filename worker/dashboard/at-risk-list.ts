/** Loads one page of the at-risk list and the total, keeping the page within range. */
import { type AtRiskView, pageCount } from "../domain/dashboard/at-risk-params";
import type { AtRiskList } from "../domain/dashboard/figures";
import { atRiskCountQuery, atRiskPageQuery, atRiskRowsOf } from "./at-risk";
import { countOf } from "./meeting-counts";
import { runBatch } from "./query";

/** Reads the page asked for; past the last page, reads the last page instead. */
export async function loadAtRiskList(env: Env, programId: string, view: AtRiskView): Promise<AtRiskList> {
  const [count, page] = await runBatch(env, [atRiskCountQuery(programId), atRiskPageQuery(programId, view)]);
  const total = countOf(count!);
  const last = pageCount(total);
  if (view.page <= last) return { rows: atRiskRowsOf(page!), total, view };
  const clamped = { ...view, page: last };
  const [again] = await runBatch(env, [atRiskPageQuery(programId, clamped)]);
  return { rows: atRiskRowsOf(again!), total, view: clamped };
}
