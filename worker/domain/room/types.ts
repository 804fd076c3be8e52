/** What the pairing room's callers send and get back (plain data: it crosses the RPC boundary). */
import type { AgreementTerms } from "./agreement";
import type { Refusal } from "./room-messages";
import type { Stage, StageAction } from "./stages";

/** Who is calling: a member, a coordinator of the pairing's program, or the pairing's journey. */
export type RoomActor =
  | { kind: "member"; personId: string }
  | { kind: "coordinator"; personId: string }
  | { kind: "journey" };

/**
 * A refusal: an HTTP-like status, a message for people (`error` in English; `message` its catalog id and values, which
 * pages translate), and per-field messages for forms.
 */
export type RoomError = Refusal;

/** Every room call answers this. */
export type RoomResult<T> = { ok: true; value: T } | RoomError;

/** A member of the pairing and their role in it (mentor, mentee). */
export interface RoomMember {
  personId: string;
  role: string;
}

/** A chat message as pages show it. */
export interface ChatMessage {
  seq: number;
  clientId: string;
  /** The member who wrote it; null for system messages. */
  authorId: string | null;
  /** "member", or where a system message came from: "journey" or "coordinator". */
  source: string;
  body: string;
  createdAt: number;
}

/** A page of chat, oldest first. */
export interface ChatPage {
  messages: ChatMessage[];
  /** The seq to pass as `before` for the previous page, or null at the beginning. */
  earlierBefore: number | null;
  lastSeq: number;
}

/** The agreement as pages show it: its current version, terms, edits and signatures. */
export interface AgreementView {
  version: number;
  terms: AgreementTerms;
  editedBy: string | null;
  editedAt: number | null;
  /** Who signed the current version, and when. */
  signatures: { personId: string; signedAt: number }[];
  signedByAll: boolean;
  sharedWithCoordinators: boolean;
}

/** A shared goal with its progress. */
export interface Goal {
  id: string;
  title: string;
  why: string;
  targetDate: string | null;
  progress: number;
  status: "open" | "achieved" | "dropped";
  updatedAt: number;
}

/** A shared note (versioned: a save over someone else's change is refused). */
export interface Note {
  id: string;
  title: string;
  body: string;
  version: number;
  updatedBy: string;
  updatedAt: number;
}

/** A shared link. */
export interface Resource {
  id: string;
  url: string;
  title: string;
  note: string;
  addedBy: string;
  addedAt: number;
}

/** The room's overview for one member. */
export interface RoomOverview {
  pairingId: string;
  programId: string;
  stage: Stage;
  pausedFrom: Stage | null;
  stageReason: string;
  members: RoomMember[];
  actions: StageAction[];
  agreement: { version: number; signedBy: string[]; signedByAll: boolean; shared: boolean };
  unread: number;
  lastActivityAt: number | null;
  counts: { goals: number; notes: number; resources: number; messages: number };
}

/** A meeting as members see it: schedule, status, everyone's answer, changed occurrences, outcomes and the agenda. */
export interface Meeting {
  id: string;
  organizerId: string;
  title: string;
  kind: import("../meetings/types").MeetingKind;
  location: string;
  videoUrl: string;
  schedule: import("../meetings/types").Schedule;
  status: import("../meetings/types").MeetingStatus;
  sequence: number;
  /** Who cancelled the whole meeting and when (null unless it was cancelled). */
  cancelledBy: string | null;
  cancelledAt: number | null;
  agenda: string;
  responses: { personId: string; response: "pending" | "accepted" | "declined" }[];
  changes: import("../meetings/types").OccurrenceChange[];
  outcomes: {
    recurrenceId: string;
    outcome: "held" | "missed";
    notes: string;
    recordedBy: string;
    recordedAt: number;
  }[];
  createdAt: number;
  updatedAt: number;
}
