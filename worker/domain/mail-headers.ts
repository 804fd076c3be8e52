/** The headers a notification mail is sent with, and how to read them back from a stored mail's body. Pure. */

/** The line that separates a mail's text from its footer (the usual signature separator). */
export const FOOTER_SEPARATOR = "\n-- \n";

/** The domain in Message-IDs when the sender's address gives none. */
export const MESSAGE_ID_DOMAIN = "trellis.invalid";

/** A Message-ID's local part from any id: characters outside RFC 5322's atext become ".". */
function idPart(id: string): string {
  return id.replace(/[^A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+/g, ".").replace(/^\.+|\.+$/g, "") || "mail";
}

/**
 * The threading headers of a mail (RFC 5322 3.6.4): its own Message-ID from its outbox id, and, for a mail about a
 * conversation (`thread`, a pairing id), In-Reply-To and References naming that conversation's root, so mail clients
 * show every mail about one pairing as one thread.
 */
export function threadHeaders(id: string, thread: string | null | undefined, domain: string): Record<string, string> {
  const headers: Record<string, string> = { "Message-ID": `<${idPart(id)}@${domain}>` };
  if (thread) {
    const root = `<pairing.${idPart(thread)}@${domain}>`;
    headers["In-Reply-To"] = root;
    headers.References = root;
  }
  return headers;
}

/** The domain of a From address ("Trellis <mail@x.org>" gives "x.org"), or MESSAGE_ID_DOMAIN. */
export function senderDomain(from: string | null | undefined): string {
  const match = /@([A-Za-z0-9.-]+)>?\s*$/.exec(from ?? "");
  return match ? match[1]!.toLowerCase() : MESSAGE_ID_DOMAIN;
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
export function storedMailHeaders(message: {
  bodyText: string;
  replyTo?: string | null;
  id?: string;
  thread?: string | null;
  domain?: string;
}): Record<string, string> {
  return {
    ...mailHeaders(unsubscribeLinkOf(message.bodyText), message.replyTo),
    ...(message.id ? threadHeaders(message.id, message.thread, message.domain ?? MESSAGE_ID_DOMAIN) : {}),
  };
}
