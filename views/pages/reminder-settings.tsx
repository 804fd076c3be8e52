/** When meeting reminders come: a plain form (one choice), linked from every reminder mail. Works without JavaScript. */
import { REMINDER_LEADS } from "../../worker/domain/meeting-mail";
import { CsrfField, ErrorText } from "../components/form";
import { useI18n } from "../i18n";

interface ReminderSettingsProps {
  csrf: string;
  /** The chosen minutes as sent or saved (a string: a bad value sent checks nothing). */
  value: string;
  error?: string;
  saved?: boolean;
}

/** The reminder time form. */
export function ReminderSettingsPage({ csrf, value, error, saved }: ReminderSettingsProps) {
  const { t } = useI18n();
  return (
    <section class="narrow">
      <h1>{t("reminders.title")}</h1>
      {saved ? (
        <p class="success" role="status">
          {t("reminders.saved")}
        </p>
      ) : null}
      <p>{t("reminders.intro")}</p>
      <form method="post" action="/settings/reminders">
        <CsrfField token={csrf} />
        <fieldset class={error ? "field invalid" : "field"} aria-describedby={error ? "e-lead" : undefined}>
          <legend>{t("reminders.legend")}</legend>
          {REMINDER_LEADS.map((l) => (
            <label class="check">
              <input
                type="radio"
                name="lead"
                value={String(l.minutes)}
                checked={value === String(l.minutes)}
                required
                aria-invalid={error ? "true" : undefined}
              />{" "}
              {t(l.label)}
            </label>
          ))}
          {error ? (
            <p id="e-lead" class="error" role="alert">
              <ErrorText text={error} />
            </p>
          ) : null}
        </fieldset>
        <button type="submit">{t("meetingPage.save")}</button>
      </form>
      <p>
        <a href="/settings/notifications">{t("reminders.allChoices")}</a>
      </p>
    </section>
  );
}
