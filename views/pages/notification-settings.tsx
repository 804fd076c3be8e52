/**
 * Notification preferences (per category: immediately, weekly digest, off) and the unsubscribe pages behind email
 * links.
 */
import { notificationCategories } from "../../worker/domain/vocabulary";
import { limitsContact } from "../../worker/domain/contact-hours";
import { useI18n } from "../i18n";
import { categoryInfo, type NotificationCategory, type NotificationMode } from "../../worker/domain/notifications";
import { CsrfField, ErrorSummary, type Errors } from "../components/form";

const MODE_LABELS: Record<NotificationMode, { label: string; hint: string }> = {
  immediate: { label: "Immediately", hint: "within your contact hours" },
  digest: { label: "Weekly digest", hint: "one email on Mondays listing them" },
  off: { label: "Off", hint: "no email; you still see them in Trellis" },
};

function clock(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
}

interface SettingsProps {
  csrf: string;
  /** The chosen mode per category as sent or saved ("" or junk when a bad value was sent: none is checked). */
  values: Record<NotificationCategory, string>;
  errors?: Errors;
  saved?: boolean;
  contact: { timeZone: string; start: number; end: number };
}

/** The preferences form; htmx swaps the whole section after a save. */
export function NotificationSettingsPage({ csrf, values, errors, saved, contact }: SettingsProps) {
  const { t } = useI18n();
  return (
    <section id="notification-settings" class="narrow">
      <h1>Email notifications</h1>
      {saved ? (
        <p class="success" role="status">
          Your choices are saved.
        </p>
      ) : null}
      <p>
        {limitsContact(contact)
          ? `Emails sent outside your contact hours (${clock(contact.start)}–${clock(contact.end)}, ${contact.timeZone}) wait until they begin.`
          : "You have no contact hours set, so emails may arrive at any time."}{" "}
        <a href="/profile">Change your contact hours</a>.
      </p>
      <p class="muted">Sign-in links and program invitations are always sent: they are how you get into Trellis.</p>
      <ErrorSummary errors={errors} />
      <form
        method="post"
        action="/settings/notifications"
        hx-post="/settings/notifications"
        hx-target="#notification-settings"
        hx-swap="outerHTML"
      >
        <CsrfField token={csrf} />
        {notificationCategories.map((category) => {
          const info = categoryInfo[category];
          const error = errors?.[category];
          return (
            <fieldset
              class={error ? "field invalid" : "field"}
              aria-describedby={`h-${category}${error ? ` e-${category}` : ""}`}
            >
              <legend>{t(info.label)}</legend>
              <p id={`h-${category}`} class="hint">
                {t(info.description)}
              </p>
              {(Object.keys(MODE_LABELS) as NotificationMode[]).map((mode) => (
                <label class="check">
                  <input
                    type="radio"
                    name={category}
                    value={mode}
                    checked={values[category] === mode}
                    required
                    aria-invalid={error ? "true" : undefined}
                  />
                  {MODE_LABELS[mode].label} <span class="muted">({MODE_LABELS[mode].hint})</span>
                </label>
              ))}
              {error ? (
                <p id={`e-${category}`} class="error" role="alert">
                  {error}
                </p>
              ) : null}
            </fieldset>
          );
        })}
        <button type="submit">Save choices</button>
      </form>
    </section>
  );
}

interface UnsubscribeProps {
  csrf: string;
  token: string;
  email: string;
  /** The categories the link turns off (for the digest link: those now in the digest). */
  categories: NotificationCategory[];
  /** True for the weekly digest's link. */
  digest: boolean;
  /** True when there is nothing (left) to turn off. */
  done: boolean;
}

/** What an unsubscribe link will turn off, and the one button that does it (opening the link changes nothing). */
export function UnsubscribePage({ csrf, token, email, categories, digest, done }: UnsubscribeProps) {
  const { t } = useI18n();
  const names = categories.map((c) => `"${t(categoryInfo[c].label)}"`).join(", ");
  const action = `/unsubscribe/${token}`;
  return (
    <section class="narrow">
      <h1>{done ? "You are unsubscribed" : digest ? "Stop the weekly digest?" : "Unsubscribe?"}</h1>
      {done ? (
        <p role="status">
          {digest ? "The weekly digest is stopped" : "These emails are turned off"} for {email}. You can turn them back
          on at any time.
        </p>
      ) : (
        <>
          <p>
            {digest
              ? `${email} will no longer get the weekly digest, which lists your ${names} emails: they will be turned off.`
              : `${email} will no longer get ${names} emails: ${t(categoryInfo[categories[0]!].description)}`}
          </p>
          <form method="post" action={action}>
            <CsrfField token={csrf} />
            <button type="submit">{digest ? "Stop the weekly digest" : `Unsubscribe from ${names} emails`}</button>
          </form>
        </>
      )}
      <p>
        <a href="/settings/notifications">Choose which emails you get</a> (you may need to sign in).
      </p>
    </section>
  );
}

/** An unsubscribe link that cannot be used: forged or cut short, or older than 180 days. */
export function BadUnsubscribeLink({ reason }: { reason: "expired" | "invalid" }) {
  return (
    <section class="narrow">
      <h1>This unsubscribe link doesn't work</h1>
      <p>
        {reason === "expired"
          ? "It is more than 180 days old, so it no longer works. Nothing was changed."
          : "It is not a link Trellis made, or your email program cut it short. Nothing was changed."}
      </p>
      <p>
        <a href="/settings/notifications">Sign in to choose which emails you get</a>
      </p>
    </section>
  );
}
