/** Which programs require single sign-on of a person (the programs.sso_provider setting). */
import { eq } from "drizzle-orm";
import { db } from "../db/client";
import { memberships, people, programs } from "../db/schema";

/**
 * The provider ids that programs require of this person (by id, or by address: a read that creates nobody) as a mentor
 * or mentee, or [] when none does — or when the person coordinates any program or may create programs: coordinators
 * keep the email link (they set the rule up, and must not lock themselves out when the provider is down).
 */
export async function requiredSsoProviders(env: Env, who: { personId: string } | { email: string }): Promise<string[]> {
  const rows = await db(env)
    .select({ role: memberships.role, provider: programs.ssoProvider, canCreate: people.canCreatePrograms })
    .from(people)
    .innerJoin(memberships, eq(memberships.personId, people.id))
    .innerJoin(programs, eq(programs.id, memberships.programId))
    .where("personId" in who ? eq(people.id, who.personId) : eq(people.email, who.email));
  if (rows.some((r) => r.role === "coordinator" || r.canCreate)) return [];
  return [...new Set(rows.flatMap((r) => (r.provider ? [r.provider] : [])))];
}
