/** Safe redirect targets, and the redirect that ends a successful POST. */
import type { Context } from "hono";

/** Returns `next` when it is a same-site path, else `fallback` (default "/"). */
export function safeNext(next: string | undefined | null, fallback = "/"): string {
  if (!next?.startsWith("/") || next.startsWith("//") || next.startsWith("/\\") || next.length > 500) return fallback;
  return next;
}

/** Redirects after a successful POST: 303 for browsers, HX-Location for htmx so the whole page changes. */
export function redirectAfterPost(c: Context, path: string): Response {
  if (c.req.header("HX-Request") === "true") {
    c.header("HX-Location", path);
    return c.body(null, 200);
  }
  return c.redirect(path, 303);
}
