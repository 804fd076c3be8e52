/**
 * CSRF protection for every state-changing request: a random token in an HttpOnly cookie that each form
 * repeats in a hidden `_csrf` field (or htmx in an `X-CSRF-Token` header), plus an Origin check when the
 * browser sends one.
 */
import type { Context, MiddlewareHandler } from "hono";
import { getCookie, setCookie } from "hono/cookie";
import { constantTimeEqual, isWellFormedToken, randomToken } from "../domain/random-secrets";
import type { AppEnv } from "../types";
import { cookieOptions } from "./cookies";

export const CSRF_COOKIE = "csrf";
export const CSRF_FIELD = "_csrf";
const SAFE = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Issues the CSRF cookie when missing and rejects unsafe requests whose token or origin does not match — except those
 * `exempt` vouches for: requests that carry their own proof instead of relying on cookies (a signed link, a signed
 * webhook), which `exempt` must check.
 */
export const csrfProtection =
  (onReject: MiddlewareHandler<AppEnv>, exempt?: (c: Context<AppEnv>) => Promise<boolean>): MiddlewareHandler<AppEnv> =>
  async (c, next) => {
    const cookie = getCookie(c, CSRF_COOKIE);
    const token = isWellFormedToken(cookie) ? cookie : randomToken();
    c.set("csrf", token);
    if (token !== cookie) setCookie(c, CSRF_COOKIE, token, cookieOptions(c));
    if (SAFE.has(c.req.method)) return next();
    if (exempt && (await exempt(c))) return next();

    const origin = c.req.header("Origin");
    if (origin && origin !== new URL(c.req.url).origin) return onReject(c, next);
    if (token !== cookie) return onReject(c, next);
    const sent = c.req.header("X-CSRF-Token") ?? (await formToken(c.req.raw.clone()));
    if (!sent || !constantTimeEqual(sent, token)) return onReject(c, next);
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
