/** The headers a notification mail is sent with, and how to read them back from a stored mail's body. Pure. */

/** The line that separates a mail's text from its footer (the usual signature separator). */
export const FOOTER_SEPARATOR = "\n-- \n";

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
