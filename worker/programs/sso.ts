/** Which programs require single sign-on of a person (the programs.sso_provider setting). */
import { eq } from "drizzle-orm";
import { db } from "../db/client";
import { memberships, programs } from "../db/schema";
import type { Person } from "../domain/records";

/**
 * The provider ids that programs require of this person as a mentor or mentee, or [] when none does — or when the
 * person coordinates any program or may create programs: coordinators keep the email link (they set the rule up, and
 * must not lock themselves out when the provider is down).
 */
export async function requiredSsoProviders(env: Env, person: Pick<Person, "id" | "canCreatePrograms">) {
  if (person.canCreatePrograms) return [];
  const rows = await db(env)
    .select({ role: memberships.role, provider: programs.ssoProvider })
    .from(memberships)
    .innerJoin(programs, eq(programs.id, memberships.programId))
    .where(eq(memberships.personId, person.id));
  if (rows.some((r) => r.role === "coordinator")) return [];
  return [...new Set(rows.flatMap((r) => (r.provider ? [r.provider] : [])))];
}
