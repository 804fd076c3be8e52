/** Parts the webhooks page and an endpoint's page share: an endpoint's state, and a secret shown once. */
import { formatInstant } from "../../worker/domain/format-time";
import { intlTag } from "../../worker/domain/i18n/locales";
import { DISABLE_AFTER_FAILURES } from "../../worker/domain/webhooks/events";
import { useI18n } from "../i18n";

/** What pages show of an endpoint (never its secret). */
export interface EndpointView {
  id: string;
  url: string;
  events: string[];
  failures: number;
  disabledAt: number | null;
  pausedAt: number | null;
}

/** "Active", "Paused since …" or "Switched off after 5 failed deliveries in a row, …", as a badge and words. */
export function EndpointState({ endpoint, timeZone }: { endpoint: EndpointView; timeZone: string }) {
  const { t, locale } = useI18n();
  const when = (ms: number) => formatInstant(ms, timeZone, intlTag(locale));
  if (endpoint.disabledAt !== null)
    return (
      <span>
        <span class="badge bad">{t("platform.webhooks.state.off")}</span>{" "}
        {t("platform.webhooks.state.offWhy", { count: DISABLE_AFTER_FAILURES, when: when(endpoint.disabledAt) })}
      </span>
    );
  if (endpoint.pausedAt !== null)
    return (
      <span>
        <span class="badge warn">{t("platform.webhooks.state.paused")}</span>{" "}
        {t("platform.webhooks.state.pausedSince", { when: when(endpoint.pausedAt) })}
      </span>
    );
  return <span class="badge ok">{t("platform.webhooks.state.active")}</span>;
}

/** A signing secret, shown on the one answer that made it. */
export function SecretNotice({ title, secret }: { title: string; secret: string }) {
  const { t } = useI18n();
  return (
    <div class="notice" role="status">
      <h2>{title}</h2>
      <p>{t("platform.webhooks.secret.body")}</p>
      <code>{secret}</code>
    </div>
  );
}
