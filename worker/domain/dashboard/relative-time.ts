/** Saying how long ago something happened ("12 days ago") and on which day, in the viewer's zone. Pure. */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? "" : "s"} ago`;

/**
 * "just now", "5 minutes ago", "3 hours ago", "12 days ago", "4 months ago", "2 years ago" (future instants: "just
 * now").
 */
export function timeAgo(then: number, now: number): string {
  const d = now - then;
  if (d < MINUTE) return "just now";
  if (d < HOUR) return plural(Math.floor(d / MINUTE), "minute");
  if (d < DAY) return plural(Math.floor(d / HOUR), "hour");
  if (d < 60 * DAY) return plural(Math.floor(d / DAY), "day");
  if (d < 730 * DAY) return plural(Math.floor(d / (30.44 * DAY)), "month");
  return plural(Math.floor(d / (365.25 * DAY)), "year");
}

/** The calendar day of an instant in `timeZone`, like "9 Nov 2026". */
export function formatDay(epochMs: number, timeZone: string, locale = "en-GB"): string {
  return new Intl.DateTimeFormat(locale, { timeZone, day: "numeric", month: "short", year: "numeric" }).format(
    new Date(epochMs),
  );
}
