/** The people a run left unmatched who still have no proposal in it, with their names. */
import type { MatchRun, UnmatchedPerson } from "../domain/matching/review";

/**
 * Raw SQL: the run's unmatched list (JSON) is the row source, read through json_each, which the builder cannot express.
 */
const FROM = `
FROM json_each(?1) AS j JOIN people p ON p.id = json_extract(j.value, '$.id')
WHERE NOT EXISTS (SELECT 1 FROM match_proposals mp WHERE mp.run_id = ?2 AND (mp.mentee_id = p.id OR mp.mentor_id = p.id))`;

/** The first `limit` unmatched people of a run (mentees first) and how many there are in all. */
export async function unmatchedPeople(
  env: Env,
  run: MatchRun,
  limit = 50,
): Promise<{ rows: UnmatchedPerson[]; total: number }> {
  const list = JSON.stringify(run.unmatched);
  const [rows, total] = await env.DB.batch<Record<string, unknown>>([
    env.DB.prepare(
      `SELECT p.id, p.name, p.email, json_extract(j.value, '$.role') AS role, json_extract(j.value, '$.reason') AS reason ${FROM}
       ORDER BY json_extract(j.value, '$.role') DESC, p.name, p.email LIMIT ?3`,
    ).bind(list, run.id, limit),
    env.DB.prepare(`SELECT count(*) AS n ${FROM}`).bind(list, run.id),
  ]);
  return { rows: rows!.results as unknown as UnmatchedPerson[], total: Number(total!.results[0]?.n ?? 0) };
}
