/**
 * Choosing the language (the form in every page's footer): saved on the person when signed in, in a year-long cookie for
 * a visitor; then back to the page it was sent from.
 */
import { Hono } from "hono";
import { setCookie } from "hono/cookie";
import { BadRequestPage } from "../../views/pages/errors";
import { isLocale } from "../domain/i18n/locales";
import { readForm } from "../http/forms";
import { redirectAfterPost, safeNext } from "../http/redirects";
import { cookieName, cookieOptions } from "../middleware/cookies";
import { saveLanguage } from "../people/profile-store";
import type { AppEnv } from "../types";

/** The language route. */
export const languageRoutes = new Hono<AppEnv>();

const YEAR_SECONDS = 365 * 86_400;

languageRoutes.post("/language", async (c) => {
  const form = await readForm(c);
  const lang = typeof form.lang === "string" ? form.lang : "";
  const next = safeNext(typeof form.next === "string" ? form.next : "/");
  if (!isLocale(lang)) {
    c.status(400);
    return c.render(<BadRequestPage message={c.var.t("error.language")} />, {
      title: c.var.t("error.badRequest.title"),
    });
  }
  if (c.var.user) await saveLanguage(c.env, c.var.user.id, lang);
  else setCookie(c, cookieName(c, "lang"), lang, cookieOptions(c, YEAR_SECONDS));
  return redirectAfterPost(c, next);
});
