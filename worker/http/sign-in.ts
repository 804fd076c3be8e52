/** Starting a session for a person on this response (used by email-link sign-in and invitation acceptance). */
import type { Context } from "hono";
import { setCookie } from "hono/cookie";
import { createSession, deleteSession, SESSION_COOKIE, SESSION_DAYS } from "../auth/sessions";
import { cookieOptions } from "../middleware/cookies";

/** Replaces any current session with a new one for `personId` and sets the cookie. */
export async function signInAs(c: Context, personId: string): Promise<void> {
  const previous = c.get("sessionHash");
  if (previous) await deleteSession(c.env, previous);
  const sid = await createSession(c.env, personId);
  setCookie(c, SESSION_COOKIE, sid, cookieOptions(c, SESSION_DAYS * 86_400));
}
