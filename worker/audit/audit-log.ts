/** The audit log: one row per coordinator action (and per data deletion), read back newest first per program. */
import { and, count, desc, eq, lt, or, sql } from "drizzle-orm";
import { db, type Db } from "../db/client";
import { auditLog, people } from "../db/schema";
import type { AuditAction, AuditRow } from "../domain/audit";
import { newId } from "../domain/random-secrets";

/** One thing to log. `detail` holds short facts (reason, audience, counts), never chat, notes or agreement text. */
export interface AuditEntry {
  /** A caller-chosen id (e.g. a confirmation's idempotency key): writing the same id twice logs once. */
  id?: string;
  programId: string | null;
  actorId: string | null;
  action: AuditAction;
  pairingId?: string | null;
  subjectId?: string | null;
  detail?: Record<string, unknown>;
  at?: number;
}

/**
 * The insert for one entry (ignored when its id is already logged), to run alone or inside a batch with the change it
 * records.
 */
export function auditInsert(d: Db, entry: AuditEntry) {
  const row = {
    id: entry.id ?? newId(),
    programId: entry.programId,
    actorId: entry.actorId,
    action: entry.action,
    pairingId: entry.pairingId ?? null,
    subjectId: entry.subjectId ?? null,
    detail: entry.detail ?? {},
    at: entry.at ?? Date.now(),
  };
  return d.insert(auditLog).values(row).onConflictDoNothing();
}

/**
 * The statement logging a rematch ("person.rematch", its pairing the new one, whose id is also the entry's), written
 * only if that pairing exists and only once per id: to run in the batch that creates the pairing. Raw SQL: an INSERT …
 * SELECT guarded by EXISTS in one statement, which the builder cannot express.
 */
export function rematchAuditStatement(
  env: Env,
  e: { id: string; programId: string; actorId: string; subjectId: string; detail: Record<string, unknown>; at: number },
): D1PreparedStatement {
  return env.DB.prepare(
    `INSERT INTO audit_log (id, program_id, actor_id, action, pairing_id, subject_id, detail, at)
     SELECT ?1, ?2, ?3, 'person.rematch', ?1, ?4, ?5, ?6 WHERE EXISTS (SELECT 1 FROM pairings WHERE id = ?1)
     ON CONFLICT (id) DO NOTHING`,
  ).bind(e.id, e.programId, e.actorId, e.subjectId, JSON.stringify(e.detail), e.at);
}

/** Whether the rematch with this id was logged, in this program and about this person. */
export async function rematchLogged(env: Env, id: string, programId: string, subjectId: string): Promise<boolean> {
  const rows = await db(env)
    .select({ id: auditLog.id })
    .from(auditLog)
    .where(
      and(
        eq(auditLog.id, id),
        eq(auditLog.action, "person.rematch"),
        eq(auditLog.programId, programId),
        eq(auditLog.subjectId, subjectId),
      ),
    )
    .limit(1);
  return rows.length > 0;
}

/**
 * The logged entry with this id (its action and actor), or null: how a resubmitted confirmation knows it already acted.
 */
export async function loggedEntry(
  env: Env,
  id: string,
): Promise<{ action: string; actorId: string | null; programId: string | null } | null> {
  const rows = await db(env)
    .select({ action: auditLog.action, actorId: auditLog.actorId, programId: auditLog.programId })
    .from(auditLog)
    .where(eq(auditLog.id, id))
    .limit(1);
  return rows[0] ?? null;
}

/** Writes one audit entry. */
export async function recordAudit(env: Env, entry: AuditEntry): Promise<void> {
  await auditInsert(db(env), entry);
}

/** Audit entries shown per page. */
export const AUDIT_PER_PAGE = 50;

/** Audit entries with the actor's current name, ready for a filter and an order. */
function auditRows(d: Db) {
  return d
    .select({
      id: auditLog.id,
      programId: auditLog.programId,
      action: auditLog.action,
      actorId: auditLog.actorId,
      actorName: people.name,
      actorDeleted: sql<boolean>`${people.deletedAt} IS NOT NULL`.mapWith(Boolean),
      pairingId: auditLog.pairingId,
      subjectId: auditLog.subjectId,
      detail: auditLog.detail,
      at: auditLog.at,
    })
    .from(auditLog)
    .leftJoin(people, eq(people.id, auditLog.actorId));
}

/** One page of a program's audit log, newest first, and the total count. */
export async function programAudit(
  env: Env,
  programId: string,
  page: number,
): Promise<{ rows: AuditRow[]; total: number }> {
  const d = db(env);
  const [rows, [totals]] = await Promise.all([
    auditRows(d)
      .where(eq(auditLog.programId, programId))
      .orderBy(desc(auditLog.at), desc(auditLog.id))
      .limit(AUDIT_PER_PAGE)
      .offset((page - 1) * AUDIT_PER_PAGE),
    d.select({ n: count() }).from(auditLog).where(eq(auditLog.programId, programId)),
  ]);
  return { rows, total: totals?.n ?? 0 };
}

/** Entries about one person (as actor or subject) in any program, newest first: for their own data download. */
export async function personAudit(env: Env, personId: string, before = Number.MAX_SAFE_INTEGER): Promise<AuditRow[]> {
  return auditRows(db(env))
    .where(and(or(eq(auditLog.subjectId, personId), eq(auditLog.actorId, personId)), lt(auditLog.at, before)))
    .orderBy(desc(auditLog.at));
}
