/**
 * The words of meeting mails: a proposal (with its Accept and Decline links), its confirmation or decline, a move, a
 * cancellation and the reminder before a meeting. Every time is given in the recipient's zone and in each other
 * member's. Pure.
 */
import { formatInstant } from "./format-time";
import { intlTag, type Locale } from "./i18n/locales";
import { listText } from "./i18n/intl";
import { greeting, type MessageId, type Translate } from "./i18n/translate";
import { MEETING_KIND_WORDS, type MeetingKind, REPEAT_WORDS, type Repeat } from "./meetings/types";

/** How long before a meeting its reminder goes, unless the member chose another time (minutes). */
export const DEFAULT_REMINDER_LEAD = 1440;
/** The times a member can choose for meeting reminders (minutes before; 0: none), as the settings page offers them. */
export const REMINDER_LEADS: readonly { minutes: number; label: MessageId }[] = [
  { minutes: 1440, label: "reminders.lead.day" },
  { minutes: 120, label: "reminders.lead.twoHours" },
  { minutes: 60, label: "reminders.lead.hour" },
  { minutes: 0, label: "reminders.lead.none" },
];

/** True for a reminder time the settings offer. */
export function isReminderLead(minutes: number): boolean {
  return REMINDER_LEADS.some((l) => l.minutes === minutes);
}
/** Agenda lines a reminder quotes. */
export const AGENDA_LINES = 4;

/** What happened to a meeting that its members are told of by mail. */
export type MeetingMailEvent = "proposed" | "confirmed" | "declined" | "moved" | "cancelled" | "reminder";

/** A person as a meeting mail names them: name and time zone. */
export interface MailPerson {
  name: string;
  zone: string;
}

/** What a meeting mail says about the meeting. */
export interface MeetingFacts {
  title: string;
  kind: MeetingKind;
  location: string;
  videoUrl: string;
  repeat: Repeat;
  /** The occurrence the mail is about (the first one still to come, or the moved or cancelled one). */
  start: number;
  end: number;
  agenda: string;
  /** Whether the mail is about one occurrence of a series (moved or cancelled alone). */
  oneOccurrence: boolean;
}

/** Links a meeting mail carries (absolute URLs). */
export interface MeetingMailLinks {
  page: string;
  accept?: string;
  decline?: string;
  ics?: string;
  /** Where the member chooses when reminders come (reminders only). */
  reminderSettings?: string;
}

/** The recipient's language for a meeting mail: its tag and translator. */
export interface MailWords {
  locale: Locale;
  t: Translate;
}

/** The occurrence's time: in the recipient's zone, then once per other zone with whose it is. */
export function timeLines(
  start: number,
  end: number,
  me: MailPerson,
  others: readonly MailPerson[],
  { locale, t }: MailWords,
): string {
  const minutes = Math.round((end - start) / 60_000);
  const at = (zone: string) => formatInstant(start, zone, intlTag(locale));
  const lines = [t("meetingMail.yourTime", { when: at(me.zone), minutes })];
  const zones = new Map<string, string[]>();
  for (const o of others) if (o.zone !== me.zone) zones.set(o.zone, [...(zones.get(o.zone) ?? []), o.name]);
  for (const [zone, names] of zones)
    lines.push(t("meetingMail.theirTime", { when: at(zone), names: listText(locale, names) }));
  return lines.map((l) => `  ${l}`).join("\n");
}

/** The agenda's first non-empty lines (with "…" when there is more), or "". */
export function agendaStart(agenda: string, lines = AGENDA_LINES): string {
  const all = agenda
    .split(/\r?\n/)
    .map((l) => l.trimEnd())
    .filter((l) => l.trim());
  if (all.length === 0) return "";
  return [...all.slice(0, lines), ...(all.length > lines ? ["…"] : [])].join("\n");
}

/** Where the meeting happens, in a line. */
function placeLine(m: MeetingFacts, t: Translate): string {
  const kind = t(MEETING_KIND_WORDS[m.kind]);
  if (m.kind === "video") return m.videoUrl ? t("meetingMail.joinAt", { kind, url: m.videoUrl }) : kind;
  return m.location ? `${kind}: ${m.location}` : kind;
}

/** The subject and text of one meeting mail to `me`; `actor` is who made the change (none for a reminder). */
export function meetingMail(input: {
  event: MeetingMailEvent;
  me: MailPerson;
  actor: string;
  others: readonly MailPerson[];
  meeting: MeetingFacts;
  links: MeetingMailLinks;
  /** The recipient's language. */
  words: MailWords;
}): { subject: string; text: string } {
  const { event, me, meeting: m, links, words } = input;
  const { t, locale } = words;
  const actor = input.actor || t("meetingMail.partner");
  const title = m.title;
  const one = m.oneOccurrence ? "yes" : "no";
  const when = timeLines(m.start, m.end, me, input.others, words);
  const repeat = m.repeat !== "none" && !m.oneOccurrence ? `\n  ${t(REPEAT_WORDS[m.repeat])}` : "";
  const details = `${when}${repeat}\n  ${placeLine(m, t)}`;
  const agenda = agendaStart(m.agenda);
  const agendaPart = agenda ? [`${t("meetingMail.agenda")}\n${agenda}`] : [];
  const ics = links.ics ? [t("meetingMail.ics", { url: links.ics })] : [];
  const page = `${t("meetingMail.page")}\n${links.page}`;
  const hello = greeting(me.name, t);
  let subject: string;
  let parts: string[];
  switch (event) {
    case "proposed":
      subject = t("meetingMail.proposed.subject", { actor, title });
      parts = [
        `${t("meetingMail.proposed.body", { actor, title })}\n${details}`,
        ...agendaPart,
        [
          t("meetingMail.proposed.answer"),
          t("meetingMail.accept", { url: links.accept ?? "" }),
          t("meetingMail.decline", { url: links.decline ?? "" }),
        ].join("\n"),
        page,
      ];
      break;
    case "confirmed":
      subject = t("meetingMail.confirmed.subject", { title });
      parts = [`${t("meetingMail.confirmed.body", { actor, title })}\n${details}`, ...agendaPart, ...ics, page];
      break;
    case "declined":
      subject = t("meetingMail.declined.subject", { actor, title });
      parts = [
        `${t("meetingMail.declined.body", { actor, title })}\n${when}`,
        t("meetingMail.declined.again", { url: links.page }),
      ];
      break;
    case "moved":
      subject = t("meetingMail.moved.subject", { title });
      parts = [`${t("meetingMail.moved.body", { actor, title, one })}\n${details}`, ...ics, page];
      break;
    case "cancelled":
      subject = t("meetingMail.cancelled.subject", { title });
      parts = [`${t("meetingMail.cancelled.body", { actor, title, one })}\n${when}`, page];
      break;
    case "reminder":
      subject = t("meetingMail.reminder.subject", { title, when: formatInstant(m.start, me.zone, intlTag(locale)) });
      parts = [
        `${t("meetingMail.reminder.body", { title })}\n${details}`,
        ...agendaPart,
        ...ics,
        page,
        ...(links.reminderSettings ? [`${t("meetingMail.reminder.settings")}\n${links.reminderSettings}`] : []),
      ];
      break;
  }
  return { subject, text: `${[hello, ...parts].join("\n\n")}\n` };
}
