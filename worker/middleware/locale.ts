/**
 * The request's language: what the signed-in person chose, else what the visitor picked (the `lang` cookie), else for a
 * signed-in person their program's language (`programs.language`), else the best match for the browser's
 * Accept-Language (Hono's language detector), else English. Sets `c.var.locale`.
 */
import type { Context, MiddlewareHandler } from "hono";
import { getCookie } from "hono/cookie";
import { languageDetector } from "hono/language";
import { closestLocaleTag, DEFAULT_LOCALE, isLocale, LOCALES, type Locale } from "../domain/i18n/locales";
import { type Translate, translator } from "../domain/i18n/translate";
import { languageOf } from "../people/profile-store";
import type { AppEnv } from "../types";
import { cookieName } from "./cookies";

/** Reads Accept-Language into `c.var.language` (a shipped locale's tag, or English); never sets a cookie. */
export const browserLanguage = languageDetector({
  supportedLanguages: [...LOCALES],
  fallbackLanguage: DEFAULT_LOCALE,
  order: ["header"],
  caches: false,
  convertDetectedLanguage: closestLocaleTag,
});

/**
 * Sets `c.var.locale` and `c.var.t`; runs after the session loader, so a person's own choice wins, then the language
 * picked in this browser, then (for a signed-in person) their program's language, then the browser's.
 */
export const localeResolver: MiddlewareHandler<AppEnv> = async (c, next) => {
  const user = c.var.user;
  let chosen: string | null | undefined = user?.language ?? getCookie(c, cookieName(c, "lang"));
  // The program's language was read with the session (no query of its own on every request).
  if (user && !isLocale(chosen)) chosen = c.var.programLanguage;
  const locale = requestLocale(chosen, c.var.language);
  c.set("locale", locale);
  c.set("t", translator(locale));
  await next();
};

/** The first of a chosen language and the browser's that is shipped, else English. */
export function requestLocale(chosen: string | null | undefined, browser: string | undefined): Locale {
  if (isLocale(chosen)) return chosen;
  return isLocale(browser) ? browser : DEFAULT_LOCALE;
}

/** The request's translator, also where the locale middleware has not run (errors thrown before it): then English. */
export function translatorOf(c: Context<AppEnv>): Translate {
  return c.var.t ?? translator(DEFAULT_LOCALE);
}

/**
 * Speaks the language of the person a signed link belongs to (a check-in or meeting page opened from their mail, with
 * or without a session): their chosen language when they have one, else the request's as it was.
 */
export async function speakAs(c: Context<AppEnv>, personId: string): Promise<void> {
  const chosen = await languageOf(c.env, personId);
  if (!isLocale(chosen) || chosen === c.var.locale) return;
  c.set("locale", chosen);
  c.set("t", translator(chosen));
}
