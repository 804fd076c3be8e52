/**
 * What is waiting for a person, across their programs: each item is one action of theirs with the page to do it on.
 * Home lists them, and the weekly digest can list the same. Plain data; `sortWaiting` orders them by urgency.
 */
import { listText } from "./i18n/intl";
import type { Locale } from "./i18n/locales";
import type { Translate } from "./i18n/translate";
import type { ProfileGap } from "./onboarding/completeness";

/** The people on the other side of a pairing, as items name them. */
export interface Partner {
  name: string;
  timeZone: string;
}

/** A self-match request the mentor has not answered. */
export interface RequestWaiting {
  kind: "request";
  programId: string;
  programName: string;
  /** The soonest-expiring open request's mentee, and how many are open in this program. */
  fromName: string;
  count: number;
  expiresAt: number;
  path: string;
}

/** An agreement this member has not signed (or, before anyone wrote it, one to write). */
export interface AgreementWaiting {
  kind: "agreement";
  pairingId: string;
  programName: string;
  partners: Partner[];
  action: "write" | "sign";
  version: number;
  path: string;
}

/** A meeting proposal this member has not answered. */
export interface MeetingWaiting {
  kind: "meeting";
  pairingId: string;
  meetingId: string;
  title: string;
  /** The first occurrence's start and end (epoch ms). */
  start: number;
  end: number;
  partners: Partner[];
  path: string;
}

/** An open check-in this member has not answered. */
export interface CheckinWaiting {
  kind: "checkin";
  pairingId: string;
  checkinId: string;
  milestone: string;
  closesAt: number;
  partners: Partner[];
  /** The signed answer page (no sign-in needed), like the email's. */
  path: string;
}

/** A survey this member was asked and has not answered, open until `closesAt`. */
export interface SurveyWaiting {
  kind: "survey";
  requestId: string;
  title: string;
  programName: string;
  closesAt: number;
  /** The in-app answer form. */
  path: string;
}

/** Chat messages this member has not read. */
export interface ChatWaiting {
  kind: "chat";
  pairingId: string;
  unread: number;
  partners: Partner[];
  path: string;
}

/** A profile that still lacks what matching needs in a program. */
export interface ProfileWaiting {
  kind: "profile";
  programId: string;
  programName: string;
  missing: ProfileGap[];
  path: string;
}

/** One thing waiting for a person. */
export type WaitingItem =
  | RequestWaiting
  | AgreementWaiting
  | MeetingWaiting
  | CheckinWaiting
  | SurveyWaiting
  | ChatWaiting
  | ProfileWaiting;

const ORDER: Readonly<Record<WaitingItem["kind"], number>> = {
  request: 0,
  checkin: 1,
  survey: 2,
  meeting: 3,
  agreement: 4,
  chat: 5,
  profile: 6,
};

/** When an item stops waiting, if it does by itself (a request expires, a check-in closes, a meeting starts). */
function deadline(item: WaitingItem): number {
  if (item.kind === "request") return item.expiresAt;
  if (item.kind === "checkin" || item.kind === "survey") return item.closesAt;
  if (item.kind === "meeting") return item.start;
  return Number.POSITIVE_INFINITY;
}

/** Orders items by kind (requests, check-ins, surveys, meeting answers, agreements, chat, profile), soonest deadline first. */
export function sortWaiting(items: readonly WaitingItem[]): WaitingItem[] {
  return [...items].sort((a, b) => ORDER[a.kind] - ORDER[b.kind] || deadline(a) - deadline(b));
}

/**
 * One waiting item as a line of plain text in the reader's language (the digest mail's wording of what home shows),
 * times through `at` (a formatter such as formatInstant in the reader's zone and locale).
 */
export function waitingText(item: WaitingItem, at: (ms: number) => string, t: Translate, locale: Locale): string {
  const names = (partners: readonly Partner[]) =>
    partners.length
      ? ` ${t("home.with", {
          names: listText(
            locale,
            partners.map((p) => p.name),
          ),
        })}`
      : "";
  switch (item.kind) {
    case "request":
      return t("waiting.requestLine", {
        what: t("waiting.request", { count: item.count, name: item.fromName }),
        program: item.programName,
        when: at(item.expiresAt),
      });
    case "agreement":
      return `${t("waiting.agreement", { action: item.action })}${names(item.partners)} (${item.programName})`;
    case "meeting":
      return `${t("waiting.meeting", { title: item.title })}${names(item.partners)}: ${at(item.start)}`;
    case "checkin":
      return `${t("waiting.checkin", { milestone: "other" })}${names(item.partners)} (${t("waiting.openUntil", { when: at(item.closesAt) })})`;
    case "survey":
      return t("surveys.waiting.line", { title: item.title, program: item.programName, when: at(item.closesAt) });
    case "chat":
      return `${t("waiting.chat", { count: item.unread })}${names(item.partners)}`;
    case "profile":
      return t("waiting.profileLine", { program: item.programName });
  }
}

/** The next video meeting of a person's pairings, for a Join link. */
export interface NextVideoMeeting {
  pairingId: string;
  meetingId: string;
  title: string;
  start: number;
  end: number;
  videoUrl: string;
  partners: Partner[];
}
