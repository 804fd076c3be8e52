/**
 * Notification preferences (per category: immediately, weekly digest, off) and the unsubscribe pages behind email
 * links.
 */
import { notificationCategories } from "../../worker/domain/vocabulary";
import { limitsContact } from "../../worker/domain/contact-hours";
import { listText } from "../../worker/domain/i18n/intl";
import type { MessageId } from "../../worker/domain/i18n/translate";
import { Rich, useI18n } from "../i18n";
import { categoryInfo, type NotificationCategory, type NotificationMode } from "../../worker/domain/notifications";
import { CsrfField, ErrorSummary, type Errors, ErrorText } from "../components/form";

const MODE_LABELS: Record<NotificationMode, { label: MessageId; hint: MessageId }> = {
  immediate: { label: "notify.mode.immediate", hint: "notify.mode.immediateHint" },
  digest: { label: "notify.mode.digest", hint: "notify.mode.digestHint" },
  off: { label: "notify.mode.off", hint: "notify.mode.offHint" },
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
      <h1>{t("notify.title")}</h1>
      {saved ? (
        <p class="success" role="status">
          {t("notify.saved")}
        </p>
      ) : null}
      <p>
        {limitsContact(contact)
          ? t("notify.contactHours", {
              from: clock(contact.start),
              until: clock(contact.end),
              zone: contact.timeZone,
            })
          : t("notify.noContactHours")}{" "}
        <a href="/profile">{t("notify.changeHours")}</a>
      </p>
      <p class="muted">{t("notify.always")}</p>
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
                  {t(MODE_LABELS[mode].label)} <span class="muted">({t(MODE_LABELS[mode].hint)})</span>
                </label>
              ))}
              {error ? (
                <p id={`e-${category}`} class="error" role="alert">
                  <ErrorText text={error} />
                </p>
              ) : null}
            </fieldset>
          );
        })}
        <button type="submit">{t("notify.save")}</button>
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
  const { t, locale } = useI18n();
  const names = listText(
    locale,
    categories.map((c) => t("unsubscribe.label", { label: t(categoryInfo[c].label) })),
  );
  const action = `/unsubscribe/${token}`;
  return (
    <section class="narrow">
      <h1>{done ? t("unsubscribe.done.title") : digest ? t("unsubscribe.digest.title") : t("unsubscribe.title")}</h1>
      {done ? (
        <p role="status">{t("unsubscribe.done", { digest: digest ? "yes" : "no", email })}</p>
      ) : (
        <>
          <p>
            {digest
              ? t("unsubscribe.digest.body", { email, names })
              : t("unsubscribe.body", {
                  email,
                  names,
                  description: categories[0] ? t(categoryInfo[categories[0]].description) : "",
                })}
          </p>
          <form method="post" action={action}>
            <CsrfField token={csrf} />
            <button type="submit">
              {digest ? t("unsubscribe.digest.button") : t("unsubscribe.button", { names })}
            </button>
          </form>
        </>
      )}
      <p>
        <Rich id="unsubscribe.choose" tags={{ link: (children) => <a href="/settings/notifications">{children}</a> }} />
      </p>
    </section>
  );
}

/** An unsubscribe link that cannot be used: forged or cut short, or older than 180 days. */
export function BadUnsubscribeLink({ reason }: { reason: "expired" | "invalid" }) {
  const { t } = useI18n();
  return (
    <section class="narrow">
      <h1>{t("unsubscribe.bad.title")}</h1>
      <p>{reason === "expired" ? t("unsubscribe.bad.expired") : t("unsubscribe.bad.invalid")}</p>
      <p>
        <a href="/settings/notifications">{t("unsubscribe.bad.signIn")}</a>
      </p>
    </section>
  );
}
