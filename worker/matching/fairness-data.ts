/**
 * Loads what the fairness report is about from D1: the program's active mentors and mentees, and the scores of their
 * matches — from the newest staged run's proposals if there is one, otherwise from the active (published) pairings.
 */
import { and, asc, desc, eq, inArray, isNull, notExists, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { type Db, db } from "../db/client";
import { stringList, stringRecord } from "../db/json-columns";
import { matchProposals, matchRequests, matchRuns, memberships, pairingMembers, pairings, people } from "../db/schema";
import type { FairnessBasis, FairnessPerson, FairnessRole } from "../domain/matching/fairness";

/** The people of a program with their match scores, and the basis those scores come from. */
export interface FairnessData {
  basis: FairnessBasis;
  people: FairnessPerson[];
}

/** The program's active mentors and mentees (each role a row), their languages and answers as the stored JSON text. */
function peopleOf(d: Db, programId: string) {
  return d
    .select({
      id: people.id,
      role: memberships.role,
      time_zone: people.timeZone,
      // The raw text, read with the tolerant json-columns readers.
      languages: sql<string>`${people.languages}`,
      attributes: sql<string>`${memberships.attributes}`,
    })
    .from(memberships)
    .innerJoin(people, eq(people.id, memberships.personId))
    .where(
      and(
        eq(memberships.programId, programId),
        eq(memberships.status, "active"),
        inArray(memberships.role, ["mentor", "mentee"]),
      ),
    )
    .orderBy(asc(people.id), asc(memberships.role));
}

/** The program's newest staged run. */
function newestStaged(d: Db, programId: string) {
  return d
    .select({ id: matchRuns.id, created_at: matchRuns.createdAt })
    .from(matchRuns)
    .where(and(eq(matchRuns.programId, programId), eq(matchRuns.status, "staged")))
    .orderBy(desc(matchRuns.createdAt), desc(sql`rowid`))
    .limit(1);
}

/**
 * Scored edges of active pairings: the proposals they were published from, else the self-match request that made them.
 */
function pairingEdges(d: Db, programId: string) {
  const running = and(eq(pairings.programId, programId), isNull(pairings.endedAt));
  const x = alias(matchProposals, "x");
  return d
    .select({
      pairing_id: pairings.id,
      mentor_id: matchProposals.mentorId,
      mentee_id: matchProposals.menteeId,
      score: matchProposals.score,
    })
    .from(pairings)
    .innerJoin(matchProposals, eq(matchProposals.pairingId, pairings.id))
    .where(running)
    .unionAll(
      d
        .select({
          pairing_id: pairings.id,
          mentor_id: matchRequests.mentorId,
          mentee_id: matchRequests.menteeId,
          score: matchRequests.score,
        })
        .from(pairings)
        .innerJoin(matchRequests, eq(matchRequests.pairingId, pairings.id))
        .where(and(running, notExists(d.select({ x: sql`1` }).from(x).where(eq(x.pairingId, pairings.id))))),
    );
}

/** The members of the program's active pairings. */
function pairingMembersOf(d: Db, programId: string) {
  return d
    .select({ pairing_id: pairingMembers.pairingId, person_id: pairingMembers.personId, role: pairingMembers.role })
    .from(pairingMembers)
    .innerJoin(pairings, eq(pairings.id, pairingMembers.pairingId))
    .where(and(eq(pairings.programId, programId), isNull(pairings.endedAt)));
}

interface PersonRow {
  id: string;
  role: "mentor" | "mentee";
  time_zone: string;
  languages: string;
  attributes: string;
}

interface Edge {
  mentor_id: string;
  mentee_id: string;
  score: number;
}

interface PairingEdge extends Edge {
  pairing_id: string;
}

/** The key of a person in a role; in peer programs everyone is one "peer". */
const keyOf = (role: FairnessRole, id: string) => `${role}:${id}`;

/** The people of the program, each role once (one "peer" per person in peer programs), with no scores yet. */
function toPeople(rows: PersonRow[], peer: boolean): Map<string, FairnessPerson & { scores: (number | null)[] }> {
  const out = new Map<string, FairnessPerson & { scores: (number | null)[] }>();
  for (const r of rows) {
    const role: FairnessRole = peer ? "peer" : r.role;
    if (out.has(keyOf(role, r.id))) continue;
    out.set(keyOf(role, r.id), {
      id: r.id,
      role,
      timeZone: r.time_zone,
      languages: stringList(r.languages),
      attributes: stringRecord(r.attributes),
      scores: [],
    });
  }
  return out;
}

/** The two people an edge scores: its mentor and mentee, or two peers. */
function sidesOf(e: Edge, peer: boolean): [FairnessRole, string][] {
  return peer
    ? [
        ["peer", e.mentor_id],
        ["peer", e.mentee_id],
      ]
    : [
        ["mentor", e.mentor_id],
        ["mentee", e.mentee_id],
      ];
}

/**
 * Loads the report's people and scores for a program (`peer`: the program is a peer program). A staged proposal counts
 * only when both its people are still active members; a published pairing counts for each active member in it.
 */
export async function loadFairnessData(env: Env, programId: string, peer: boolean): Promise<FairnessData> {
  const d = db(env);
  const [peopleRows, staged] = await d.batch([peopleOf(d, programId), newestStaged(d, programId)]);
  const people = toPeople(peopleRows as PersonRow[], peer);
  const run = staged[0];
  if (run) {
    const proposals: Edge[] = await d
      .select({ mentor_id: matchProposals.mentorId, mentee_id: matchProposals.menteeId, score: matchProposals.score })
      .from(matchProposals)
      .where(eq(matchProposals.runId, run.id));
    for (const e of proposals) {
      const both = sidesOf(e, peer).map(([role, id]) => people.get(keyOf(role, id)));
      if (both.every((p) => p !== undefined)) for (const p of both) p!.scores.push(e.score);
    }
    return {
      basis: { kind: "staged", runId: run.id, createdAt: run.created_at, proposals: proposals.length },
      people: [...people.values()],
    };
  }
  const [edgeRows, memberRows] = await d.batch([pairingEdges(d, programId), pairingMembersOf(d, programId)]);
  const edges = new Map<string, Edge[]>();
  for (const e of edgeRows as PairingEdge[]) {
    const list = edges.get(e.pairing_id) ?? [];
    list.push(e);
    edges.set(e.pairing_id, list);
  }
  const members = memberRows as { pairing_id: string; person_id: string; role: FairnessRole }[];
  const pairings = new Set(members.map((m) => m.pairing_id));
  for (const m of members) {
    const role: FairnessRole = peer ? "peer" : m.role;
    const person = people.get(keyOf(role, m.person_id));
    if (!person) continue;
    const mine = (edges.get(m.pairing_id) ?? []).filter((e) =>
      sidesOf(e, peer).some(([r, id]) => r === role && id === m.person_id),
    );
    if (mine.length === 0) person.scores.push(null);
    for (const e of mine) person.scores.push(e.score);
  }
  return {
    basis: pairings.size > 0 ? { kind: "published", pairings: pairings.size } : { kind: "none" },
    people: [...people.values()],
  };
}
