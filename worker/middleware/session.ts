/** Loads the signed-in person from the session cookie into `c.var.user`. */
import type { MiddlewareHandler } from "hono";
import { getCookie } from "hono/cookie";
import { loadSession } from "../auth/sessions";
import { isWellFormedToken } from "../domain/random-secrets";
import type { AppEnv } from "../types";
import { cookieName } from "./cookies";

/** Sets `user`, `sessionHash` and `programLanguage` (null for visitors). */
export const sessionLoader: MiddlewareHandler<AppEnv> = async (c, next) => {
  const raw = getCookie(c, cookieName(c, "sid"));
  const session = isWellFormedToken(raw) ? await loadSession(c.env, raw) : null;
  c.set("user", session?.person ?? null);
  c.set("sessionHash", session?.hash ?? null);
  c.set("programLanguage", session?.programLanguage ?? null);
  await next();
};
