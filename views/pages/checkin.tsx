/**
 * A check-in answered from its email link, without signing in: the chosen answer preselected and one button. Opening
 * the page records nothing (mail scanners open links); pressing the button does. Plain HTML: works in any browser. In
 * the member's language (the route sets it from the link's person).
 */
import { formatInstant } from "../../worker/domain/format-time";
import { intlTag } from "../../worker/domain/i18n/locales";
import {
  CHECKIN_ANSWER_WORDS,
  CHECKIN_CHOICES,
  COMMENT_MAX,
  isCheckinAnswer,
} from "../../worker/domain/journey/checkin-answers";
import { CsrfField, textareaText } from "../components/form";
import { useI18n } from "../i18n";

interface CheckinPageProps {
  csrf: string;
  token: string;
  partners: string;
  programName: string;
  timeZone: string;
  closesAt: number;
  /** The answer to preselect (the one already given, else the link's). */
  chosen: string;
  /** The link's answer when it differs from the one already given: shown beside it, changed only on confirmation. */
  linkAnswer?: string;
  comment: string;
  answered: { answer: string; at: number } | null;
  error?: string;
  thanks?: boolean;
}

/** The check-in page. */
export function CheckinPage(p: CheckinPageProps) {
  const { t, locale } = useI18n();
  const words = (answer: string) => (isCheckinAnswer(answer) ? t(CHECKIN_ANSWER_WORDS[answer]) : answer);
  const when = (ms: number) => formatInstant(ms, p.timeZone, intlTag(locale));
  const until = when(p.closesAt);
  return (
    <section class="narrow">
      <h1>{t("checkin.title")}</h1>
      <p>{t("checkin.with", { partners: p.partners, program: p.programName })}</p>
      {p.thanks && p.answered ? (
        <p class="success" role="status">
          {t("checkin.thanks", { answer: words(p.answered.answer), until })}
        </p>
      ) : p.answered && p.linkAnswer ? (
        <form method="post" action={`/c/${p.token}`} class="notice">
          <CsrfField token={p.csrf} />
          <input type="hidden" name="answer" value={p.linkAnswer} />
          <p>
            {t("checkin.linkDiffers", {
              answer: words(p.answered.answer),
              at: when(p.answered.at),
              linkAnswer: words(p.linkAnswer),
            })}
          </p>
          <p>
            <button type="submit">{t("checkin.changeTo", { answer: words(p.linkAnswer) })}</button>{" "}
            <a href={`/c/${p.token}`}>{t("checkin.keep", { answer: words(p.answered.answer) })}</a>
          </p>
        </form>
      ) : p.answered ? (
        <p class="notice">
          {t("checkin.answered", { answer: words(p.answered.answer), at: when(p.answered.at), until })}
        </p>
      ) : (
        <p>{t("checkin.notYet", { until })}</p>
      )}
      {p.error ? (
        <p class="error-summary" role="alert">
          {p.error}
        </p>
      ) : null}
      <form method="post" action={`/c/${p.token}`}>
        <CsrfField token={p.csrf} />
        <fieldset>
          <legend>{t("checkin.yourAnswer")}</legend>
          {CHECKIN_CHOICES.map((c) => (
            <div>
              <label class="check">
                <input type="radio" name="answer" value={c.value} checked={p.chosen === c.value} /> {words(c.value)}
              </label>
            </div>
          ))}
        </fieldset>
        <div class="field">
          <label for="f-comment">{t("checkin.comment")}</label>
          <div>
            <textarea id="f-comment" name="comment" rows={3} maxlength={COMMENT_MAX}>
              {textareaText(p.comment, COMMENT_MAX)}
            </textarea>
          </div>
        </div>
        <p>
          <button type="submit">{p.answered ? t("checkin.change") : t("checkin.send")}</button>
        </p>
      </form>
    </section>
  );
}
