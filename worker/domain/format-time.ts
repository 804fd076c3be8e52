/** Showing instants to people: always in the viewer's own time zone, with the zone named. */
import { LocalDateTime } from "./local-date-time";

/** Formats an epoch-milliseconds instant like "Sat, 21 Nov 2026, 18:05 (Europe/Berlin)" in `timeZone`. */
export function formatInstant(epochMs: number, timeZone: string, locale = "en-GB"): string {
  const text = new Intl.DateTimeFormat(locale, {
    timeZone,
    weekday: "short",
    day: "numeric",
    month: "short",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).format(new Date(epochMs));
  return `${text} (${timeZone})`;
}

/** Formats an instant briefly, like "21 Nov, 18:05", in `timeZone` (for lists where the zone is said once). */
export function formatShortInstant(epochMs: number, timeZone: string, locale = "en-GB"): string {
  return new Intl.DateTimeFormat(locale, {
    timeZone,
    day: "numeric",
    month: "short",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).format(new Date(epochMs));
}

/** An instant in a zone, for pages that show its wall-clock parts (day, hour, minute). */
export const zoned = (ms: number, zone: string): LocalDateTime => LocalDateTime.at(ms, zone);
