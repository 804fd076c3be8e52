/**
 * One webhook endpoint for a program's coordinators: its state (with a switch-on button when Trellis turned it off after
 * repeated failures), pause, secret rotation (the new secret shown once), deletion, and its delivery log: every attempt
 * with its time in the viewer's zone, the receiver's status code or why there was none, and how long it took, with a
 * replay button per delivery. Plain forms: works without JavaScript.
 */
import { formatInstant } from "../../worker/domain/format-time";
import { intlTag } from "../../worker/domain/i18n/locales";
import type { WebhookEvent } from "../../worker/domain/webhooks/events";
import { CsrfField } from "../components/form";
import { ProgramNav } from "../components/program-nav";
import { useI18n } from "../i18n";
import { EndpointState, type EndpointView, SecretNotice } from "./webhook-parts";
import { EVENT_WORDS } from "./webhooks";

/** One delivery in the log, with its attempts in order. */
export interface DeliveryView {
  id: string;
  event: string;
  createdAt: number;
  status: "pending" | "delivered" | "failed";
  nextAt: number | null;
  attempts: { attempt: number; at: number; status: number; durationMs: number }[];
}

/** What an answer on this page says it did. */
export type EndpointNotice = "replayed" | "enabled" | "paused";

const NOTICES = {
  replayed: "platform.webhooks.notice.replayed",
  enabled: "platform.webhooks.notice.enabled",
  paused: "platform.webhooks.notice.paused",
} as const;

interface EndpointProps {
  program: { id: string; name: string };
  endpoint: EndpointView;
  deliveries: DeliveryView[];
  csrf: string;
  timeZone: string;
  /** A secret just rotated: shown only on this answer. */
  secret?: string;
  /** The answer to "Delete endpoint": asks once more before deleting. */
  confirmDelete?: boolean;
  notice?: EndpointNotice;
}

/** An endpoint's page. */
export function WebhookEndpointPage(p: EndpointProps) {
  const { t, locale } = useI18n();
  const when = (ms: number) => formatInstant(ms, p.timeZone, intlTag(locale));
  const base = `/programs/${p.program.id}/webhooks/${p.endpoint.id}`;
  const e = p.endpoint;
  const post = (action: string, label: string, cls?: string) => (
    <form method="post" action={`${base}/${action}`}>
      <CsrfField token={p.csrf} />
      <button type="submit" class={cls}>
        {label}
      </button>
    </form>
  );
  return (
    <section>
      <ProgramNav programId={p.program.id} tab="webhooks" />
      <p>
        <a href={`/programs/${p.program.id}/webhooks`}>{t("platform.webhooks.back")}</a>
      </p>
      <h1>
        <code>{e.url}</code>
      </h1>
      {p.secret ? <SecretNotice title={t("platform.webhooks.secret.rotated")} secret={p.secret} /> : null}
      {p.notice ? (
        <p class="success" role="status">
          {t(NOTICES[p.notice])}
        </p>
      ) : null}
      {p.confirmDelete ? (
        <div class="warning" role="alert">
          <h2>{t("platform.webhooks.deleteConfirm.title")}</h2>
          <p>{t("platform.webhooks.deleteConfirm.body")}</p>
          <form method="post" action={`${base}/delete`} class="row-form">
            <CsrfField token={p.csrf} />
            <input type="hidden" name="confirm" value="yes" />
            <button type="submit" class="danger">
              {t("platform.webhooks.deleteConfirm.yes")}
            </button>
            <a href={base}>{t("platform.webhooks.deleteConfirm.no")}</a>
          </form>
        </div>
      ) : null}
      {e.disabledAt !== null ? (
        <div class="warning" role="alert">
          <p>
            <EndpointState endpoint={e} timeZone={p.timeZone} />
          </p>
          <p>{t("platform.webhooks.offHelp")}</p>
          {post("enable", t("platform.webhooks.enable"))}
        </div>
      ) : (
        <p>
          <EndpointState endpoint={e} timeZone={p.timeZone} />
        </p>
      )}
      <p>
        {t("platform.webhooks.subscribed")}{" "}
        {e.events.map((x) => t(EVENT_WORDS[x as WebhookEvent] ?? "platform.webhooks.event.other")).join(" · ")}
      </p>
      <div class="row-form">
        {e.pausedAt !== null
          ? post("enable", t("platform.webhooks.resume"))
          : e.disabledAt === null
            ? post("pause", t("platform.webhooks.pause"), "secondary")
            : null}
        {post("rotate", t("platform.webhooks.rotate"), "secondary")}
        {post("delete", t("platform.webhooks.delete"), "danger")}
      </div>
      <p class="hint">{t("platform.webhooks.rotateHint")}</p>
      <h2>{t("platform.webhooks.log")}</h2>
      {p.deliveries.length === 0 ? <p>{t("platform.webhooks.log.empty")}</p> : null}
      {p.deliveries.length ? (
        <div class="table-wrap" tabindex={0}>
          <table class="stack">
            <thead>
              <tr>
                <th scope="col">{t("platform.webhooks.log.event")}</th>
                <th scope="col">{t("platform.webhooks.log.status")}</th>
                <th scope="col">{t("platform.webhooks.log.attempts")}</th>
                <th scope="col">
                  <span class="vh">{t("platform.webhooks.replay")}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {p.deliveries.map((d) => (
                <tr>
                  <td data-label={t("platform.webhooks.log.event")}>
                    {t(EVENT_WORDS[d.event as WebhookEvent] ?? "platform.webhooks.event.other")}
                    <br />
                    <small>{when(d.createdAt)}</small>
                  </td>
                  <td data-label={t("platform.webhooks.log.status")}>
                    {d.status === "delivered"
                      ? t("platform.webhooks.log.delivered")
                      : d.status === "failed"
                        ? t("platform.webhooks.log.failed")
                        : d.nextAt !== null
                          ? t("platform.webhooks.log.pending", { when: when(d.nextAt) })
                          : t("platform.webhooks.log.pendingNow")}
                  </td>
                  <td data-label={t("platform.webhooks.log.attempts")}>
                    {d.attempts.length === 0 ? t("platform.webhooks.log.none") : null}
                    <ol>
                      {d.attempts.map((a) => (
                        <li>
                          {t("platform.webhooks.log.attempt", {
                            when: when(a.at),
                            result: a.status === 0 ? t("platform.webhooks.log.noAnswer") : `HTTP ${a.status}`,
                            ms: a.durationMs,
                          })}
                        </li>
                      ))}
                    </ol>
                  </td>
                  <td>
                    {d.status === "pending" && d.attempts.length === 0
                      ? null
                      : post(`deliveries/${d.id}/replay`, t("platform.webhooks.replay"), "secondary")}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
