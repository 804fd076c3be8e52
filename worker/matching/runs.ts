/**
 * Matching runs in D1: start one (small programs inline, large ones as a Workflow step), store its staged proposals in
 * one transaction, and read the program's current run. Starting a new run discards the staged one it replaces.
 */
import { and, desc, eq, inArray, ne, sql } from "drizzle-orm";
import { auditInsert } from "../audit/audit-log";
import { db } from "../db/client";
import { d1Statement } from "../db/statement";
import { matchRuns } from "../db/schema";
import { endedPairs, weekOf } from "../domain/matching/types";
import { settingsOf, weightsOf } from "../domain/matching/settings";
import { newId } from "../domain/random-secrets";
import type { MatchRun } from "../domain/matching/review";
import { getProgram, participantCount } from "../programs/queries";
import { errorFields, logEvent } from "../observability/log";
import { loadPool } from "./candidates";
import { computeRun, type RunOutcome } from "./compute";

/** Programs with more mentees than this are matched in a Workflow step instead of the request (see the benchmark). */
export function inlineLimit(env: Env): number {
  const n = Number.parseInt(env.MATCH_INLINE_LIMIT ?? "", 10);
  return Number.isFinite(n) && n >= 0 ? n : 2000;
}

/** The program's newest run that was not discarded, or null. */
export async function currentRun(env: Env, programId: string): Promise<MatchRun | null> {
  const rows = await db(env)
    .select()
    .from(matchRuns)
    .where(and(eq(matchRuns.programId, programId), ne(matchRuns.status, "discarded")))
    .orderBy(desc(matchRuns.createdAt), desc(sql`rowid`))
    .limit(1);
  return rows[0] ?? null;
}

/** One run of a program, or null. */
export async function getRun(env: Env, programId: string, runId: string): Promise<MatchRun | null> {
  const rows = await db(env)
    .select()
    .from(matchRuns)
    .where(and(eq(matchRuns.id, runId), eq(matchRuns.programId, programId)))
    .limit(1);
  return rows[0] ?? null;
}

/** Active mentors and mentees in a program, each person once. */
export function poolSize(env: Env, programId: string): Promise<number> {
  return participantCount(env, programId);
}

/**
 * Starts a run: discards the staged or running one it replaces, then matches inline when the program is small enough,
 * otherwise hands the work to the match-run Workflow. Returns the new run id.
 */
export async function startRun(
  env: Env,
  programId: string,
  personId: string,
  now = Date.now(),
  includeInvited = false,
): Promise<string> {
  const id = newId();
  const week = weekOf(now);
  const d = db(env);
  await d.batch([
    d
      .update(matchRuns)
      .set({ status: "discarded" })
      .where(and(eq(matchRuns.programId, programId), inArray(matchRuns.status, ["staged", "running", "failed"]))),
    d.insert(matchRuns).values({
      id,
      programId,
      status: "running",
      createdBy: personId,
      createdAt: now,
      week,
      unmatched: [],
      includeInvited,
    }),
    auditInsert(d, { id: `run:${id}`, programId, actorId: personId, action: "matching.run", at: now }),
  ]);
  if ((await poolSize(env, programId)) <= inlineLimit(env)) await runAndStore(env, id);
  else await env.MATCH_RUN.create({ id, params: { runId: id } });
  return id;
}

/**
 * Computes a running run and stores it; a failure is recorded on the run instead of thrown. Returns the final status.
 */
export async function runAndStore(env: Env, runId: string, now = () => Date.now()): Promise<string> {
  const d = db(env);
  const [run] = await d
    .select({
      programId: matchRuns.programId,
      week: matchRuns.week,
      status: matchRuns.status,
      includeInvited: matchRuns.includeInvited,
    })
    .from(matchRuns)
    .where(eq(matchRuns.id, runId));
  if (run?.status !== "running") return run?.status ?? "missing";
  try {
    const program = (await getProgram(env, run.programId))!;
    const settings = settingsOf(program.matchSettings);
    const pool = await loadPool(env, program.id, settings.maxMentorsPerMentee, { includeInvited: run.includeInvited });
    const outcome = computeRun(
      program.type,
      pool,
      weightsOf(settings),
      { week: run.week, ended: endedPairs(pool.ended) },
      settings.maxMentorsPerMentee,
    );
    await storeOutcome(env, runId, program.id, outcome, now());
    return "staged";
  } catch (err) {
    logEvent({
      event: "match.run",
      level: "error",
      runId,
      programId: run.programId,
      outcome: "failed",
      ...errorFields(err),
    });
    await d
      .update(matchRuns)
      .set({
        status: "failed",
        error:
          "The matcher stopped with an error. Run matching again; if it keeps failing, check the participants' profiles.",
        finishedAt: now(),
      })
      .where(and(eq(matchRuns.id, runId), eq(matchRuns.status, "running")));
    return "failed";
  }
}

/** Proposals per statement (each chunk travels as one JSON parameter). */
const CHUNK = 400;

/**
 * Raw SQL: INSERT … SELECT FROM json_each(?) (a chunk of proposals travels as one JSON parameter, past D1's 100 bound
 * parameters) guarded by EXISTS on the run still running, in one statement, which the builder cannot express.
 */
const INSERT_PROPOSALS = `
INSERT INTO match_proposals (id, run_id, program_id, mentor_id, mentee_id, score, reasons, original_score, approved, updated_at)
SELECT json_extract(j.value, '$.id'), ?2, ?3, json_extract(j.value, '$.mentorId'), json_extract(j.value, '$.menteeId'),
       json_extract(j.value, '$.score'), json_extract(j.value, '$.reasons'), json_extract(j.value, '$.score'), 0, ?4
FROM json_each(?1) AS j WHERE EXISTS (SELECT 1 FROM match_runs WHERE id = ?2 AND status = 'running')`;

/** Writes the proposals and the run's summary in one transaction, only if the run is still running (not replaced). */
async function storeOutcome(env: Env, runId: string, programId: string, o: RunOutcome, now: number): Promise<void> {
  const statements: D1PreparedStatement[] = [];
  for (let i = 0; i < o.pairs.length; i += CHUNK) {
    const rows = o.pairs.slice(i, i + CHUNK).map((p) => ({
      id: newId(),
      mentorId: p.mentorId,
      menteeId: p.menteeId,
      score: p.score,
      reasons: JSON.stringify(p.reasons),
    }));
    statements.push(env.DB.prepare(INSERT_PROPOSALS).bind(JSON.stringify(rows), runId, programId, now));
  }
  // The summary goes last (the inserts' guard needs the run still running), in the same batch as the raw inserts.
  const staged = db(env)
    .update(matchRuns)
    .set({
      status: "staged",
      finishedAt: now,
      total: o.total,
      unmatched: o.unmatched,
      rounds: o.rounds,
      mentorCount: o.mentorCount,
      menteeCount: o.menteeCount,
    })
    .where(and(eq(matchRuns.id, runId), eq(matchRuns.status, "running")));
  await env.DB.batch([...statements, d1Statement(env, staged)]);
}

/** Discards a staged run (its proposals stay for the record but can no longer be published). */
export async function discardRun(env: Env, runId: string): Promise<boolean> {
  const res = await db(env)
    .update(matchRuns)
    .set({ status: "discarded" })
    .where(and(eq(matchRuns.id, runId), inArray(matchRuns.status, ["staged", "failed"])));
  return (res.meta.changes ?? 0) > 0;
}
