/** Times where two people meet, in both zones, and the next video meeting with its Join link (home, room overview). */
import { formatInstant, formatShortInstant } from "../../worker/domain/format-time";
import type { NextVideoMeeting, Partner } from "../../worker/domain/waiting";

/** "with Ana and Bo". */
export const withNames = (partners: readonly Partner[]) =>
  partners.length ? ` with ${partners.map((p) => p.name).join(" and ")}` : "";

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
  return (
    <>
      <time datetime={new Date(at).toISOString()}>{formatInstant(at, viewerZone)}</time>
      {others.map((z) => (
        <span class="zone">
          {" "}
          · {formatShortInstant(at, z)} ({z})
        </span>
      ))}
    </>
  );
}

/** The next video meeting with its Join link, in the viewer's zone and the others'. */
export function NextMeeting({ next, zone }: { next: NextVideoMeeting; zone: string }) {
  return (
    <p class="next-meeting">
      <strong>Next meeting:</strong> <a href={`/pairings/${next.pairingId}/meetings/${next.meetingId}`}>{next.title}</a>
      {withNames(next.partners)}, <BothZones at={next.start} viewerZone={zone} partners={next.partners} />{" "}
      {next.videoUrl ? (
        <a class="button" href={next.videoUrl} rel="noopener noreferrer" target="_blank">
          Join<span class="vh"> the video call “{next.title}”</span>
        </a>
      ) : null}
    </p>
  );
}
