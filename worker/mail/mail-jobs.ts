/**
 * Bulk mailings (table `mail_jobs`): one row per mailing that the BulkMailWorkflow (workflows/bulk-mail.ts) sends in
 * batches, with how far it got, for the coordinator's progress line. Every write here is idempotent, so a batch step
 * that runs again after a restart changes nothing twice.
 */
import { and, eq, ne, sql } from "drizzle-orm";
import { db } from "../db/client";
import { mailJobs } from "../db/schema";
import type { mailJobKinds } from "../domain/vocabulary";

/** Recipients one Workflow step mails (small enough for a step's subrequests and time, large enough to be quick). */
export const BULK_BATCH = 25;

/** How many batches `total` recipients take. */
export function batchCount(total: number): number {
  return Math.ceil(total / BULK_BATCH);
}

/** The recipients of batch `index` (0-based) out of `all`. */
export function batchOf<T>(all: readonly T[], index: number): T[] {
  return all.slice(index * BULK_BATCH, (index + 1) * BULK_BATCH);
}

/** Where a mailing stands, for its page. */
export interface MailJobProgress {
  id: string;
  programId: string | null;
  kind: (typeof mailJobKinds)[number];
  status: "sending" | "sent" | "failed";
  total: number;
  done: number;
}

/** Writes a mailing's row unless it exists; true when this call wrote it. */
export async function createMailJob(
  env: Env,
  job: { id: string; programId: string | null; kind: MailJobProgress["kind"]; total: number },
  now = Date.now(),
): Promise<boolean> {
  const res = await db(env)
    .insert(mailJobs)
    .values({ ...job, status: "sending", done: 0, createdAt: now })
    .onConflictDoNothing();
  return res.meta.changes > 0;
}

/** A mailing of this program (or of none, for `null`), or null when there is no such mailing there. */
export async function mailJobOf(env: Env, id: string, programId: string | null): Promise<MailJobProgress | null> {
  const row = await db(env)
    .select({
      id: mailJobs.id,
      programId: mailJobs.programId,
      kind: mailJobs.kind,
      status: mailJobs.status,
      total: mailJobs.total,
      done: mailJobs.done,
    })
    .from(mailJobs)
    .where(eq(mailJobs.id, id))
    .get();
  return row && row.programId === programId ? row : null;
}

/** Records that batch `index` is done (never lowers the count, so a step run twice counts once). */
export async function recordBatchDone(env: Env, id: string, index: number): Promise<void> {
  const upTo = (index + 1) * BULK_BATCH;
  await db(env)
    .update(mailJobs)
    .set({ done: sql`min(${mailJobs.total}, max(${mailJobs.done}, ${upTo}))` })
    .where(eq(mailJobs.id, id));
}

/**
 * Marks a mailing finished: every batch sent (also after a failed run was restarted), or given up after a batch's
 * retries. A sent mailing stays sent.
 */
export async function finishMailJob(env: Env, id: string, status: "sent" | "failed", now = Date.now()): Promise<void> {
  await db(env)
    .update(mailJobs)
    .set({ status, finishedAt: now, ...(status === "sent" ? { done: sql`${mailJobs.total}` } : {}) })
    .where(and(eq(mailJobs.id, id), ne(mailJobs.status, "sent")));
}

/** What a bulk mailing's Workflow is given: everything its batches need, so a restart needs nothing else. */
export type BulkMailParams =
  | {
      kind: "program-message";
      jobId: string;
      programId: string;
      programName: string;
      subject: string;
      body: string;
      origin: string;
      recipientIds: string[];
    }
  | {
      kind: "invitations";
      jobId: string;
      programId: string;
      programName: string;
      inviter: string;
      origin: string;
      /** The language for invitees who chose none: the program's, else the inviting coordinator's page language. */
      locale?: string;
      targets: { personId: string; role: "coordinator" | "mentor" | "mentee"; email: string }[];
    }
  | { kind: "digest"; jobId: string; origin?: string; personIds: string[]; now: number }
  | {
      kind: "survey";
      jobId: string;
      programId: string;
      surveyId: string;
      origin: string;
      expiresAt: number;
      /** "<pairing id> <person id>" of each member asked (worker/surveys/surveys.ts). */
      recipients: string[];
    };

/** How many recipients a mailing has. */
export function recipientCount(p: BulkMailParams): number {
  if (p.kind === "program-message") return p.recipientIds.length;
  if (p.kind === "invitations") return p.targets.length;
  return p.kind === "survey" ? p.recipients.length : p.personIds.length;
}

/**
 * Writes the mailing's row and starts its Workflow (instance id = job id). Safe to call again for the same job: the
 * row is kept and an instance that exists already is left to run.
 */
export async function startMailJob(env: Env, params: BulkMailParams, now = Date.now()): Promise<void> {
  await createMailJob(
    env,
    {
      id: params.jobId,
      programId: params.kind === "digest" ? null : params.programId,
      kind: params.kind,
      total: recipientCount(params),
    },
    now,
  );
  try {
    await env.BULK_MAIL.create({ id: params.jobId, params });
  } catch (err) {
    // The instance exists (a repeated confirmation, or a retry after a crash): it runs, or ran, already.
    const existing = await env.BULK_MAIL.get(params.jobId).catch(() => null);
    if (!existing) throw err;
  }
}
