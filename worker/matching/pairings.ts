/**
 * Creating pairings in D1, guarded so capacity can never be exceeded: the INSERT only happens when the mentor still has
 * room for every new mentee at the moment it runs (and when any extra condition holds). D1 runs a batch as one
 * transaction, one at a time, so two requests racing for a mentor's last slot cannot both pass the guard.
 */
import type { pairingRoles, pairingSources } from "../domain/vocabulary";

/** A pairing to create. */
export interface NewPairing {
  id: string;
  programId: string;
  source: (typeof pairingSources)[number];
  members: { personId: string; role: (typeof pairingRoles)[number] }[];
  now: number;
}

/** An extra SQL condition for the guard; its parameters are numbered from ?7 on. */
export interface ExtraGuard {
  sql: string;
  params: unknown[];
}

/** SQL for the mentees `person` (an SQL expression) mentors now: members of their pairings that have not ended, anywhere. */
export const mentoringNow = (
  person: string,
) => `(SELECT count(*) FROM pairing_members me JOIN pairings pr ON pr.id = me.pairing_id AND pr.ended_at IS NULL
  JOIN pairing_members x ON x.pairing_id = me.pairing_id AND x.role = 'mentee' WHERE me.person_id = ${person} AND me.role = 'mentor')`;

const INSERT_PAIRING = (extra: string) => `
INSERT INTO pairings (id, program_id, source, stage, created_at)
SELECT ?1, ?2, ?3, 'onboarding', ?4
WHERE (?5 IS NULL OR (SELECT capacity FROM people WHERE id = ?5) - ${mentoringNow("?5")} >= ?6) AND (${extra})`;

const INSERT_MEMBERS = `
INSERT INTO pairing_members (pairing_id, person_id, role, program_id)
SELECT ?1, json_extract(j.value, '$.personId'), json_extract(j.value, '$.role'), ?2
FROM json_each(?3) AS j WHERE EXISTS (SELECT 1 FROM pairings WHERE id = ?1)`;

/** The statements that create a pairing and its members only if the guard holds; run them in one batch. */
export function pairingStatements(
  env: Env,
  p: NewPairing,
  extra: ExtraGuard = { sql: "1", params: [] },
): D1PreparedStatement[] {
  const mentor = p.members.find((m) => m.role === "mentor")?.personId ?? null;
  const newMentees = p.members.filter((m) => m.role === "mentee").length;
  return [
    env.DB.prepare(INSERT_PAIRING(extra.sql)).bind(
      p.id,
      p.programId,
      p.source,
      p.now,
      mentor,
      newMentees,
      ...extra.params,
    ),
    env.DB.prepare(INSERT_MEMBERS).bind(p.id, p.programId, JSON.stringify(p.members)),
  ];
}

/** Whether a pairing row exists (after a guarded batch: whether the guard let it through). */
export async function pairingExists(env: Env, id: string): Promise<boolean> {
  return (await env.DB.prepare("SELECT 1 AS ok FROM pairings WHERE id = ?1").bind(id).first()) !== null;
}
