/** Cookie names and attributes shared by the session and CSRF cookies. */
import type { Context } from "hono";
import type { CookieOptions } from "hono/utils/cookie";
import { isLoopbackName } from "../domain/local-hosts";

/**
 * Cookie options: HttpOnly, SameSite=Lax, Path=/, and Secure — except for plain http on a loopback host,
 * which only happens in local development (text browsers there refuse Secure cookies over http).
 */
export function cookieOptions(c: Context, maxAgeSeconds?: number): CookieOptions {
  const secure = secureCookies(c);
  return { httpOnly: true, sameSite: "Lax", path: "/", secure, ...(maxAgeSeconds ? { maxAge: maxAgeSeconds } : {}) };
}

/** True unless this is plain http on a loopback host (local development). */
function secureCookies(c: Context): boolean {
  const url = new URL(c.req.url);
  return !(url.protocol === "http:" && isLoopbackName(url.hostname));
}

/**
 * A cookie's name: `__Host-<base>` where cookies are Secure (the browser then accepts it only from this exact host,
 * over https, for the whole site), the plain `<base>` on local http, where browsers refuse the prefix.
 */
export function cookieName(c: Context, base: "sid" | "csrf" | "lang"): string {
  return secureCookies(c) ? `__Host-${base}` : base;
}
