/**
 * Loads what the fairness report is about from D1: the program's active mentors and mentees, and the scores of their
 * matches — from the newest staged run's proposals if there is one, otherwise from the active (published) pairings.
 */
import { stringList, stringRecord } from "../db/json-columns";
import type { FairnessBasis, FairnessPerson, FairnessRole } from "../domain/matching/fairness";

/** The people of a program with their match scores, and the basis those scores come from. */
export interface FairnessData {
  basis: FairnessBasis;
  people: FairnessPerson[];
}

const PEOPLE = `
SELECT p.id, m.role, p.time_zone, p.languages, m.attributes
FROM memberships m JOIN people p ON p.id = m.person_id
WHERE m.program_id = ?1 AND m.status = 'active' AND m.role IN ('mentor', 'mentee')
ORDER BY p.id, m.role`;

const NEWEST_STAGED = `
SELECT id, created_at FROM match_runs WHERE program_id = ?1 AND status = 'staged' ORDER BY created_at DESC, rowid DESC LIMIT 1`;

const PROPOSALS = `SELECT mentor_id, mentee_id, score FROM match_proposals WHERE run_id = ?1`;

/** Scored edges of active pairings: the proposals they were published from, else the self-match request that made them. */
const PAIRING_EDGES = `
SELECT pr.id AS pairing_id, mp.mentor_id, mp.mentee_id, mp.score
FROM pairings pr JOIN match_proposals mp ON mp.pairing_id = pr.id
WHERE pr.program_id = ?1 AND pr.ended_at IS NULL
UNION ALL
SELECT pr.id, rq.mentor_id, rq.mentee_id, rq.score
FROM pairings pr JOIN match_requests rq ON rq.pairing_id = pr.id
WHERE pr.program_id = ?1 AND pr.ended_at IS NULL AND NOT EXISTS (SELECT 1 FROM match_proposals x WHERE x.pairing_id = pr.id)`;

const PAIRING_MEMBERS = `
SELECT pm.pairing_id, pm.person_id, pm.role
FROM pairing_members pm JOIN pairings pr ON pr.id = pm.pairing_id
WHERE pr.program_id = ?1 AND pr.ended_at IS NULL`;

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
  const [peopleRows, staged] = await env.DB.batch<Record<string, unknown>>([
    env.DB.prepare(PEOPLE).bind(programId),
    env.DB.prepare(NEWEST_STAGED).bind(programId),
  ]);
  const people = toPeople(peopleRows!.results as unknown as PersonRow[], peer);
  const run = staged!.results[0] as { id: string; created_at: number } | undefined;
  if (run) {
    const proposals = (await env.DB.prepare(PROPOSALS).bind(run.id).all<Edge>()).results;
    for (const e of proposals) {
      const both = sidesOf(e, peer).map(([role, id]) => people.get(keyOf(role, id)));
      if (both.every((p) => p !== undefined)) for (const p of both) p!.scores.push(e.score);
    }
    return {
      basis: { kind: "staged", runId: run.id, createdAt: run.created_at, proposals: proposals.length },
      people: [...people.values()],
    };
  }
  const [edgeRows, memberRows] = await env.DB.batch<Record<string, unknown>>([
    env.DB.prepare(PAIRING_EDGES).bind(programId),
    env.DB.prepare(PAIRING_MEMBERS).bind(programId),
  ]);
  const edges = new Map<string, Edge[]>();
  for (const e of edgeRows!.results as unknown as PairingEdge[]) {
    const list = edges.get(e.pairing_id) ?? [];
    list.push(e);
    edges.set(e.pairing_id, list);
  }
  const members = memberRows!.results as unknown as { pairing_id: string; person_id: string; role: FairnessRole }[];
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
