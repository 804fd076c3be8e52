/** Words `Intl` already knows in every language: weekday names and "a, b and c" lists. */
import type { Locale } from "./locales";

/** The weekday names Monday to Sunday in a locale ("long": Monday, "short": Mon). */
export function weekdayNames(locale: Locale, width: "long" | "short" = "long"): string[] {
  const format = new Intl.DateTimeFormat(locale, { weekday: width, timeZone: "UTC" });
  // 2024-01-01 was a Monday.
  return Array.from({ length: 7 }, (_, i) => format.format(new Date(Date.UTC(2024, 0, 1 + i))));
}

/** Items joined as the locale lists them: "a, b and c", "a、b和c", … */
export function listText(locale: Locale, items: readonly string[]): string {
  return new Intl.ListFormat(locale, { style: "long", type: "conjunction" }).format(items);
}
