/** A program's participants as the JSON API reads and changes them (mentor and mentee memberships, each person once). */
import { and, asc, eq, gt, inArray, isNull, sql } from "drizzle-orm";
import { db } from "../db/client";
import { memberships, people } from "../db/schema";
import { importParticipants } from "./import";

const participantRoles = ["mentor", "mentee"] as const;

/** One participant: the person and their roles in the program. */
export interface ApiParticipantRow {
  id: string;
  email: string;
  name: string;
  roles: { role: "mentor" | "mentee"; status: "invited" | "active" }[];
  updated_at: number;
}

/**
 * Participants ordered by id after `afterId`, changed (profile or membership) at or after `since`; `limit` rows at most.
 * Deleted people are left out.
 */
export async function apiParticipants(
  env: Env,
  programId: string,
  q: { afterId?: string; since?: number; limit: number; personId?: string },
): Promise<ApiParticipantRow[]> {
  // Raw SQL fragments: json_group_array and the two-argument scalar max() around an aggregate, which the builder has
  // no functions for.
  const updated = sql<number>`max(${people.updatedAt}, max(${memberships.createdAt}))`;
  const rows = await db(env)
    .select({
      id: people.id,
      email: people.email,
      name: people.name,
      roles: sql<string>`json_group_array(json_object('role', ${memberships.role}, 'status', ${memberships.status}))`,
      updated_at: updated,
    })
    .from(memberships)
    .innerJoin(people, eq(people.id, memberships.personId))
    .where(
      and(
        eq(memberships.programId, programId),
        inArray(memberships.role, participantRoles),
        isNull(people.deletedAt),
        q.afterId ? gt(people.id, q.afterId) : undefined,
        q.personId ? eq(people.id, q.personId) : undefined,
      ),
    )
    .groupBy(people.id)
    .having(q.since === undefined ? undefined : sql`${updated} >= ${q.since}`)
    .orderBy(asc(people.id))
    .limit(q.limit);
  return rows.map((r) => ({ ...r, updated_at: Number(r.updated_at), roles: JSON.parse(r.roles) }));
}

/** One participant of the program, or null. */
export async function apiParticipant(env: Env, programId: string, personId: string) {
  return (await apiParticipants(env, programId, { personId, limit: 1 }))[0] ?? null;
}

/**
 * Adds a person (found or created by email) to the program as an invited mentor or mentee, as a CSV import row would;
 * returns their id and whether the membership is new.
 */
export async function addApiParticipant(
  env: Env,
  programId: string,
  p: { email: string; name: string; role: "mentor" | "mentee"; timeZone: string },
  now = Date.now(),
): Promise<{ id: string; added: boolean }> {
  const { added } = await importParticipants(
    env,
    programId,
    [{ line: 1, ...p, languages: [], goals: [], expertise: [], capacity: null, attributes: {} }],
    now,
  );
  const [row] = await db(env).select({ id: people.id }).from(people).where(eq(people.email, p.email)).limit(1);
  return { id: row!.id, added: added > 0 };
}

/** Sets a participant's name; false when they are not a participant of the program. */
export async function renameApiParticipant(
  env: Env,
  programId: string,
  personId: string,
  name: string,
  now = Date.now(),
) {
  if (!(await apiParticipant(env, programId, personId))) return false;
  await db(env).update(people).set({ name, updatedAt: now }).where(eq(people.id, personId));
  return true;
}

/**
 * Ends a person's mentor and mentee memberships of the program (their pairings keep their shape and history); false
 * when they had none.
 */
export async function deactivateApiParticipant(env: Env, programId: string, personId: string): Promise<boolean> {
  const gone = await db(env)
    .delete(memberships)
    .where(
      and(
        eq(memberships.programId, programId),
        eq(memberships.personId, personId),
        inArray(memberships.role, participantRoles),
      ),
    )
    .returning({ id: memberships.personId });
  return gone.length > 0;
}
