/** The pairings a person is (or was) a member of: where their own content lives. */

/** A person's pairings with their program, role and stage, oldest first. */
export async function pairingsOf(
  env: Env,
  personId: string,
): Promise<{ pairingId: string; programId: string; role: string }[]> {
  const { results } = await env.DB.prepare(
    "SELECT m.pairing_id, m.program_id, m.role FROM pairing_members m JOIN pairings p ON p.id = m.pairing_id WHERE m.person_id = ?1 ORDER BY p.created_at, p.id",
  )
    .bind(personId)
    .all<{ pairing_id: string; program_id: string; role: string }>();
  return results.map((r) => ({ pairingId: r.pairing_id, programId: r.program_id, role: r.role }));
}
