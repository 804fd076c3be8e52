/**
 * The words of meeting mails: a proposal (with its Accept and Decline links), its confirmation or decline, a move, a
 * cancellation and the reminder before a meeting. Every time is given in the recipient's zone and in each other
 * member's. Pure.
 */
import { formatInstant } from "./format-time";
import { MEETING_KINDS, type MeetingKind, REPEATS, type Repeat } from "./meetings/types";

/** How long before a meeting its reminder goes, unless the member chose another time (minutes). */
export const DEFAULT_REMINDER_LEAD = 1440;
/** The times a member can choose for meeting reminders (minutes before; 0: none), as the settings page offers them. */
export const REMINDER_LEADS: readonly { minutes: number; label: string }[] = [
  { minutes: 1440, label: "24 hours before" },
  { minutes: 120, label: "2 hours before" },
  { minutes: 60, label: "1 hour before" },
  { minutes: 0, label: "No reminders" },
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

/** The occurrence's time: in the recipient's zone, then once per other zone with whose it is. */
export function timeLines(start: number, end: number, me: MailPerson, others: readonly MailPerson[]): string {
  const minutes = Math.round((end - start) / 60_000);
  const lines = [`${formatInstant(start, me.zone)}, ${minutes} minutes (your time)`];
  const zones = new Map<string, string[]>();
  for (const o of others) if (o.zone !== me.zone) zones.set(o.zone, [...(zones.get(o.zone) ?? []), o.name]);
  for (const [zone, names] of zones) lines.push(`${formatInstant(start, zone)} (${names.join(" and ")}'s time)`);
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
function placeLine(m: MeetingFacts): string {
  const kind = MEETING_KINDS[m.kind];
  if (m.kind === "video") return m.videoUrl ? `${kind}: join at ${m.videoUrl}` : kind;
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
}): { subject: string; text: string } {
  const { event, me, actor, meeting: m, links } = input;
  const title = `"${m.title}"`;
  const when = timeLines(m.start, m.end, me, input.others);
  const repeat = m.repeat !== "none" && !m.oneOccurrence ? `\n  ${REPEATS[m.repeat]}` : "";
  const details = `${when}${repeat}\n  ${placeLine(m)}`;
  const agenda = agendaStart(m.agenda);
  const agendaPart = agenda ? [`Agenda:\n${agenda}`] : [];
  const ics = links.ics ? [`Add it to your calendar: ${links.ics}`] : [];
  const page = `All your meetings are on Trellis:\n${links.page}`;
  const hello = `Hello${me.name.trim() ? ` ${me.name.trim()}` : ""},`;
  let subject: string;
  let parts: string[];
  switch (event) {
    case "proposed":
      subject = `${actor} proposes a meeting: ${m.title}`;
      parts = [
        `${actor} proposes a meeting, ${title}:\n${details}`,
        ...agendaPart,
        `Does it suit you? One tap, then confirm:\nAccept: ${links.accept}\nDecline: ${links.decline}`,
        page,
      ];
      break;
    case "confirmed":
      subject = `Meeting confirmed: ${m.title}`;
      parts = [`${actor} accepted: ${title} is confirmed.\n${details}`, ...agendaPart, ...ics, page];
      break;
    case "declined":
      subject = `${actor} declined the meeting ${m.title}`;
      parts = [`${actor} declined ${title}, proposed for:\n${when}`, `Propose another time: ${links.page}`];
      break;
    case "moved":
      subject = `Meeting moved: ${m.title}`;
      parts = [
        `${actor} moved ${m.oneOccurrence ? `one meeting of ${title}` : title}. The new time:\n${details}`,
        ...ics,
        page,
      ];
      break;
    case "cancelled":
      subject = `Meeting cancelled: ${m.title}`;
      parts = [
        `${actor} cancelled ${m.oneOccurrence ? `one meeting of ${title}` : title}, which was to be:\n${when}`,
        page,
      ];
      break;
    case "reminder":
      subject = `Reminder: ${m.title}, ${formatInstant(m.start, me.zone)}`;
      parts = [
        `Your meeting ${title} is coming up:\n${details}`,
        ...agendaPart,
        ...ics,
        page,
        ...(links.reminderSettings ? [`Choose when these reminders come:\n${links.reminderSettings}`] : []),
      ];
      break;
  }
  return { subject, text: `${[hello, ...parts].join("\n\n")}\n` };
}
