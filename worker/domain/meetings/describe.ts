/** The words a calendar event carries about its meeting (feeds and single .ics downloads). Pure. */
import type { Translate } from "../i18n/translate";
import { MEETING_KIND_WORDS } from "./types";

/**
 * What an event says it is and where to go: its kind, the video link or phone note, and its page in Trellis (never
 * agenda or notes), in the feed owner's language. Labels, not sentences: links stay bare so calendars make them links.
 */
export function describeMeeting(
  r: { kind: string; videoUrl: string; location: string },
  url: string,
  t: Translate,
): string {
  const kind = Object.hasOwn(MEETING_KIND_WORDS, r.kind)
    ? MEETING_KIND_WORDS[r.kind as keyof typeof MEETING_KIND_WORDS]
    : undefined;
  const lines = [kind ? t(kind) : ""];
  if (r.kind === "video" && r.videoUrl) lines.push(`${t("feed.join")} ${r.videoUrl}`);
  else if (r.kind === "phone" && r.location) lines.push(`${t("feed.phone")} ${r.location}`);
  if (url) lines.push(`${t("feed.inTrellis")} ${url}`);
  return lines.filter(Boolean).join("\n");
}
