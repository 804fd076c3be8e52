/**
 * Meeting mails, the mail side: each member but the one who acted is told of a proposal (with Accept and Decline short
 * links scoped to that proposal and member), a confirmation, a decline, a move, a cancellation; and every member gets
 * the reminder before a meeting (join link, the agenda's first lines, an .ics link; none when the member's contact
 * hours would hold it until the meeting has begun). Times in each recipient's zone and
 * their partners'. Through `notify` (category "Meetings"), in the pairing's mail thread, with the member's reply
 * address (a reply goes to the chat).
 */
import { type Locale, mailLocale } from "../domain/i18n/locales";
import { translator } from "../domain/i18n/translate";
import { type MailPerson, type MeetingFacts, type MeetingMailEvent, meetingMail } from "../domain/meeting-mail";
import { nextContactTime } from "../domain/contact-hours";
import { mailContactOf } from "../people/profile-store";
import { LOCAL_ORIGIN } from "./mail-body";
import { publicOrigin } from "./mail-outbox";
import { notify } from "./notify";
import { replyAddress } from "./reply-address";
import { meetingLinkPath } from "./short-links";

/** How long a meeting mail's reply address takes replies. */
const REPLY_DAYS = 120;

/** One meeting event to tell a pairing's members of. */
export interface MeetingMailInput {
  pairingId: string;
  meetingId: string;
  event: MeetingMailEvent;
  /** Who acted (left out of the recipients), or null (a reminder goes to everyone). */
  actorId: string | null;
  /** Only these members get it (each member's reminder goes at their own time); all but the actor without it. */
  recipients?: string[];
  /** Makes the mails' ids: one mail per event, `key` and member. */
  key: string;
  memberIds: string[];
  /** Display names by person id. */
  names: Record<string, string>;
  meeting: MeetingFacts;
  /** When the meeting's last occurrence ends (the .ics link works until then). */
  seriesEnd: number;
}

/** Sends the event's mail to each recipient; returns the outbox ids written (or found, when run again). */
export async function mailMeetingEvent(env: Env, input: MeetingMailInput, now = Date.now()): Promise<string[]> {
  const origin = publicOrigin(env, LOCAL_ORIGIN);
  const people = new Map<string, MailPerson>();
  const greetings = new Map<string, string>();
  const tooLate = new Set<string>();
  const languages = new Map<string, Locale>();
  for (const id of input.memberIds) {
    const contact = await mailContactOf(env, id);
    // Partners are named by their display name (name, else address); the greeting uses the recipient's name only.
    if (!contact) continue;
    people.set(id, { name: input.names[id] ?? (contact.name || contact.email), zone: contact.timeZone || "UTC" });
    languages.set(id, mailLocale(contact.language));
    greetings.set(id, contact.name);
    // A reminder that would wait for contact hours until the meeting has begun helps no one: none is written.
    const opens = nextContactTime(now, {
      timeZone: contact.timeZone,
      start: contact.contactStart,
      end: contact.contactEnd,
    });
    if (input.event === "reminder" && opens >= input.meeting.start) tooLate.add(id);
  }
  const actor = input.actorId ? (input.names[input.actorId] ?? "") : "";
  const ids: string[] = [];
  for (const personId of input.memberIds) {
    const me = people.get(personId);
    if (!me || personId === input.actorId || tooLate.has(personId)) continue;
    if (input.recipients && !input.recipients.includes(personId)) continue;
    const link = (until: number) => meetingLinkPath(env, personId, input.meetingId, until);
    const answer = input.event === "proposed" ? `${origin}${await link(input.meeting.start)}` : null;
    const locale = languages.get(personId) ?? "en";
    const mail = meetingMail({
      words: { locale, t: translator(locale) },
      event: input.event,
      me: { ...me, name: greetings.get(personId) ?? "" },
      actor,
      others: [...people.entries()].filter(([id]) => id !== personId).map(([, p]) => p),
      meeting: input.meeting,
      links: {
        page: `${origin}/pairings/${input.pairingId}/meetings`,
        ...(answer ? { accept: `${answer}?a=accept`, decline: `${answer}?a=decline` } : {}),
        ...(["confirmed", "moved", "reminder"].includes(input.event)
          ? { ics: `${origin}${await link(input.seriesEnd)}/meeting.ics` }
          : {}),
        ...(input.event === "reminder" ? { reminderSettings: `${origin}/settings/reminders` } : {}),
      },
    });
    const result = await notify(
      env,
      {
        id: `meeting:${input.meetingId}:${input.key}:${personId}`,
        personId,
        category: "meetings",
        kind: `meeting-${input.event}`,
        subject: mail.subject,
        text: mail.text,
        origin,
        replyTo: await replyAddress(env, personId, { pairingId: input.pairingId }, now + REPLY_DAYS * 86_400_000),
        thread: input.pairingId,
      },
      now,
    );
    ids.push(result.id);
  }
  return ids;
}
