/**
 * The shapes of a pairing that pages are handed: its projection with members, a coordinator's list row, its history, a
 * member's own list.
 */

/** A member as pages show them. */
export interface PairingPerson {
  personId: string;
  role: string;
  name: string;
  email: string;
  timeZone: string;
}

/** A pairing's projection row with its program and members (no private content). */
export interface PairingRecord {
  id: string;
  programId: string;
  programName: string;
  programType: string;
  stage: string;
  stageReason: string;
  createdAt: number;
  lastActivityAt: number | null;
  messageCount: number;
  agreementSigned: boolean;
  agreementVersion: number;
  goalCount: number;
  goalProgress: number | null;
  /** Why the journey flagged the pairing at risk, or null. */
  riskReason: string | null;
  members: (PairingPerson & { messageCount: number; unreadCount: number })[];
}

/** One pairing in the coordinator's list. */
export interface PairingSummaryRow {
  id: string;
  stage: string;
  stageReason: string;
  createdAt: number;
  lastActivityAt: number | null;
  messageCount: number;
  agreementSigned: boolean;
  goalProgress: number | null;
  riskReason: string | null;
  members: string;
}

/** A pairing's stage changes (newest first) and goals as the projection stores them, for the coordinator's summary. */
export interface PairingHistory {
  changes: {
    seq: number;
    from_stage: string;
    to_stage: string;
    reason: string;
    actor: string;
    at: number;
  }[];
  goals: { title: string; status: string; progress: number; target_date: string | null }[];
}

/** One pairing as its member sees it. */
export interface OwnPairing {
  id: string;
  stage: string;
  createdAt: number;
  endedAt: number | null;
  /** Chat messages the viewer has not read (as the room last projected). */
  unread: number;
  /** The viewer's role in this pairing. */
  role: "mentor" | "mentee" | "peer";
  others: { name: string; email: string; role: "mentor" | "mentee" | "peer" }[];
}
