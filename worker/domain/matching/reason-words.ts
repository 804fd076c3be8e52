/**
 * Match reasons in the viewer's language. The matcher writes each reason as English text (stored with the proposal),
 * so a reason is read back into a message id and its values here: "shared languages: english, spanish" becomes
 * `matching.reason.languages` with the names in the viewer's language, "3.5 h/week overlap" becomes
 * `matching.reason.overlap` with the number in the viewer's digits. A reason this does not know is shown as written.
 * Pure.
 */
import type { MessageId, MessageValues } from "../i18n/translate";
import { intlTag, type Locale } from "../i18n/locales";
import { languageName } from "./language-names";

/** A reason as a message: its id and values, ready for `t`. */
export interface ReasonMessage {
  id: MessageId;
  values?: MessageValues;
}

/** Reasons that are the same words every time. */
const FIXED: Record<string, MessageId> = {
  "no shared goals": "matching.reason.noGoals",
  "mentee listed no goals": "matching.reason.menteeNoGoals",
  "no shared language": "matching.reason.noLanguage",
  "no overlapping availability": "matching.reason.noOverlap",
  "no shared channel": "matching.reason.noChannel",
  "same person": "matching.blocked.samePerson",
  "mentor is unavailable": "matching.blocked.mentorUnavailable",
  "mentee is unavailable": "matching.blocked.menteeUnavailable",
  "mentor has no capacity left": "matching.blocked.mentorFull",
  "on the mentor's avoid list": "matching.blocked.mentorAvoids",
  "on the mentee's avoid list": "matching.blocked.menteeAvoids",
  "this pairing already ended": "matching.blocked.ended",
  "no shared language (required)": "matching.blocked.language",
  "no compatible mentor (avoid list rules some out)": "matching.unmatched.noMentorAvoid",
  "no compatible mentor": "matching.unmatched.noMentor",
  "compatible mentors are full": "matching.unmatched.mentorsFull",
  "compatible mentees fit better elsewhere": "matching.unmatched.menteesElsewhere",
  "no compatible mentee": "matching.unmatched.noMentee",
  unavailable: "matching.unmatched.unavailable",
  "has no capacity left": "matching.unmatched.noCapacity",
  "no compatible peer (avoid list rules some out)": "matching.unmatched.noPeerAvoid",
  "no compatible peer": "matching.unmatched.noPeer",
  "compatible peers are paired with others": "matching.unmatched.peersTaken",
  "proposal removed by hand": "matching.unmatched.removed",
};

/** The ids of the channels people choose on their profile. */
const CHANNEL_WORDS: Record<string, MessageId> = {
  video: "matching.channel.video",
  phone: "matching.channel.phone",
  chat: "matching.channel.chat",
  "in person": "matching.channel.inPerson",
  email: "matching.channel.email",
};

/** A list of words as the locale joins them ("a, b and c"). */
const listOf = (locale: Locale, items: string[]) =>
  new Intl.ListFormat(intlTag(locale), { style: "long", type: "conjunction" }).format(items);

const split = (list: string) =>
  list
    .split(", ")
    .map((s) => s.trim())
    .filter(Boolean);

/**
 * The message of a reason the matcher wrote, with what it names put in the viewer's words (`word` translates channel
 * ids), or null for a reason this version does not know.
 */
export function reasonMessage(reason: string, locale: Locale, word: (id: MessageId) => string): ReasonMessage | null {
  const fixed = FIXED[reason];
  if (fixed) return { id: fixed };
  let m = /^shares (\d+) goals?: (.*)$/s.exec(reason);
  if (m) return { id: "matching.reason.goals", values: { n: Number(m[1]), goals: m[2]! } };
  m = /^shared languages?: (.*)$/s.exec(reason);
  if (m) {
    const names = split(m[1]!).map((l) => languageName(l, locale));
    return { id: "matching.reason.languages", values: { n: names.length, languages: listOf(locale, names) } };
  }
  m = /^(\d+(?:\.\d)?) h\/week overlap$/.exec(reason);
  if (m) {
    const hours = new Intl.NumberFormat(intlTag(locale), { maximumFractionDigits: 1 }).format(Number(m[1]));
    return { id: "matching.reason.overlap", values: { hours } };
  }
  m = /^both use (.*)$/s.exec(reason);
  if (m) {
    const channels = split(m[1]!).map((c) => (CHANNEL_WORDS[c] ? word(CHANNEL_WORDS[c]) : c));
    return { id: "matching.reason.channels", values: { channels: listOf(locale, channels) } };
  }
  m = /^same (.+?): (.*)$/s.exec(reason);
  if (m) return { id: "matching.reason.attribute", values: { key: m[1]!, value: m[2]! } };
  m = /^wanted (\d+) mentors, got (\d+): other compatible mentors are full$/.exec(reason);
  if (m) return { id: "matching.unmatched.wanted", values: { n: Number(m[1]), got: Number(m[2]) } };
  return null;
}

/** A reason in the viewer's words (a reason this version does not know, as written). */
export function reasonText(reason: string, locale: Locale, t: (id: MessageId, values?: MessageValues) => string) {
  const message = reasonMessage(reason, locale, (id) => t(id));
  return message ? t(message.id, message.values) : reason;
}
