/** Sessions: a random id in the cookie, its SHA-256 in D1, 30 days from the last sign-in. */
import { and, eq, gt } from "drizzle-orm";
import { db } from "../db/client";
import { people, sessions } from "../db/schema";
import { randomToken, sha256Hex } from "../domain/random-secrets";
import type { Person } from "../domain/records";
import { firstProgramLanguage } from "../programs/program-language";

/** Days a session lasts from sign-in. */
export const SESSION_DAYS = 30;

/** Creates a session for a person and returns the raw id for the cookie and the hash D1 keeps. */
export async function createSession(
  env: Env,
  personId: string,
  now = Date.now(),
): Promise<{ id: string; hash: string }> {
  const id = randomToken();
  const hash = await sha256Hex(id);
  await db(env)
    .insert(sessions)
    .values({ idHash: hash, personId, createdAt: now, expiresAt: now + SESSION_DAYS * 86_400_000 });
  return { id, hash };
}

/**
 * Returns the person, the session hash and the language of the person's first program that sets one (what pages speak
 * when the person chose none), for a raw session id, or null when unknown or expired.
 */
export async function loadSession(
  env: Env,
  rawId: string,
  now = Date.now(),
): Promise<{ person: Person; hash: string; programLanguage: string | null } | null> {
  const hash = await sha256Hex(rawId);
  const rows = await db(env)
    .select({ person: people, programLanguage: firstProgramLanguage })
    .from(sessions)
    .innerJoin(people, eq(people.id, sessions.personId))
    .where(and(eq(sessions.idHash, hash), gt(sessions.expiresAt, now)))
    .limit(1);
  const row = rows[0];
  return row ? { person: row.person, hash, programLanguage: row.programLanguage ?? null } : null;
}

/** Deletes a session by its hash. */
export async function deleteSession(env: Env, hash: string): Promise<void> {
  await db(env).delete(sessions).where(eq(sessions.idHash, hash));
}
