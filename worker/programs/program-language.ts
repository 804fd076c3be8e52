/**
 * A program's language as the default for its members who chose none: the SQL that reads a person's language with
 * their program's in its place (for the loaders mail and pages use), and the program's language alone (which the session
 * loader reads with the person, for the locale middleware).
 */
import { type SQL, eq, inArray, sql } from "drizzle-orm";
import { db } from "../db/client";
import { people, programs } from "../db/schema";

/**
 * The language of the first program a person joined that sets one (null when none), in a query over `people` (the
 * session loader reads it with the person, so the locale middleware needs no query of its own). Written with table
 * names spelled out: drizzle leaves them off the columns of a one-table select, where the subquery's would then be
 * ambiguous.
 */
export const firstProgramLanguage: SQL<string | null> = sql<string | null>`(
  select p.language from memberships m join programs p on p.id = m.program_id
  where m.person_id = "people"."id" and p.language is not null
  order by m.created_at limit 1)`;

/**
 * A person's language for pages and mail, in a query over `people`: their own choice, else the language of the first
 * program they joined that has one (null when neither is set).
 */
export const memberLanguage: SQL<string | null> = sql<
  string | null
>`coalesce("people"."language", ${firstProgramLanguage})`;

/**
 * The name and mail language of each person (by id) as a message from one program reaches them: their own choice,
 * else that program's language (null when neither is set).
 */
export async function recipientLanguages(
  env: Env,
  programId: string,
  personIds: string[],
): Promise<Map<string, { name: string; language: string | null }>> {
  if (personIds.length === 0) return new Map();
  const program = await db(env)
    .select({ language: programs.language })
    .from(programs)
    .where(eq(programs.id, programId))
    .get();
  const found = new Map<string, { name: string; language: string | null }>();
  // D1 binds at most 100 parameters a statement.
  for (let i = 0; i < personIds.length; i += 90) {
    const rows = await db(env)
      .select({ id: people.id, name: people.name, language: people.language })
      .from(people)
      .where(inArray(people.id, personIds.slice(i, i + 90)));
    for (const r of rows) found.set(r.id, { name: r.name, language: r.language ?? program?.language ?? null });
  }
  return found;
}
