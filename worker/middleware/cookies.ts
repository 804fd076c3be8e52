/** Cookie attributes shared by the session and CSRF cookies. */
import type { Context } from "hono";
import type { CookieOptions } from "hono/utils/cookie";

const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]"]);

/**
 * Cookie options: HttpOnly, SameSite=Lax, Path=/, and Secure — except for plain http on a loopback host,
 * which only happens in local development (text browsers there refuse Secure cookies over http).
 */
export function cookieOptions(c: Context, maxAgeSeconds?: number): CookieOptions {
  const url = new URL(c.req.url);
  const secure = !(url.protocol === "http:" && LOOPBACK.has(url.hostname));
  return { httpOnly: true, sameSite: "Lax", path: "/", secure, ...(maxAgeSeconds ? { maxAge: maxAgeSeconds } : {}) };
}
