/**
 * The best other mentors for a staged mentee, with free places in the run, so a coordinator can edit a proposal
 * quickly.
 */
import { count, eq } from "drizzle-orm";
import { db } from "../db/client";
import { matchProposals } from "../db/schema";
import { scorePair } from "../domain/matching/score";
import { peerPairScore } from "../domain/matching/staging";
import { poolFor, type Staging } from "./staging-context";
import type { Alternative } from "../domain/matching/review";

/** How many proposals of the run each mentor has (peer programs: each person, on either side). */
function placesTaken(env: Env, s: Staging): Promise<{ id: string; n: number }[]> {
  const d = db(env);
  const ofRun = eq(matchProposals.runId, s.run.id);
  if (!s.peer)
    return d
      .select({ id: matchProposals.mentorId, n: count() })
      .from(matchProposals)
      .where(ofRun)
      .groupBy(matchProposals.mentorId);
  const sides = d
    .select({ id: matchProposals.mentorId })
    .from(matchProposals)
    .where(ofRun)
    .unionAll(d.select({ id: matchProposals.menteeId }).from(matchProposals).where(ofRun))
    .as("sides");
  return d.select({ id: sides.id, n: count() }).from(sides).groupBy(sides.id);
}

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
  const taken = new Map((await placesTaken(env, s)).map((r) => [r.id, r.n]));
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
