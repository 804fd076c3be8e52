/**
 * Meetings of a program's pairings: held in a time range, held per pairing, and held vs missed in all. Ranges and totals
 * read `meeting_outcome_slots` (outcomes counted per 15-minute slot of their start, kept by triggers, migration 0020);
 * the parts of a range that cut a slot are counted from the outcomes themselves (by `meeting_outcomes_starts_idx`);
 * meetings held per pairing read `pairing_held_counts` (also kept by triggers).
 */
import { num, type SqlQuery } from "./query";

/** The slot length of `meeting_outcome_slots` (15 minutes, in ms): `slot = starts_at / SLOT_MS`. */
const SLOT_MS = 900_000;

/** Held outcomes of the program's pairings starting in a range given as SQL parameters, from the outcomes themselves. */
const heldBetween = (from: string, to: string) =>
  `(SELECT count(*) FROM meeting_outcomes o WHERE o.starts_at >= ${from} AND o.starts_at < ${to} AND o.outcome = 'held'
    AND EXISTS (SELECT 1 FROM pairings p WHERE p.id = o.pairing_id AND p.program_id = ?1))`;

/** Occurrences marked held whose start lies in [from, to): whole slots from the counts, the cut ends from the rows. */
export function meetingsHeldBetweenQuery(programId: string, from: number, to: number): SqlQuery {
  const firstSlot = Math.ceil(from / SLOT_MS);
  const lastSlot = Math.floor(to / SLOT_MS);
  if (firstSlot >= lastSlot) return { sql: `SELECT ${heldBetween("?2", "?3")} AS n`, params: [programId, from, to] };
  return {
    sql: `SELECT (SELECT coalesce(sum(n), 0) FROM meeting_outcome_slots s
        WHERE s.program_id = ?1 AND s.slot >= ?4 AND s.slot < ?5 AND s.outcome = 'held')
      + ${heldBetween("?2", "?6")} + ${heldBetween("?7", "?3")} AS n`,
    params: [programId, from, to, firstSlot, lastSlot, firstSlot * SLOT_MS, lastSlot * SLOT_MS],
  };
}

/** How many pairings held how many meetings (every pairing of the program, including those with none). */
export function heldPerPairingQuery(programId: string): SqlQuery {
  return {
    sql: "SELECT held, count(*) AS n FROM pairing_held_counts WHERE program_id = ?1 GROUP BY held",
    params: [programId],
  };
}

/** Recorded outcomes by kind (held, missed) over all the program's pairings. */
export function outcomeTotalsQuery(programId: string): SqlQuery {
  return {
    sql: "SELECT outcome, sum(n) AS n FROM meeting_outcome_slots WHERE program_id = ?1 GROUP BY outcome",
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
