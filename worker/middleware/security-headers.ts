/** Security headers on every response the worker answers (static assets get theirs from public/_headers). */
import type { MiddlewareHandler } from "hono";

export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join("; ");

/** Adds CSP, nosniff, referrer, framing and caching headers to the response. */
export const securityHeaders: MiddlewareHandler = async (c, next) => {
  await next();
  // A WebSocket handshake answer comes from the pairing room as is; its headers cannot (and need not) change.
  if (c.res.status === 101) return;
  const h = c.res.headers;
  h.set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
  h.set("X-Content-Type-Options", "nosniff");
  // same-origin, not no-referrer: under no-referrer Chromium sends "Origin: null" on same-origin form POSTs,
  // which the CSRF check must reject. Links carrying tokens are never sent to other sites either way.
  h.set("Referrer-Policy", "same-origin");
  h.set("X-Frame-Options", "DENY");
  h.set("Cross-Origin-Opener-Policy", "same-origin");
  h.set("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
  if (!h.has("Cache-Control")) h.set("Cache-Control", "private, no-store");
  h.append("Vary", "HX-Request");
};
