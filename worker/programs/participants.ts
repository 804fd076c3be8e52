/** A program's active participants: an email audience, a search, a lookup by email, one person's roles. */
import { and, asc, desc, eq, inArray, isNotNull, isNull, or, type SQL, sql } from "drizzle-orm";
import { db } from "../db/client";
import { memberships, pairingMembers, pairings, people } from "../db/schema";
import type { ProgramMessage, Recipient } from "../domain/coordinator/audience";
import type { Role } from "../domain/vocabulary";

const participantRoles = ["mentor", "mentee"] as const;

/** Active, not deleted members of the program whose membership matches `where`, each person once, ordered by name. */
function activeMembers(env: Env, programId: string, where: SQL | undefined) {
  return db(env)
    .selectDistinct({ id: people.id, name: people.name, email: people.email })
    .from(memberships)
    .innerJoin(people, eq(people.id, memberships.personId))
    .where(and(eq(memberships.programId, programId), eq(memberships.status, "active"), isNull(people.deletedAt), where))
    .orderBy(asc(people.name), asc(people.id));
}

/** People in a pairing of the program that matches `where`. */
function inPairings(env: Env, programId: string, where: SQL | undefined): SQL {
  return inArray(
    people.id,
    db(env)
      .select({ id: pairingMembers.personId })
      .from(pairingMembers)
      .innerJoin(pairings, eq(pairings.id, pairingMembers.pairingId))
      .where(and(eq(pairings.programId, programId), where)),
  );
}

/**
 * The people an audience reaches (active participants only, never coordinators unless they also take part), ordered by
 * name.
 */
export async function recipientsOf(
  env: Env,
  programId: string,
  m: Pick<ProgramMessage, "audience" | "stage" | "emails">,
): Promise<Recipient[]> {
  const participant = inArray(memberships.role, participantRoles);
  const where: Record<ProgramMessage["audience"], () => SQL | undefined> = {
    all: () => participant,
    mentors: () => eq(memberships.role, "mentor"),
    mentees: () => eq(memberships.role, "mentee"),
    "at-risk": () =>
      and(participant, inPairings(env, programId, and(isNotNull(pairings.riskReason), isNull(pairings.endedAt)))),
    stage: () => and(participant, inPairings(env, programId, eq(pairings.stage, m.stage ?? ""))),
    // Raw SQL fragment: up to CHOSEN_MAX (2000) addresses travel as one JSON parameter through json_each, past D1's 100
    // bound parameters, which inArray would need one each for.
    chosen: () =>
      and(participant, sql`lower(${people.email}) IN (SELECT value FROM json_each(${JSON.stringify(m.emails)}))`),
  };
  return activeMembers(env, programId, where[m.audience]());
}

/** Active participants whose name or address contains the search text (at most 30), ordered by name. */
export async function searchParticipants(env: Env, programId: string, q: string): Promise<Recipient[]> {
  if (!q.trim()) return [];
  const like = `%${q
    .trim()
    .toLowerCase()
    .replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
  // drizzle's like() has no ESCAPE clause, hence the two fragments.
  return activeMembers(
    env,
    programId,
    and(
      inArray(memberships.role, participantRoles),
      or(sql`lower(${people.name}) LIKE ${like} ESCAPE '\\'`, sql`lower(${people.email}) LIKE ${like} ESCAPE '\\'`),
    ),
  ).limit(30);
}

/** A person's active mentor and mentee memberships in the program (mentee first), unless they deleted their data. */
export function participantMemberships(
  env: Env,
  programId: string,
  personId: string,
): Promise<{ id: string; name: string; email: string; role: string }[]> {
  return db(env)
    .select({ id: people.id, name: people.name, email: people.email, role: memberships.role })
    .from(memberships)
    .innerJoin(people, eq(people.id, memberships.personId))
    .where(
      and(
        eq(memberships.programId, programId),
        eq(memberships.personId, personId),
        eq(memberships.status, "active"),
        inArray(memberships.role, participantRoles),
        isNull(people.deletedAt),
      ),
    )
    .orderBy(desc(memberships.role));
}

/** The id of the active participant with this email in the program, in one of the given roles. */
export async function participantByEmail(
  env: Env,
  programId: string,
  email: string,
  roles: readonly Role[],
): Promise<string | null> {
  const rows = await db(env)
    .select({ id: people.id })
    .from(people)
    .innerJoin(memberships, eq(memberships.personId, people.id))
    .where(
      and(
        eq(people.email, email.trim().toLowerCase()),
        eq(memberships.programId, programId),
        eq(memberships.status, "active"),
        inArray(memberships.role, roles),
      ),
    )
    .limit(1);
  return rows[0]?.id ?? null;
}
