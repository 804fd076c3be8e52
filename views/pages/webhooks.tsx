/**
 * A program's webhooks for its coordinators: what they are, a form to register an endpoint (its signing secret shown
 * once, right after), and the endpoints with their state, each linking to its delivery log. Plain forms: works without
 * JavaScript.
 */
import { WEBHOOK_EVENTS, type WebhookEvent } from "../../worker/domain/webhooks/events";
import { WEBHOOK_URL_MAX } from "../../worker/domain/webhooks/endpoint-form";
import type { MessageId } from "../../worker/domain/i18n/translate";
import { CsrfField, type Errors, ErrorSummary, ErrorText, TextInput } from "../components/form";
import { ProgramNav } from "../components/program-nav";
import { useI18n } from "../i18n";
import { EndpointState, type EndpointView, SecretNotice } from "./webhook-parts";

/** The words for each event (shared with the endpoint's page). */
export const EVENT_WORDS: Record<WebhookEvent, MessageId> = {
  "participant.joined": "platform.webhooks.event.joined",
  "pairing.created": "platform.webhooks.event.pairingCreated",
  "pairing.stage_changed": "platform.webhooks.event.stageChanged",
  "pairing.at_risk": "platform.webhooks.event.atRisk",
  "checkin.answered": "platform.webhooks.event.checkinAnswered",
  "meeting.scheduled": "platform.webhooks.event.meetingScheduled",
  "meeting.cancelled": "platform.webhooks.event.meetingCancelled",
};

interface WebhooksProps {
  program: { id: string; name: string };
  endpoints: EndpointView[];
  csrf: string;
  timeZone: string;
  /** Whether http://localhost addresses are accepted (development tools on). */
  allowLocalHttp: boolean;
  /** An endpoint just registered: its secret, shown only on this answer. */
  created?: { id: string; url: string; secret: string };
  deleted?: boolean;
  errors?: Errors;
  typed?: { url?: string; events?: string[] };
}

/** The webhooks page. */
export function WebhooksPage(p: WebhooksProps) {
  const { t } = useI18n();
  const base = `/programs/${p.program.id}/webhooks`;
  const ticked = new Set(p.typed?.events ?? (p.errors ? [] : WEBHOOK_EVENTS));
  return (
    <section>
      <ProgramNav programId={p.program.id} tab="webhooks" />
      <h1>{t("platform.webhooks.title")}</h1>
      <p>{t("platform.webhooks.intro")}</p>
      {p.created ? (
        <SecretNotice title={t("platform.webhooks.secret.created", { url: p.created.url })} secret={p.created.secret} />
      ) : p.deleted ? (
        <p class="success" role="status">
          {t("platform.webhooks.deleted")}
        </p>
      ) : null}
      <h2>{t("platform.webhooks.add")}</h2>
      <ErrorSummary errors={p.errors} />
      <form method="post" action={base}>
        <CsrfField token={p.csrf} />
        <TextInput
          name="url"
          type="url"
          label={t("platform.webhooks.url")}
          hint={t(p.allowLocalHttp ? "platform.webhooks.url.hintDev" : "platform.webhooks.url.hint")}
          value={p.typed?.url}
          errors={p.errors}
          maxlength={WEBHOOK_URL_MAX}
          required
        />
        <fieldset aria-describedby={p.errors?.events ? "e-events" : undefined}>
          <legend>{t("platform.webhooks.events")}</legend>
          {WEBHOOK_EVENTS.map((e) => (
            <label class="check">
              <input type="checkbox" name="events" value={e} checked={ticked.has(e)} /> {t(EVENT_WORDS[e])}
            </label>
          ))}
          {p.errors?.events ? (
            <p id="e-events" class="error" role="alert">
              <ErrorText text={p.errors.events} />
            </p>
          ) : null}
        </fieldset>
        <button type="submit">{t("platform.webhooks.addButton")}</button>
      </form>
      <h2>{t("platform.webhooks.list")}</h2>
      {p.endpoints.length === 0 ? <p>{t("platform.webhooks.empty")}</p> : null}
      <ul>
        {p.endpoints.map((e) => (
          <li>
            <a href={`${base}/${e.id}`}>
              <code>{e.url}</code>
            </a>{" "}
            · <EndpointState endpoint={e} timeZone={p.timeZone} />
            <br />
            <small>
              {e.events.map((x) => t(EVENT_WORDS[x as WebhookEvent] ?? "platform.webhooks.event.other")).join(" · ")}
            </small>
          </li>
        ))}
      </ul>
    </section>
  );
}
