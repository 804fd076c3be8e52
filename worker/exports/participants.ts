/** The participants export: each mentor's and mentee's membership of the program, one row per person and role. */
import { isoUtc } from "../domain/csv-writer";
import type { CsvWords } from "../domain/export-words";
import { type CsvSource, EXPORT_PAGE_SIZE, nextCursor } from "./csv-stream";
import { personEmail, personName } from "../pairings/people-sql";

export const PARTICIPANT_COLUMNS = [
  "name",
  "email",
  "role",
  "status",
  "time zone",
  "joined",
  "invited",
  "in pairings",
] as const;

type Row = {
  person_id: string;
  role: string;
  name: string;
  email: string;
  status: string;
  time_zone: string;
  created_at: number;
  invited_at: number | null;
  pairings: number;
};
type Cursor = [personId: string, role: string];

// Uses the memberships primary key (program_id, person_id, role): one range read per page.
const PAGE_SQL = `SELECT m.person_id, m.role, ${personName("pe")} AS name, ${personEmail("pe")} AS email, m.status, pe.time_zone, m.created_at, m.invited_at,
    (SELECT count(*) FROM pairing_members pm WHERE pm.person_id = m.person_id AND pm.program_id = m.program_id) AS pairings
  FROM memberships m JOIN people pe ON pe.id = m.person_id
  WHERE m.program_id = ?1 AND m.role != 'coordinator' AND (m.person_id, m.role) > (?2, ?3)
  ORDER BY m.person_id, m.role LIMIT ?4`;

/** The participants of a program, page by page. */
export function participantsExport(env: Env, programId: string, words: CsvWords): CsvSource<Cursor> {
  return {
    header: PARTICIPANT_COLUMNS,
    async page(after) {
      const { results } = await env.DB.prepare(PAGE_SQL)
        .bind(programId, after?.[0] ?? "", after?.[1] ?? "", EXPORT_PAGE_SIZE)
        .all<Row>();
      return {
        rows: results.map((r) => [
          r.name,
          r.email,
          words.role(r.role),
          words.participantStatus(r.status),
          r.time_zone,
          isoUtc(r.created_at),
          isoUtc(r.invited_at),
          r.pairings,
        ]),
        next: nextCursor(results, (r): Cursor => [r.person_id, r.role]),
      };
    },
  };
}
