/**
 * Every read the pairing room makes from D1, in one place. The room owns its pairing's content, but D1 is the system of
 * record for everything around it, so the room must ask D1 for:
 * - the pairing itself, once, when its room first opens (matching and self-match create pairings in D1);
 * - its members' names, when the room wakes (people rename themselves on their profile, in D1);
 * - whether a person coordinates the pairing's program (memberships change in D1, outside any room);
 * - a member's name and email, when they delete their data (to take them out of system lines);
 * - members' time zones, availability and contact hours, to suggest meeting times (profiles live in D1).
 * The room's writes to D1 are its projection, in projection-outbox.ts.
 */
import type { Stage } from "../domain/room/stages";
import type { PairingSeed } from "./room-state";

/** Reads the pairing that D1 created (by matching or self-match) so the room can take it over; null if unknown. */
export async function readPairingSeed(env: Env, pairingId: string): Promise<PairingSeed | null> {
  const [pairing, members] = await env.DB.batch([
    env.DB.prepare(
      "SELECT id, program_id, stage, stage_reason, created_at, ended_at, last_activity_at FROM pairings WHERE id = ?1",
    ).bind(pairingId),
    env.DB.prepare("SELECT person_id, role FROM pairing_members WHERE pairing_id = ?1").bind(pairingId),
  ]);
  const p = pairing!.results[0] as
    | {
        id: string;
        program_id: string;
        stage: Stage;
        stage_reason: string;
        created_at: number;
        ended_at: number | null;
        last_activity_at: number | null;
      }
    | undefined;
  if (!p) return null;
  return {
    pairingId: p.id,
    programId: p.program_id,
    stage: p.stage,
    stageReason: p.stage_reason,
    createdAt: p.created_at,
    endedAt: p.ended_at,
    lastActivityAt: p.last_activity_at,
    members: (members!.results as { person_id: string; role: string }[]).map((m) => ({
      personId: m.person_id,
      role: m.role,
    })),
  };
}

/** Display names (the name, else the email) of the given people. */
export async function readDisplayNames(env: Env, personIds: string[]): Promise<Record<string, string>> {
  const rows = await env.DB.prepare("SELECT id, name, email FROM people WHERE id IN (SELECT value FROM json_each(?1))")
    .bind(JSON.stringify(personIds))
    .all<{ id: string; name: string; email: string }>();
  return Object.fromEntries(rows.results.map((r) => [r.id, r.name || r.email]));
}

/** Whether a person is an active coordinator of the program. */
export async function isProgramCoordinator(env: Env, programId: string, personId: string): Promise<boolean> {
  const row = await env.DB.prepare(
    "SELECT 1 AS ok FROM memberships WHERE program_id = ?1 AND person_id = ?2 AND role = 'coordinator' AND status = 'active'",
  )
    .bind(programId, personId)
    .first();
  return row !== null;
}

/** A person's name and email while D1 still holds them (null once deleted there). */
export async function readIdentity(env: Env, personId: string): Promise<{ name: string; email: string } | null> {
  return env.DB.prepare("SELECT name, email FROM people WHERE id = ?1 AND deleted_at IS NULL")
    .bind(personId)
    .first<{ name: string; email: string }>();
}

/** What scheduling needs of each person: time zone, weekly availability (JSON) and contact hours. */
export async function readSchedules(
  env: Env,
  personIds: string[],
): Promise<{ time_zone: string; availability: string; contact_start: number; contact_end: number }[]> {
  const rows = await env.DB.prepare(
    "SELECT time_zone, availability, contact_start, contact_end FROM people WHERE id IN (SELECT value FROM json_each(?1))",
  )
    .bind(JSON.stringify(personIds))
    .all<{ time_zone: string; availability: string; contact_start: number; contact_end: number }>();
  return rows.results;
}
