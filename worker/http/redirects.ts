/** Safe redirect targets, and the redirect that ends a successful POST. */
import type { Context } from "hono";

/** A stand-in origin to resolve targets against: only what stays on it is a path of this site. */
const HOME = "https://trellis.invalid";
/** Whitespace, control and format characters, and backslashes: browsers drop or reinterpret them in a Location. */
const UNSAFE = /[\s\p{Cc}\p{Cf}\\]/u;

/**
 * Returns `next` as a path of this site when it is one, else `fallback` (default "/"). The target is parsed, not
 * pattern-matched: it must start with "/", contain no whitespace, control character or backslash, and resolve to this
 * origin; what comes back is the parsed path, query and fragment (so it is always a valid header value).
 */
export function safeNext(next: string | undefined | null, fallback = "/"): string {
  if (typeof next !== "string" || !next.startsWith("/") || next.length > 500 || UNSAFE.test(next)) return fallback;
  let url: URL;
  try {
    url = new URL(next, HOME);
  } catch {
    return fallback;
  }
  if (url.origin !== HOME) return fallback;
  const target = url.pathname + url.search + url.hash;
  return target.startsWith("//") ? fallback : target;
}

/** Redirects after a successful POST: 303 for browsers, HX-Location for htmx so the whole page changes. */
export function redirectAfterPost(c: Context, path: string): Response {
  if (c.req.header("HX-Request") === "true") {
    c.header("HX-Location", path);
    return c.body(null, 200);
  }
  return c.redirect(path, 303);
}
