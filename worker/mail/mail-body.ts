/**
 * Composing a notification's body and headers: the text, the link it is about, the footer saying why it was sent (with
 * the preferences and one-click unsubscribe links), and the List-Unsubscribe / Reply-To headers (RFC 2369, RFC 8058).
 * Also reads those parts back from a stored body, for the digest and the dev mailbox. Pure: no I/O.
 */
import type { Translate } from "../domain/i18n/translate";
import { categoryInfo, type NotificationCategory } from "../domain/notifications";
import { FOOTER_SEPARATOR } from "../domain/mail-headers";

/** Where links point when neither PUBLIC_URL nor the caller says (what `npm start` serves). */
export const LOCAL_ORIGIN = "http://127.0.0.1:8787";

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

/**
 * The footer of a notification in one category, in the recipient's language: why it was sent, the preferences link,
 * the unsubscribe link.
 */
export function categoryFooter(
  category: NotificationCategory,
  origin: string,
  unsubscribe: string,
  t: Translate,
): string[] {
  const info = categoryInfo[category];
  const label = t(info.label);
  return [
    t("mail.footer.why", { reason: t(info.reason), label }),
    t("mail.footer.choose", { url: `${origin}/settings/notifications` }),
    t("mail.footer.unsubscribe", { label, url: unsubscribe }),
  ];
}

/** The text before the footer, and the link the mail is about (the last link in that text), for the digest. */
export function mainPartOf(bodyText: string): { text: string; link: string | null } {
  const at = bodyText.lastIndexOf(FOOTER_SEPARATOR);
  const text = at < 0 ? bodyText : bodyText.slice(0, at);
  const links = text.match(/https?:\/\/[^\s<>"]+/g);
  return { text, link: links ? links[links.length - 1]! : null };
}
