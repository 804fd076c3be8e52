/** A participant's pairings in a program with the other members: for their program page and for a rematch. */
import { and, asc, desc, eq, isNull, ne, or, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { db } from "../db/client";
import { pairingMembers, pairings, people } from "../db/schema";
import type { OwnPairing } from "../domain/pairing";

/** The pairings (current first, newest first) a person is a member of in a program, or in every program when null. */
export async function ownPairings(env: Env, programId: string | null, personId: string): Promise<OwnPairing[]> {
  const me = alias(pairingMembers, "me");
  const o = alias(pairingMembers, "o");
  const results = await db(env)
    .select({
      id: pairings.id,
      stage: pairings.stage,
      created_at: pairings.createdAt,
      ended_at: pairings.endedAt,
      unread: me.unreadCount,
      my_role: me.role,
      name: people.name,
      email: people.email,
      role: o.role,
    })
    .from(me)
    .innerJoin(pairings, eq(pairings.id, me.pairingId))
    .innerJoin(o, and(eq(o.pairingId, me.pairingId), ne(o.personId, me.personId)))
    .innerJoin(people, eq(people.id, o.personId))
    .where(and(eq(me.personId, personId), programId === null ? undefined : eq(me.programId, programId)))
    .orderBy(
      sql`${pairings.endedAt} IS NOT NULL`,
      desc(pairings.createdAt),
      asc(pairings.id),
      asc(o.role),
      asc(people.name),
    )
    .limit(500);
  const byId = new Map<string, OwnPairing>();
  for (const r of results) {
    let p = byId.get(r.id);
    if (!p) {
      p = {
        id: r.id,
        stage: r.stage,
        createdAt: r.created_at,
        endedAt: r.ended_at,
        unread: r.unread,
        role: r.my_role,
        others: [],
      };
      byId.set(r.id, p);
    }
    p.others.push({ name: r.name, email: r.email, role: r.role });
  }
  return [...byId.values()];
}

/**
 * A person's pairings in a program that have not ended, plus `alsoId` (one of theirs) even if it has, oldest first (at
 * most 50), and the other members of those pairings by name.
 */
export async function pairingsWithPartners(env: Env, programId: string, personId: string, alsoId: string | null) {
  const d = db(env);
  const me = alias(pairingMembers, "me");
  const o = alias(pairingMembers, "o");
  const mine = and(
    eq(me.personId, personId),
    eq(me.programId, programId),
    or(isNull(pairings.endedAt), alsoId === null ? undefined : eq(pairings.id, alsoId)),
  );
  const [heads, members] = await d.batch([
    d
      .select({ id: pairings.id, stage: pairings.stage, role: me.role })
      .from(me)
      .innerJoin(pairings, eq(pairings.id, me.pairingId))
      .where(mine)
      .orderBy(asc(pairings.createdAt), asc(pairings.id))
      .limit(50),
    d
      .select({ pairingId: o.pairingId, id: people.id, name: people.name, email: people.email })
      .from(me)
      .innerJoin(pairings, eq(pairings.id, me.pairingId))
      .innerJoin(o, and(eq(o.pairingId, me.pairingId), ne(o.personId, me.personId)))
      .innerJoin(people, eq(people.id, o.personId))
      .where(mine)
      .orderBy(asc(people.name), asc(people.id)),
  ]);
  return { heads, members };
}

/** The people in a peer pairing of the program that has not ended. */
export async function peersPairedIn(env: Env, programId: string): Promise<string[]> {
  const rows = await db(env)
    .selectDistinct({ id: pairingMembers.personId })
    .from(pairingMembers)
    .innerJoin(pairings, and(eq(pairings.id, pairingMembers.pairingId), isNull(pairings.endedAt)))
    .where(and(eq(pairingMembers.programId, programId), eq(pairingMembers.role, "peer")));
  return rows.map((r) => r.id);
}
