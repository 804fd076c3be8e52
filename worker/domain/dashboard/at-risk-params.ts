/** The at-risk list's query parameters: sort key, direction and page, anything unknown read as the default. Pure. */

export const AT_RISK_SORTS = ["since", "activity", "stage"] as const;
export type AtRiskSort = (typeof AT_RISK_SORTS)[number];
export type SortDir = "asc" | "desc";
export const AT_RISK_PER_PAGE = 25;

/** A sorted, paged view of the list. */
export interface AtRiskView {
  sort: AtRiskSort;
  dir: SortDir;
  page: number;
}

export const AT_RISK_DEFAULT: AtRiskView = { sort: "since", dir: "asc", page: 1 };

/** Reads `sort`, `dir` and `page` from a query; garbage gives the defaults (page is clamped to 1…100000). */
export function parseAtRiskView(q: { sort?: string; dir?: string; page?: string }): AtRiskView {
  const sort = (AT_RISK_SORTS as readonly string[]).includes(q.sort ?? "")
    ? (q.sort as AtRiskSort)
    : AT_RISK_DEFAULT.sort;
  const dir: SortDir = q.dir === "desc" ? "desc" : q.dir === "asc" ? "asc" : AT_RISK_DEFAULT.dir;
  const page = /^\d{1,6}$/.test(q.page ?? "") ? Math.min(100_000, Math.max(1, Number(q.page))) : 1;
  return { sort, dir, page };
}

/** The number of pages for `total` rows (at least 1). */
export function pageCount(total: number): number {
  return Math.max(1, Math.ceil(total / AT_RISK_PER_PAGE));
}

/** The query string for a view, leaving out what is default. */
export function atRiskQuery(v: AtRiskView): string {
  const parts: string[] = [];
  if (v.sort !== AT_RISK_DEFAULT.sort || v.dir !== AT_RISK_DEFAULT.dir) parts.push(`sort=${v.sort}`, `dir=${v.dir}`);
  if (v.page > 1) parts.push(`page=${v.page}`);
  return parts.length ? `?${parts.join("&")}` : "";
}
