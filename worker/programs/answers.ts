/** A participant's answers for one program (the program's questions, and mentors wanted), kept on their membership. */
import { and, desc, eq, inArray, sql } from "drizzle-orm";
import { db } from "../db/client";
import { stringRecord } from "../db/json-columns";
import { memberships } from "../db/schema";

const participantRoles = ["mentor", "mentee"] as const;

/** The stored answers and mentors wanted of a mentor or mentee (the mentee membership first); null when neither. */
export async function membershipAnswers(
  env: Env,
  programId: string,
  personId: string,
): Promise<{ attributes: Record<string, string>; wants: number } | null> {
  const rows = await db(env)
    // The raw text, not the parsed column: read with the tolerant json-columns reader, so bad JSON reads as no answers.
    .select({ attributes: sql<string>`${memberships.attributes}`, wants: memberships.wants })
    .from(memberships)
    .where(
      and(
        eq(memberships.programId, programId),
        eq(memberships.personId, personId),
        inArray(memberships.role, participantRoles),
      ),
    )
    .orderBy(desc(memberships.role))
    .limit(1);
  const row = rows[0];
  return row ? { attributes: stringRecord(row.attributes), wants: row.wants } : null;
}

/** Saves the answers on the person's mentor and mentee memberships; `wants` (when given) only on the mentee one. */
export async function saveMembershipAnswers(
  env: Env,
  programId: string,
  personId: string,
  attributes: Record<string, string>,
  wants: number | null,
): Promise<void> {
  await db(env)
    .update(memberships)
    .set({
      attributes,
      wants: sql`CASE WHEN ${memberships.role} = 'mentee' THEN coalesce(${wants}, ${memberships.wants}) ELSE ${memberships.wants} END`,
    })
    .where(
      and(
        eq(memberships.programId, programId),
        eq(memberships.personId, personId),
        inArray(memberships.role, participantRoles),
      ),
    );
}
