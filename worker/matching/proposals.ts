/** Staged proposals in D1: pages of them for review, and the hand edits (change mentor, add, swap, remove, approve). */
import { msg } from "../domain/i18n/translate";
import { and, asc, count, desc, eq, isNull, ne, notInArray, or, type SQL, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { type Db, db } from "../db/client";
import { matchProposals, matchRuns, people } from "../db/schema";
import { checkHandPair, type PairCheck } from "../domain/matching/staging";
import { newId } from "../domain/random-secrets";
import type { ProposalOrder, ProposalRow, RunTotals } from "../domain/matching/review";
import { PROPOSALS_PER_PAGE } from "../domain/paging";
import type { ProgramCandidate } from "../domain/matching/types";
import type { ProgramPool } from "./candidates";
import { poolFor, type Staging } from "./staging-context";

const mr = alias(people, "mr");
const me = alias(people, "me");

const ORDER_BY: Record<ProposalOrder, SQL[]> = {
  weakest: [asc(matchProposals.score), asc(me.name), asc(matchProposals.id)],
  strongest: [desc(matchProposals.score), asc(me.name), asc(matchProposals.id)],
  mentee: [asc(me.name), asc(me.email), asc(matchProposals.id)],
};

/** Proposals with their mentor's and mentee's names, addresses and zones. */
function proposalRows(d: Db) {
  return d
    .select({
      id: matchProposals.id,
      mentorId: matchProposals.mentorId,
      menteeId: matchProposals.menteeId,
      score: matchProposals.score,
      originalScore: matchProposals.originalScore,
      reasons: matchProposals.reasons,
      approved: matchProposals.approved,
      pairingId: matchProposals.pairingId,
      mentorName: mr.name,
      mentorEmail: mr.email,
      mentorZone: mr.timeZone,
      menteeName: me.name,
      menteeEmail: me.email,
      menteeZone: me.timeZone,
    })
    .from(matchProposals)
    .innerJoin(mr, eq(mr.id, matchProposals.mentorId))
    .innerJoin(me, eq(me.id, matchProposals.menteeId));
}

/** One page of a run's proposals in the chosen order. */
export async function proposalPage(
  env: Env,
  runId: string,
  page: number,
  order: ProposalOrder,
): Promise<ProposalRow[]> {
  return proposalRows(db(env))
    .where(eq(matchProposals.runId, runId))
    .orderBy(...ORDER_BY[order])
    .limit(PROPOSALS_PER_PAGE)
    .offset((page - 1) * PROPOSALS_PER_PAGE);
}

/**
 * Up to `limit` other proposals of the run with another mentor, weakest first (the ones a swap can most improve): the
 * candidates the proposal page ranks for a swap.
 */
export async function swapCandidates(env: Env, runId: string, p: ProposalRow, limit: number): Promise<ProposalRow[]> {
  return proposalRows(db(env))
    .where(and(eq(matchProposals.runId, runId), ne(matchProposals.id, p.id), ne(matchProposals.mentorId, p.mentorId)))
    .orderBy(asc(matchProposals.score), asc(matchProposals.id))
    .limit(limit);
}

/** One proposal of a run, or null. */
export async function getProposal(env: Env, runId: string, id: string): Promise<ProposalRow | null> {
  const rows = await proposalRows(db(env)).where(and(eq(matchProposals.runId, runId), eq(matchProposals.id, id)));
  return rows[0] ?? null;
}

/**
 * The id of another proposal of the run for this person, to swap with: one where they are the mentee (peer programs:
 * either side), other than `exceptId`; null when there is none.
 */
export async function otherProposalOf(
  env: Env,
  runId: string,
  personId: string,
  peer: boolean,
  exceptId: string,
): Promise<string | null> {
  const rows = await db(env)
    .select({ id: matchProposals.id })
    .from(matchProposals)
    .where(
      and(
        eq(matchProposals.runId, runId),
        peer
          ? or(eq(matchProposals.menteeId, personId), eq(matchProposals.mentorId, personId))
          : eq(matchProposals.menteeId, personId),
        ne(matchProposals.id, exceptId),
      ),
    )
    .limit(1);
  return rows[0]?.id ?? null;
}

/** Sums up a run's proposals. */
export async function runTotals(env: Env, runId: string): Promise<RunTotals> {
  const rows = await db(env)
    .select({
      count: count(),
      approved: sql<number>`coalesce(sum(${matchProposals.approved}), 0)`,
      published: count(matchProposals.pairingId),
      score: sql<number>`coalesce(sum(${matchProposals.score}), 0)`,
    })
    .from(matchProposals)
    .where(eq(matchProposals.runId, runId));
  return rows[0] ?? { count: 0, approved: 0, published: 0, score: 0 };
}

const find = (pool: ProgramPool, id: string): ProgramCandidate | undefined =>
  pool.mentors.find((p) => p.id === id) ?? pool.mentees.find((p) => p.id === id);

/**
 * Checks a pair for the run: constraints, the mentor's places left, duplicates (the proposal `except` is being
 * replaced).
 */
async function checkForRun(
  env: Env,
  s: Staging,
  mentorId: string,
  menteeId: string,
  except: string[],
): Promise<PairCheck> {
  const { pool, ctx } = await poolFor(env, s, { mentors: [mentorId], mentees: [menteeId] });
  const mentor = s.peer ? find(pool, mentorId) : pool.mentors.find((p) => p.id === mentorId);
  const mentee = s.peer ? find(pool, menteeId) : pool.mentees.find((p) => p.id === menteeId);
  if (!mentor || !mentee)
    return {
      ok: false,
      message: s.peer ? msg("matching.edit.bothActive") : msg("matching.edit.chooseActive"),
    };
  const mp = matchProposals;
  const [load] = await db(env)
    .select({
      mentorTaken: sql<number>`coalesce(sum(${mp.mentorId} = ${mentorId}), 0)`,
      duplicate: sql<number>`coalesce(sum((${mp.mentorId} = ${mentorId} AND ${mp.menteeId} = ${menteeId}) OR (${mp.mentorId} = ${menteeId} AND ${mp.menteeId} = ${mentorId})), 0)`,
      peerTaken: sql<number>`coalesce(sum(${mp.mentorId} IN (${mentorId}, ${menteeId}) OR ${mp.menteeId} IN (${mentorId}, ${menteeId})), 0)`,
    })
    .from(mp)
    .where(and(eq(mp.runId, s.run.id), notInArray(mp.id, except)));
  const capacity = s.peer ? 1 : mentor.capacity;
  return checkHandPair(
    { ...mentor, capacity },
    mentee,
    s.weights,
    ctx,
    { mentorTaken: load!.mentorTaken, duplicate: load!.duplicate > 0, peerTaken: load!.peerTaken > 0 },
    s.peer,
  );
}

/** The outcome of a hand edit: what changed and by how much, or why it was refused. */
export type EditResult =
  | { ok: true; before: number; after: number; proposalIds: string[] }
  | { ok: false; message: string };

/** Gives a proposal a new pair, score and reasons (un-approving it) unless it was published. */
function updatePair(
  d: Db,
  s: Staging,
  id: string,
  pair: { mentorId: string; menteeId: string },
  check: { score: number; reasons: string[] },
  by: string,
  now: number,
) {
  return d
    .update(matchProposals)
    .set({ ...pair, score: check.score, reasons: check.reasons, approved: false, editedBy: by, updatedAt: now })
    .where(and(eq(matchProposals.id, id), eq(matchProposals.runId, s.run.id), isNull(matchProposals.pairingId)));
}

/** Gives a proposal another mentor (peer programs: another partner), after re-checking every constraint. */
export async function changeMentor(
  env: Env,
  s: Staging,
  proposal: ProposalRow,
  mentorId: string,
  by: string,
  now = Date.now(),
): Promise<EditResult> {
  const check = await checkForRun(env, s, mentorId, proposal.menteeId, [proposal.id]);
  if (!check.ok) return check;
  await updatePair(db(env), s, proposal.id, { mentorId, menteeId: proposal.menteeId }, check, by, now);
  return { ok: true, before: proposal.score, after: check.score, proposalIds: [proposal.id] };
}

/** Adds a hand-made proposal for someone the optimiser left unmatched. */
export async function addProposal(
  env: Env,
  s: Staging,
  mentorId: string,
  menteeId: string,
  by: string,
  now = Date.now(),
): Promise<EditResult> {
  const check = await checkForRun(env, s, mentorId, menteeId, []);
  if (!check.ok) return check;
  if (!s.peer) {
    const wants = await menteeRoom(env, s, menteeId);
    if (wants <= 0)
      return {
        ok: false,
        message: msg("matching.edit.menteeFull"),
      };
  }
  const id = newId();
  await db(env).insert(matchProposals).values({
    id,
    runId: s.run.id,
    programId: s.program.id,
    mentorId,
    menteeId,
    score: check.score,
    reasons: check.reasons,
    originalScore: null,
    approved: false,
    editedBy: by,
    updatedAt: now,
  });
  return { ok: true, before: 0, after: check.score, proposalIds: [id] };
}

/** How many more mentors a mentee may get in this run. */
async function menteeRoom(env: Env, s: Staging, menteeId: string): Promise<number> {
  const { pool } = await poolFor(env, s, { mentors: [], mentees: [menteeId] });
  const wants = pool.mentees[0]?.wants ?? 0;
  const rows = await db(env)
    .select({ n: count() })
    .from(matchProposals)
    .where(and(eq(matchProposals.runId, s.run.id), eq(matchProposals.menteeId, menteeId)));
  return wants - (rows[0]?.n ?? 0);
}

/** Swaps the mentors of two proposals (peer programs: their second partners); both new pairs are re-checked. */
export async function swapMentors(
  env: Env,
  s: Staging,
  a: ProposalRow,
  b: ProposalRow,
  by: string,
  now = Date.now(),
): Promise<EditResult> {
  if (a.id === b.id) return { ok: false, message: msg("matching.edit.sameProposal") };
  if (a.mentorId === b.mentorId) return { ok: false, message: msg("matching.edit.sameMentor") };
  const first = await checkForRun(env, s, b.mentorId, a.menteeId, [a.id, b.id]);
  if (!first.ok) return first;
  const second = await checkForRun(env, s, a.mentorId, b.menteeId, [a.id, b.id]);
  if (!second.ok) return second;
  const d = db(env);
  await d.batch([
    updatePair(d, s, a.id, { mentorId: b.mentorId, menteeId: a.menteeId }, first, by, now),
    updatePair(d, s, b.id, { mentorId: a.mentorId, menteeId: b.menteeId }, second, by, now),
  ]);
  return { ok: true, before: a.score + b.score, after: first.score + second.score, proposalIds: [a.id, b.id] };
}

/** Removes a proposal; its people go back to the unmatched list with "removed by hand". */
export async function removeProposal(env: Env, s: Staging, p: ProposalRow): Promise<void> {
  const back = [
    { id: p.menteeId, role: s.peer ? "peer" : "mentee", reason: "proposal removed by hand" },
    ...(s.peer ? [{ id: p.mentorId, role: "peer", reason: "proposal removed by hand" }] : []),
  ];
  const unmatched = [...s.run.unmatched.filter((u) => !back.some((b) => b.id === u.id)), ...back];
  const d = db(env);
  await d.batch([
    d
      .delete(matchProposals)
      .where(and(eq(matchProposals.id, p.id), eq(matchProposals.runId, s.run.id), isNull(matchProposals.pairingId))),
    d.update(matchRuns).set({ unmatched }).where(eq(matchRuns.id, s.run.id)),
  ]);
}

/** Approves (or un-approves) one proposal, or every proposal of the run when `id` is null; returns how many changed. */
export async function setApproved(env: Env, runId: string, id: string | null, approved: boolean): Promise<number> {
  const res = await db(env)
    .update(matchProposals)
    .set({ approved })
    .where(
      and(
        eq(matchProposals.runId, runId),
        id === null ? undefined : eq(matchProposals.id, id),
        ne(matchProposals.approved, approved),
        isNull(matchProposals.pairingId),
      ),
    );
  return res.meta.changes ?? 0;
}
