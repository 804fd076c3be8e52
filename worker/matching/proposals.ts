/** Staged proposals in D1: pages of them for review, and the hand edits (change mentor, add, swap, remove, approve). */
import { checkHandPair, type PairCheck } from "../domain/matching/staging";
import { newId } from "../domain/tokens";
import type { ProposalOrder, ProposalRow, RunTotals } from "../domain/matching/review";
import { PROPOSALS_PER_PAGE } from "../domain/paging";
import type { ProgramCandidate } from "../domain/matching/types";
import type { ProgramPool } from "./candidates";
import { poolFor, type Staging } from "./staging-context";

const ORDER_SQL: Record<ProposalOrder, string> = {
  weakest: "mp.score ASC, me.name, mp.id",
  strongest: "mp.score DESC, me.name, mp.id",
  mentee: "me.name, me.email, mp.id",
};

const SELECT_ROWS = `
SELECT mp.id, mp.mentor_id AS mentorId, mp.mentee_id AS menteeId, mp.score, mp.original_score AS originalScore, mp.reasons,
       mp.approved, mp.pairing_id AS pairingId, mr.name AS mentorName, mr.email AS mentorEmail, mr.time_zone AS mentorZone,
       me.name AS menteeName, me.email AS menteeEmail, me.time_zone AS menteeZone
FROM match_proposals mp JOIN people mr ON mr.id = mp.mentor_id JOIN people me ON me.id = mp.mentee_id`;

const toRow = (r: Record<string, unknown>): ProposalRow => ({
  ...(r as unknown as ProposalRow),
  reasons: JSON.parse(String(r.reasons)),
  approved: r.approved === 1,
});

/** One page of a run's proposals in the chosen order. */
export async function proposalPage(
  env: Env,
  runId: string,
  page: number,
  order: ProposalOrder,
): Promise<ProposalRow[]> {
  const rows = await env.DB.prepare(
    `${SELECT_ROWS} WHERE mp.run_id = ?1 ORDER BY ${ORDER_SQL[order]} LIMIT ?2 OFFSET ?3`,
  )
    .bind(runId, PROPOSALS_PER_PAGE, (page - 1) * PROPOSALS_PER_PAGE)
    .all();
  return rows.results.map(toRow);
}

/** One proposal of a run, or null. */
export async function getProposal(env: Env, runId: string, id: string): Promise<ProposalRow | null> {
  const row = await env.DB.prepare(`${SELECT_ROWS} WHERE mp.run_id = ?1 AND mp.id = ?2`).bind(runId, id).first();
  return row ? toRow(row) : null;
}

/** Sums up a run's proposals. */
export async function runTotals(env: Env, runId: string): Promise<RunTotals> {
  const row = await env.DB.prepare(
    `SELECT count(*) AS count, coalesce(sum(approved), 0) AS approved, count(pairing_id) AS published, coalesce(sum(score), 0) AS score
     FROM match_proposals WHERE run_id = ?1`,
  )
    .bind(runId)
    .first<RunTotals>();
  return row ?? { count: 0, approved: 0, published: 0, score: 0 };
}

/** The id of the active participant with this email in the program, in one of the given roles. */
export async function participantByEmail(
  env: Env,
  programId: string,
  email: string,
  roles: readonly string[],
): Promise<string | null> {
  const row = await env.DB.prepare(
    `SELECT p.id FROM people p JOIN memberships m ON m.person_id = p.id
     WHERE p.email = ?1 AND m.program_id = ?2 AND m.status = 'active' AND m.role IN (SELECT value FROM json_each(?3)) LIMIT 1`,
  )
    .bind(email.trim().toLowerCase(), programId, JSON.stringify(roles))
    .first<{ id: string }>();
  return row?.id ?? null;
}

const find = (pool: ProgramPool, id: string): ProgramCandidate | undefined =>
  pool.mentors.find((p) => p.id === id) ?? pool.mentees.find((p) => p.id === id);

/** Checks a pair for the run: constraints, the mentor's places left, duplicates (the proposal `except` is being replaced). */
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
      message: s.peer
        ? "Both people must be active participants of this program."
        : "Choose an active mentor and an active mentee of this program.",
    };
  const load = await env.DB.prepare(
    `SELECT coalesce(sum(mentor_id = ?2), 0) AS mentorTaken,
            coalesce(sum((mentor_id = ?2 AND mentee_id = ?3) OR (mentor_id = ?3 AND mentee_id = ?2)), 0) AS duplicate,
            coalesce(sum(mentor_id IN (?2, ?3) OR mentee_id IN (?2, ?3)), 0) AS peerTaken
     FROM match_proposals WHERE run_id = ?1 AND id NOT IN (SELECT value FROM json_each(?4))`,
  )
    .bind(s.run.id, mentorId, menteeId, JSON.stringify(except))
    .first<{ mentorTaken: number; duplicate: number; peerTaken: number }>();
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

const UPDATE_PAIR = `UPDATE match_proposals SET mentor_id = ?3, mentee_id = ?4, score = ?5, reasons = ?6, approved = 0, edited_by = ?7, updated_at = ?8
  WHERE id = ?1 AND run_id = ?2 AND pairing_id IS NULL`;

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
  await env.DB.prepare(UPDATE_PAIR)
    .bind(proposal.id, s.run.id, mentorId, proposal.menteeId, check.score, JSON.stringify(check.reasons), by, now)
    .run();
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
        message: "This mentee already has as many mentors proposed as they can have. Change their proposal instead.",
      };
  }
  const id = newId();
  await env.DB.prepare(
    `INSERT INTO match_proposals (id, run_id, program_id, mentor_id, mentee_id, score, reasons, original_score, approved, edited_by, updated_at)
     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, NULL, 0, ?8, ?9)`,
  )
    .bind(id, s.run.id, s.program.id, mentorId, menteeId, check.score, JSON.stringify(check.reasons), by, now)
    .run();
  return { ok: true, before: 0, after: check.score, proposalIds: [id] };
}

/** How many more mentors a mentee may get in this run. */
async function menteeRoom(env: Env, s: Staging, menteeId: string): Promise<number> {
  const { pool } = await poolFor(env, s, { mentors: [], mentees: [menteeId] });
  const wants = pool.mentees[0]?.wants ?? 0;
  const row = await env.DB.prepare("SELECT count(*) AS n FROM match_proposals WHERE run_id = ?1 AND mentee_id = ?2")
    .bind(s.run.id, menteeId)
    .first<{ n: number }>();
  return wants - (row?.n ?? 0);
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
  if (a.id === b.id) return { ok: false, message: "Choose a different proposal to swap with." };
  if (a.mentorId === b.mentorId)
    return { ok: false, message: "Both proposals have the same mentor, so swapping changes nothing." };
  const first = await checkForRun(env, s, b.mentorId, a.menteeId, [a.id, b.id]);
  if (!first.ok) return first;
  const second = await checkForRun(env, s, a.mentorId, b.menteeId, [a.id, b.id]);
  if (!second.ok) return second;
  await env.DB.batch([
    env.DB.prepare(UPDATE_PAIR).bind(
      a.id,
      s.run.id,
      b.mentorId,
      a.menteeId,
      first.score,
      JSON.stringify(first.reasons),
      by,
      now,
    ),
    env.DB.prepare(UPDATE_PAIR).bind(
      b.id,
      s.run.id,
      a.mentorId,
      b.menteeId,
      second.score,
      JSON.stringify(second.reasons),
      by,
      now,
    ),
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
  await env.DB.batch([
    env.DB.prepare("DELETE FROM match_proposals WHERE id = ?1 AND run_id = ?2 AND pairing_id IS NULL").bind(
      p.id,
      s.run.id,
    ),
    env.DB.prepare("UPDATE match_runs SET unmatched = ?2 WHERE id = ?1").bind(s.run.id, JSON.stringify(unmatched)),
  ]);
}

/** Approves (or un-approves) one proposal, or every proposal of the run when `id` is null; returns how many changed. */
export async function setApproved(env: Env, runId: string, id: string | null, approved: boolean): Promise<number> {
  const res = await env.DB.prepare(
    "UPDATE match_proposals SET approved = ?3 WHERE run_id = ?1 AND (?2 IS NULL OR id = ?2) AND approved != ?3 AND pairing_id IS NULL",
  )
    .bind(runId, id, approved ? 1 : 0)
    .run();
  return res.meta.changes ?? 0;
}
