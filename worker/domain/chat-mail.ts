/**
 * Chat by mail: how long the chat stays quiet before a member who has not read it gets one mail, and the words of that
 * mail (each unread message quoted with its sender and its time in the recipient's zone). Pure.
 */
import { formatInstant } from "./format-time";
import { intlTag, type Locale } from "./i18n/locales";
import { listText } from "./i18n/intl";
import { greeting, type Translate } from "./i18n/translate";

/** How long after the last unread message the mail waits: a burst of messages makes one mail, not one each. */
export const CHAT_MAIL_QUIET_MS = 15 * 60_000;
/** Most messages quoted in one mail (the newest); the rest are counted and waiting in the chat. */
export const CHAT_MAIL_MAX_QUOTED = 20;
/** Most characters of messages quoted in one mail (its HTML part stays well under 20 KB), and of one message. */
export const CHAT_MAIL_QUOTE_CHARS = 6000;
export const CHAT_MAIL_MESSAGE_CHARS = 1500;

/** One unread message as the mail quotes it. */
export interface QuotedMessage {
  author: string;
  body: string;
  at: number;
}

/** The message lines with "> " in front, so mail clients show them as quoted. */
function quoteLines(body: string): string {
  return body
    .split("\n")
    .map((line) => (line ? `> ${line}` : ">"))
    .join("\n");
}

/** The names of the messages' senders, in order of first message, as "Ana", "Ana and Bo" or "Ana, Bo and Cy". */
export function senderList(messages: readonly QuotedMessage[], locale: Locale = "en"): string {
  return listText(locale, [...new Set(messages.map((m) => m.author))]);
}

/**
 * The mail for a member's unread messages: subject and text (greeting, each message quoted with sender and time in
 * the recipient's zone, how to answer). `link` is the chat's page.
 */
export function unreadChatMail(input: {
  /** The recipient's name ("" greets them plainly). */
  recipientName: string;
  zone: string;
  messages: readonly QuotedMessage[];
  link: string;
  /** The recipient's language and its translator. */
  locale: Locale;
  t: Translate;
}): { subject: string; text: string } {
  const { t, locale } = input;
  const shown: QuotedMessage[] = [];
  let chars = 0;
  for (const m of input.messages.slice(-CHAT_MAIL_MAX_QUOTED).reverse()) {
    const body = m.body.length > CHAT_MAIL_MESSAGE_CHARS ? `${m.body.slice(0, CHAT_MAIL_MESSAGE_CHARS)}…` : m.body;
    chars += body.length;
    if (shown.length > 0 && chars > CHAT_MAIL_QUOTE_CHARS) break;
    shown.unshift({ ...m, body });
  }
  const more = input.messages.length - shown.length;
  const who = senderList(input.messages, locale);
  const count = input.messages.length;
  const subject = t("chatMail.subject", { count, who });
  const quoted = shown.map(
    (m) => `${m.author}, ${formatInstant(m.at, input.zone, intlTag(locale))}:\n${quoteLines(m.body)}`,
  );
  const text = [
    greeting(input.recipientName, t),
    t("chatMail.intro", { who }),
    ...(more > 0 ? [t("chatMail.more", { count: more })] : []),
    ...quoted,
    `${t("chatMail.reply")}\n${input.link}`,
  ].join("\n\n");
  return { subject, text: `${text}\n` };
}
