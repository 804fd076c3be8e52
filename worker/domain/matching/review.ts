/**
 * What the coordinator's matching review shows: a run, its staged proposals and totals, the people left unmatched,
 * alternatives.
 */

/** A proposal with the people's names, as the review page shows it. */
export interface ProposalRow {
  id: string;
  mentorId: string;
  menteeId: string;
  score: number;
  originalScore: number | null;
  reasons: string[];
  approved: boolean;
  pairingId: string | null;
  mentorName: string;
  mentorEmail: string;
  mentorZone: string;
  menteeName: string;
  menteeEmail: string;
  menteeZone: string;
}

/** The orders the review page can list proposals in. */
export const proposalOrders = ["weakest", "strongest", "mentee"] as const;
/** One of `proposalOrders`. */
export type ProposalOrder = (typeof proposalOrders)[number];

/** Swapping mentors with another proposal, as the proposal page offers it: both new scores and the total change. */
export interface SwapOption {
  /** The other proposal's mentee (peer: the other pair's first person), by which the swap form names it. */
  otherMenteeEmail: string;
  otherMenteeName: string;
  otherMentorName: string;
  /** This proposal's mentee with the other mentor. */
  scoreHere: number;
  /** The other mentee with this proposal's mentor. */
  scoreThere: number;
  /** Total score after the swap minus before. */
  change: number;
}

/** Counts and totals of a run's proposals. */
export interface RunTotals {
  count: number;
  approved: number;
  published: number;
  score: number;
}

/** A run as stored. */
export interface MatchRun {
  id: string;
  programId: string;
  status: "running" | "staged" | "published" | "discarded" | "failed";
  createdBy: string;
  createdAt: number;
  finishedAt: number | null;
  publishedAt: number | null;
  mentorCount: number;
  menteeCount: number;
  total: number;
  unmatched: { id: string; role: string; reason: string }[];
  week: string;
  rounds: number;
  error: string | null;
  /** Invited people with an imported profile were considered too (see worker/matching/candidates). */
  includeInvited: boolean;
}

/** Someone waiting for a pair, and why. */
export interface UnmatchedPerson {
  id: string;
  name: string;
  email: string;
  role: string;
  reason: string;
}

/** A mentor the mentee could have instead, and the score that pair would get. */
export interface Alternative {
  id: string;
  name: string;
  email: string;
  score: number;
  reasons: string[];
  /** Free places left in this run. */
  free: number;
}
