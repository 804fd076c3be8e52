/** Who holds which role in a program: the membership reads the guards and participant pages need. */
import { and, eq } from "drizzle-orm";
import { db } from "../db/client";
import { memberships, programs } from "../db/schema";
import type { Role } from "../domain/vocabulary";

/** Returns the active roles a person holds in a program. */
export async function rolesIn(env: Env, programId: string, personId: string): Promise<Role[]> {
  const rows = await db(env)
    .select({ role: memberships.role })
    .from(memberships)
    .where(
      and(eq(memberships.programId, programId), eq(memberships.personId, personId), eq(memberships.status, "active")),
    );
  return rows.map((r) => r.role);
}

/** Whether a program with this id exists. */
export async function programExists(env: Env, programId: string): Promise<boolean> {
  const found = await db(env).select({ id: programs.id }).from(programs).where(eq(programs.id, programId)).limit(1);
  return found.length > 0;
}
