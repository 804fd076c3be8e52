/** The pairings export: each pairing's projection (stage, risk, activity, counts), never its content. */
import { isoUtc } from "../domain/csv-writer";
import type { CsvWords } from "../domain/export-words";
import { type CsvSource, EXPORT_PAGE_SIZE, nextCursor } from "./csv-stream";
import { pairingMembers } from "../pairings/people-sql";

export const PAIRING_COLUMNS = [
  "pairing",
  "members",
  "stage",
  "stage reason",
  "risk reason",
  "risk since",
  "created",
  "last activity",
  "ended",
  "messages",
  "agreement signed",
  "goals",
  "goal progress",
  "meetings held",
  "meetings missed",
] as const;

type Row = {
  id: string;
  members: string | null;
  stage: string;
  stage_reason: string;
  risk_reason: string | null;
  risk_since: number | null;
  created_at: number;
  last_activity_at: number | null;
  ended_at: number | null;
  message_count: number;
  agreement_signed: number;
  goal_count: number;
  goal_progress: number | null;
  held: number;
  missed: number;
};

// pairings_program_idx finds the program's pairings; members and outcomes are read through their pairing indexes.
const PAGE_SQL = `SELECT p.id, ${pairingMembers("p.id")} AS members, p.stage, p.stage_reason, p.risk_reason, p.risk_since, p.created_at, p.last_activity_at, p.ended_at,
    p.message_count, p.agreement_signed, p.goal_count, p.goal_progress,
    (SELECT count(*) FROM meeting_outcomes o WHERE o.pairing_id = p.id AND o.outcome = 'held') AS held,
    (SELECT count(*) FROM meeting_outcomes o WHERE o.pairing_id = p.id AND o.outcome = 'missed') AS missed
  FROM pairings p WHERE p.program_id = ?1 AND p.id > ?2 ORDER BY p.id LIMIT ?3`;

/** The pairings of a program, page by page. */
export function pairingsExport(env: Env, programId: string, words: CsvWords): CsvSource<string> {
  return {
    header: PAIRING_COLUMNS,
    async page(after) {
      const { results } = await env.DB.prepare(PAGE_SQL)
        .bind(programId, after ?? "", EXPORT_PAGE_SIZE)
        .all<Row>();
      return {
        rows: results.map((r) => [
          r.id,
          r.members ?? "",
          words.stage(r.stage),
          r.stage_reason,
          r.risk_reason ?? "",
          isoUtc(r.risk_since),
          isoUtc(r.created_at),
          isoUtc(r.last_activity_at),
          isoUtc(r.ended_at),
          r.message_count,
          words.yesNo(Boolean(r.agreement_signed)),
          r.goal_count,
          r.goal_progress,
          r.held,
          r.missed,
        ]),
        next: nextCursor(results, (r) => r.id),
      };
    },
  };
}
