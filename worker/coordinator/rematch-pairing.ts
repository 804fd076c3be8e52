/**
 * Creating the rematched pairing in one D1 batch (one transaction): the pairing and its members only if the guard holds
 * at that moment (the mentor's free place, the mentee's limit, a peer still free, nobody ruled the pair out), and the
 * audit entry only if the pairing was created. The pairing's id is the confirmation key, so a retry cannot create a
 * second one.
 */
import { rematchAuditStatement, rematchLogged } from "../audit/audit-log";
import type { RematchSide } from "../domain/coordinator/rematch-rules";
import { pairingStatements } from "../matching/pairings";

/** The new pairing and the audit facts written with it. */
export interface RematchPairing {
  /** The confirmation key: the new pairing's id and the audit entry's id. */
  id: string;
  programId: string;
  side: RematchSide;
  personId: string;
  partnerId: string;
  maxMentorsPerMentee: number;
  coordinatorId: string;
  /** The pairing that ended (null when the person had none). */
  fromId: string | null;
  reason: string;
  now: number;
}

/** Pairings of this program that have not ended in which `person` is the mentee or a peer (?2 program). */
const MENTORS_HERE = (
  person: string,
) => `(SELECT count(*) FROM pairing_members me JOIN pairings pr ON pr.id = me.pairing_id AND pr.ended_at IS NULL
  WHERE me.person_id = ${person} AND me.program_id = ?2 AND me.role IN ('mentee', 'peer'))`;

/**
 * The extra guard (parameters from ?7: person, partner, the mentee or NULL, the program's mentor limit, 1 for peers):
 * the id is new, both are still active participants and available, not paired with each other, not on an avoid list;
 * the mentee is below their limit; a peer partner is in no other peer pairing here. The mentor's free place is checked
 * by pairingStatements itself. Raw SQL: a condition inside that guarded INSERT … SELECT (correlated counts, EXISTS),
 * which the builder cannot express.
 */
const REMATCH_GUARD = `
NOT EXISTS (SELECT 1 FROM pairings WHERE id = ?1)
AND (SELECT count(DISTINCT person_id) FROM memberships WHERE program_id = ?2 AND person_id IN (?7, ?8) AND status = 'active' AND role IN ('mentor', 'mentee')) = 2
AND NOT EXISTS (SELECT 1 FROM people WHERE id IN (?7, ?8) AND (unavailable = 1 OR deleted_at IS NOT NULL))
AND NOT EXISTS (SELECT 1 FROM pairing_members a JOIN pairing_members b ON b.pairing_id = a.pairing_id AND b.person_id = ?8
                JOIN pairings pr ON pr.id = a.pairing_id AND pr.ended_at IS NULL WHERE a.person_id = ?7 AND a.program_id = ?2)
AND NOT EXISTS (SELECT 1 FROM match_avoids WHERE program_id = ?2 AND ((person_id = ?7 AND avoid_id = ?8) OR (person_id = ?8 AND avoid_id = ?7)))
AND (?9 IS NULL OR ${MENTORS_HERE("?9")} <
     (SELECT min(max(1, wants), ?10) FROM memberships WHERE program_id = ?2 AND person_id = ?9 AND role = 'mentee' AND status = 'active'))
AND (?11 = 0 OR ${MENTORS_HERE("?8")} = 0)`;

/** The members of the new pairing, the mentor first. */
export function newMembers(side: RematchSide, personId: string, partnerId: string) {
  if (side === "peer")
    return [
      { personId, role: "peer" as const },
      { personId: partnerId, role: "peer" as const },
    ];
  const [mentor, mentee] = side === "mentee" ? [partnerId, personId] : [personId, partnerId];
  return [
    { personId: mentor, role: "mentor" as const },
    { personId: mentee, role: "mentee" as const },
  ];
}

/** The audit entry's detail. */
export function rematchDetail(p: Pick<RematchPairing, "fromId" | "id" | "partnerId" | "reason">) {
  return { from: p.fromId, to: p.id, partnerId: p.partnerId, reason: p.reason };
}

/**
 * Whether this rematch created its pairing already: the audit entry written with it names the same program and person.
 */
async function createdBefore(env: Env, p: RematchPairing): Promise<boolean> {
  return rematchLogged(env, p.id, p.programId, p.personId);
}

/**
 * Creates the pairing with its audit entry if the guard holds: "created" when this call made it, "existed" when this
 * rematch's pairing was made before (or by a confirmation racing this one), false when the guard refused it. A key that
 * names some other pairing (a forged confirmation) creates nothing and answers false. The one batch writes two owners'
 * tables atomically: pairings and pairing_members through the matching module's statements, audit_log through the audit
 * module's.
 */
export async function createRematchPairing(env: Env, p: RematchPairing): Promise<"created" | "existed" | false> {
  if (await createdBefore(env, p)) return "existed";
  const members = newMembers(p.side, p.personId, p.partnerId);
  const mentee = p.side === "peer" ? null : members[1]!.personId;
  const guard = {
    sql: REMATCH_GUARD,
    params: [p.personId, p.partnerId, mentee, p.maxMentorsPerMentee, p.side === "peer" ? 1 : 0],
  };
  try {
    const [pairing] = await env.DB.batch([
      ...pairingStatements(env, { id: p.id, programId: p.programId, source: "matching", members, now: p.now }, guard),
      rematchAuditStatement(env, {
        id: p.id,
        programId: p.programId,
        actorId: p.coordinatorId,
        subjectId: p.personId,
        detail: rematchDetail(p),
        at: p.now,
      }),
    ]);
    if ((pairing?.meta.changes ?? 0) > 0) return "created";
  } catch (err) {
    // A second confirmation racing this one created the same pairing first (its members' keys clash): that is the same
    // outcome.
    if (!(await createdBefore(env, p))) throw err;
  }
  return (await createdBefore(env, p)) ? "existed" : false;
}
