/** The emails of self-match: a mentor is asked, a mentee hears the answer. */
import type { MailInput } from "../mail/mail-outbox";

/** To the mentor: who asked, their message, until when the request is open, and where to answer. */
export function requestMail(m: {
  to: string;
  mentee: string;
  programName: string;
  message: string;
  openUntil: string;
  link: string;
}): MailInput {
  return {
    to: m.to,
    kind: "match-request",
    subject: `${m.mentee} asked you to be their mentor`,
    text: `Hello,\n\n${m.mentee} asked you to be their mentor in "${m.programName}". Their message:\n\n${m.message}\n\nAccept or decline here; the request stays open until ${m.openUntil}:\n\n${m.link}\n`,
  };
}

/** To the mentee: the mentor accepted, and where the pairing is shown. */
export function acceptedMail(m: { to: string; mentor: string; programName: string; link: string }): MailInput {
  return {
    to: m.to,
    kind: "match-accepted",
    subject: `${m.mentor} accepted your request`,
    text: `Hello,\n\n${m.mentor} accepted your request and is now your mentor in "${m.programName}".\n\nSee your pairing here:\n\n${m.link}\n`,
  };
}

/** To the mentee: the mentor declined, with their reason when they gave one, and where to ask someone else. */
export function declinedMail(m: {
  to: string;
  mentor: string;
  programName: string;
  reason: string;
  link: string;
}): MailInput {
  const why = m.reason ? `Their reason:\n\n${m.reason}\n\n` : "";
  return {
    to: m.to,
    kind: "match-declined",
    subject: `${m.mentor} declined your request`,
    text: `Hello,\n\n${m.mentor} can't be your mentor in "${m.programName}" and declined your request.\n\n${why}You can ask another mentor here:\n\n${m.link}\n`,
  };
}
