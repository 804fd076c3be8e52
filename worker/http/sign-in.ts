/** Starting a session for a person on this response (used by email-link sign-in and invitation acceptance). */
import type { Context } from "hono";
import { setCookie } from "hono/cookie";
import { createSession, deleteSession, SESSION_DAYS } from "../auth/sessions";
import { cookieName, cookieOptions } from "../middleware/cookies";
import { rotateCsrfToken } from "../middleware/csrf";
import type { AppEnv } from "../types";

/** Replaces any current session with a new one for `personId`, sets the cookie and a CSRF token bound to it. */
export async function signInAs(c: Context<AppEnv>, personId: string): Promise<void> {
  const previous = c.get("sessionHash");
  if (previous) await deleteSession(c.env, previous);
  const session = await createSession(c.env, personId);
  setCookie(c, cookieName(c, "sid"), session.id, cookieOptions(c, SESSION_DAYS * 86_400));
  await rotateCsrfToken(c, session.hash);
}
