/** Finding a pairing in D1 and who may open it; reaching its room. */
import type { PairingRecord } from "../domain/pairing";
import type { RoomActor } from "../domain/room/types";

/** The projection columns every pairing view reads, from a `pairings` row. */
export function projectionOf(r: Record<string, unknown>) {
  return {
    id: String(r.id),
    stage: String(r.stage),
    stageReason: String(r.stage_reason ?? ""),
    createdAt: Number(r.created_at),
    lastActivityAt: r.last_activity_at === null ? null : Number(r.last_activity_at),
    messageCount: Number(r.message_count),
    agreementSigned: Boolean(r.agreement_signed),
    goalProgress: r.goal_progress === null ? null : Number(r.goal_progress),
    riskReason: r.risk_reason ? String(r.risk_reason) : null,
  };
}

/** Reads a pairing's projection and members from D1, or null when there is none. */
export async function loadPairing(env: Env, pairingId: string): Promise<PairingRecord | null> {
  const [head, people] = await env.DB.batch([
    env.DB.prepare(
      `SELECT p.id, p.program_id, pr.name AS program_name, pr.type AS program_type, p.stage, p.stage_reason, p.created_at, p.last_activity_at,
         p.message_count, p.agreement_signed, p.agreement_version, p.goal_count, p.goal_progress, p.risk_reason
       FROM pairings p JOIN programs pr ON pr.id = p.program_id WHERE p.id = ?1`,
    ).bind(pairingId),
    env.DB.prepare(
      `SELECT m.person_id, m.role, m.message_count, m.unread_count, pe.name, pe.email, pe.time_zone FROM pairing_members m JOIN people pe ON pe.id = m.person_id
       WHERE m.pairing_id = ?1 ORDER BY CASE m.role WHEN 'mentor' THEN 0 ELSE 1 END, pe.name`,
    ).bind(pairingId),
  ]);
  const p = head!.results[0] as Record<string, unknown> | undefined;
  if (!p) return null;
  return {
    ...projectionOf(p),
    programId: String(p.program_id),
    programName: String(p.program_name),
    programType: String(p.program_type),
    agreementVersion: Number(p.agreement_version),
    goalCount: Number(p.goal_count),
    members: (people!.results as Record<string, unknown>[]).map((m) => ({
      personId: String(m.person_id),
      role: String(m.role),
      name: String(m.name || m.email),
      email: String(m.email),
      timeZone: String(m.time_zone),
      messageCount: Number(m.message_count),
      unreadCount: Number(m.unread_count),
    })),
  };
}

/** The pairing's room stub: the room is named by the pairing id, which is how it knows its own (ctx.id.name). */
export function roomOf(env: Env, pairingId: string): DurableObjectStub<import("../room/pairing-room").PairingRoom> {
  return env.PAIRING_ROOM.get(env.PAIRING_ROOM.idFromName(pairingId));
}

/** The actor a signed-in member calls the room as. */
export const asMember = (personId: string): RoomActor => ({ kind: "member", personId });

/** Display names by person id, for chat and notes. */
export function namesOf(p: PairingRecord): Record<string, string> {
  return Object.fromEntries(p.members.map((m) => [m.personId, m.name]));
}
