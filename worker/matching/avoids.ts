/** A program's avoid lists: pairs of people the matcher must never put together (checked both ways). */
import { and, asc, eq } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { db } from "../db/client";
import { matchAvoids, people } from "../db/schema";

/** An avoid entry with both people's names and addresses. */
export interface AvoidEntry {
  personId: string;
  avoidId: string;
  personName: string;
  personEmail: string;
  avoidName: string;
  avoidEmail: string;
}

/** The program's avoid entries, by the two addresses (at most 200). */
export async function avoidList(env: Env, programId: string): Promise<AvoidEntry[]> {
  const p = alias(people, "p");
  const q = alias(people, "q");
  return db(env)
    .select({
      personId: matchAvoids.personId,
      avoidId: matchAvoids.avoidId,
      personName: p.name,
      personEmail: p.email,
      avoidName: q.name,
      avoidEmail: q.email,
    })
    .from(matchAvoids)
    .innerJoin(p, eq(p.id, matchAvoids.personId))
    .innerJoin(q, eq(q.id, matchAvoids.avoidId))
    .where(eq(matchAvoids.programId, programId))
    .orderBy(asc(p.email), asc(q.email))
    .limit(200);
}

/** Adds an avoid entry; one that exists already is left as it is. */
export async function addAvoid(env: Env, programId: string, personId: string, avoidId: string, now = Date.now()) {
  await db(env).insert(matchAvoids).values({ programId, personId, avoidId, createdAt: now }).onConflictDoNothing();
}

/** Removes an avoid entry; true when there was one to remove. */
export async function removeAvoid(env: Env, programId: string, personId: string, avoidId: string): Promise<boolean> {
  const removed = await db(env)
    .delete(matchAvoids)
    .where(
      and(eq(matchAvoids.programId, programId), eq(matchAvoids.personId, personId), eq(matchAvoids.avoidId, avoidId)),
    )
    .returning({ personId: matchAvoids.personId });
  return removed.length > 0;
}
