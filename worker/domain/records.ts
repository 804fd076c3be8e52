/**
 * Stored rows as the domain names them: a person, a program, an outbound mail (worker/db/schema.ts checks its tables
 * match).
 */
import type { Slot } from "./availability";
import type { MatchSettings } from "./matching/settings";
import type { NotificationStatus } from "./notifications";
import type { MatchingMode, ProgramType } from "./vocabulary";

/** A person with their profile (a `people` row); the signed-in person is one of these. */
export interface Person {
  id: string;
  email: string;
  name: string;
  pronouns: string;
  bio: string;
  timeZone: string;
  /** Lower-case tags. */
  goals: string[];
  expertise: string[];
  interests: string[];
  languages: string[];
  channels: string[];
  /** Weekly availability in the person's own time zone. */
  availability: Slot[];
  /** Contact hours in the person's own time zone, minutes after midnight. */
  contactStart: number;
  contactEnd: number;
  capacity: number;
  unavailable: boolean;
  /** May create programs. */
  canCreatePrograms: boolean;
  /** The language the person chose (a shipped locale tag), or null. */
  language: string | null;
  /** Set when the person deleted their data (the row stays as an anonymous tombstone). */
  deletedAt: number | null;
  createdAt: number;
  updatedAt: number;
}

/** A mentoring program (a `programs` row). */
export interface Program {
  id: string;
  name: string;
  description: string;
  type: ProgramType;
  lengthWeeks: number;
  cadenceDays: number;
  matchingMode: MatchingMode;
  /** The language for members who chose none (a shipped locale tag), or null for English. */
  language: string | null;
  /** Matching settings; null means the defaults. */
  matchSettings: MatchSettings | null;
  /** The milestone template pairings follow; null means the default. */
  milestoneTemplate: string | null;
  /** The single sign-on provider id its mentors and mentees must sign in with; null: email links work too. */
  ssoProvider: string | null;
  createdBy: string;
  createdAt: number;
  updatedAt: number;
}

/** An outbound mail as the outbox stores it (a `notifications` row): what the dev mailbox lists. */
export interface StoredMail {
  id: string;
  toEmail: string;
  subject: string;
  bodyText: string;
  kind: string;
  status: NotificationStatus;
  transport: string;
  createdAt: number;
  sentAt: number | null;
  error: string | null;
  /** The recipient when known, and what the mail is about. */
  personId: string | null;
  category: string | null;
  /** Not to be delivered before this instant (epoch ms). */
  notBefore: number | null;
  deliveredAt: number | null;
  /** The Reply-To address, so replies land in the pairing. */
  replyTo: string | null;
  /** The sending service's message id and QStash's, when the mail got that far. */
  providerId: string | null;
  qstashMessageId: string | null;
  /** Hand-overs tried, and when a delivery last took the row to send it. */
  attempts: number;
  claimedAt: number | null;
  /** The pairing whose thread the mail is in (threading headers), or null. */
  thread: string | null;
}
