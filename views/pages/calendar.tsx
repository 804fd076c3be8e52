/**
 * Calendar feeds: the person's secret subscription links (whole calendar and per pairing), how to add them, rotate,
 * revoke.
 */
import { formatInstant } from "../../worker/domain/format-time";
import type { FeedLink } from "../../worker/domain/feed-link";
import { intlTag } from "../../worker/domain/i18n/locales";
import { CsrfField } from "../components/form";
import { isolated } from "../components/isolated";
import { Rich, useI18n } from "../i18n";

interface CalendarPageProps {
  csrf: string;
  timeZone: string;
  links: FeedLink[];
  pairings: { id: string; label: string }[];
  /** A link made just now: shown once, since only its hash is kept. */
  fresh?: { pairingId: string | null; url: string };
  notice?: string;
}

/** The feed address for calendar apps: webcal:// for one-tap subscribing, and the https form for pasting. */
function FreshLink({ url }: { url: string }) {
  const webcal = url.replace(/^https?:\/\//, "webcal://");
  const { t } = useI18n();
  return (
    <div class="notice" role="status">
      <p>
        <Rich id="calendar.fresh" />
      </p>
      <p>
        <a href={webcal}>{t("calendar.subscribe")}</a>
      </p>
      <label for="feed-url">{t("calendar.paste")}</label>
      <input id="feed-url" type="text" dir="ltr" readonly value={url} />
    </div>
  );
}

/** One feed's state and buttons. */
function FeedRow({
  csrf,
  label,
  pairingId,
  link,
  timeZone,
}: {
  csrf: string;
  label: string;
  pairingId: string | null;
  link?: FeedLink;
  timeZone: string;
}) {
  const { t, locale } = useI18n();
  const at = (ms: number) => isolated(formatInstant(ms, timeZone, intlTag(locale)));
  return (
    <li>
      <strong>{label}</strong>
      <br />
      {link ? (
        <span class="muted">
          {link.lastUsedAt
            ? t("calendar.onRead", { since: at(link.createdAt), read: at(link.lastUsedAt) })
            : t("calendar.onUnread", { since: at(link.createdAt) })}
        </span>
      ) : (
        <span class="muted">{t("calendar.off")}</span>
      )}
      <form method="post" action="/calendar/feeds" class="inline">
        <CsrfField token={csrf} />
        <input type="hidden" name="pairing" value={pairingId ?? ""} />
        <button type="submit" class={link ? "secondary" : undefined}>
          {link ? t("calendar.renew") : t("calendar.make")}
        </button>
      </form>{" "}
      {link ? (
        <form method="post" action="/calendar/feeds/revoke" class="inline">
          <CsrfField token={csrf} />
          <input type="hidden" name="pairing" value={pairingId ?? ""} />
          <button type="submit" class="secondary">
            {t("calendar.turnOff")}
          </button>
        </form>
      ) : null}
    </li>
  );
}

/** The calendar feeds page. */
export function CalendarPage({ csrf, timeZone, links, pairings, fresh, notice }: CalendarPageProps) {
  const linkFor = (pairingId: string | null) => links.find((l) => l.pairingId === pairingId);
  const { t } = useI18n();
  return (
    <section class="narrow">
      <h1>{t("calendar.title")}</h1>
      <p>{t("calendar.intro")}</p>
      {notice ? (
        <p class="success" role="status">
          {notice}
        </p>
      ) : null}
      {fresh ? <FreshLink url={fresh.url} /> : null}
      <ul class="cards">
        <FeedRow
          csrf={csrf}
          label={t("calendar.everything")}
          pairingId={null}
          link={linkFor(null)}
          timeZone={timeZone}
        />
        {pairings.map((p) => (
          <FeedRow csrf={csrf} label={p.label} pairingId={p.id} link={linkFor(p.id)} timeZone={timeZone} />
        ))}
      </ul>
      <h2>{t("calendar.howTo")}</h2>
      <ul>
        <li>
          <Rich id="calendar.apple" />
        </li>
        <li>
          <Rich id="calendar.google" />
        </li>
        <li>
          <Rich id="calendar.outlook" />
        </li>
        <li>
          <Rich id="calendar.others" />
        </li>
      </ul>
      <p>{t("calendar.single")}</p>
    </section>
  );
}
