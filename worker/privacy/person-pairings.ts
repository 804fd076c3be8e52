/** The pairings a person is (or was) a member of: where their own content lives. */
import { asc, eq } from "drizzle-orm";
import { db } from "../db/client";
import { pairingMembers, pairings } from "../db/schema";

/** A person's pairings with their program, role and stage, oldest first. */
export async function pairingsOf(
  env: Env,
  personId: string,
): Promise<{ pairingId: string; programId: string; role: string }[]> {
  return db(env)
    .select({ pairingId: pairingMembers.pairingId, programId: pairingMembers.programId, role: pairingMembers.role })
    .from(pairingMembers)
    .innerJoin(pairings, eq(pairings.id, pairingMembers.pairingId))
    .where(eq(pairingMembers.personId, personId))
    .orderBy(asc(pairings.createdAt), asc(pairings.id));
}
