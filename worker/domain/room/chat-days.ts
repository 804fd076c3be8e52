/** Chat days in the viewer's zone: which calendar day a message is on, the separator's words, the time of day. Pure. */

const keyFormats = new Map<string, Intl.DateTimeFormat>();

/** The calendar day of an instant in `timeZone`, as "2026-10-21". */
export function dayKey(epochMs: number, timeZone: string): string {
  let f = keyFormats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" });
    keyFormats.set(timeZone, f);
  }
  return f.format(new Date(epochMs));
}

/** The day before a "YYYY-MM-DD" key. */
function previousDay(key: string): string {
  const d = new Date(`${key}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

/** The first letter in upper case ("today" → "Today"); scripts without case are left as they are. */
function capitalised(text: string, locale: string): string {
  return text.charAt(0).toLocaleUpperCase(locale) + text.slice(1);
}

/**
 * The words on a day separator in `locale` (an `Intl` tag): "Today", "Yesterday", else "Tuesday 21 October" (with the
 * year when it is not this year), all in `timeZone`.
 */
export function dayLabel(epochMs: number, timeZone: string, now: number, locale = "en-GB"): string {
  const day = dayKey(epochMs, timeZone);
  const today = dayKey(now, timeZone);
  if (day === today || day === previousDay(today))
    return capitalised(
      new Intl.RelativeTimeFormat(locale, { numeric: "auto" }).format(day === today ? 0 : -1, "day"),
      locale,
    );
  return new Intl.DateTimeFormat(locale, {
    timeZone,
    weekday: "long",
    day: "numeric",
    month: "long",
    ...(day.slice(0, 4) === today.slice(0, 4) ? {} : { year: "numeric" }),
  }).format(new Date(epochMs));
}

/** The time of day of an instant in `timeZone`, like "18:05", in `locale` (an `Intl` tag). */
export function timeOfDay(epochMs: number, timeZone: string, locale = "en-GB"): string {
  return new Intl.DateTimeFormat(locale, { timeZone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(
    new Date(epochMs),
  );
}
