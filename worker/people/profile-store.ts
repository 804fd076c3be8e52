/**
 * The people table's own reads and writes for a person's profile: saving the profile form, and the address, name and
 * contact hours mail to them needs. (Sign-in creates people rows in worker/auth; deleting a person's data tombstones
 * the row in worker/privacy/erase-person.ts, in the one batch that erases them everywhere.)
 */
import { and, eq } from "drizzle-orm";
import { db } from "../db/client";
import { memberships, people } from "../db/schema";
import type { ProfileUpdate } from "../domain/profile";
import { memberLanguage } from "../programs/program-language";
import type { Person } from "../domain/records";

/** What mail to a person needs: their address, their name, and their contact hours in their zone. */
export interface MailContact {
  id: string;
  email: string;
  name: string;
  timeZone: string;
  contactStart: number;
  contactEnd: number;
  /** The language they chose for pages and mail, or null. */
  language: string | null;
}

/** Saves a person's validated profile form in one UPDATE, stamping the change time. */
export async function saveProfile(env: Env, personId: string, update: ProfileUpdate, now = Date.now()): Promise<void> {
  await db(env)
    .update(people)
    .set({ ...update, updatedAt: now })
    .where(eq(people.id, personId));
}

/** A person's address, name and contact hours, or null when there is no such person. */
export async function mailContactOf(env: Env, personId: string): Promise<MailContact | null> {
  const row = await db(env)
    .select({
      id: people.id,
      email: people.email,
      name: people.name,
      timeZone: people.timeZone,
      contactStart: people.contactStart,
      contactEnd: people.contactEnd,
      language: memberLanguage,
    })
    .from(people)
    .where(eq(people.id, personId))
    .get();
  return row ?? null;
}

/** Saves some profile columns (one onboarding step's) in one UPDATE, stamping the change time. */
export async function saveProfileFields(
  env: Env,
  personId: string,
  fields: Partial<ProfileUpdate>,
  now = Date.now(),
): Promise<void> {
  await db(env)
    .update(people)
    .set({ ...fields, updatedAt: now })
    .where(eq(people.id, personId));
}

/** A person's whole row (profile included), or null when there is no such person. */
export async function personById(env: Env, personId: string): Promise<Person | null> {
  return (await db(env).select().from(people).where(eq(people.id, personId)).limit(1))[0] ?? null;
}

/** Whether the person is a mentor (invited or active) in any program: the profile asks capacity only of them. */
export async function mentorsSomewhere(env: Env, personId: string): Promise<boolean> {
  const rows = await db(env)
    .select({ role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.personId, personId), eq(memberships.role, "mentor")))
    .limit(1);
  return rows.length > 0;
}

/** Saves the language a person chose for pages and mail (a shipped locale tag). */
export async function saveLanguage(env: Env, personId: string, language: string, now = Date.now()): Promise<void> {
  await db(env).update(people).set({ language, updatedAt: now }).where(eq(people.id, personId));
}

/**
 * The language a person chose (a locale tag), else the language of their program (see `memberLanguage`); null when
 * neither is set or the person does not exist.
 */
export async function languageOf(env: Env, personId: string): Promise<string | null> {
  const row = await db(env).select({ language: memberLanguage }).from(people).where(eq(people.id, personId)).get();
  return row?.language ?? null;
}
