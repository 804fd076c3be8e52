/** The emails of self-match: a mentor is asked, a mentee hears the answer; each in its recipient's language (`t`). */
import { greeting, type Translate } from "../domain/i18n/translate";
import type { MailInput } from "../mail/mail-outbox";

/** To the mentor: who asked, their message, until when the request is open, and where to answer. */
export function requestMail(
  m: {
    to: string;
    mentee: string;
    programName: string;
    message: string;
    openUntil: string;
    link: string;
  },
  t: Translate,
): MailInput {
  const body = t("requestMail.asked.body", { mentee: m.mentee, program: m.programName });
  const answer = t("requestMail.asked.answer", { until: m.openUntil });
  return {
    to: m.to,
    kind: "match-request",
    subject: t("requestMail.asked.subject", { mentee: m.mentee }),
    text: `${greeting("", t)}\n\n${body}\n\n${m.message}\n\n${answer}\n\n${m.link}\n`,
  };
}

/** To the mentee: the mentor accepted, and where the pairing is shown. */
export function acceptedMail(
  m: { to: string; mentor: string; programName: string; link: string },
  t: Translate,
): MailInput {
  const body = t("requestMail.accepted.body", { mentor: m.mentor, program: m.programName });
  return {
    to: m.to,
    kind: "match-accepted",
    subject: t("requestMail.accepted.subject", { mentor: m.mentor }),
    text: `${greeting("", t)}\n\n${body}\n\n${t("requestMail.accepted.see")}\n\n${m.link}\n`,
  };
}

/** To the mentee: the mentor declined, with their reason when they gave one, and where to ask someone else. */
export function declinedMail(
  m: {
    to: string;
    mentor: string;
    programName: string;
    reason: string;
    link: string;
  },
  t: Translate,
): MailInput {
  const why = m.reason ? `${t("requestMail.declined.reason")}\n\n${m.reason}\n\n` : "";
  const body = t("requestMail.declined.body", { mentor: m.mentor, program: m.programName });
  return {
    to: m.to,
    kind: "match-declined",
    subject: t("requestMail.declined.subject", { mentor: m.mentor }),
    text: `${greeting("", t)}\n\n${body}\n\n${why}${t("requestMail.declined.askAnother")}\n\n${m.link}\n`,
  };
}
