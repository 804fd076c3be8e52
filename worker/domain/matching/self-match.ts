/**
 * Self-match rules with no I/O: which mentors a mentee sees (ranked, only those who can take them), whether a mentee
 * may send another request, when a request has run out, the request and decline forms, and the messages people see.
 */
import * as z from "../zod";
import { type MessageId, msg } from "../i18n/translate";
import type { matchRequestStatuses } from "../vocabulary";
import { scorePair } from "./score";
import type { Candidate, MatchContext, ProgramWeights } from "./types";

export type RequestStatus = (typeof matchRequestStatuses)[number];

export const MENTORS_PER_PAGE = 25;
export const MESSAGE_MAX = 1000;
export const REASON_MAX = 500;
const DAY_MS = 86_400_000;

/** Validates the request form a mentee sends from the mentors page. */
export const requestFormSchema = z.object({
  mentor_id: z
    .string()
    .check(
      z.trim(),
      z.minLength(1, msg("selfMatch.error.chooseMentor")),
      z.maxLength(100, msg("selfMatch.error.listedMentor")),
    ),
  message: z
    .string()
    .check(
      z.trim(),
      z.minLength(1, msg("selfMatch.error.message")),
      z.maxLength(MESSAGE_MAX, msg("selfMatch.error.messageTooLong", { max: MESSAGE_MAX })),
    ),
  page: z.optional(z.string()),
});

/** Validates the decline form (the reason is optional). */
export const declineFormSchema = z.object({
  reason: z._default(
    z.string().check(z.trim(), z.maxLength(REASON_MAX, msg("selfMatch.error.reasonTooLong", { max: REASON_MAX }))),
    "",
  ),
});

/** A mentor as a mentee sees them in the ranking. */
export interface RankedMentor<M extends Candidate> {
  mentor: M;
  score: number;
  reasons: string[];
}

/**
 * Ranks the mentors a mentee may ask: best score first (ties by id, so the order is stable across pages), leaving out
 * every pair the scorer blocks (no capacity left, unavailable, avoid lists, already paired, ended before, required
 * language) and the mentors in `hidden` (e.g. those who declined this mentee).
 */
export function rankMentors<M extends Candidate>(
  mentors: readonly M[],
  mentee: Candidate,
  weights: ProgramWeights,
  ctx: MatchContext,
  hidden: ReadonlySet<string> = new Set(),
): RankedMentor<M>[] {
  const out: RankedMentor<M>[] = [];
  for (const mentor of mentors) {
    if (hidden.has(mentor.id)) continue;
    const s = scorePair(mentor, mentee, weights, ctx);
    if (s.blocked === undefined) out.push({ mentor, score: s.score, reasons: s.reasons });
  }
  return out.sort((a, b) => b.score - a.score || (a.mentor.id < b.mentor.id ? -1 : a.mentor.id > b.mentor.id ? 1 : 0));
}

/** What a mentee has going on in one program, as far as asking goes. */
export interface MenteeRequestState {
  /** Mentors the mentee may still gain here (the program's limit and their own wish, minus mentors they have). */
  wantsLeft: number;
  /** Mentors with a pending, unexpired request from this mentee. */
  pendingMentorIds: readonly string[];
  /** Mentors who declined a request from this mentee in this program. */
  declinedMentorIds: readonly string[];
}

/** How many more requests the mentee may send now: one open request per mentor they still look for. */
export function requestsLeft(state: MenteeRequestState): number {
  return Math.max(0, state.wantsLeft - state.pendingMentorIds.length);
}

/** Why the mentee may not ask this mentor now (a `msg` text: a message id with its values), or null when they may. */
export function requestRefusal(state: MenteeRequestState, mentorId: string): string | null {
  if (state.wantsLeft <= 0) return msg("selfMatch.refusal.full");
  if (state.pendingMentorIds.includes(mentorId)) return msg("selfMatch.refusal.asked");
  if (state.declinedMentorIds.includes(mentorId)) return msg("selfMatch.refusal.declined");
  if (requestsLeft(state) <= 0) return limitText(state.wantsLeft);
  return null;
}

/** Explains the open-request rule for a mentee who looks for `wantsLeft` more mentors (a `msg` text). */
export function limitText(wantsLeft: number): string {
  return msg("selfMatch.limit", { count: wantsLeft });
}

/** When a request sent at `now` runs out. */
export function expiresAt(now: number, expiryDays: number): number {
  return now + Math.max(1, expiryDays) * DAY_MS;
}

/**
 * A request's status as people should see it: a pending request past its expiry is expired, even before it is marked.
 */
export function effectiveStatus(request: { status: RequestStatus; expiresAt: number }, now: number): RequestStatus {
  return request.status === "pending" && request.expiresAt <= now ? "expired" : request.status;
}

/** Readable request statuses (message ids). */
export const STATUS_LABELS: Record<RequestStatus, MessageId> = {
  pending: "selfMatch.status.pending",
  accepted: "selfMatch.status.accepted",
  declined: "selfMatch.status.declined",
  expired: "selfMatch.status.expired",
  withdrawn: "selfMatch.status.withdrawn",
};

/** Why accepting, declining or withdrawing a request did not happen. */
export type DecisionProblem =
  | "expired"
  | "closed"
  | "mentor-full"
  | "mentee-full"
  | "already-paired"
  | "mentor-left"
  | "mentee-left"
  | "changed";

/**
 * The message for a decision that did not happen (`status` is the request's status for "closed"), as a `msg` text.
 */
export function decisionProblemText(problem: DecisionProblem, status: RequestStatus = "pending"): string {
  switch (problem) {
    case "expired":
      return msg("selfMatch.problem.expired");
    case "closed":
      return status === "withdrawn" ? msg("selfMatch.problem.withdrawn") : msg("selfMatch.problem.closed", { status });
    case "mentor-full":
      return msg("selfMatch.problem.mentorFull");
    case "mentee-full":
      return msg("selfMatch.problem.menteeFull");
    case "already-paired":
      return msg("selfMatch.problem.alreadyPaired");
    case "mentor-left":
      return msg("selfMatch.problem.mentorLeft");
    case "mentee-left":
      return msg("selfMatch.problem.menteeLeft");
    case "changed":
      return msg("selfMatch.problem.changed");
  }
}

/** One page of a list (pages past the end show the last page). */
export function pageOf<T>(
  items: readonly T[],
  page: number,
  size = MENTORS_PER_PAGE,
): { items: T[]; page: number; pages: number } {
  const pages = Math.max(1, Math.ceil(items.length / size));
  const current = Math.min(Math.max(1, page), pages);
  return { items: items.slice((current - 1) * size, current * size), page: current, pages };
}

/** The name to show for a person: their name, or the part of their address before the @ when they gave none. */
export function displayName(name: string, email: string): string {
  return name.trim() || email.split("@")[0] || "someone";
}
