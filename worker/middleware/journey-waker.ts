/**
 * Locally (dev tools on), the first request a fresh server answers wakes the journeys that slept through its restart.
 */
import type { MiddlewareHandler } from "hono";
import { wakeJourneys } from "../journey/start";
import { errorFields, logEvent } from "../observability/log";
import type { AppEnv } from "../types";

let woken = false;

/** Middleware: once per isolate with DEV_TOOLS "1", sends every running journey a wake-up event in the background. */
export const journeyWaker: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (!woken && c.env.DEV_TOOLS === "1") {
    woken = true;
    c.executionCtx.waitUntil(
      wakeJourneys(c.env).then(
        (r) => logEvent({ event: "journey.wake", outcome: "ok", count: r.woken }),
        (err) => logEvent({ event: "journey.wake", level: "warn", outcome: "failed", ...errorFields(err) }),
      ),
    );
  }
  await next();
};
