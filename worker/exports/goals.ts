/** The goals export: each pairing goal's title, status, progress and target date, as the room projects them. */
import { isoUtc } from "../domain/csv-writer";
import type { CsvWords } from "../domain/export-words";
import { type CsvSource, EXPORT_PAGE_SIZE, nextCursor } from "./csv-stream";

export const GOAL_COLUMNS = ["pairing", "title", "status", "progress", "target date", "updated"] as const;

type Row = {
  pairing_id: string;
  goal_id: string;
  title: string;
  status: string;
  progress: number;
  target_date: string | null;
  updated_at: number;
};
type Cursor = [pairingId: string, goalId: string];

// The program's pairings through pairings_program_idx, their goals through the pairing_goals primary key.
const PAGE_SQL = `SELECT g.pairing_id, g.goal_id, g.title, g.status, g.progress, g.target_date, g.updated_at
  FROM pairings p JOIN pairing_goals g ON g.pairing_id = p.id
  WHERE p.program_id = ?1 AND (g.pairing_id, g.goal_id) > (?2, ?3)
  ORDER BY g.pairing_id, g.goal_id LIMIT ?4`;

/** A program's goals, page by page. */
export function goalsExport(env: Env, programId: string, _words: CsvWords): CsvSource<Cursor> {
  return {
    header: GOAL_COLUMNS,
    async page(after) {
      const { results } = await env.DB.prepare(PAGE_SQL)
        .bind(programId, after?.[0] ?? "", after?.[1] ?? "", EXPORT_PAGE_SIZE)
        .all<Row>();
      return {
        rows: results.map((r) => [
          r.pairing_id,
          r.title,
          r.status,
          r.progress,
          r.target_date ?? "",
          isoUtc(r.updated_at),
        ]),
        next: nextCursor(results, (r): Cursor => [r.pairing_id, r.goal_id]),
      };
    },
  };
}
