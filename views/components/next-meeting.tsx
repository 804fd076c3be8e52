/** Times where two people meet, in both zones, and the next video meeting with its Join link (home, room overview). */
import { formatInstant, formatShortInstant } from "../../worker/domain/format-time";
import { listText } from "../../worker/domain/i18n/intl";
import { intlTag } from "../../worker/domain/i18n/locales";
import type { NextVideoMeeting, Partner } from "../../worker/domain/waiting";
import { useI18n } from "../i18n";
import { isolated } from "./isolated";

/** "with Ana and Bo", in the viewer's language (nothing for nobody). */
export function WithNames({ partners }: { partners: readonly Partner[] }) {
  const { locale, t } = useI18n();
  return partners.length ? (
    <>
      {" "}
      {t("nextMeeting.with", {
        names: listText(
          locale,
          partners.map((p) => isolated(p.name)),
        ),
      })}
    </>
  ) : null;
}

/** A time in the viewer's zone, then in each partner's other zone: where two people meet, both clocks. */
export function BothZones({
  at,
  viewerZone,
  partners,
}: {
  at: number;
  viewerZone: string;
  partners: readonly Partner[];
}) {
  const others = [...new Set(partners.map((p) => p.timeZone).filter((z) => z !== viewerZone))];
  const tag = intlTag(useI18n().locale);
  return (
    <>
      <time datetime={new Date(at).toISOString()}>{isolated(formatInstant(at, viewerZone, tag))}</time>
      {others.map((z) => (
        <span class="zone"> · {isolated(`${formatShortInstant(at, z, tag)} (${z})`)}</span>
      ))}
    </>
  );
}

/** The next video meeting with its Join link, in the viewer's zone and the others'. */
export function NextMeeting({ next, zone }: { next: NextVideoMeeting; zone: string }) {
  const { t } = useI18n();
  return (
    <p class="next-meeting">
      <strong>{t("nextMeeting.label")}</strong>{" "}
      <a href={`/pairings/${next.pairingId}/meetings/${next.meetingId}`}>{isolated(next.title)}</a>
      <WithNames partners={next.partners} />, <BothZones at={next.start} viewerZone={zone} partners={next.partners} />{" "}
      {next.videoUrl ? (
        <a class="button" href={next.videoUrl} rel="noopener noreferrer" target="_blank">
          {t("nextMeeting.join")}
          <span class="vh"> {t("nextMeeting.joinLabel", { title: next.title })}</span>
        </a>
      ) : null}
    </p>
  );
}
