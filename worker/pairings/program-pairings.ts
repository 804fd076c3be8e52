/** The pairings of a program as its coordinators see them: the projection only (stage, activity, counts), never content. */
import type { PairingHistory, PairingSummaryRow } from "../domain/pairing";
import { PAIRINGS_PER_PAGE } from "../domain/paging";
import { projectionOf } from "./access";
import { pairingMembers } from "./people-sql";

/** A page of a program's pairings, least recently active first (quiet pairings need attention first), and the total. */
export async function programPairings(
  env: Env,
  programId: string,
  page: number,
): Promise<{ rows: PairingSummaryRow[]; total: number }> {
  const [list, count] = await env.DB.batch([
    env.DB.prepare(
      `SELECT p.id, p.stage, p.stage_reason, p.created_at, p.last_activity_at, p.message_count, p.agreement_signed, p.goal_progress, p.risk_reason,
         ${pairingMembers("p.id", ", ")} AS members
       FROM pairings p WHERE p.program_id = ?1
       ORDER BY p.ended_at IS NOT NULL, coalesce(p.last_activity_at, p.created_at), p.id LIMIT ?2 OFFSET ?3`,
    ).bind(programId, PAIRINGS_PER_PAGE, (page - 1) * PAIRINGS_PER_PAGE),
    env.DB.prepare("SELECT count(*) AS n FROM pairings WHERE program_id = ?1").bind(programId),
  ]);
  const rows = (list!.results as Record<string, unknown>[]).map((r) => ({
    ...projectionOf(r),
    members: String(r.members ?? ""),
  }));
  return { rows, total: Number((count!.results[0] as { n: number }).n) };
}

/** A pairing's stage history and goals, from the projection. */
export async function pairingHistory(env: Env, pairingId: string): Promise<PairingHistory> {
  const [changes, goals] = await env.DB.batch([
    env.DB.prepare(
      "SELECT seq, from_stage, to_stage, reason, actor, at FROM pairing_stage_changes WHERE pairing_id = ?1 ORDER BY seq DESC LIMIT 50",
    ).bind(pairingId),
    env.DB.prepare(
      "SELECT title, status, progress, target_date FROM pairing_goals WHERE pairing_id = ?1 ORDER BY updated_at DESC",
    ).bind(pairingId),
  ]);
  return {
    changes: changes!.results as {
      seq: number;
      from_stage: string;
      to_stage: string;
      reason: string;
      actor: string;
      at: number;
    }[],
    goals: goals!.results as { title: string; status: string; progress: number; target_date: string | null }[],
  };
}
