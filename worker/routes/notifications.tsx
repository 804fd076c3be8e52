/**
 * Notification preferences and unsubscribe links (QStash's calls are in mail-delivery.ts).
 *
 * CSRF: `POST /unsubscribe/:token` is also called by mail providers, which hold no CSRF cookie, so `csrfExempt`
 * (passed to the CSRF middleware) lets it through only when the token verifies — the signed token, not a cookie, is
 * the authority, and a mail provider's RFC 8058 one-click POST carries nothing else.
 */
import type { Context } from "hono";
import { Hono } from "hono";
import { notificationCategories } from "../domain/vocabulary";
import { BadUnsubscribeLink, NotificationSettingsPage, UnsubscribePage } from "../../views/pages/notification-settings";
import { readForm, textField } from "../http/forms";
import { requireUser } from "../http/guards";
import { redirectAfterPost } from "../http/redirects";
import { isCategory } from "../domain/notifications";
import { type NotificationCategory, type NotificationMode, notificationModes } from "../domain/notifications";
import { preferencesOf, savePreferences, unsubscribe } from "../mail/preferences";
import { DIGEST_SUBJECT, verifyUnsubscribeToken } from "../mail/unsubscribe-links";
import { wantsFragment } from "../middleware/renderer";
import { mailContactOf } from "../people/profile-store";
import { msg } from "../domain/i18n/translate";
import { speakAs } from "../middleware/locale";
import type { AppEnv } from "../types";

/** Notification preference and unsubscribe routes. */
export const notificationRoutes = new Hono<AppEnv>();

const UNSUBSCRIBE_PATH = /^\/unsubscribe\/([^/]+)$/;

/** True for the requests the CSRF check must let through (see the module comment); never throws. */
export async function csrfExempt(c: Context<AppEnv>): Promise<boolean> {
  if (c.req.method !== "POST") return false;
  const match = UNSUBSCRIBE_PATH.exec(c.req.path);
  if (!match) return false;
  try {
    return (await verifyUnsubscribeToken(c.env, decodeURIComponent(match[1]!))).ok;
  } catch {
    return false;
  }
}

// ---- Preferences -------------------------------------------------------------------------------------------------

notificationRoutes.use("/settings/notifications", requireUser);

function renderSettings(
  c: Context<AppEnv>,
  values: Record<NotificationCategory, string>,
  extra: { errors?: Record<string, string>; saved?: boolean } = {},
) {
  const user = c.var.user!;
  const contact = { timeZone: user.timeZone, start: user.contactStart, end: user.contactEnd };
  return c.render(<NotificationSettingsPage csrf={c.var.csrf} values={values} contact={contact} {...extra} />, {
    title: c.var.t("notify.title"),
  });
}

notificationRoutes.get("/settings/notifications", async (c) => {
  return renderSettings(c, await preferencesOf(c.env, c.var.user!.id), { saved: c.req.query("saved") === "1" });
});

notificationRoutes.post("/settings/notifications", async (c) => {
  const form = await readForm(c);
  const values = {} as Record<NotificationCategory, string>;
  const errors: Record<string, string> = {};
  for (const category of notificationCategories) {
    const value = textField(form, category);
    values[category] = value;
    if (!notificationModes.includes(value as NotificationMode)) errors[category] = msg("notify.error.mode");
  }
  if (Object.keys(errors).length) {
    c.status(422);
    return renderSettings(c, values, { errors });
  }
  await savePreferences(c.env, c.var.user!.id, values as Record<NotificationCategory, NotificationMode>);
  if (!wantsFragment(c)) return redirectAfterPost(c, "/settings/notifications?saved=1");
  return renderSettings(c, values, { saved: true });
});

// ---- Unsubscribe links ---------------------------------------------------------------------------------------------

type Checked =
  | { ok: true; personId: string; subject: string; email: string }
  | { ok: false; reason: "expired" | "invalid" };

async function checkToken(c: Context<AppEnv>, token: string): Promise<Checked> {
  const result = await verifyUnsubscribeToken(c.env, token);
  if (!result.ok) return { ok: false, reason: result.problem === "expired" ? "expired" : "invalid" };
  const person = await mailContactOf(c.env, result.claims.u);
  if (!person) return { ok: false, reason: "invalid" };
  return { ok: true, personId: result.claims.u, subject: result.claims.s, email: person.email };
}

function badLink(c: Context<AppEnv>, reason: "expired" | "invalid") {
  c.status(reason === "expired" ? 400 : 404);
  return c.render(<BadUnsubscribeLink reason={reason} />, { title: c.var.t("unsubscribe.bad.title") });
}

/** Shows what the link turns off (or that it is off); changes nothing, so link scanners do no harm. */
notificationRoutes.get("/unsubscribe/:token", async (c) => {
  const token = c.req.param("token");
  const checked = await checkToken(c, token);
  if (!checked.ok) return badLink(c, checked.reason);
  await speakAs(c, checked.personId);
  const prefs = await preferencesOf(c.env, checked.personId);
  const digest = checked.subject === DIGEST_SUBJECT;
  const categories = digest
    ? notificationCategories.filter((k) => prefs[k] === "digest")
    : isCategory(checked.subject)
      ? [checked.subject]
      : [];
  const done = digest ? categories.length === 0 : categories.every((k) => prefs[k] === "off");
  const page = (
    <UnsubscribePage
      csrf={c.var.csrf}
      token={token}
      email={checked.email}
      categories={categories}
      digest={digest}
      done={done}
    />
  );
  return c.render(page, { title: c.var.t("unsubscribe.pageTitle") });
});

/** Turns the category off: from the page's button (then back to the page) or as an RFC 8058 one-click POST. */
notificationRoutes.post("/unsubscribe/:token", async (c) => {
  const token = c.req.param("token");
  const checked = await checkToken(c, token);
  if (!checked.ok) return badLink(c, checked.reason);
  const form = await readForm(c);
  await unsubscribe(c.env, checked.personId, checked.subject);
  if (textField(form, "List-Unsubscribe") === "One-Click") return c.text("Unsubscribed.", 200);
  return redirectAfterPost(c, `/unsubscribe/${token}`);
});
