/**
 * CSRF protection for every state-changing request: a token in an HttpOnly cookie that each form repeats in a hidden
 * `_csrf` field (or htmx in an `X-CSRF-Token` header), plus an Origin check when the browser sends one. The token is
 * bound to the session: it is a random nonce with an HMAC over the nonce and the session's hash (or "visitor"), so a
 * token taken from another visitor or another session is refused. Signing in or out issues a new one.
 */
import type { Context, MiddlewareHandler } from "hono";
import { getCookie, setCookie } from "hono/cookie";
import { constantTimeEqual, isWellFormedToken, randomToken } from "../domain/random-secrets";
import { signText, tokenSecret } from "../domain/signed-link-tokens";
import type { AppEnv } from "../types";
import { cookieName, cookieOptions } from "./cookies";

export const CSRF_FIELD = "_csrf";
const SAFE = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * The key of CSRF tokens: TOKEN_SECRET (or the local development key). An installation without one (it cannot send
 * signed mail either) still binds tokens to the session: the session's hash is in the signed text, and only the holder
 * of the session cookie can know it.
 */
function csrfKey(env: Env): string {
  try {
    return tokenSecret(env);
  } catch {
    return "trellis-csrf-without-token-secret";
  }
}

/** A token bound to a session (its hash) or, before sign-in, to no one: `<nonce>.<hmac>`. */
async function tokenFor(env: Env, sessionHash: string | null, nonce: string): Promise<string> {
  return `${nonce}.${await signText(csrfKey(env), `csrf|${sessionHash ?? "visitor"}|${nonce}`)}`;
}

/** True when `token` was made for this session (or, with no session, for a visitor). */
async function boundTo(env: Env, sessionHash: string | null, token: string | undefined): Promise<boolean> {
  const nonce = token?.split(".")[0];
  if (!token || !isWellFormedToken(nonce) || token.length > 200) return false;
  return constantTimeEqual(token, await tokenFor(env, sessionHash, nonce));
}

/** Issues a new CSRF token for `sessionHash` (null: signed out) on this response; forms rendered after use it. */
export async function rotateCsrfToken(c: Context<AppEnv>, sessionHash: string | null): Promise<void> {
  const token = await tokenFor(c.env, sessionHash, randomToken());
  c.set("csrf", token);
  setCookie(c, cookieName(c, "csrf"), token, cookieOptions(c));
}

/**
 * Issues the CSRF cookie when missing or not bound to this session, and rejects unsafe requests whose token or origin
 * does not match — except those `exempt` vouches for: requests that carry their own proof instead of relying on
 * cookies (a signed link, a signed webhook), which `exempt` must check.
 */
export const csrfProtection =
  (onReject: MiddlewareHandler<AppEnv>, exempt?: (c: Context<AppEnv>) => Promise<boolean>): MiddlewareHandler<AppEnv> =>
  async (c, next) => {
    const cookie = getCookie(c, cookieName(c, "csrf"));
    const bound = await boundTo(c.env, c.var.sessionHash, cookie);
    if (bound) c.set("csrf", cookie!);
    else await rotateCsrfToken(c, c.var.sessionHash);
    if (SAFE.has(c.req.method)) return next();
    if (exempt && (await exempt(c))) return next();

    const origin = c.req.header("Origin");
    if (origin && origin !== new URL(c.req.url).origin) return onReject(c, next);
    if (!bound) return onReject(c, next);
    const sent = c.req.header("X-CSRF-Token") ?? (await formToken(c.req.raw.clone()));
    if (!sent || !constantTimeEqual(sent, cookie!)) return onReject(c, next);
    return next();
  };

async function formToken(req: Request): Promise<string | null> {
  const type = req.headers.get("Content-Type") ?? "";
  if (!type.includes("application/x-www-form-urlencoded") && !type.includes("multipart/form-data")) return null;
  try {
    const value = (await req.formData()).get(CSRF_FIELD);
    return typeof value === "string" ? value : null;
  } catch {
    return null;
  }
}
