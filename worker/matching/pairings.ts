/**
 * Creating pairings in D1, guarded so capacity can never be exceeded: the INSERT only happens when the mentor still has
 * room for every new mentee at the moment it runs (and when any extra condition holds). D1 runs a batch as one
 * transaction, one at a time, so two requests racing for a mentor's last slot cannot both pass the guard.
 */
import { and, count, eq, isNull } from "drizzle-orm";
import { db } from "../db/client";
import { pairings } from "../db/schema";
import type { pairingRoles, pairingSources } from "../domain/vocabulary";

/** A pairing to create. */
export interface NewPairing {
  id: string;
  programId: string;
  source: (typeof pairingSources)[number];
  members: { personId: string; role: (typeof pairingRoles)[number] }[];
  now: number;
}

/** An extra SQL condition for the guard; its parameters are numbered from ?7 on. */
export interface ExtraGuard {
  sql: string;
  params: unknown[];
}

/**
 * SQL for the mentees `person` (an SQL expression) mentors now: members of their pairings that have not ended,
 * anywhere.
 */
export const mentoringNow = (
  person: string,
) => `(SELECT count(*) FROM pairing_members me JOIN pairings pr ON pr.id = me.pairing_id AND pr.ended_at IS NULL
  JOIN pairing_members x ON x.pairing_id = me.pairing_id AND x.role = 'mentee' WHERE me.person_id = ${person} AND me.role = 'mentor')`;

/**
 * Raw SQL (both inserts): INSERT … SELECT guarded in the same statement by the mentor's free places (a correlated
 * count) and the caller's extra condition, and the members from json_each(?) only if the pairing was inserted; the
 * builder cannot express either, and they share D1 batches with the mail outbox's raw statements.
 */
const INSERT_PAIRING = (extra: string) => `
INSERT INTO pairings (id, program_id, source, stage, created_at)
SELECT ?1, ?2, ?3, 'onboarding', ?4
WHERE (?5 IS NULL OR (SELECT capacity FROM people WHERE id = ?5) - ${mentoringNow("?5")} >= ?6) AND (${extra})`;

const INSERT_MEMBERS = `
INSERT INTO pairing_members (pairing_id, person_id, role, program_id)
SELECT ?1, json_extract(j.value, '$.personId'), json_extract(j.value, '$.role'), ?2
FROM json_each(?3) AS j WHERE EXISTS (SELECT 1 FROM pairings WHERE id = ?1)`;

/** The statements that create a pairing and its members only if the guard holds; run them in one batch. */
export function pairingStatements(
  env: Env,
  p: NewPairing,
  extra: ExtraGuard = { sql: "1", params: [] },
): D1PreparedStatement[] {
  const mentor = p.members.find((m) => m.role === "mentor")?.personId ?? null;
  const newMentees = p.members.filter((m) => m.role === "mentee").length;
  return [
    env.DB.prepare(INSERT_PAIRING(extra.sql)).bind(
      p.id,
      p.programId,
      p.source,
      p.now,
      mentor,
      newMentees,
      ...extra.params,
    ),
    env.DB.prepare(INSERT_MEMBERS).bind(p.id, p.programId, JSON.stringify(p.members)),
  ];
}

/** Whether a pairing row exists (after a guarded batch: whether the guard let it through). */
export async function pairingExists(env: Env, id: string): Promise<boolean> {
  const rows = await db(env).select({ id: pairings.id }).from(pairings).where(eq(pairings.id, id)).limit(1);
  return rows.length > 0;
}

/** Which of these pairings exist (after guarded batches: which the guards let through). */
export async function existingPairingIds(env: Env, ids: string[]): Promise<string[]> {
  // Raw SQL: the ids travel as one JSON parameter through json_each, since a run can publish more pairings than D1's
  // 100 bound parameters would allow in an IN list.
  const rows = await env.DB.prepare("SELECT id FROM pairings WHERE id IN (SELECT value FROM json_each(?1))")
    .bind(JSON.stringify(ids))
    .all<{ id: string }>();
  return rows.results.map((r) => r.id);
}

/** When a pairing ended (null while it runs), or undefined when there is no such pairing. */
export async function pairingEndedAt(env: Env, id: string): Promise<number | null | undefined> {
  const rows = await db(env).select({ endedAt: pairings.endedAt }).from(pairings).where(eq(pairings.id, id));
  return rows[0]?.endedAt;
}

/** How many of the program's pairings have not ended. */
export async function runningPairingCount(env: Env, programId: string): Promise<number> {
  const rows = await db(env)
    .select({ n: count() })
    .from(pairings)
    .where(and(eq(pairings.programId, programId), isNull(pairings.endedAt)));
  return rows[0]?.n ?? 0;
}
