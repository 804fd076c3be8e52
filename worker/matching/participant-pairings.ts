/** A participant's own pairings in one program, with the other members' names, for their program page. */
import { and, asc, desc, eq, ne, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { db } from "../db/client";
import { pairingMembers, pairings, people } from "../db/schema";

/** One pairing as its member sees it. */
export interface OwnPairing {
  id: string;
  stage: string;
  createdAt: number;
  endedAt: number | null;
  /** Chat messages the viewer has not read (as the room last projected). */
  unread: number;
  /** The viewer's role in this pairing. */
  role: "mentor" | "mentee" | "peer";
  others: { name: string; email: string; role: "mentor" | "mentee" | "peer" }[];
}

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
