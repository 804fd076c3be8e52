/**
 * Composing a notification's body and headers: the text, the link it is about, the footer saying why it was sent (with
 * the preferences and one-click unsubscribe links), and the List-Unsubscribe / Reply-To headers (RFC 2369, RFC 8058).
 * Also reads those parts back from a stored body, for the digest and the dev mailbox. Pure: no I/O.
 */
import { categoryInfo, type NotificationCategory } from "./categories";

/** Where links point when neither PUBLIC_URL nor the caller says (what `npm start` serves). */
export const LOCAL_ORIGIN = "http://127.0.0.1:8787";
/** The line that separates a mail's text from its footer (the usual signature separator). */
export const FOOTER_SEPARATOR = "\n-- \n";

/** The origin links in mail use: PUBLIC_URL, else the caller's, else the local dev server. */
export function mailOrigin(env: Env, fallback?: string): string {
  return (env.PUBLIC_URL || fallback || LOCAL_ORIGIN).replace(/\/$/, "");
}

/** The origin of an absolute link, or undefined when there is no link or it is not a URL. */
export function originOf(link: string | undefined): string | undefined {
  if (!link) return undefined;
  try {
    return new URL(link).origin;
  } catch {
    return undefined;
  }
}

/** A body: the text, the link when the text does not have it, then the footer. */
export function composeBody(text: string, link: string | undefined, footerLines: string[]): string {
  let main = text.replace(/\s+$/, "");
  if (link && !main.includes(link)) main += `\n\n${link}`;
  return `${main}\n${FOOTER_SEPARATOR}${footerLines.join("\n")}\n`;
}

/** The footer of a notification in one category: why it was sent, the preferences link, the unsubscribe link. */
export function categoryFooter(category: NotificationCategory, origin: string, unsubscribe: string): string[] {
  const info = categoryInfo[category];
  return [
    `You get this email because ${info.reason} ("${info.label}" emails).`,
    `Choose which emails you get: ${origin}/settings/notifications`,
    `Unsubscribe from "${info.label}" emails with one click: ${unsubscribe}`,
  ];
}

/** The email headers a notification is sent with. */
export function mailHeaders(unsubscribe: string | null, replyTo?: string | null): Record<string, string> {
  const headers: Record<string, string> = {};
  if (unsubscribe) {
    headers["List-Unsubscribe"] = `<${unsubscribe}>`;
    headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click";
  }
  if (replyTo) headers["Reply-To"] = replyTo;
  return headers;
}

/** The unsubscribe link in a stored mail's footer, or null (mail without a footer: sign-in, invitations). */
export function unsubscribeLinkOf(bodyText: string): string | null {
  const at = bodyText.lastIndexOf(FOOTER_SEPARATOR);
  if (at < 0) return null;
  return /https?:\/\/\S+\/unsubscribe\/[A-Za-z0-9_.-]+/.exec(bodyText.slice(at))?.[0] ?? null;
}

/**
 * The headers a stored mail was (or would be) sent with, for the dev mailbox: List-Unsubscribe worked out again from
 * the footer (the same link, so the same token), Reply-To from the row's `reply_to`.
 */
export function storedMailHeaders(message: { bodyText: string; replyTo?: string | null }): Record<string, string> {
  return mailHeaders(unsubscribeLinkOf(message.bodyText), message.replyTo);
}

/** The text before the footer, and the link the mail is about (the last link in that text), for the digest. */
export function mainPartOf(bodyText: string): { text: string; link: string | null } {
  const at = bodyText.lastIndexOf(FOOTER_SEPARATOR);
  const text = at < 0 ? bodyText : bodyText.slice(0, at);
  const links = text.match(/https?:\/\/[^\s<>"]+/g);
  return { text, link: links ? links[links.length - 1]! : null };
}
