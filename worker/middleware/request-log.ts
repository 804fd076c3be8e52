/**
 * One structured log line per request (worker/observability/log.ts): request id, method, the matched route pattern
 * (`/c/:token`, never the path itself, so tokens and ids typed into addresses stay out of the logs), status, duration
 * and, when the route names them, the pairing and program ids. The request id is also kept for the error line.
 */
import type { Context, MiddlewareHandler } from "hono";
import { matchedRoutes } from "hono/route";
import { errorFields, type LogFields, logEvent } from "../observability/log";
import type { AppEnv } from "../types";

/** The request's id: Cloudflare's `cf-ray` when present, else a random one. */
function requestIdOf(c: Context<AppEnv>): string {
  const ray = c.req.header("cf-ray");
  return ray && /^[A-Za-z0-9-]{1,64}$/.test(ray) ? ray : crypto.randomUUID();
}

/** The route pattern that answered (the handler or guard that ran last), or "(unmatched)". */
export function routeOf(c: Context<AppEnv>): string {
  const route = matchedRoutes(c).at(c.req.routeIndex);
  if (!route || (route.method === "ALL" && (route.path === "/*" || route.path === "*"))) return "(unmatched)";
  return route.path;
}

/** The pairing and program ids the route names (`:pairingId`, `:programId`) or the member guard loaded. */
function subjectIds(c: Context<AppEnv>): Pick<LogFields, "pairingId" | "programId"> {
  const ids: Pick<LogFields, "pairingId" | "programId"> = {};
  let params: Record<string, string> = {};
  try {
    params = c.req.param() as Record<string, string>;
  } catch {
    // no route matched
  }
  const pairing = c.get("pairing");
  const pairingId = pairing?.id ?? params.pairingId;
  const programId = pairing?.programId ?? params.programId;
  if (pairingId) ids.pairingId = pairingId.slice(0, 64);
  if (programId) ids.programId = programId.slice(0, 64);
  return ids;
}

/** Middleware (first of all): times the request and writes its log line when the answer is ready. */
export const requestLog: MiddlewareHandler<AppEnv> = async (c, next) => {
  const started = Date.now();
  c.set("requestId", requestIdOf(c));
  await next();
  const durationMs = Date.now() - started;
  try {
    // The server's own time for the request, for benchmarks and browsers' network panels (no personal data).
    c.res.headers.append("Server-Timing", `total;dur=${durationMs}`);
  } catch {
    // a response with immutable headers (one passed through as it came) keeps them
  }
  logEvent({
    event: "request",
    level: c.res.status >= 500 ? "error" : "info",
    requestId: c.var.requestId,
    method: c.req.method,
    route: routeOf(c),
    status: c.res.status,
    durationMs,
    ...subjectIds(c),
  });
};

/** Logs an unhandled error of a request: its id, route, scrubbed message and the pairing or program it was about. */
export function logRequestError(c: Context<AppEnv>, err: unknown): void {
  logEvent({
    event: "error",
    level: "error",
    requestId: c.var.requestId,
    method: c.req.method,
    route: routeOf(c),
    ...subjectIds(c),
    ...errorFields(err),
  });
}
