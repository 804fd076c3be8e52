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

/** The policy of a member's downloaded file (pairing-files.tsx): a sandbox with nothing allowed, should it ever render. */
export const ATTACHMENT_CSP = "sandbox; default-src 'none'";

/** Browsers keep to https for this site for a year once they have seen it over https (ignored over http). */
export const STRICT_TRANSPORT_SECURITY = "max-age=31536000; includeSubDomains";

/** Adds CSP, nosniff, referrer, framing, caching and (over https) HSTS headers to the response. */
export const securityHeaders: MiddlewareHandler = async (c, next) => {
  await next();
  // A WebSocket handshake answer comes from the pairing room as is; its headers cannot (and need not) change.
  if (c.res.status === 101) return;
  const h = c.res.headers;
  // A shared file keeps its stricter sandbox; every other answer gets the site's policy, whatever the route set.
  const sandboxed = h.get("Content-Security-Policy") === ATTACHMENT_CSP;
  h.set("Content-Security-Policy", sandboxed ? ATTACHMENT_CSP : CONTENT_SECURITY_POLICY);
  h.set("X-Content-Type-Options", "nosniff");
  // same-origin, not no-referrer: under no-referrer Chromium sends "Origin: null" on same-origin form POSTs,
  // which the CSRF check must reject. Links carrying tokens are never sent to other sites either way.
  h.set("Referrer-Policy", "same-origin");
  h.set("X-Frame-Options", "DENY");
  h.set("Cross-Origin-Opener-Policy", "same-origin");
  h.set("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
  if (!h.has("Cache-Control")) h.set("Cache-Control", "private, no-store");
  if (new URL(c.req.url).protocol === "https:") h.set("Strict-Transport-Security", STRICT_TRANSPORT_SECURITY);
  h.append("Vary", "HX-Request");
};
