/** A bulk mailing's progress as pages show it: the shape they are handed and the sentence that says where it is. */
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

const WHAT: Record<MailingProgress["kind"], string> = {
  "program-message": "your message",
  invitations: "invitations",
  digest: "weekly digests",
};

/** One sentence for a mailing: "Sending your message: 120 of 500 people so far." / "… sent to 500 people." */
export function mailingSentence(m: MailingProgress): string {
  const people = (n: number) => `${n} ${n === 1 ? "person" : "people"}`;
  const what = WHAT[m.kind];
  if (m.status === "sending") return `Sending ${what}: ${m.done} of ${people(m.total)} so far.`;
  if (m.status === "sent")
    return m.kind === "program-message"
      ? `Sent: your message went to ${people(m.total)} (as each of them chose to get program emails).`
      : `Sent ${what} to ${people(m.total)}.`;
  return `Sending ${what} stopped after ${m.done} of ${people(m.total)}: the mail service kept failing. Nobody got a mail twice; the rest are in the outbox (see docs/mail.md).`;
}
