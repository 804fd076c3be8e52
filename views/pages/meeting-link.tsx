/**
 * A meeting proposal answered from its email link, without signing in: the meeting in the member's zone and their
 * partners', and one button (Accept or Decline, as the link said). Opening the page records nothing (mail scanners
 * open links); pressing the button does. Plain HTML: works in any browser. In the member's language (the route sets it
 * from the link's person).
 */
import { formatInstant } from "../../worker/domain/format-time";
import { intlTag } from "../../worker/domain/i18n/locales";
import { listText } from "../../worker/domain/i18n/intl";
import type { MessageId } from "../../worker/domain/i18n/translate";
import { MEETING_KIND_WORDS, type MeetingKind } from "../../worker/domain/meetings/types";
import { CsrfField } from "../components/form";
import { useI18n } from "../i18n";

interface MeetingLinkPageProps {
  csrf: string;
  token: string;
  title: string;
  kind: MeetingKind;
  /** The proposer's name. */
  organizer: string;
  start: number;
  minutes: number;
  /** The member's zone first, then each other zone with the names of those whose zone it is. */
  zones: { zone: string; names: string[] }[];
  status: "proposed" | "confirmed" | "declined" | "cancelled";
  /** This member's answer so far. */
  mine: "pending" | "accepted" | "declined";
  /** The answer the link asked for. */
  choice: "accept" | "decline" | null;
  error?: string;
  done?: boolean;
}

/** What a decided meeting's page says instead of buttons (a message id). */
function decided(p: MeetingLinkPageProps): MessageId {
  if (p.status === "confirmed") return "meetingLink.confirmed";
  if (p.status === "declined") return "meetingLink.declined";
  if (p.status === "cancelled") return "meetingLink.cancelled";
  return "meetingLink.waiting";
}

/** The meeting link page. */
export function MeetingLinkPage(p: MeetingLinkPageProps) {
  const { t, locale } = useI18n();
  const open = p.status === "proposed" && p.mine === "pending";
  const answers =
    p.choice === "decline"
      ? (["declined"] as const)
      : p.choice === "accept"
        ? (["accepted"] as const)
        : (["accepted", "declined"] as const);
  return (
    <section class="narrow">
      <h1>{p.title}</h1>
      <p>
        {t("meetingLink.summary", { kind: t(MEETING_KIND_WORDS[p.kind]), minutes: p.minutes, organizer: p.organizer })}
      </p>
      <ul>
        {p.zones.map((z, i) => (
          <li>
            {formatInstant(p.start, z.zone, intlTag(locale))}:{" "}
            {i === 0 ? t("meetingLink.yourTime") : t("meetingLink.theirTime", { names: listText(locale, z.names) })}
          </li>
        ))}
      </ul>
      {p.done ? (
        <p class="success" role="status">
          {t("meetingLink.thanks")} {t(decided(p))}
        </p>
      ) : null}
      {p.error ? (
        <p class="error-summary" role="alert">
          {p.error}
        </p>
      ) : null}
      {open ? (
        <form method="post" action={`/m/${p.token}`}>
          <CsrfField token={p.csrf} />
          <p>
            {answers.map((a) => (
              <>
                <button type="submit" name="answer" value={a}>
                  {a === "accepted" ? t("meetingLink.accept") : t("meetingLink.decline")}
                </button>{" "}
              </>
            ))}
          </p>
          {p.choice ? (
            <p>
              <a href={`/m/${p.token}?a=${p.choice === "accept" ? "decline" : "accept"}`}>
                {p.choice === "accept" ? t("meetingLink.declineInstead") : t("meetingLink.acceptInstead")}
              </a>
            </p>
          ) : null}
        </form>
      ) : p.done ? null : (
        <p class="notice">
          {p.mine === "declined" && p.status === "declined" ? t("meetingLink.youDeclined") : t(decided(p))}
        </p>
      )}
      <p>
        <a href={`/m/${p.token}/meeting.ics`}>{t("meetingLink.ics")}</a>
      </p>
    </section>
  );
}
