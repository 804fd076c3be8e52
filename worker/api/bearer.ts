/**
 * Bearer authentication for /api/v1: the token in `Authorization` only (cookies are never read there), refused on
 * another program, on a write it has no scope for, and past its rate limit. Pages refuse bearer tokens in turn.
 */
import type { Context, MiddlewareHandler } from "hono";
import { takeRateSlots } from "../auth/rate-limit";
import { problemOf, type Problem, type ProblemKind, type ProblemError } from "../domain/api/problem";
import { API_RATE_LIMIT, bearerSecret } from "../domain/api/tokens";
import type { AppEnv } from "../types";
import { type ApiCaller, callerOf } from "./tokens";

/** The Hono environment of API routes: the app's, plus the token that called. */
export interface ApiEnv {
  Bindings: Env;
  Variables: AppEnv["Variables"] & { caller: ApiCaller };
}

/** Answers a problem details document (RFC 9457). */
export function problem(c: Context, kind: ProblemKind, detail?: string, errors?: ProblemError[], headers = {}) {
  const body: Problem = problemOf(kind, detail, errors);
  return c.body(JSON.stringify(body), body.status as 401, {
    "Content-Type": "application/problem+json",
    ...headers,
  });
}

/** Finds the calling token from `Authorization: Bearer trl_…`, or answers 401 (a cookie alone is never enough). */
export const bearerAuth: MiddlewareHandler<ApiEnv> = async (c, next) => {
  const secret = bearerSecret(c.req.header("Authorization"));
  const caller = secret ? await callerOf(c.env, secret) : null;
  if (!caller)
    return problem(c, "unauthorized", "Send a live API token as `Authorization: Bearer trl_…`.", [], {
      "WWW-Authenticate": 'Bearer realm="trellis-api"',
    });
  c.set("caller", caller);
  await next();
};

/** Refuses a token of another program (403), a write without the write scope (403) and a full rate window (429). */
export function tokenMayCall(scope: "read" | "write"): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    const caller = c.var.caller;
    if (c.req.param("programId") !== caller.programId)
      return problem(c, "forbidden", "This token belongs to another program.");
    if (scope === "write" && caller.scope !== "write") return problem(c, "forbidden", "This token is read-only.");
    const waitMs = await takeRateSlots(c.env, [{ bucket: `api:${caller.tokenId}`, limit: API_RATE_LIMIT }]);
    if (waitMs !== null)
      return problem(c, "rate-limited", `At most ${API_RATE_LIMIT.max} requests a minute per token.`, [], {
        "Retry-After": String(Math.ceil(waitMs / 1000)),
      });
    await next();
  };
}

/** Pages take no bearer token: a request carrying one gets 401, so a leaked API token never opens an HTML route. */
export const pagesRefuseBearer: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (/^\s*bearer\s/i.test(c.req.header("Authorization") ?? ""))
    return c.text("Use API tokens only under /api/v1.", 401, {
      "WWW-Authenticate": 'Bearer realm="trellis-api"',
    });
  await next();
};
