/** The languages Trellis ships, how each is written, and how a request's language preferences map onto them. */

/** Every shipped locale, English first (the fallback and the catalogs' source). */
export const LOCALES = ["en", "es", "fr", "pt-BR", "ar", "hi", "sw", "zh-CN"] as const;

/** A shipped locale. */
export type Locale = (typeof LOCALES)[number];

/** The fallback locale: the catalogs' source language. */
export const DEFAULT_LOCALE: Locale = "en";

/** Each locale's name in its own language (what a language picker shows), and its writing direction. */
export const LOCALE_INFO: Record<Locale, { name: string; dir: "ltr" | "rtl" }> = {
  en: { name: "English", dir: "ltr" },
  es: { name: "Español", dir: "ltr" },
  fr: { name: "Français", dir: "ltr" },
  "pt-BR": { name: "Português (Brasil)", dir: "ltr" },
  ar: { name: "العربية", dir: "rtl" },
  hi: { name: "हिन्दी", dir: "ltr" },
  sw: { name: "Kiswahili", dir: "ltr" },
  "zh-CN": { name: "中文（简体）", dir: "ltr" },
};

/** The locale of mail to a person: the language they chose, else `fallback` (a program's), else English. */
export function mailLocale(chosen: string | null | undefined, fallback?: string | null): Locale {
  if (isLocale(chosen)) return chosen;
  return isLocale(fallback) ? fallback : DEFAULT_LOCALE;
}

/** The tag `Intl` formats dates with: British English for English (day before month, 24-hour clock). */
export function intlTag(locale: Locale): string {
  return locale === "en" ? "en-GB" : locale;
}

/** True when `value` is a shipped locale's exact tag. */
export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

/** The writing direction of a locale. */
export function directionOf(locale: Locale): "ltr" | "rtl" {
  return LOCALE_INFO[locale].dir;
}

/**
 * Maps a language tag someone's browser or mail client sent onto a shipped locale's tag where one serves it: any
 * Portuguese to pt-BR and any Chinese to zh-CN (the only variants shipped), otherwise the tag itself (the detector then
 * matches "es-MX" to "es" by prefix).
 */
export function closestLocaleTag(tag: string): string {
  const primary = tag.trim().toLowerCase().split(/[-_]/)[0] ?? "";
  if (primary === "pt") return "pt-BR";
  if (primary === "zh") return "zh-CN";
  return tag.trim().replace(/_/g, "-");
}
