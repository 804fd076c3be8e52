/** A bulk mailing's progress line: sending (with a link to look again), sent, or stopped. */
import { type MailingProgress, mailingSentence } from "../../worker/domain/mailing";
import { useI18n } from "../i18n";

/** The line for a mailing; `href` reloads the page (the page also asks the browser to reload itself while sending). */
export function MailingNotice({ mailing, href }: { mailing?: MailingProgress | null; href: string }) {
  const { t } = useI18n();
  if (!mailing) return null;
  const sentence = mailingSentence(mailing);
  if (mailing.status === "sending")
    return (
      <p class="notice" role="status">
        {t(sentence.id, sentence.values)} <a href={href}>{t("programs.mailing.refresh")}</a>
      </p>
    );
  return (
    <p class={mailing.status === "sent" ? "success" : "error"} role="status">
      {t(sentence.id, sentence.values)}
    </p>
  );
}
