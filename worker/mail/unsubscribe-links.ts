/**
 * Signed one-click unsubscribe links: one per person and category (or for the weekly digest), valid for 180 days.
 * The token, not a session, is the authority, so a mail provider's RFC 8058 POST works without a cookie.
 */
import { type Claims, signingKeys, signToken, type TokenProblem, verifyToken } from "../domain/signed-link-tokens";
import { isCategory } from "../domain/notifications";

/** The unsubscribe subject that turns off every category a person gets in the weekly digest. */
export const DIGEST_SUBJECT = "digest";
/** How long unsubscribe links work. */
export const UNSUBSCRIBE_VALID_MS = 180 * 24 * 3_600_000;

/** The signed unsubscribe link for a person and a category (or DIGEST_SUBJECT), valid for 180 days from `now`. */
export async function unsubscribeUrl(
  env: Env,
  origin: string,
  personId: string,
  subject: string,
  now: number,
): Promise<string> {
  const token = await signToken(signingKeys(env), {
    p: "unsub",
    u: personId,
    s: subject,
    x: now + UNSUBSCRIBE_VALID_MS,
  });
  return `${origin}/unsubscribe/${token}`;
}

/** Checks an unsubscribe token: signed by us, for unsubscribing, not expired, about a category or the digest. */
export async function verifyUnsubscribeToken(
  env: Env,
  token: string,
  now = Date.now(),
): Promise<{ ok: true; claims: Claims } | { ok: false; problem: TokenProblem }> {
  const result = await verifyToken(signingKeys(env), token, "unsub", now);
  if (result.ok && !isCategory(result.claims.s) && result.claims.s !== DIGEST_SUBJECT)
    return { ok: false, problem: "malformed" };
  return result;
}
