/** The programs a person belongs to, with their role and membership status in each: what their home page lists. */
import { eq } from "drizzle-orm";
import { db } from "../db/client";
import { memberships, programs } from "../db/schema";

/** The person's memberships with their program's id, name and type, by program name. */
export async function programsOf(env: Env, personId: string) {
  return db(env)
    .select({
      id: programs.id,
      name: programs.name,
      type: programs.type,
      role: memberships.role,
      status: memberships.status,
    })
    .from(memberships)
    .innerJoin(programs, eq(programs.id, memberships.programId))
    .where(eq(memberships.personId, personId))
    .orderBy(programs.name);
}
