/**
 * The domain's word lists: the fixed values a program, a membership, a pairing, a request, a check-in answer or a
 * notification can take. Forms, pages and the rules use them; the D1 schema imports them for its column enums (the
 * domain owns the words, the database stores them).
 */

/** How a program pairs people. */
export const programTypes = ["one-to-one", "group", "peer", "reverse"] as const;
/** Who makes the matches: the coordinator (a matching run) or the mentees themselves (requests). */
export const matchingModes = ["coordinator", "self"] as const;
/** A person's role in a program. */
export const roles = ["coordinator", "mentor", "mentee"] as const;
/** A matching run's life: computing, staged for review, published, discarded or failed. */
export const matchRunStatuses = ["running", "staged", "published", "discarded", "failed"] as const;
/** Where a pairing came from. */
export const pairingSources = ["matching", "self-match"] as const;
/** A member's role inside a pairing. */
export const pairingRoles = ["mentor", "mentee", "peer"] as const;
/** A self-match request's life. */
export const matchRequestStatuses = ["pending", "accepted", "declined", "expired", "withdrawn"] as const;
/** A pairing's stages, in the order the funnel shows them. */
export const pairingStages = [
  "proposed",
  "onboarding",
  "active",
  "wrapping_up",
  "closed",
  "paused",
  "ended_early",
] as const;
/** The answers a check-in offers. */
export const checkinAnswerValues = ["going-well", "ok", "struggling", "not-met"] as const;
/** The kinds of mail a person can choose to get immediately, in a digest, or not at all. */
export const notificationCategories = ["check-ins", "reminders", "chat", "meetings", "program"] as const;

/** One of `programTypes`. */
export type ProgramType = (typeof programTypes)[number];
/** One of `matchingModes`. */
export type MatchingMode = (typeof matchingModes)[number];
/** One of `roles`. */
export type Role = (typeof roles)[number];
