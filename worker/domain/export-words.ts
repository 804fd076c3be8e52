/**
 * The words of a CSV export in the coordinator's language: each column's header, and the cells that hold a word from a
 * fixed list (roles, statuses, stages, check-in answers, meeting kinds and repeats, yes/no). Words a person typed, ids,
 * numbers and times are written as they are; an unknown stored word too.
 */
import { CHECKIN_ANSWER_WORDS } from "./journey/checkin-answers";
import type { MessageId, Translate } from "./i18n/translate";
import { MEETING_KIND_WORDS } from "./meetings/types";
import { roleName } from "./program";
import { stageName } from "./program-home";

/** Each column's header as a message id, by the column's stable (English) key. */
const HEADERS: Record<string, MessageId> = {
  pairing: "programs.csv.pairing",
  members: "programs.csv.members",
  stage: "programs.csv.stage",
  "stage reason": "programs.csv.stageReason",
  "risk reason": "programs.csv.riskReason",
  "risk since": "programs.csv.riskSince",
  created: "programs.csv.created",
  "last activity": "programs.csv.lastActivity",
  ended: "programs.csv.ended",
  messages: "programs.csv.messages",
  "agreement signed": "programs.csv.agreementSigned",
  goals: "programs.csv.goals",
  "goal progress": "programs.csv.goalProgress",
  "meetings held": "programs.csv.meetingsHeld",
  "meetings missed": "programs.csv.meetingsMissed",
  name: "programs.csv.name",
  email: "programs.csv.email",
  role: "programs.csv.role",
  status: "programs.csv.status",
  "time zone": "programs.csv.timeZone",
  joined: "programs.csv.joined",
  invited: "programs.csv.invited",
  "in pairings": "programs.csv.inPairings",
  milestone: "programs.csv.milestone",
  opens: "programs.csv.opens",
  closes: "programs.csv.closes",
  person: "programs.csv.person",
  answer: "programs.csv.answer",
  "answered at": "programs.csv.answeredAt",
  comment: "programs.csv.comment",
  title: "programs.csv.title",
  kind: "programs.csv.kind",
  organiser: "programs.csv.organiser",
  "local start": "programs.csv.localStart",
  "duration (minutes)": "programs.csv.duration",
  repeat: "programs.csv.repeat",
  held: "programs.csv.held",
  missed: "programs.csv.missed",
  progress: "programs.csv.progress",
  "target date": "programs.csv.targetDate",
  updated: "programs.csv.updated",
};

/** How a repeat rule is named (the meeting area's words). */
const REPEAT_WORDS: Record<string, MessageId> = {
  none: "meeting.repeat.none",
  weekly: "meeting.repeat.weekly",
  fortnightly: "meeting.repeat.fortnightly",
  monthly: "meeting.repeat.monthly",
};

/** Turns an id-keyed map's lookup into the word, or the stored value when the map does not know it. */
const wordOf = (t: Translate, id: MessageId | null | undefined, value: string) => (id ? t(id) : value);

/** The words one export writes, in one language. */
export interface CsvWords {
  header: (column: string) => string;
  role: (role: string) => string;
  participantStatus: (status: string) => string;
  stage: (stage: string) => string;
  answer: (answer: string | null) => string;
  meetingKind: (kind: string) => string;
  repeat: (repeat: string) => string;
  yesNo: (value: boolean) => string;
}

/** The export words of a translator. */
export function csvWords(t: Translate): CsvWords {
  return {
    header: (column) => wordOf(t, HEADERS[column], column),
    role: (role) => wordOf(t, roleName(role), role),
    participantStatus: (status) =>
      status === "active"
        ? t("programs.status.active")
        : status === "invited"
          ? t("programs.csv.invitedStatus")
          : status,
    stage: (stage) => wordOf(t, stageName(stage), stage),
    answer: (answer) =>
      answer === null ? "" : wordOf(t, CHECKIN_ANSWER_WORDS[answer as keyof typeof CHECKIN_ANSWER_WORDS], answer),
    meetingKind: (kind) => wordOf(t, MEETING_KIND_WORDS[kind as keyof typeof MEETING_KIND_WORDS], kind),
    repeat: (repeat) => wordOf(t, REPEAT_WORDS[repeat], repeat),
    yesNo: (value) => t(value ? "programs.journey.yes" : "programs.journey.no"),
  };
}
