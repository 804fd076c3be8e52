/** Words `Intl` already knows in every language: weekday names and "a, b and c" lists. */
import type { Locale } from "./locales";

/** The weekday names Monday to Sunday in a locale ("long": Monday, "short": Mon, "narrow": M). */
export function weekdayNames(locale: Locale, width: "long" | "short" | "narrow" = "long"): string[] {
  const format = new Intl.DateTimeFormat(locale, { weekday: width, timeZone: "UTC" });
  // 2024-01-01 was a Monday.
  return Array.from({ length: 7 }, (_, i) => format.format(new Date(Date.UTC(2024, 0, 1 + i))));
}

/**
 * Column heads for the seven days that fit a narrow screen: the locale's narrowest names when they tell the days apart
 * (L M X J V S D, 一 二 三…), else the shortest distinct start of the short names (Mo Tu…, seg ter qua…).
 */
export function weekdayInitials(locale: Locale): string[] {
  const distinct = (list: string[]) => new Set(list).size === list.length;
  const narrow = weekdayNames(locale, "narrow");
  if (distinct(narrow)) return narrow;
  const short = weekdayNames(locale, "short").map((name) => [...name.replace(/\.$/, "")]);
  for (const length of [2, 3]) {
    const starts = short.map((letters) => letters.slice(0, length).join(""));
    if (distinct(starts)) return starts;
  }
  return narrow;
}

/** Items joined as the locale lists them: "a, b and c", "a、b和c", … */
export function listText(locale: Locale, items: readonly string[]): string {
  return new Intl.ListFormat(locale, { style: "long", type: "conjunction" }).format(items);
}
