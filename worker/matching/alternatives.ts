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
import type { Alternative, ProposalRow, SwapOption } from "../domain/matching/review";
import { swapCandidates } from "./proposals";

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

/** Proposals of a run weighed for a swap: the weakest this many (a swap rarely helps a strong pair). */
const SWAP_CANDIDATES = 500;

/**
 * Up to `limit` swaps of mentors with another proposal that every hard rule allows, best total change first, so a
 * coordinator chooses one instead of typing an address (not for peer programs, where the swap form stays).
 */
export async function swapsFor(env: Env, s: Staging, p: ProposalRow, limit = 5): Promise<SwapOption[]> {
  if (s.peer) return [];
  const others = await swapCandidates(env, s.run.id, p, SWAP_CANDIDATES);
  if (others.length === 0) return [];
  const { pool, ctx } = await poolFor(env, s, {
    mentors: [p.mentorId, ...others.map((o) => o.mentorId)],
    mentees: [p.menteeId, ...others.map((o) => o.menteeId)],
  });
  const mentors = new Map(pool.mentors.map((m) => [m.id, m]));
  const mentees = new Map(pool.mentees.map((m) => [m.id, m]));
  const mentor = mentors.get(p.mentorId);
  const mentee = mentees.get(p.menteeId);
  if (!mentor || !mentee) return [];
  const out: SwapOption[] = [];
  for (const q of others) {
    const [otherMentor, otherMentee] = [mentors.get(q.mentorId), mentees.get(q.menteeId)];
    if (!otherMentor || !otherMentee) continue;
    const here = scorePair(otherMentor, mentee, s.weights, ctx);
    const there = scorePair(mentor, otherMentee, s.weights, ctx);
    if (here.blocked || there.blocked || here.score <= 0 || there.score <= 0) continue;
    out.push({
      otherMenteeEmail: q.menteeEmail,
      otherMenteeName: q.menteeName || q.menteeEmail,
      otherMentorName: q.mentorName || q.mentorEmail,
      scoreHere: here.score,
      scoreThere: there.score,
      change: here.score + there.score - (p.score + q.score),
    });
  }
  return out
    .sort((a, b) => b.change - a.change || a.otherMenteeEmail.localeCompare(b.otherMenteeEmail))
    .slice(0, limit);
}
