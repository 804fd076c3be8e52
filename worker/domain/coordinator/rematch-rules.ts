/**
 * Rematching a person: which side of a pairing they are on, who may become their new partner (ranked by the program's
 * compatibility score, only people who can take them now), the form's rules and the sentences the confirmation shows.
 * Pure.
 */
import { scorePair } from "../matching/score";
import { peerPairScore } from "../matching/staging";
import type { Candidate, MatchContext, ProgramCandidate, ProgramWeights } from "../matching/types";
import { DEFAULT_LOCALE } from "../i18n/locales";
import { messageOf, msg, type Translate, translator } from "../i18n/translate";
import { REASON_MAX, type Stage } from "../room/stages";

const english = translator(DEFAULT_LOCALE);

/** The side of a pairing the person is rematched on: the new partner is on the other side (or is another peer). */
export type RematchSide = "mentee" | "mentor" | "peer";

/** How many candidates the page lists (best first). */
export const CANDIDATES_SHOWN = 20;
/** What the ended pairing's reason starts with. */
export const REASON_PREFIX = "Rematched: ";
/**
 * The longest reason a coordinator can give, so that the stored "Rematched: …" stays within the stage reason's limit.
 */
export const REMATCH_REASON_MAX = REASON_MAX - REASON_PREFIX.length;
/** Pairings larger than this are groups, which a person cannot leave yet. */
export const PAIR_SIZE = 2;

/** A person who could become the new partner, as the page lists them. */
export interface RematchCandidate<C extends Candidate = Candidate> {
  candidate: C;
  score: number;
  reasons: string[];
}

/** The sides a person can be rematched on: "peer" in peer programs, else their participant roles (mentee first). */
export function sidesOf(programType: string, roles: readonly string[]): RematchSide[] {
  if (programType === "peer") return roles.length ? ["peer"] : [];
  return (["mentee", "mentor"] as const).filter((r) => roles.includes(r));
}

/**
 * The side to show: the one asked for when possible, else the side of their first current pairing, else their first
 * side.
 */
export function chooseSide(
  sides: readonly RematchSide[],
  asked: string | undefined,
  pairingRoles: readonly string[],
): RematchSide | null {
  const asSide = (r: string | undefined) => sides.find((s) => s === r);
  return asSide(asked) ?? asSide(pairingRoles[0]) ?? sides[0] ?? null;
}

/**
 * The person as they will be once they leave a pairing on this side: a mentor gets that pairing's place back, a peer is
 * free for one.
 */
export function afterLeaving<C extends Candidate>(person: C, side: RematchSide, leaving: boolean): C {
  if (side === "peer") return { ...person, capacity: 1 };
  return side === "mentor" && leaving ? { ...person, capacity: person.capacity + 1 } : person;
}

/**
 * Why `other` cannot become the person's new partner, or null when they can: not the person, not a current partner,
 * free capacity on their side (a mentor's free place, a mentee's missing mentor, a peer without a pairing here), and
 * none of the matcher's hard constraints (unavailable, avoid lists, paired before, required language).
 */
export function candidateProblem(
  person: Candidate,
  side: RematchSide,
  other: Candidate,
  weights: ProgramWeights,
  ctx: MatchContext,
  partners: readonly string[],
): string | null {
  if (other.id === person.id) return msg("programs.rematch.problem.same");
  if (partners.includes(other.id)) return msg("programs.rematch.problem.paired");
  if (side === "mentee" && other.capacity <= 0) return msg("programs.rematch.problem.full");
  if (side !== "mentee" && (other.wants ?? 1) <= 0)
    return msg(side === "peer" ? "programs.rematch.problem.peer" : "programs.rematch.problem.mentors");
  const scored = scoreFor(person, side, other, weights, ctx);
  return scored.blocked ?? null;
}

/** The pair's score and reasons, the mentor always first for the scorer. */
function scoreFor(person: Candidate, side: RematchSide, other: Candidate, weights: ProgramWeights, ctx: MatchContext) {
  if (side === "peer") return peerPairScore(person, { ...other, capacity: 1 }, weights, ctx);
  return side === "mentee" ? scorePair(other, person, weights, ctx) : scorePair(person, other, weights, ctx);
}

/** The people who can become the new partner, best score first (ties by id), at most `limit`. */
export function rankCandidates<C extends Candidate>(
  person: Candidate,
  side: RematchSide,
  others: readonly C[],
  weights: ProgramWeights,
  ctx: MatchContext,
  partners: readonly string[],
  limit = CANDIDATES_SHOWN,
): RematchCandidate<C>[] {
  const out: RematchCandidate<C>[] = [];
  for (const other of others) {
    if (candidateProblem(person, side, other, weights, ctx, partners) !== null) continue;
    const scored = scoreFor(person, side, other, weights, ctx);
    out.push({ candidate: other, score: scored.score, reasons: scored.reasons });
  }
  return out
    .sort(
      (a, b) => b.score - a.score || (a.candidate.id < b.candidate.id ? -1 : a.candidate.id > b.candidate.id ? 1 : 0),
    )
    .slice(0, limit);
}

/** The checked form: who the new partner is, which pairing ends (null when the person has none), and why. */
export type RematchInput =
  | { ok: true; candidateId: string; leaveId: string | null; reason: string }
  | { ok: false; errors: Record<string, string> };

/**
 * Checks the form: a chosen candidate (whether they may be paired is checked against the program's data by the caller),
 * one of the pairings that may end (taken as given when there is only one; none when there is none) and a reason.
 */
export function parseRematchInput(values: Record<string, string>, leaveIds: readonly string[]): RematchInput {
  const errors: Record<string, string> = {};
  const candidateId = (values.candidate ?? "").trim();
  if (!candidateId) errors.candidate = msg("programs.rematch.error.candidate");
  else if (candidateId.length > 100) errors.candidate = msg("programs.rematch.error.listed");
  let leaveId: string | null = (values.leave ?? "").trim() || (leaveIds.length === 1 ? leaveIds[0]! : null);
  if (leaveIds.length === 0) leaveId = null;
  else if (!leaveId) errors.leave = msg("programs.rematch.error.leave");
  else if (!leaveIds.includes(leaveId)) errors.leave = msg("programs.rematch.error.leaveListed");
  const reason = (values.reason ?? "").replace(/\r\n/g, "\n").trim();
  if (!reason) errors.reason = msg("programs.rematch.error.reason");
  else if (reason.length > REMATCH_REASON_MAX)
    errors.reason = msg("programs.action.error.reasonLong", { max: REMATCH_REASON_MAX, length: reason.length });
  if (Object.keys(errors).length) return { ok: false, errors };
  return { ok: true, candidateId, leaveId, reason };
}

/**
 * The message next to the candidate field when they cannot be paired: their name and the rule that stops it (a `msg`
 * text of ours is translated; the matcher's own words are kept).
 */
export function candidateError(
  candidateName: string | null,
  personName: string,
  problem: string,
  t: Translate = english,
): string {
  const rule = messageOf(problem);
  return candidateName
    ? t("programs.rematch.error.cannotPair", {
        candidate: candidateName,
        person: personName,
        problem: rule ? t(rule.id, rule.values) : problem,
      })
    : t("programs.rematch.error.listed");
}

/** Why a pairing cannot be left by rematching (a `msg` text), or null: groups of more than two are not supported yet. */
export function leaveRefusal(memberCount: number): string | null {
  return memberCount > PAIR_SIZE ? msg("programs.rematch.group") : null;
}

/** The stage reason the ended pairing keeps. */
export function endReason(reason: string): string {
  return REASON_PREFIX + reason;
}

/** What confirming will do, in sentences (names as shown on the page), in the viewer's language. */
export function rematchSentences(
  m: {
    person: string;
    oldPartner: string | null;
    newPartner: string;
    reason: string;
  },
  t: Translate = english,
): string[] {
  return [
    m.oldPartner === null
      ? t("programs.rematch.sentence.noPairing", { person: m.person })
      : t("programs.rematch.sentence.ends", { person: m.person, partner: m.oldPartner, reason: endReason(m.reason) }),
    t("programs.rematch.sentence.starts", { person: m.person, partner: m.newPartner }),
    t("programs.rematch.sentence.emailed"),
  ];
}

/** The person being rematched. */
export interface RematchPerson {
  id: string;
  name: string;
  email: string;
  /** Their active participant roles here (mentor, mentee). */
  roles: string[];
}

/** A pairing of the person in this program, with the other members. */
export interface PersonPairing {
  id: string;
  stage: Stage;
  /** The person's role in it (mentor, mentee, peer). */
  role: string;
  final: boolean;
  partners: { id: string; name: string }[];
}

/**
 * Everything the page and the confirmation check: the side, the pairings on it, the ranked candidates and a checker for
 * any one.
 */
export interface RematchView {
  person: RematchPerson;
  sides: RematchSide[];
  side: RematchSide;
  /** Current (not ended) pairings on this side. */
  pairings: PersonPairing[];
  candidates: RematchCandidate<ProgramCandidate>[];
  /** Whether the person's own profile says they are unavailable (then nobody can be proposed). */
  unavailable: boolean;
  /**
   * Why this person cannot become the new partner (null when they can); `leaving` says whether a current pairing ends
   * first.
   */
  problemFor(candidateId: string, leaving: boolean): string | null;
  /** A candidate's display name, if they take part on the other side. */
  nameOf(candidateId: string): string | null;
}
