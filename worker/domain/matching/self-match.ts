/**
 * Self-match rules with no I/O: which mentors a mentee sees (ranked, only those who can take them), whether a mentee
 * may send another request, when a request has run out, the request and decline forms, and the messages people see.
 */
import * as z from "../zod";
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
    .check(z.trim(), z.minLength(1, "Choose a mentor to ask."), z.maxLength(100, "Choose one of the mentors listed.")),
  message: z
    .string()
    .check(
      z.trim(),
      z.minLength(1, "Write a few words to the mentor: what you hope to learn with them."),
      z.maxLength(MESSAGE_MAX, `Keep your message under ${MESSAGE_MAX.toLocaleString("en")} characters.`),
    ),
  page: z.optional(z.string()),
});

/** Validates the decline form (the reason is optional). */
export const declineFormSchema = z.object({
  reason: z._default(
    z.string().check(z.trim(), z.maxLength(REASON_MAX, `Keep the reason under ${REASON_MAX} characters.`)),
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

/** Why the mentee may not ask this mentor now, or null when they may. */
export function requestRefusal(state: MenteeRequestState, mentorId: string): string | null {
  if (state.wantsLeft <= 0)
    return "You already have all the mentors this program allows, so you can't ask for another.";
  if (state.pendingMentorIds.includes(mentorId))
    return "You have already asked this mentor. Wait for their answer, or withdraw that request first.";
  if (state.declinedMentorIds.includes(mentorId))
    return "This mentor has declined a request from you in this program, so you can't ask them again.";
  if (requestsLeft(state) <= 0) return limitText(state.wantsLeft);
  return null;
}

/** Explains the open-request rule for a mentee who looks for `wantsLeft` more mentors. */
export function limitText(wantsLeft: number): string {
  return wantsLeft === 1
    ? "You can have one open request at a time. Withdraw it, or wait for the answer, before asking someone else."
    : `You can have up to ${wantsLeft} open requests at a time, one for each mentor you still look for. Withdraw one, or wait for an answer, before asking someone else.`;
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

/** Readable request statuses. */
export const STATUS_LABELS: Record<RequestStatus, string> = {
  pending: "waiting for an answer",
  accepted: "accepted",
  declined: "declined",
  expired: "expired without an answer",
  withdrawn: "withdrawn",
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

/** The message for a decision that did not happen (`status` is the request's status for "closed"). */
export function decisionProblemText(problem: DecisionProblem, status: RequestStatus = "pending"): string {
  switch (problem) {
    case "expired":
      return "This request has expired: it was not answered within the days the program allows. The mentee can send a new one.";
    case "closed":
      return status === "withdrawn"
        ? "This request was withdrawn, so it can't be answered any more."
        : `This request was already ${STATUS_LABELS[status]}, so nothing was changed.`;
    case "mentor-full":
      return "Your last free place was just taken, so this request could not be accepted. It is still open: raise your capacity on your profile, or decline it.";
    case "mentee-full":
      return "This mentee already has all the mentors the program allows, so this request could not be accepted.";
    case "already-paired":
      return "You can't be paired with this mentee here: you are paired already, or the program's coordinators ruled this pairing out.";
    case "mentor-left":
      return "You are no longer an active mentor in this program, so you can't accept requests here.";
    case "mentee-left":
      return "This mentee is no longer active in the program, so the request could not be accepted.";
    case "changed":
      return "Something changed while you were answering, so nothing was saved. Reload the page and try again.";
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
