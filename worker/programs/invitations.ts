/** Invitations to join a program: hashed, single-use links valid for 14 days. */
import { and, count, eq, inArray, isNull, sql } from "drizzle-orm";
import { auditInsert } from "../audit/audit-log";
import { db } from "../db/client";
import { invitations, memberships, people, programs } from "../db/schema";
import type { Role } from "../domain/vocabulary";
import { isWellFormedToken, newId, randomToken, sha256Hex } from "../domain/random-secrets";

/** How long an invitation link works: 14 days. */
export const INVITATION_TTL_MS = 14 * 86_400_000;

/**
 * Ensures the person and an invited membership exist, and returns a fresh invitation token; with `invitedBy`, the
 * invitation is written to the audit log.
 */
export async function createInvitation(
  env: Env,
  programId: string,
  email: string,
  role: Role,
  invitedBy: string | null = null,
  now = Date.now(),
): Promise<string> {
  const d = db(env);
  await d.insert(people).values({ id: newId(), email, createdAt: now, updatedAt: now }).onConflictDoNothing();
  const person = (await d.select({ id: people.id }).from(people).where(eq(people.email, email)).limit(1))[0]!;
  const [token] = await issueInvitations(env, programId, [{ personId: person.id, role }], now);
  if (invitedBy)
    await auditInsert(d, {
      programId,
      actorId: invitedBy,
      action: "invitation.send",
      subjectId: person.id,
      detail: { role },
      at: now,
    });
  return token!;
}

/**
 * In one batch: an invitation token per person and role, and their membership (created as invited if missing) stamped
 * as emailed now. Returns the raw tokens in the order of `targets`.
 */
export async function issueInvitations(
  env: Env,
  programId: string,
  targets: { personId: string; role: Role }[],
  now = Date.now(),
): Promise<string[]> {
  const d = db(env);
  const tokens = targets.map(() => randomToken());
  const hashes = await Promise.all(tokens.map(sha256Hex));
  const statements = targets.flatMap(({ personId, role }, i) => [
    d
      .insert(memberships)
      .values({ programId, personId, role, status: "invited", createdAt: now, invitedAt: now })
      .onConflictDoUpdate({
        target: [memberships.programId, memberships.personId, memberships.role],
        set: { invitedAt: now },
      }),
    d
      .insert(invitations)
      .values({ tokenHash: hashes[i]!, programId, personId, role, createdAt: now, expiresAt: now + INVITATION_TTL_MS }),
  ]);
  const [first, ...rest] = statements;
  if (first) await d.batch([first, ...rest]);
  return tokens;
}

/** How many invited members of a program were never emailed (imported from CSV, say). */
export async function countUnmailed(env: Env, programId: string): Promise<number> {
  const rows = await db(env)
    .select({ n: count() })
    .from(memberships)
    .where(and(eq(memberships.programId, programId), eq(memberships.status, "invited"), isNull(memberships.invitedAt)));
  return rows[0]?.n ?? 0;
}

/**
 * Claims up to `limit` never-emailed invited members, oldest first, by stamping them as emailed now in one statement,
 * so two simultaneous requests never pick the same people.
 */
export async function claimUnmailed(
  env: Env,
  programId: string,
  limit: number,
  now = Date.now(),
): Promise<{ personId: string; role: Role; email: string }[]> {
  // Raw SQL: UPDATE … WHERE rowid IN (an ordered, limited subquery) RETURNING a correlated subquery, all in one
  // statement so the claim is atomic; the builder has no rowid and cannot express it.
  const rows = await db(env).all<{ person_id: string; role: Role; email: string }>(sql`
    UPDATE memberships SET invited_at = ${now}
    WHERE rowid IN (
      SELECT rowid FROM memberships
      WHERE program_id = ${programId} AND status = 'invited' AND invited_at IS NULL
      ORDER BY created_at, person_id LIMIT ${limit})
    RETURNING person_id, role, (SELECT email FROM people WHERE people.id = memberships.person_id) AS email`);
  return rows.map((r) => ({ personId: r.person_id, role: r.role, email: r.email }));
}

/** What an invitation token is: valid (with what it invites to), or why not. */
export type InvitationState =
  | { state: "valid"; programName: string; role: Role; email: string }
  | { state: "expired" | "used" | "invalid" };

/** Describes an invitation without using it (for the GET page). */
export async function inspectInvitation(env: Env, token: unknown, now = Date.now()): Promise<InvitationState> {
  if (!isWellFormedToken(token)) return { state: "invalid" };
  const rows = await db(env)
    .select({ inv: invitations, programName: programs.name, email: people.email })
    .from(invitations)
    .innerJoin(programs, eq(programs.id, invitations.programId))
    .innerJoin(people, eq(people.id, invitations.personId))
    .where(eq(invitations.tokenHash, await sha256Hex(token)))
    .limit(1);
  const row = rows[0];
  if (!row) return { state: "invalid" };
  if (row.inv.usedAt !== null) return { state: "used" };
  if (row.inv.expiresAt <= now) return { state: "expired" };
  return { state: "valid", programName: row.programName, role: row.inv.role, email: row.email };
}

/**
 * Uses an invitation and activates its membership in one transaction (the membership is recreated if it was removed);
 * returns the person, the program and the role it was for, or null when the token is unknown, used or expired.
 */
export async function acceptInvitation(
  env: Env,
  token: unknown,
  now = Date.now(),
): Promise<{ personId: string; programId: string; role: Role } | null> {
  if (!isWellFormedToken(token)) return null;
  const hash = await sha256Hex(token);
  // Raw SQL: the membership is an INSERT … SELECT from the invitation this batch just used, with an upsert, which the
  // builder only takes with every column of memberships listed; the UPDATE … RETURNING shares its batch.
  const [used] = await env.DB.batch<{ person_id: string; program_id: string; role: Role }>([
    env.DB.prepare(
      "UPDATE invitations SET used_at = ?1 WHERE token_hash = ?2 AND used_at IS NULL AND expires_at > ?1 RETURNING person_id, program_id, role",
    ).bind(now, hash),
    env.DB.prepare(
      `INSERT INTO memberships (program_id, person_id, role, status, created_at, invited_at)
       SELECT program_id, person_id, role, 'active', ?1, created_at FROM invitations WHERE token_hash = ?2 AND used_at = ?1
       ON CONFLICT (program_id, person_id, role) DO UPDATE SET status = 'active'`,
    ).bind(now, hash),
  ]);
  const row = used?.results[0];
  return row ? { personId: row.person_id, programId: row.program_id, role: row.role } : null;
}

/** Of these people, the ones whose membership of the program is still an invitation (with its role). */
export async function stillInvited(
  env: Env,
  programId: string,
  personIds: readonly string[],
): Promise<{ personId: string; role: Role }[]> {
  if (personIds.length === 0) return [];
  return db(env)
    .select({ personId: memberships.personId, role: memberships.role })
    .from(memberships)
    .where(
      and(
        eq(memberships.programId, programId),
        eq(memberships.status, "invited"),
        inArray(memberships.personId, [...personIds]),
      ),
    );
}
