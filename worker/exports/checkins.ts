/**
 * The check-ins export: one row per check-in and member, with their answer and comment (comments are written for
 * coordinators).
 */
import { isoUtc } from "../domain/csv-writer";
import type { CsvWords } from "../domain/export-words";
import { type CsvSource, EXPORT_PAGE_SIZE, nextCursor } from "./csv-stream";
import { pairingMembers, personName } from "../pairings/people-sql";

export const CHECKIN_COLUMNS = [
  "pairing",
  "members",
  "milestone",
  "opens",
  "closes",
  "person",
  "answer",
  "answered at",
  "comment",
] as const;

type Row = {
  id: string;
  pairing_id: string;
  members: string | null;
  milestone: string;
  opens_at: number;
  closes_at: number;
  person_id: string;
  person: string;
  answer: string | null;
  answered_at: number | null;
  comment: string | null;
};
type Cursor = [opensAt: number, checkinId: string, personId: string];

// checkins_program_idx (program_id, opens_at) walks the program's check-ins in order; members and answers by their
// keys.
const PAGE_SQL = `SELECT c.id, c.pairing_id, ${pairingMembers("c.pairing_id")} AS members, c.milestone, c.opens_at, c.closes_at, pm.person_id, ${personName("pe")} AS person,
    a.answer, a.answered_at, a.comment
  FROM checkins c JOIN pairing_members pm ON pm.pairing_id = c.pairing_id JOIN people pe ON pe.id = pm.person_id
  LEFT JOIN checkin_answers a ON a.checkin_id = c.id AND a.person_id = pm.person_id
  WHERE c.program_id = ?1 AND (c.opens_at, c.id, pm.person_id) > (?2, ?3, ?4)
  ORDER BY c.opens_at, c.id, pm.person_id LIMIT ?5`;

/** A program's check-ins with each member's answer, page by page. */
export function checkinsExport(env: Env, programId: string, words: CsvWords): CsvSource<Cursor> {
  return {
    header: CHECKIN_COLUMNS,
    async page(after) {
      const { results } = await env.DB.prepare(PAGE_SQL)
        .bind(programId, after?.[0] ?? Number.MIN_SAFE_INTEGER, after?.[1] ?? "", after?.[2] ?? "", EXPORT_PAGE_SIZE)
        .all<Row>();
      return {
        rows: results.map((r) => [
          r.pairing_id,
          r.members ?? "",
          r.milestone,
          isoUtc(r.opens_at),
          isoUtc(r.closes_at),
          r.person,
          words.answer(r.answer),
          isoUtc(r.answered_at),
          r.comment ?? "",
        ]),
        next: nextCursor(results, (r): Cursor => [r.opens_at, r.id, r.person_id]),
      };
    },
  };
}
