/** What the rematch page needs from D1: the person, their current pairings in the program, and who could be their new partner. */
import {
  afterLeaving,
  candidateProblem,
  chooseSide,
  rankCandidates,
  type PersonPairing,
  type RematchPerson,
  type RematchSide,
  type RematchView,
  sidesOf,
} from "../domain/coordinator/rematch";
import { settingsOf, weightsOf } from "../domain/matching/settings";
import {
  endedPairs,
  type MatchContext,
  type ProgramCandidate,
  type ProgramWeights,
  weekOf,
} from "../domain/matching/types";
import { isFinal, type Stage } from "../domain/room/stages";
import { loadPool } from "../matching/candidates";
import type { Program } from "../domain/records";

const name = (r: { name: string; email: string }) => r.name.trim() || r.email;

/** The person, if they are an active mentor or mentee of the program and have not deleted their data; else null. */
export async function loadPerson(env: Env, programId: string, personId: string): Promise<RematchPerson | null> {
  const rows = await env.DB.prepare(
    `SELECT p.id, p.name, p.email, m.role FROM memberships m JOIN people p ON p.id = m.person_id
     WHERE m.program_id = ?1 AND m.person_id = ?2 AND m.status = 'active' AND m.role IN ('mentor', 'mentee') AND p.deleted_at IS NULL ORDER BY m.role DESC`,
  )
    .bind(programId, personId)
    .all<{ id: string; name: string; email: string; role: string }>();
  const first = rows.results[0];
  return first ? { id: first.id, name: name(first), email: first.email, roles: rows.results.map((r) => r.role) } : null;
}

/** The person's pairings in the program that have not ended, plus `alsoId` (one of theirs) even if it has, oldest first. */
export async function pairingsOf(
  env: Env,
  programId: string,
  personId: string,
  alsoId: string | null = null,
): Promise<PersonPairing[]> {
  const [heads, members] = await env.DB.batch<Record<string, unknown>>([
    env.DB.prepare(
      `SELECT p.id, p.stage, me.role FROM pairing_members me JOIN pairings p ON p.id = me.pairing_id
       WHERE me.person_id = ?1 AND me.program_id = ?2 AND (p.ended_at IS NULL OR p.id = ?3) ORDER BY p.created_at, p.id LIMIT 50`,
    ).bind(personId, programId, alsoId),
    env.DB.prepare(
      `SELECT o.pairing_id, pe.id, pe.name, pe.email FROM pairing_members me JOIN pairings p ON p.id = me.pairing_id
       JOIN pairing_members o ON o.pairing_id = me.pairing_id AND o.person_id <> me.person_id JOIN people pe ON pe.id = o.person_id
       WHERE me.person_id = ?1 AND me.program_id = ?2 AND (p.ended_at IS NULL OR p.id = ?3) ORDER BY pe.name, pe.id`,
    ).bind(personId, programId, alsoId),
  ]);
  const partners = new Map<string, { id: string; name: string }[]>();
  for (const r of members!.results as { pairing_id: string; id: string; name: string; email: string }[]) {
    partners.set(r.pairing_id, [...(partners.get(r.pairing_id) ?? []), { id: r.id, name: name(r) }]);
  }
  return (heads!.results as { id: string; stage: Stage; role: string }[]).map((h) => ({
    ...h,
    final: isFinal(h.stage),
    partners: partners.get(h.id) ?? [],
  }));
}

/** Whether a pairing role belongs to a rematch side. */
export const onSide = (role: string, side: RematchSide) => role === side;

/** Loads the page's view for a person on a side (`asked`, or the side of their first current pairing). */
export async function loadRematch(
  env: Env,
  program: Program,
  person: RematchPerson,
  asked: string | undefined,
  now: number,
): Promise<RematchView | null> {
  const all = await pairingsOf(env, program.id, person.id);
  const sides = sidesOf(program.type, person.roles);
  const side = chooseSide(
    sides,
    asked,
    all.map((p) => p.role),
  );
  if (!side) return null;
  const settings = settingsOf(program.matchSettings);
  const pool = await loadPool(
    env,
    program.id,
    settings.maxMentorsPerMentee,
    side === "mentee" ? { mentees: [person.id] } : side === "mentor" ? { mentors: [person.id] } : {},
  );
  const others =
    side === "peer"
      ? await peersOf(env, program.id, [...pool.mentors, ...pool.mentees])
      : side === "mentee"
        ? pool.mentors
        : pool.mentees;
  const self =
    (side === "mentor" ? pool.mentors : pool.mentees).find((p) => p.id === person.id) ??
    [...pool.mentors, ...pool.mentees].find((p) => p.id === person.id);
  if (!self) return null;
  const weights = weightsOf(settings);
  const ctx: MatchContext = { week: weekOf(now), ended: endedPairs(pool.ended) };
  const partners = [...new Set(all.flatMap((p) => p.partners.map((x) => x.id)))];
  const pairings = all.filter((p) => onSide(p.role, side));
  const byId = new Map(others.map((o) => [o.id, o]));
  const check = (other: ProgramCandidate, leaving: boolean) =>
    candidateProblem(afterLeaving(self, side, leaving), side, other, weights, ctx, partners);
  return {
    person,
    sides,
    side,
    pairings,
    candidates: rank(self, side, others, weights, ctx, partners, pairings.length > 0),
    unavailable: self.unavailable,
    problemFor: (id, leaving) => {
      const other = byId.get(id);
      return other ? check(other, leaving) : "they do not take part on the other side of this program";
    },
    nameOf: (id) => {
      const other = byId.get(id);
      return other ? name(other) : null;
    },
  };
}

/** Ranks the candidates for the person as they will be after leaving (when they leave a pairing). */
function rank(
  self: ProgramCandidate,
  side: RematchSide,
  others: ProgramCandidate[],
  weights: ProgramWeights,
  ctx: MatchContext,
  partners: string[],
  leaving: boolean,
) {
  return rankCandidates(afterLeaving(self, side, leaving), side, others, weights, ctx, partners);
}

/** Everyone in a peer program once, free (wants 1) unless already in a peer pairing here that has not ended. */
async function peersOf(env: Env, programId: string, people: ProgramCandidate[]): Promise<ProgramCandidate[]> {
  const paired = await env.DB.prepare(
    `SELECT DISTINCT me.person_id AS id FROM pairing_members me JOIN pairings p ON p.id = me.pairing_id AND p.ended_at IS NULL
     WHERE me.program_id = ?1 AND me.role = 'peer'`,
  )
    .bind(programId)
    .all<{ id: string }>();
  const taken = new Set(paired.results.map((r) => r.id));
  const byId = new Map<string, ProgramCandidate>();
  for (const p of people) if (!byId.has(p.id)) byId.set(p.id, { ...p, capacity: 1, wants: taken.has(p.id) ? 0 : 1 });
  return [...byId.values()];
}
