/** Finding a pairing in D1 and who may open it; reaching its room. */
import { asc, eq, sql } from "drizzle-orm";
import { db } from "../db/client";
import { pairingMembers, pairings, people, programs } from "../db/schema";
import type { PairingRecord } from "../domain/pairing";
import type { RoomActor } from "../domain/room/types";

/** The `pairings` columns `projectionOf` reads, under the names it reads them by (for a query builder select). */
export const projectionColumns = {
  id: pairings.id,
  stage: pairings.stage,
  stage_reason: pairings.stageReason,
  created_at: pairings.createdAt,
  last_activity_at: pairings.lastActivityAt,
  message_count: pairings.messageCount,
  agreement_signed: pairings.agreementSigned,
  goal_progress: pairings.goalProgress,
  risk_reason: pairings.riskReason,
};

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
  const d = db(env);
  const [head, members] = await d.batch([
    d
      .select({
        ...projectionColumns,
        program_id: pairings.programId,
        program_name: programs.name,
        program_type: programs.type,
        agreement_version: pairings.agreementVersion,
        goal_count: pairings.goalCount,
      })
      .from(pairings)
      .innerJoin(programs, eq(programs.id, pairings.programId))
      .where(eq(pairings.id, pairingId)),
    d
      .select({
        person_id: pairingMembers.personId,
        role: pairingMembers.role,
        message_count: pairingMembers.messageCount,
        unread_count: pairingMembers.unreadCount,
        name: people.name,
        email: people.email,
        time_zone: people.timeZone,
      })
      .from(pairingMembers)
      .innerJoin(people, eq(people.id, pairingMembers.personId))
      .where(eq(pairingMembers.pairingId, pairingId))
      .orderBy(sql`CASE ${pairingMembers.role} WHEN 'mentor' THEN 0 ELSE 1 END`, asc(people.name)),
  ]);
  const p = head[0] as Record<string, unknown> | undefined;
  if (!p) return null;
  return {
    ...projectionOf(p),
    programId: String(p.program_id),
    programName: String(p.program_name),
    programType: String(p.program_type),
    agreementVersion: Number(p.agreement_version),
    goalCount: Number(p.goal_count),
    members: (members as Record<string, unknown>[]).map((m) => ({
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

/** The ids of a pairing's members (any role), as D1's projection lists them. */
export async function memberIdsOf(env: Env, pairingId: string): Promise<string[]> {
  const rows = await db(env)
    .select({ id: pairingMembers.personId })
    .from(pairingMembers)
    .where(eq(pairingMembers.pairingId, pairingId));
  return rows.map((r) => r.id);
}

/** The actor a signed-in member calls the room as. */
export const asMember = (personId: string): RoomActor => ({ kind: "member", personId });

/** Display names by person id, for chat and notes. */
export function namesOf(p: PairingRecord): Record<string, string> {
  return Object.fromEntries(p.members.map((m) => [m.personId, m.name]));
}
