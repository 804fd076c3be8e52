/**
 * Every read the pairing room makes from D1, in one place. The room owns its pairing's content, but D1 is the system of
 * record for everything around it, so the room must ask D1 for:
 * - the pairing itself, once, when its room first opens (matching and self-match create pairings in D1);
 * - its members' names, when the room wakes (people rename themselves on their profile, in D1);
 * - whether a person coordinates the pairing's program (memberships change in D1, outside any room);
 * - a member's name and email, when they delete their data (to take them out of system lines);
 * - members' time zones, availability and contact hours, to suggest meeting times (profiles live in D1);
 * - when members want meeting reminders (their choice lives in D1, beside their other mail preferences).
 * The room's writes to D1 are its projection, in projection-outbox.ts.
 */
import { and, eq, isNull } from "drizzle-orm";
import { db } from "../db/client";
import { memberships, pairingMembers, pairings, people } from "../db/schema";
import type { Stage } from "../domain/room/stages";
import type { PairingSeed } from "./room-state";

/** Reads the pairing that D1 created (by matching or self-match) so the room can take it over; null if unknown. */
export async function readPairingSeed(env: Env, pairingId: string): Promise<PairingSeed | null> {
  const d = db(env);
  const [found, members] = await d.batch([
    d
      .select({
        pairingId: pairings.id,
        programId: pairings.programId,
        stage: pairings.stage,
        stageReason: pairings.stageReason,
        createdAt: pairings.createdAt,
        endedAt: pairings.endedAt,
        lastActivityAt: pairings.lastActivityAt,
      })
      .from(pairings)
      .where(eq(pairings.id, pairingId)),
    d
      .select({ personId: pairingMembers.personId, role: pairingMembers.role })
      .from(pairingMembers)
      .where(eq(pairingMembers.pairingId, pairingId)),
  ]);
  const p = found[0];
  return p ? { ...p, stage: p.stage as Stage, members } : null;
}

/** Display names (the name, else the email) of the given people. */
export async function readDisplayNames(env: Env, personIds: string[]): Promise<Record<string, string>> {
  // Raw SQL: json_each takes any number of ids as one bound parameter (D1 binds at most 100).
  const rows = await env.DB.prepare("SELECT id, name, email FROM people WHERE id IN (SELECT value FROM json_each(?1))")
    .bind(JSON.stringify(personIds))
    .all<{ id: string; name: string; email: string }>();
  return Object.fromEntries(rows.results.map((r) => [r.id, r.name || r.email]));
}

/** Whether a person is an active coordinator of the program. */
export async function isProgramCoordinator(env: Env, programId: string, personId: string): Promise<boolean> {
  const row = await db(env)
    .select({ ok: memberships.personId })
    .from(memberships)
    .where(
      and(
        eq(memberships.programId, programId),
        eq(memberships.personId, personId),
        eq(memberships.role, "coordinator"),
        eq(memberships.status, "active"),
      ),
    )
    .get();
  return row !== undefined;
}

/** A person's name and email while D1 still holds them (null once deleted there). */
export async function readIdentity(env: Env, personId: string): Promise<{ name: string; email: string } | null> {
  const row = await db(env)
    .select({ name: people.name, email: people.email })
    .from(people)
    .where(and(eq(people.id, personId), isNull(people.deletedAt)))
    .get();
  return row ?? null;
}

/** What scheduling needs of each person: time zone, weekly availability (JSON) and contact hours. */
export async function readSchedules(
  env: Env,
  personIds: string[],
): Promise<{ time_zone: string; availability: string; contact_start: number; contact_end: number }[]> {
  // Raw SQL: json_each as above, and the availability column read as its stored JSON text, which the slot finder
  // parses leniently (the builder would parse it strictly).
  const rows = await env.DB.prepare(
    "SELECT time_zone, availability, contact_start, contact_end FROM people WHERE id IN (SELECT value FROM json_each(?1))",
  )
    .bind(JSON.stringify(personIds))
    .all<{ time_zone: string; availability: string; contact_start: number; contact_end: number }>();
  return rows.results;
}

/** Minutes before a meeting each person wants its reminder (0: none), for those who chose; the rest take the default. */
export async function readReminderLeads(env: Env, personIds: string[]): Promise<Map<string, number>> {
  // Raw SQL: json_each as above.
  const rows = await env.DB.prepare(
    "SELECT person_id, lead_minutes FROM meeting_reminder_prefs WHERE person_id IN (SELECT value FROM json_each(?1))",
  )
    .bind(JSON.stringify(personIds))
    .all<{ person_id: string; lead_minutes: number }>();
  return new Map(rows.results.map((r) => [r.person_id, r.lead_minutes]));
}
