/** The best other mentors for a staged mentee, with free places in the run, so a coordinator can edit a proposal quickly. */
import type { Alternative } from "../domain/matching/review";
import { scorePair } from "../domain/matching/score";
import { peerPairScore } from "../domain/matching/staging";
import { poolFor, type Staging } from "./staging-context";

/** Up to `limit` allowed mentors (peers) for a mentee, best score first, leaving out the people in `except`. */
export async function alternativesFor(
  env: Env,
  s: Staging,
  menteeId: string,
  except: readonly string[],
  limit = 5,
): Promise<Alternative[]> {
  const { pool, ctx } = await poolFor(env, s, s.peer ? {} : { mentees: [menteeId] });
  const mentee = [...pool.mentees, ...pool.mentors].find((p) => p.id === menteeId);
  if (!mentee) return [];
  const used = await env.DB.prepare(
    s.peer
      ? "SELECT id, count(*) AS n FROM (SELECT mentor_id AS id FROM match_proposals WHERE run_id = ?1 UNION ALL SELECT mentee_id FROM match_proposals WHERE run_id = ?1) GROUP BY id"
      : "SELECT mentor_id AS id, count(*) AS n FROM match_proposals WHERE run_id = ?1 GROUP BY mentor_id",
  )
    .bind(s.run.id)
    .all<{ id: string; n: number }>();
  const taken = new Map(used.results.map((r) => [r.id, r.n]));
  const others = s.peer
    ? [...new Map([...pool.mentors, ...pool.mentees].map((p) => [p.id, p])).values()]
    : pool.mentors;
  const out: Alternative[] = [];
  for (const m of others) {
    if (m.id === menteeId || except.includes(m.id)) continue;
    const free = (s.peer ? 1 : m.capacity) - (taken.get(m.id) ?? 0);
    if (free <= 0) continue;
    const scored = s.peer ? peerPairScore(m, mentee, s.weights, ctx) : scorePair(m, mentee, s.weights, ctx);
    if (scored.blocked || scored.score <= 0) continue;
    out.push({ id: m.id, name: m.name, email: m.email, score: scored.score, reasons: scored.reasons, free });
  }
  return out.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1)).slice(0, limit);
}
