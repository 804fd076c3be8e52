/** Saying how long ago something happened ("12 days ago") and on which day, in the viewer's zone and language. Pure. */
import { keptFormat } from "../intl-formats";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * "just now" (`justNow`, also for future instants), "5 minutes ago", "3 hours ago", "12 days ago", "4 months ago", "2
 * years ago", in the language of the `Intl` tag.
 */
export function timeAgo(then: number, now: number, tag = "en-GB", justNow = "just now"): string {
  const d = now - then;
  if (d < MINUTE) return justNow;
  const ago = (n: number, unit: Intl.RelativeTimeFormatUnit) => relativeFormat(tag).format(-n, unit);
  if (d < HOUR) return ago(Math.floor(d / MINUTE), "minute");
  if (d < DAY) return ago(Math.floor(d / HOUR), "hour");
  if (d < 60 * DAY) return ago(Math.floor(d / DAY), "day");
  if (d < 730 * DAY) return ago(Math.floor(d / (30.44 * DAY)), "month");
  return ago(Math.floor(d / (365.25 * DAY)), "year");
}

/** The calendar day of an instant in `timeZone`, like "9 Nov 2026". */
export function formatDay(epochMs: number, timeZone: string, locale = "en-GB"): string {
  return dayFormat(locale, timeZone).format(new Date(epochMs));
}

const relativeFormat = (tag: string) =>
  keptFormat(`r|${tag}`, () => new Intl.RelativeTimeFormat(tag, { numeric: "always" }));

const dayFormat = (locale: string, timeZone: string) =>
  keptFormat(
    `d|${locale}|${timeZone}`,
    () => new Intl.DateTimeFormat(locale, { timeZone, day: "numeric", month: "short", year: "numeric" }),
  );
