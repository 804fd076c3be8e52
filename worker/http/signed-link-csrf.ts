/**
 * The CSRF exemption of links in mail that act without signing in (check-in answers, meeting answers): the answer is
 * posted from the email's link, possibly from a text browser that keeps no cookies, and the signed token in the address
 * (scoped to one member and one thing) is the proof. So a POST to such an address whose token carries our signature
 * (even an expired one, which the route then refuses with a clear page) needs no CSRF cookie.
 */
import type { Context } from "hono";
import type { TokenProblem } from "../domain/signed-link-tokens";
import type { AppEnv } from "../types";

/** How a route checks its link's token (once per request: the route reuses the same answer). */
export type LinkTokenCheck = (
  c: Context<AppEnv>,
  token: string,
) => Promise<{ ok: true } | { ok: false; problem: TokenProblem }>;

/** The exemption for POSTs whose path `pattern` matches with the token as its first group. */
export function signedLinkCsrfExempt(pattern: RegExp, check: LinkTokenCheck) {
  return async (c: Context<AppEnv>): Promise<boolean> => {
    const match = c.req.method === "POST" ? pattern.exec(c.req.path) : null;
    if (!match) return false;
    let token: string;
    try {
      token = decodeURIComponent(match[1]!);
    } catch {
      return false; // broken percent-encoding: no valid token, so the usual CSRF check answers (403)
    }
    const checked = await check(c, token);
    return checked.ok || checked.problem === "expired";
  };
}
