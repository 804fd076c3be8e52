/**
 * A self-match request as stored (checked against its table in worker/db/schema.ts), and as the program page lists it.
 */
import type { RequestStatus } from "./self-match";

/**
 * A self-match request (a `match_requests` row): a mentee asks a mentor, who accepts or declines before `expiresAt`.
 */
export interface MatchRequest {
  id: string;
  programId: string;
  menteeId: string;
  mentorId: string;
  message: string;
  status: RequestStatus;
  /** The mentor's optional reason when declining. */
  reason: string;
  score: number;
  createdAt: number;
  expiresAt: number;
  decidedAt: number | null;
  pairingId: string | null;
}

/** A request with the other person's name and address (the mentor for a mentee, the mentee for a mentor). */
export interface RequestWithPerson extends MatchRequest {
  otherName: string;
  otherEmail: string;
}
