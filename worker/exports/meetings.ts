/**
 * The meetings export: each meeting's schedule, status and how many occurrences were held or missed (never agendas or
 * notes).
 */
import type { CsvWords } from "../domain/export-words";
import { type CsvSource, EXPORT_PAGE_SIZE, nextCursor } from "./csv-stream";
import { personName } from "../pairings/people-sql";

export const MEETING_COLUMNS = [
  "pairing",
  "title",
  "kind",
  "organiser",
  "time zone",
  "local start",
  "duration (minutes)",
  "repeat",
  "status",
  "held",
  "missed",
] as const;

type Row = {
  pairing_id: string;
  id: string;
  title: string;
  kind: string;
  organiser: string | null;
  time_zone: string;
  start_local: string;
  duration_minutes: number;
  repeat: string;
  status: string;
  held: number;
  missed: number;
};
type Cursor = [pairingId: string, meetingId: string];

// The program's pairings through pairings_program_idx, their meetings through meetings_pairing_idx, outcomes by meeting
// key.
const PAGE_SQL = `SELECT m.pairing_id, m.id, m.title, m.kind, ${personName("pe")} AS organiser, m.time_zone, m.start_local, m.duration_minutes, m.repeat, m.status,
    (SELECT count(*) FROM meeting_outcomes o WHERE o.meeting_id = m.id AND o.outcome = 'held') AS held,
    (SELECT count(*) FROM meeting_outcomes o WHERE o.meeting_id = m.id AND o.outcome = 'missed') AS missed
  FROM pairings p JOIN meetings m ON m.pairing_id = p.id LEFT JOIN people pe ON pe.id = m.organizer_id
  WHERE p.program_id = ?1 AND (m.pairing_id, m.id) > (?2, ?3)
  ORDER BY m.pairing_id, m.id LIMIT ?4`;

/** A program's meetings, page by page. */
export function meetingsExport(env: Env, programId: string, words: CsvWords): CsvSource<Cursor> {
  return {
    header: MEETING_COLUMNS,
    async page(after) {
      const { results } = await env.DB.prepare(PAGE_SQL)
        .bind(programId, after?.[0] ?? "", after?.[1] ?? "", EXPORT_PAGE_SIZE)
        .all<Row>();
      return {
        rows: results.map((r) => [
          r.pairing_id,
          r.title,
          words.meetingKind(r.kind),
          r.organiser ?? "",
          r.time_zone,
          r.start_local,
          r.duration_minutes,
          words.repeat(r.repeat),
          r.status,
          r.held,
          r.missed,
        ]),
        next: nextCursor(results, (r): Cursor => [r.pairing_id, r.id]),
      };
    },
  };
}
