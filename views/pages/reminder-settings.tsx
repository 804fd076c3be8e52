/** When meeting reminders come: a plain form (one choice), linked from every reminder mail. Works without JavaScript. */
import { REMINDER_LEADS } from "../../worker/domain/meeting-mail";
import { CsrfField } from "../components/form";

interface ReminderSettingsProps {
  csrf: string;
  /** The chosen minutes as sent or saved (a string: a bad value sent checks nothing). */
  value: string;
  error?: string;
  saved?: boolean;
}

/** The reminder time form. */
export function ReminderSettingsPage({ csrf, value, error, saved }: ReminderSettingsProps) {
  return (
    <section class="narrow">
      <h1>Meeting reminders</h1>
      {saved ? (
        <p class="success" role="status">
          Your choice is saved.
        </p>
      ) : null}
      <p>
        Before each confirmed meeting Trellis emails you a reminder with the time in your zone and your partner's, the
        join link, the agenda's first lines and a calendar file. Reminders wait for your contact hours like other mail.
      </p>
      <form method="post" action="/settings/reminders">
        <CsrfField token={csrf} />
        <fieldset class={error ? "field invalid" : "field"} aria-describedby={error ? "e-lead" : undefined}>
          <legend>Send my reminder</legend>
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
              {l.label}
            </label>
          ))}
          {error ? (
            <p id="e-lead" class="error" role="alert">
              {error}
            </p>
          ) : null}
        </fieldset>
        <button type="submit">Save</button>
      </form>
      <p>
        <a href="/settings/notifications">All your email choices</a>
      </p>
    </section>
  );
}
