/** A bulk mailing's progress as pages show it: the shape they are handed and the sentence that says where it is. */
import type { MessageId, MessageValues } from "./i18n/translate";
import type { mailJobKinds, mailJobStatuses } from "./vocabulary";

/** Where a bulk mailing stands. */
export interface MailingProgress {
  id: string;
  kind: (typeof mailJobKinds)[number];
  status: (typeof mailJobStatuses)[number];
  total: number;
  done: number;
}

/** Seconds between reloads of a page showing a mailing still sending (the page asks with a Refresh header). */
export const MAILING_REFRESH_SECONDS = 3;

/** A survey's mailing says it in its own words (resources catalog). */
const SURVEY_SENTENCES = {
  sending: "surveys.mailing.sending",
  sent: "surveys.mailing.sent",
  failed: "surveys.mailing.stopped",
} as const satisfies Record<MailingProgress["status"], MessageId>;

/**
 * One sentence for a mailing, as a message id with its values: "Sending your message: 120 of 500 people so far." /
 * "… sent to 500 people." / stopped.
 */
export function mailingSentence(m: MailingProgress): { id: MessageId; values: MessageValues } {
  const values = { what: m.kind, done: m.done, total: m.total };
  if (m.kind === "survey") return { id: SURVEY_SENTENCES[m.status], values };
  if (m.status === "sending") return { id: "programs.mailing.sending", values };
  if (m.status === "sent")
    return { id: m.kind === "program-message" ? "programs.mailing.messageSent" : "programs.mailing.sent", values };
  return { id: "programs.mailing.stopped", values };
}
