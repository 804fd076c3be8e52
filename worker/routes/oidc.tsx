/**
 * Single sign-on with OpenID Connect: /auth/oidc/:provider/start sends the browser to the provider (authorization code
 * with PKCE, state and nonce; the attempt kept in D1 behind a short-lived cookie scoped to the callback), and
 * /auth/oidc/:provider/callback finishes it and signs the person in as the email link would. Every failure answers the
 * sign-in page with its message and a 4xx.
 */
import { type Context, Hono } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { SignInForm } from "../../views/pages/signin";
import type { SsoProblem } from "../../views/pages/sso";
import { findPersonForSignIn } from "../auth/login-links";
import { findProvider, type SsoFailure } from "../domain/oidc-providers";
import { safeNext } from "../http/redirects";
import { signInAs } from "../http/sign-in";
import { publicOrigin } from "../mail/mail-outbox";
import { cookieOptions } from "../middleware/cookies";
import { logEvent, scrubbedMessage } from "../observability/log";
import { authorizationUrl, finishSignIn, newFlowSecrets } from "../oidc/client";
import { oidcProviders, providerButtons, redirectUriFor } from "../oidc/config";
import { OIDC_FLOW_TTL_MS, startFlow, takeFlow } from "../oidc/flows";
import { requiredProvidersFor } from "../oidc/required";
import { useProviderPage } from "../http/sso-pages";
import type { AppEnv } from "../types";

export const oidcRoutes = new Hono<AppEnv>();

/** Each failure's status: the browser's request was fine, but this sign-in cannot go on (never a 5xx). */
const FAILURE_STATUS: Record<SsoFailure | "noAccount" | "unknown", 400 | 403 | 404 | 424> = {
  state: 400,
  provider: 400,
  token: 400,
  unverified: 403,
  domain: 403,
  noAccount: 403,
  unknown: 404,
  // The provider did not answer: a dependency failed, which is not the browser's fault but not ours to hide as a 5xx.
  unreachable: 424,
};

/** The attempt's cookie: HttpOnly, SameSite=Lax, sent only to this provider's callback, for 10 minutes at most. */
function flowCookie(c: Context<AppEnv>, providerId: string) {
  const options = cookieOptions(c, OIDC_FLOW_TTL_MS / 1000);
  return {
    name: options.secure ? "__Secure-oidc" : "oidc",
    options: { ...options, path: `/auth/oidc/${providerId}/callback` },
  };
}

/** The sign-in page with a failure's message. */
function signInProblem(c: Context<AppEnv>, problem: SsoProblem, next?: string) {
  c.status(FAILURE_STATUS[problem.failure]);
  return c.render(
    <SignInForm csrf={c.var.csrf} providers={providerButtons(c.env)} next={next} ssoProblem={problem} />,
    { title: c.var.t("signin.title") },
  );
}

oidcRoutes.get("/auth/oidc/:provider/start", async (c) => {
  const provider = findProvider(oidcProviders(c.env), c.req.param("provider"));
  const next = safeNext(c.req.query("next"), "");
  if (!provider) return signInProblem(c, { failure: "unknown" }, next);
  const secrets = newFlowSecrets();
  const redirectUri = redirectUriFor(publicOrigin(c.env, c.req.url), provider.id);
  const found = await authorizationUrl(provider, redirectUri, secrets);
  if ("failure" in found) {
    logEvent({ event: "sso.start", level: "warn", outcome: "unreachable", error: scrubbedMessage(found.detail) });
    return signInProblem(c, { failure: "unreachable", provider: provider.name }, next);
  }
  const id = await startFlow(c.env, { provider: provider.id, ...secrets, next: next || "/" });
  const cookie = flowCookie(c, provider.id);
  setCookie(c, cookie.name, id, cookie.options);
  c.header("Cache-Control", "no-store");
  return c.redirect(found.url.toString(), 303);
});

oidcRoutes.get("/auth/oidc/:provider/callback", async (c) => {
  const provider = findProvider(oidcProviders(c.env), c.req.param("provider"));
  if (!provider) return signInProblem(c, { failure: "unknown" });
  const cookie = flowCookie(c, provider.id);
  const flowId = getCookie(c, cookie.name);
  deleteCookie(c, cookie.name, cookie.options);
  // Taken out of D1 at once: a replayed callback (same code, same cookie) finds nothing.
  const flow = await takeFlow(c.env, flowId);
  if (!flow || flow.provider !== provider.id) {
    logEvent({ event: "sso.signin", level: "warn", outcome: "state" });
    return signInProblem(c, { failure: "state", provider: provider.name });
  }
  const next = safeNext(flow.next, "");
  const redirectUri = redirectUriFor(publicOrigin(c.env, c.req.url), provider.id);
  const result = await finishSignIn(provider, flow, new URL(c.req.url), redirectUri);
  if (!result.ok) {
    logEvent({
      event: "sso.signin",
      level: "warn",
      outcome: result.failure,
      error: result.detail && scrubbedMessage(result.detail),
    });
    if (result.failure === "domain")
      return signInProblem(c, { failure: "domain", provider: provider.name, domains: provider.domains }, next);
    return signInProblem(c, { failure: result.failure, provider: provider.name }, next);
  }
  const person = await findPersonForSignIn(c.env, result.email);
  if (!person) {
    logEvent({ event: "sso.signin", level: "warn", outcome: "noAccount" });
    return signInProblem(c, { failure: "noAccount", email: result.email }, next);
  }
  // A program that requires one provider is not satisfied by another.
  const required = await requiredProvidersFor(c.env, { personId: person.id });
  if (required.length > 0 && !required.some((p) => p.id === provider.id)) {
    logEvent({ event: "sso.signin", level: "warn", outcome: "otherProvider" });
    return useProviderPage(c, required[0]!, next);
  }
  await signInAs(c, person.id);
  logEvent({ event: "sso.signin", outcome: "ok" });
  return c.redirect(safeNext(flow.next), 303);
});
