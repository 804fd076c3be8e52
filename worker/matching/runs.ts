/**
 * Matching runs in D1: start one (small programs inline, large ones as a Workflow step), store its staged proposals in one
 * transaction, and read the program's current run. Starting a new run discards the staged one it replaces.
 */
import { endedPairs, weekOf } from "../domain/matching/types";
import { settingsOf, weightsOf } from "../domain/matching/settings";
import { newId } from "../domain/tokens";
import type { MatchRun } from "../domain/matching/review";
import { getProgram } from "../programs/queries";
import { loadPool } from "./candidates";
import { computeRun, type RunOutcome } from "./compute";

/** Programs with more mentees than this are matched in a Workflow step instead of the request (see the benchmark). */
export function inlineLimit(env: Env): number {
  const n = Number.parseInt(env.MATCH_INLINE_LIMIT ?? "", 10);
  return Number.isFinite(n) && n >= 0 ? n : 2000;
}

const RUN_COLUMNS = `id, program_id AS programId, status, created_by AS createdBy, created_at AS createdAt, finished_at AS finishedAt,
  published_at AS publishedAt, mentor_count AS mentorCount, mentee_count AS menteeCount, total, unmatched, week, rounds, error`;

const toRun = (row: Record<string, unknown> | null): MatchRun | null =>
  row ? ({ ...row, unmatched: JSON.parse(String(row.unmatched)) } as MatchRun) : null;

/** The program's newest run that was not discarded, or null. */
export async function currentRun(env: Env, programId: string): Promise<MatchRun | null> {
  const row = await env.DB.prepare(
    `SELECT ${RUN_COLUMNS} FROM match_runs WHERE program_id = ?1 AND status != 'discarded' ORDER BY created_at DESC, rowid DESC LIMIT 1`,
  )
    .bind(programId)
    .first();
  return toRun(row);
}

/** One run of a program, or null. */
export async function getRun(env: Env, programId: string, runId: string): Promise<MatchRun | null> {
  return toRun(
    await env.DB.prepare(`SELECT ${RUN_COLUMNS} FROM match_runs WHERE id = ?1 AND program_id = ?2`)
      .bind(runId, programId)
      .first(),
  );
}

/** Active mentors and mentees in a program, each person once. */
export async function poolSize(env: Env, programId: string): Promise<number> {
  const row = await env.DB.prepare(
    "SELECT count(DISTINCT person_id) AS n FROM memberships WHERE program_id = ?1 AND status = 'active' AND role IN ('mentee', 'mentor')",
  )
    .bind(programId)
    .first<{ n: number }>();
  return row?.n ?? 0;
}

/**
 * Starts a run: discards the staged or running one it replaces, then matches inline when the program is small enough,
 * otherwise hands the work to the match-run Workflow. Returns the new run id.
 */
export async function startRun(env: Env, programId: string, personId: string, now = Date.now()): Promise<string> {
  const id = newId();
  const week = weekOf(now);
  await env.DB.batch([
    env.DB.prepare(
      "UPDATE match_runs SET status = 'discarded' WHERE program_id = ?1 AND status IN ('staged', 'running', 'failed')",
    ).bind(programId),
    env.DB.prepare(
      "INSERT INTO match_runs (id, program_id, status, created_by, created_at, week, unmatched) VALUES (?1, ?2, 'running', ?3, ?4, ?5, '[]')",
    ).bind(id, programId, personId, now, week),
  ]);
  if ((await poolSize(env, programId)) <= inlineLimit(env)) await runAndStore(env, id);
  else await env.MATCH_RUN.create({ id, params: { runId: id } });
  return id;
}

/** Computes a running run and stores it; a failure is recorded on the run instead of thrown. Returns the final status. */
export async function runAndStore(env: Env, runId: string, now = () => Date.now()): Promise<string> {
  const run = await env.DB.prepare("SELECT program_id AS programId, week, status FROM match_runs WHERE id = ?1")
    .bind(runId)
    .first<{ programId: string; week: string; status: string }>();
  if (!run || run.status !== "running") return run?.status ?? "missing";
  try {
    const program = (await getProgram(env, run.programId))!;
    const settings = settingsOf(program.matchSettings);
    const pool = await loadPool(env, program.id, settings.maxMentorsPerMentee);
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
    console.error("matching run failed", runId, err);
    await env.DB.prepare(
      "UPDATE match_runs SET status = 'failed', error = ?2, finished_at = ?3 WHERE id = ?1 AND status = 'running'",
    )
      .bind(
        runId,
        "The matcher stopped with an error. Run matching again; if it keeps failing, check the participants' profiles.",
        now(),
      )
      .run();
    return "failed";
  }
}

/** Proposals per statement (each chunk travels as one JSON parameter). */
const CHUNK = 400;

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
  statements.push(
    env.DB.prepare(
      "UPDATE match_runs SET status = 'staged', finished_at = ?2, total = ?3, unmatched = ?4, rounds = ?5, mentor_count = ?6, mentee_count = ?7 WHERE id = ?1 AND status = 'running'",
    ).bind(runId, now, o.total, JSON.stringify(o.unmatched), o.rounds, o.mentorCount, o.menteeCount),
  );
  await env.DB.batch(statements);
}

/** Discards a staged run (its proposals stay for the record but can no longer be published). */
export async function discardRun(env: Env, runId: string): Promise<boolean> {
  const res = await env.DB.prepare(
    "UPDATE match_runs SET status = 'discarded' WHERE id = ?1 AND status IN ('staged', 'failed')",
  )
    .bind(runId)
    .run();
  return (res.meta.changes ?? 0) > 0;
}
