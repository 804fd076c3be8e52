/**
 * What the rematch page needs from D1: the person, their current pairings in the program, and who could be their new
 * partner.
 */
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
} from "../domain/coordinator/rematch-rules";
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
import { pairingsWithPartners, peersPairedIn } from "../matching/participant-pairings";
import { participantMemberships } from "../programs/participants";
import type { Program } from "../domain/records";

const name = (r: { name: string; email: string }) => r.name.trim() || r.email;

/** The person, if they are an active mentor or mentee of the program and have not deleted their data; else null. */
export async function loadPerson(env: Env, programId: string, personId: string): Promise<RematchPerson | null> {
  const rows = await participantMemberships(env, programId, personId);
  const first = rows[0];
  return first ? { id: first.id, name: name(first), email: first.email, roles: rows.map((r) => r.role) } : null;
}

/**
 * The person's pairings in the program that have not ended, plus `alsoId` (one of theirs) even if it has, oldest first.
 */
export async function pairingsOf(
  env: Env,
  programId: string,
  personId: string,
  alsoId: string | null = null,
): Promise<PersonPairing[]> {
  const { heads, members } = await pairingsWithPartners(env, programId, personId, alsoId);
  const partners = new Map<string, { id: string; name: string }[]>();
  for (const r of members) {
    partners.set(r.pairingId, [...(partners.get(r.pairingId) ?? []), { id: r.id, name: name(r) }]);
  }
  return heads.map((h) => ({
    ...h,
    stage: h.stage as Stage,
    final: isFinal(h.stage as Stage),
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
  const taken = new Set(await peersPairedIn(env, programId));
  const byId = new Map<string, ProgramCandidate>();
  for (const p of people) if (!byId.has(p.id)) byId.set(p.id, { ...p, capacity: 1, wants: taken.has(p.id) ? 0 : 1 });
  return [...byId.values()];
}
