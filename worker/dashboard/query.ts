/** Dashboard statements as text plus parameters, so the pages and the query-plan test run exactly the same SQL. */

/** One SQL statement and its bound parameters (?1, ?2, … in order). */
export interface SqlQuery {
  sql: string;
  params: (string | number | null)[];
}

/** Runs statements in one D1 batch (one round trip) and returns each one's rows. */
export async function runBatch(env: Env, queries: SqlQuery[]): Promise<Record<string, unknown>[][]> {
  const results = await env.DB.batch(queries.map((q) => env.DB.prepare(q.sql).bind(...q.params)));
  return results.map((r) => r.results as Record<string, unknown>[]);
}

/** A `CASE column WHEN 'a' THEN 0 WHEN 'b' THEN 1 … END` giving each listed (constant) value its position. */
export function positionCase(column: string, values: readonly string[]): string {
  return `CASE ${column} ${values.map((v, i) => `WHEN '${v}' THEN ${i}`).join(" ")} END`;
}

/** A number from a result cell (null and missing count as 0). */
export const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));
