/** Builds pairings for room tests: a program with a coordinator, members with profiles, and the D1 pairing rows. */
import { env } from "cloudflare:workers";
import { addMember } from "./matching-fixture";

let counter = 0;

/** A pairing made for a test, with its people's ids. */
export interface TestPairing {
  programId: string;
  pairingId: string;
  coordinatorId: string;
  memberIds: string[];
}

/** A member to pair: an email (named after its local part), or an email with the name pages should show. */
export type PairingMember = string | { email: string; name: string };

/**
 * Creates a program (coordinator `coord-<tag>@example.org`) and one pairing of the given members (first is the mentor).
 */
export async function makePairing(tag: string, emails: PairingMember[], stage = "onboarding"): Promise<TestPairing> {
  counter++;
  const programId = `prog-${tag}-${counter}`;
  const coordEmail = `coord-${tag}@example.org`;
  await env.DB.prepare("INSERT INTO people (id, email, name) VALUES (?1, ?2, ?3) ON CONFLICT (email) DO NOTHING")
    .bind(`p-coord${tag}`, coordEmail, `Coordinator ${tag}`)
    .run();
  const coordinatorId = (await env.DB.prepare("SELECT id FROM people WHERE email = ?1")
    .bind(coordEmail)
    .first<{ id: string }>())!.id;
  await env.DB.prepare(
    "INSERT INTO programs (id, name, type, length_weeks, cadence_days, matching_mode, created_by) VALUES (?1, ?2, ?3, 12, 14, 'coordinator', ?4)",
  )
    .bind(programId, `Program ${tag}`, emails.length > 2 ? "group" : "one-to-one", coordinatorId)
    .run();
  await env.DB.prepare(
    "INSERT INTO memberships (program_id, person_id, role, status) VALUES (?1, ?2, 'coordinator', 'active')",
  )
    .bind(programId, coordinatorId)
    .run();
  const memberIds: string[] = [];
  for (const [i, member] of emails.entries())
    memberIds.push(
      await addMember(programId, {
        ...(typeof member === "string" ? { email: member } : member),
        role: i === 0 ? "mentor" : "mentee",
        capacity: i === 0 ? 5 : 0,
      }),
    );
  const pairingId = `pair${tag}${counter}`.replace(/[^a-z0-9]/g, "");
  await env.DB.batch([
    env.DB.prepare(
      "INSERT INTO pairings (id, program_id, source, stage, created_at) VALUES (?1, ?2, 'matching', ?3, ?4)",
    ).bind(pairingId, programId, stage, Date.now()),
    ...memberIds.map((id, i) =>
      env.DB.prepare(
        "INSERT INTO pairing_members (pairing_id, person_id, role, program_id) VALUES (?1, ?2, ?3, ?4)",
      ).bind(pairingId, id, i === 0 ? "mentor" : "mentee", programId),
    ),
  ]);
  return { programId, pairingId, coordinatorId, memberIds };
}
