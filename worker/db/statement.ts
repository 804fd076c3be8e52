/** Builder statements as D1 prepared statements, for batches that must also carry raw statements. */

/**
 * The D1 statement of a drizzle builder write (its SQL and driver-mapped parameters), so it can share one
 * `env.DB.batch` (one transaction) with raw prepared statements, which drizzle's own batch cannot take. Writes only:
 * rows a select returned this way would not be mapped to the builder's field names.
 */
export function d1Statement(env: Env, query: { toSQL(): { sql: string; params: unknown[] } }): D1PreparedStatement {
  const { sql, params } = query.toSQL();
  return env.DB.prepare(sql).bind(...params);
}
