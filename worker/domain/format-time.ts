/** Showing instants to people: always in the viewer's own time zone, with the zone named. */
import { keptFormat } from "./intl-formats";
import { LocalDateTime } from "./local-date-time";

/** Formats an epoch-milliseconds instant like "Sat, 21 Nov 2026, 18:05 (Europe/Berlin)" in `timeZone`. */
export function formatInstant(epochMs: number, timeZone: string, locale = "en-GB"): string {
  const text = keptFormat(
    `instant|${locale}|${timeZone}`,
    () =>
      new Intl.DateTimeFormat(locale, {
        timeZone,
        weekday: "short",
        day: "numeric",
        month: "short",
        year: "numeric",
        hour: "2-digit",
        minute: "2-digit",
        hourCycle: "h23",
      }),
  ).format(new Date(epochMs));
  return `${text} (${timeZone})`;
}

/** Formats an instant briefly, like "21 Nov, 18:05", in `timeZone` (for lists where the zone is said once). */
export function formatShortInstant(epochMs: number, timeZone: string, locale = "en-GB"): string {
  return keptFormat(
    `short|${locale}|${timeZone}`,
    () =>
      new Intl.DateTimeFormat(locale, {
        timeZone,
        day: "numeric",
        month: "short",
        hour: "2-digit",
        minute: "2-digit",
        hourCycle: "h23",
      }),
  ).format(new Date(epochMs));
}

/** An instant in a zone, for pages that show its wall-clock parts (day, hour, minute). */
export const zoned = (ms: number, zone: string): LocalDateTime => LocalDateTime.at(ms, zone);

/** Hours and minutes on the 24-hour clock, in `timeZone`, as the locale writes them. */
const clockFormat = (timeZone: string, locale: string) =>
  keptFormat(
    `clock|${locale}|${timeZone}`,
    () => new Intl.DateTimeFormat(locale, { timeZone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" }),
  );

/** A time of day like "18:05" in `timeZone`, in the locale's digits. */
export function formatClock(epochMs: number, timeZone: string, locale = "en-GB"): string {
  return clockFormat(timeZone, locale).format(new Date(epochMs));
}

/** A span of time within a day like "18:00–19:00" in `timeZone`, as the locale writes ranges. */
export function formatClockRange(startMs: number, endMs: number, timeZone: string, locale = "en-GB"): string {
  return clockFormat(timeZone, locale).formatRange(new Date(startMs), new Date(endMs));
}

/** The day of an instant like "Tue 24 Nov" in `timeZone`, with the year when `withYear`. */
export function formatDayOf(epochMs: number, timeZone: string, locale = "en-GB", withYear = false): string {
  return keptFormat(
    `day|${locale}|${timeZone}|${withYear}`,
    () =>
      new Intl.DateTimeFormat(locale, {
        timeZone,
        weekday: "short",
        day: "numeric",
        month: "short",
        ...(withYear ? { year: "numeric" as const } : {}),
      }),
  ).format(new Date(epochMs));
}

/** The weekday of an instant in `timeZone`, like "Tue" ("short") or "Tuesday" ("long"). */
export function formatWeekday(
  epochMs: number,
  timeZone: string,
  locale = "en-GB",
  width: "short" | "long" = "short",
): string {
  return keptFormat(
    `weekday|${locale}|${timeZone}|${width}`,
    () => new Intl.DateTimeFormat(locale, { timeZone, weekday: width }),
  ).format(new Date(epochMs));
}
