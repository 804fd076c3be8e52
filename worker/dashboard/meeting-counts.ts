/** Meetings of a program's pairings: held in a time range, held per pairing, and held vs missed in all. */
import { num, type SqlQuery } from "./query";

/** Occurrences marked held whose start lies in [from, to). */
export function meetingsHeldBetweenQuery(programId: string, from: number, to: number): SqlQuery {
  return {
    sql: `SELECT count(*) AS n FROM pairings p JOIN meeting_outcomes o ON o.pairing_id = p.id
      WHERE p.program_id = ?1 AND o.outcome = 'held' AND o.starts_at >= ?2 AND o.starts_at < ?3`,
    params: [programId, from, to],
  };
}

/** How many pairings held how many meetings (every pairing of the program, including those with none). */
export function heldPerPairingQuery(programId: string): SqlQuery {
  return {
    sql: `SELECT held, count(*) AS n FROM (
        SELECT (SELECT count(*) FROM meeting_outcomes o WHERE o.pairing_id = p.id AND o.outcome = 'held') AS held FROM pairings p WHERE p.program_id = ?1
      ) GROUP BY held`,
    params: [programId],
  };
}

/** Recorded outcomes by kind (held, missed) over all the program's pairings. */
export function outcomeTotalsQuery(programId: string): SqlQuery {
  return {
    sql: "SELECT o.outcome AS outcome, count(*) AS n FROM pairings p JOIN meeting_outcomes o ON o.pairing_id = p.id WHERE p.program_id = ?1 GROUP BY o.outcome",
    params: [programId],
  };
}

/** Reads a single count row. */
export const countOf = (rows: Record<string, unknown>[]): number => num(rows[0]?.n);

/** Reads the rows of `heldPerPairingQuery`. */
export const heldRows = (rows: Record<string, unknown>[]) => rows.map((r) => ({ held: num(r.held), n: num(r.n) }));

/** Reads the rows of `outcomeTotalsQuery` into held and missed totals. */
export function outcomeTotalsOf(rows: Record<string, unknown>[]): { held: number; missed: number } {
  const of = (k: string) => num(rows.find((r) => r.outcome === k)?.n);
  return { held: of("held"), missed: of("missed") };
}
