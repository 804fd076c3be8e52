/** Invitations to join a program: hashed, single-use links valid for 14 days. */
import { and, eq, gt, isNull } from "drizzle-orm";
import { db } from "../db/client";
import { invitations, memberships, people, programs, type Role } from "../db/schema";
import { isWellFormedToken, newId, randomToken, sha256Hex } from "../domain/tokens";

export const INVITATION_TTL_MS = 14 * 86_400_000;

/** Ensures the person and an invited membership exist, and returns a fresh invitation token. */
export async function createInvitation(env: Env, programId: string, email: string, role: Role, now = Date.now()): Promise<string> {
  const d = db(env);
  await d.insert(people).values({ id: newId(), email, createdAt: now, updatedAt: now }).onConflictDoNothing();
  const person = (await d.select({ id: people.id }).from(people).where(eq(people.email, email)).limit(1))[0]!;
  const token = randomToken();
  await d.batch([
    d.insert(memberships).values({ programId, personId: person.id, role, status: "invited", createdAt: now }).onConflictDoNothing(),
    d.insert(invitations).values({ tokenHash: await sha256Hex(token), programId, personId: person.id, role, createdAt: now, expiresAt: now + INVITATION_TTL_MS }),
  ]);
  return token;
}

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

/** Uses an invitation atomically and activates the membership; returns the person's id, or null. */
export async function acceptInvitation(env: Env, token: unknown, now = Date.now()): Promise<string | null> {
  if (!isWellFormedToken(token)) return null;
  const d = db(env);
  const used = await d
    .update(invitations)
    .set({ usedAt: now })
    .where(and(eq(invitations.tokenHash, await sha256Hex(token)), isNull(invitations.usedAt), gt(invitations.expiresAt, now)))
    .returning();
  const inv = used[0];
  if (!inv) return null;
  await d
    .update(memberships)
    .set({ status: "active" })
    .where(and(eq(memberships.programId, inv.programId), eq(memberships.personId, inv.personId), eq(memberships.role, inv.role)));
  return inv.personId;
}
