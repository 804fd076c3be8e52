/** The names of the time-zone regions (the first part of an IANA zone id), for the zone picker and the fairness report. */
import type { MessageId, Translate } from "../../worker/domain/i18n/translate";

/** The message id naming each region. */
const REGION_NAMES: Readonly<Record<string, MessageId>> = {
  Africa: "region.Africa",
  America: "region.America",
  Antarctica: "region.Antarctica",
  Arctic: "region.Arctic",
  Asia: "region.Asia",
  Atlantic: "region.Atlantic",
  Australia: "region.Australia",
  Europe: "region.Europe",
  Indian: "region.Indian",
  Pacific: "region.Pacific",
};

/** A region's name in the viewer's language, or `fallback` for one not listed. */
export function regionName(region: string, fallback: string, t: Translate): string {
  const id = REGION_NAMES[region];
  return id ? t(id) : fallback;
}
