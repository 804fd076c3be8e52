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

/**
 * The words on a day separator: "Today", "Yesterday", else "Tuesday 21 October" (with the year when it is not this
 * year), all in `timeZone`.
 */
export function dayLabel(epochMs: number, timeZone: string, now: number): string {
  const day = dayKey(epochMs, timeZone);
  const today = dayKey(now, timeZone);
  if (day === today) return "Today";
  if (day === previousDay(today)) return "Yesterday";
  const parts = new Intl.DateTimeFormat("en-GB", {
    timeZone,
    weekday: "long",
    day: "numeric",
    month: "long",
    year: "numeric",
  }).formatToParts(new Date(epochMs));
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  const year = day.slice(0, 4) === today.slice(0, 4) ? "" : ` ${part("year")}`;
  return `${part("weekday")} ${part("day")} ${part("month")}${year}`;
}

/** The time of day of an instant in `timeZone`, like "18:05". */
export function timeOfDay(epochMs: number, timeZone: string): string {
  return new Intl.DateTimeFormat("en-GB", { timeZone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(
    new Date(epochMs),
  );
}
