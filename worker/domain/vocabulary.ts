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
/**
 * Where an outbound mail stands: waiting for its hand-over (or its not-before time), handed to QStash, accepted by the
 * sending service, failed, held (no transport), kept for the digest, skipped (the person chose none), bounced or
 * complained about (the service reported it), or suppressed (not sent: the address bounces).
 */
export const notificationStatuses = [
  "pending",
  "sent",
  "delivered",
  "failed",
  "held",
  "digest",
  "skipped",
  "bounced",
  "suppressed",
] as const;
/** Why an address gets no more mail: a hard bounce or a spam complaint reported by the sending service. */
export const suppressionKinds = ["bounce", "complaint"] as const;
/** What a bulk mailing sends: a coordinator's message to participants, invitations, or the weekly digests. */
export const mailJobKinds = ["program-message", "invitations", "digest", "survey"] as const;
/** A bulk mailing's life: sending (batches left), sent, or failed (a batch gave up after its retries). */
export const mailJobStatuses = ["sending", "sent", "failed"] as const;

/** One of `programTypes`. */
export type ProgramType = (typeof programTypes)[number];
/** One of `matchingModes`. */
export type MatchingMode = (typeof matchingModes)[number];
/** One of `roles`. */
export type Role = (typeof roles)[number];
