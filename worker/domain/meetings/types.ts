/**
 * Meetings as the domain sees them: a one-off or a recurring series anchored in its organiser's time zone. Plain data.
 */
import type { MessageId } from "../i18n/translate";
export const MEETING_KINDS = { video: "Video call", phone: "Phone call", "in-person": "In person" } as const;
export type MeetingKind = keyof typeof MEETING_KINDS;
/** The message id naming each kind of meeting, for pages and mail in the reader's language. */
export const MEETING_KIND_WORDS: Record<MeetingKind, MessageId> = {
  video: "meeting.kind.video",
  phone: "meeting.kind.phone",
  "in-person": "meeting.kind.inPerson",
};

export const REPEATS = {
  none: "Does not repeat",
  weekly: "Every week",
  fortnightly: "Every two weeks",
  monthly: "Every month",
} as const;
export type Repeat = keyof typeof REPEATS;
/** The message id naming each way a meeting repeats, for pages in the reader's language. */
export const REPEAT_WORDS: Record<Repeat, MessageId> = {
  none: "meeting.repeat.none",
  weekly: "meeting.repeat.weekly",
  fortnightly: "meeting.repeat.fortnightly",
  monthly: "meeting.repeat.monthly",
};

/**
 * When a series happens: local wall-clock start in `timeZone`, length, and how it repeats (bounded by count or until).
 */
export interface Schedule {
  /** The organiser's IANA zone: every occurrence keeps this wall-clock time there, across daylight-saving changes. */
  timeZone: string;
  /** First occurrence's local start, "YYYY-MM-DDTHH:MM". */
  startLocal: string;
  durationMinutes: number;
  repeat: Repeat;
  /** Number of occurrences (for repeating series; null with `until` or for one-offs). */
  count: number | null;
  /** Last day (inclusive, in `timeZone`) an occurrence may start, "YYYY-MM-DD" (null with `count` or for one-offs). */
  until: string | null;
}

/** A change to one occurrence, identified by its original local start (the RECURRENCE-ID). */
export interface OccurrenceChange {
  recurrenceId: string;
  status: "cancelled" | "moved";
  /** For moved occurrences: the new local start in the series' zone, and its length. */
  startLocal: string | null;
  durationMinutes: number | null;
  /** Bumped on every change, so calendars replace their copy. */
  sequence: number;
  /** Who made the change and when (kept by the room for its meetings list; D1's projection leaves them out). */
  changedBy?: string | null;
  changedAt?: number | null;
}

/** One concrete occurrence: its id (original local start), real start and end, and whether it is cancelled. */
export interface Occurrence {
  recurrenceId: string;
  start: number;
  end: number;
  cancelled: boolean;
  moved: boolean;
}

export type MeetingStatus = "proposed" | "confirmed" | "declined" | "cancelled";

/** A meeting as calendar feeds need it (from D1's projection: times and status, never its agenda or notes). */
export interface FeedMeeting {
  id: string;
  pairingId: string;
  title: string;
  kind: MeetingKind;
  /** A place for in-person meetings, a phone number or note for calls, or "" */
  location: string;
  /** The video link for video meetings, or "" */
  videoUrl: string;
  schedule: Schedule;
  status: MeetingStatus;
  sequence: number;
  changes: OccurrenceChange[];
  /** Link to the meeting's page in Trellis. */
  url: string;
  /** What the event says it is and where to go (kind, video link or phone, its page), in the feed owner's language. */
  description: string;
  createdAt: number;
  updatedAt: number;
}

/** An all-day item in a feed: a milestone due date or a check-in window. */
export interface FeedDay {
  uid: string;
  title: string;
  /** First day, "YYYY-MM-DD". */
  start: string;
  /** Day after the last day (exclusive), "YYYY-MM-DD". */
  end: string;
  url: string;
  updatedAt: number;
}

/** A whole feed: its name, meetings and all-day items. */
export interface Feed {
  name: string;
  meetings: FeedMeeting[];
  days: FeedDay[];
  /** When the feed's content last changed (DTSTAMP of every item). */
  stamp: number;
}
