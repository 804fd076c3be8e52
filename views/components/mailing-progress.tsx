/** A bulk mailing's progress line: sending (with a link to look again), sent, or stopped. */
import { type MailingProgress, mailingSentence } from "../../worker/domain/mailing";

/** The line for a mailing; `href` reloads the page (the page also asks the browser to reload itself while sending). */
export function MailingNotice({ mailing, href }: { mailing?: MailingProgress | null; href: string }) {
  if (!mailing) return null;
  if (mailing.status === "sending")
    return (
      <p class="notice" role="status">
        {mailingSentence(mailing)} <a href={href}>Refresh</a>
      </p>
    );
  return (
    <p class={mailing.status === "sent" ? "success" : "error"} role="status">
      {mailingSentence(mailing)}
    </p>
  );
}
