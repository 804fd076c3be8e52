/**
 * The people table's own reads and writes for a person's profile: saving the profile form, and the address, name and
 * contact hours mail to them needs. (Sign-in creates people rows in worker/auth; deleting a person's data tombstones
 * the row in worker/privacy/erase-person.ts, in the one batch that erases them everywhere.)
 */
import { eq } from "drizzle-orm";
import { db } from "../db/client";
import { people } from "../db/schema";
import type { ProfileUpdate } from "../domain/profile";

/** What mail to a person needs: their address, their name, and their contact hours in their zone. */
export interface MailContact {
  id: string;
  email: string;
  name: string;
  timeZone: string;
  contactStart: number;
  contactEnd: number;
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
    })
    .from(people)
    .where(eq(people.id, personId))
    .get();
  return row ?? null;
}
