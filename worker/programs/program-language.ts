/**
 * A program's language as the default for its members who chose none: the SQL that reads a person's language with
 * their program's in its place (for the loaders mail and pages use), and the lookup the locale middleware makes for a
 * signed-in person without a choice.
 */
import { type SQL, and, asc, eq, isNotNull, sql } from "drizzle-orm";
import { db } from "../db/client";
import { memberships, people, programs } from "../db/schema";

/**
 * A person's language for pages and mail, in a query over `people`: their own choice, else the language of the first
 * program they joined that has one (null when neither is set).
 */
export const memberLanguage: SQL<string | null> = sql<string | null>`coalesce(${people.language}, (
  select ${programs.language} from ${memberships} join ${programs} on ${programs.id} = ${memberships.programId}
  where ${memberships.personId} = ${people.id} and ${programs.language} is not null
  order by ${memberships.createdAt} limit 1))`;

/** The language of the first program a person joined that sets one, or null. */
export async function programLanguageOf(env: Env, personId: string): Promise<string | null> {
  const row = await db(env)
    .select({ language: programs.language })
    .from(memberships)
    .innerJoin(programs, eq(programs.id, memberships.programId))
    .where(and(eq(memberships.personId, personId), isNotNull(programs.language)))
    .orderBy(asc(memberships.createdAt))
    .limit(1)
    .get();
  return row?.language ?? null;
}
