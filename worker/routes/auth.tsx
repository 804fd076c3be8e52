/** Sign-in by email link, and sign-out. */
import { zValidator } from "@hono/zod-validator";
import { Hono } from "hono";
import { deleteCookie } from "hono/cookie";
import { mailLocale } from "../domain/i18n/locales";
import { greeting, msg, translator } from "../domain/i18n/translate";
import * as z from "../domain/zod";
import { BadSignInLink, ConfirmSignIn, SignInForm, SignInSent } from "../../views/pages/signin";
import {
  consumeLoginToken,
  findPersonForSignIn,
  inspectLoginToken,
  issueLoginToken,
  LOGIN_LINK_TTL_MS,
  normaliseEmail,
} from "../auth/login-links";
import { takeRateSlots } from "../auth/rate-limit";
import { deleteSession } from "../auth/sessions";
import { signInAs } from "../http/sign-in";
import { fieldErrors, readForm, textField, typedValues } from "../http/forms";
import { publicOrigin, sendMail } from "../mail/mail-outbox";
import { clearSuppression } from "../mail/suppressions";
import { cookieName, cookieOptions } from "../middleware/cookies";
import { rotateCsrfToken } from "../middleware/csrf";
import type { AppEnv } from "../types";
import { linkProblemStatus } from "../../views/components/link-problem";
import { safeNext } from "../http/redirects";
import { useProviderPage } from "../http/sso-pages";
import { providerButtons } from "../oidc/config";
import { requiredProvidersFor } from "../oidc/required";

/**
 * Sign-in mail limits: per address and per client address (SIGNIN_PER_CLIENT overrides the second, e.g. behind one
 * office NAT).
 */
export const SIGNIN_LIMITS = {
  perAddress: { max: 3, windowMs: 15 * 60_000 },
  perClient: { max: 20, windowMs: 15 * 60_000 },
};

/**
 * The per-client limit in force: the SIGNIN_PER_CLIENT setting when it is a positive whole number, else the default.
 */
function perClientLimit(env: Env) {
  const max = Number(env.SIGNIN_PER_CLIENT);
  return Number.isInteger(max) && max > 0 ? { ...SIGNIN_LIMITS.perClient, max } : SIGNIN_LIMITS.perClient;
}

const signInSchema = z.object({
  email: z
    .string()
    .check(
      z.trim(),
      z.minLength(1, msg("signin.error.required")),
      z.maxLength(254, msg("signin.error.tooLong")),
      z.email(msg("signin.error.email")),
    ),
  next: z.optional(z.string()),
});

export const authRoutes = new Hono<AppEnv>();

authRoutes.get("/signin", (c) => {
  if (c.var.user) return c.redirect(safeNext(c.req.query("next")), 303);
  return c.render(
    <SignInForm csrf={c.var.csrf} next={safeNext(c.req.query("next"), "")} providers={providerButtons(c.env)} />,
    { title: c.var.t("signin.title") },
  );
});

authRoutes.post(
  "/signin",
  zValidator("form", signInSchema, (result, c) => {
    if (result.success) return;
    const typed = typedValues(result.data);
    c.status(422);
    return c.render(
      <SignInForm
        csrf={c.var.csrf}
        email={typed.email}
        next={safeNext(typed.next, "")}
        errors={fieldErrors(result.error)}
        providers={providerButtons(c.env as Env)}
      />,
      { title: c.var.t("signin.title") },
    );
  }),
  async (c) => {
    const { next } = c.req.valid("form");
    const email = normaliseEmail(c.req.valid("form").email);
    const client = c.req.header("CF-Connecting-IP") ?? "unknown";
    const waitMs = await takeRateSlots(c.env, [
      { bucket: `signin:addr:${email}`, limit: SIGNIN_LIMITS.perAddress },
      { bucket: `signin:client:${client}`, limit: perClientLimit(c.env) },
    ]);
    if (waitMs !== null) {
      const minutes = Math.max(1, Math.ceil(waitMs / 60_000));
      c.status(429);
      c.header("Retry-After", String(Math.ceil(waitMs / 1000)));
      const errors = { email: c.var.t("signin.error.tooMany", { minutes }) };
      return c.render(
        <SignInForm
          csrf={c.var.csrf}
          email={email}
          next={safeNext(next, "")}
          errors={errors}
          providers={providerButtons(c.env)}
        />,
        { title: c.var.t("signin.title") },
      );
    }
    const person = await findPersonForSignIn(c.env, email);
    if (person) {
      const token = await issueLoginToken(c.env, email);
      const target = safeNext(next, "");
      const link = `${publicOrigin(c.env, c.req.url)}/auth/verify?token=${token}${target ? `&next=${encodeURIComponent(target)}` : ""}`;
      // In the person's language, else the one the sign-in page was shown in.
      const t = translator(mailLocale(person.language, c.var.locale));
      await sendMail(c.env, {
        to: email,
        kind: "sign-in",
        subject: t("signin.mail.subject"),
        text: `${greeting(person.name, t)}\n\n${t("signin.mail.body")}\n\n${link}\n\n${t("signin.mail.note", { minutes: LOGIN_LINK_TTL_MS / 60_000 })}\n`,
      });
    }
    if (c.req.header("HX-Request") === "true")
      return c.render(<SignInSent email={email} />, { title: c.var.t("signin.sent.title") });
    return c.redirect(`/signin/sent?email=${encodeURIComponent(email)}`, 303);
  },
);

authRoutes.get("/signin/sent", (c) =>
  c.render(<SignInSent email={(c.req.query("email") ?? "").slice(0, 254)} />, { title: c.var.t("signin.sent.title") }),
);

authRoutes.get("/auth/verify", async (c) => {
  const token = c.req.query("token");
  const found = await inspectLoginToken(c.env, token);
  if (found.state !== "valid") {
    c.status(linkProblemStatus(found.state));
    return c.render(<BadSignInLink reason={found.state} />, { title: c.var.t("signin.link.heading") });
  }
  // A mentor or mentee of a program that requires single sign-on is sent to the provider instead.
  const required = await requiredProvidersFor(c.env, { email: found.email });
  if (required[0]) return useProviderPage(c, required[0], safeNext(c.req.query("next"), ""));
  return c.render(
    <ConfirmSignIn csrf={c.var.csrf} token={token!} email={found.email} next={safeNext(c.req.query("next"), "")} />,
    { title: c.var.t("signin.title") },
  );
});

authRoutes.post("/auth/verify", async (c) => {
  const form = await readForm(c);
  const token = textField(form, "token");
  const email = await consumeLoginToken(c.env, token);
  const person = email ? await findPersonForSignIn(c.env, email) : null;
  if (!person) {
    const { state } = await inspectLoginToken(c.env, token);
    const reason = state === "valid" ? "used" : state;
    c.status(linkProblemStatus(reason));
    return c.render(<BadSignInLink reason={reason} />, { title: c.var.t("signin.link.heading") });
  }
  const required = await requiredProvidersFor(c.env, { personId: person.id });
  if (required[0]) return useProviderPage(c, required[0], safeNext(textField(form, "next"), ""));
  await signInAs(c, person.id);
  // The link arrived, so the address takes mail again (a bounce reported earlier is over).
  await clearSuppression(c.env, email!);
  return c.redirect(safeNext(textField(form, "next")), 303);
});

authRoutes.post("/signout", async (c) => {
  if (c.var.sessionHash) await deleteSession(c.env, c.var.sessionHash);
  deleteCookie(c, cookieName(c, "sid"), cookieOptions(c));
  await rotateCsrfToken(c, null);
  return c.redirect("/", 303);
});
