/**
 * Development tools (the dev mailbox, the demo seed, the development signing key) only ever run on this computer: with
 * DEV_TOOLS or DEMO_SEED on, a request to any other host is refused with a page saying why, whatever the settings say.
 */
import type { MiddlewareHandler } from "hono";
import { isLocalHost } from "../domain/local-hosts";
import type { AppEnv } from "../types";

/** Refuses every request to a public host while development tools are on (a deployment with them on by mistake). */
export const localOnlyDevTools: MiddlewareHandler<AppEnv> = async (c, next) => {
  const devOn = c.env.DEV_TOOLS === "1" || c.env.DEMO_SEED === "1";
  if (devOn && !isLocalHost(new URL(c.req.url).hostname))
    return c.text(
      "This installation has development tools turned on (DEV_TOOLS or DEMO_SEED), which only work on the computer " +
        "running it. Turn them off (set both to 0) to serve this address.",
      503,
    );
  return next();
};
