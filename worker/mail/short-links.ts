/**
 * Short signed links in mail: `/m/<token>`, where the token (58 letters and digits for our ids) names one member and
 * one meeting and when it stops working, packed and signed as reply addresses are (reply-address.ts, purpose "link").
 * Nothing is stored to check one; what it allows is decided by its claims and the meeting as it is now.
 */
import { signingKeys, type TokenProblem } from "../domain/signed-link-tokens";
import { signReplyToken, verifyReplyToken } from "./reply-address";

/** What a valid meeting link allows: this member, this meeting, until then. */
export interface MeetingLink {
  personId: string;
  meetingId: string;
  expiresAt: number;
}

/** The token of a member's link to a meeting, working until `expiresAt` (epoch ms, kept to the hour). */
export function meetingLinkToken(env: Env, personId: string, meetingId: string, expiresAt: number): Promise<string> {
  return signReplyToken(signingKeys(env).current.secret, {
    p: "link",
    u: personId,
    s: `meeting:${meetingId}`,
    x: expiresAt,
  });
}

/** The short path of a member's link to a meeting ("/m/<token>"). */
export async function meetingLinkPath(env: Env, personId: string, meetingId: string, expiresAt: number) {
  return `/m/${await meetingLinkToken(env, personId, meetingId, expiresAt)}`;
}

/** Checks a meeting link's token (signature by the current or previous key, kind, expiry). */
export async function readMeetingLink(
  env: Env,
  token: string,
  now = Date.now(),
): Promise<{ ok: true; link: MeetingLink } | { ok: false; problem: TokenProblem }> {
  const checked = await verifyReplyToken(signingKeys(env), token, now, "link");
  if (!checked.ok) return checked;
  const { u, s, x } = checked.claims;
  if (!s.startsWith("meeting:")) return { ok: false, problem: "wrong-purpose" };
  return { ok: true, link: { personId: u, meetingId: s.slice("meeting:".length), expiresAt: x } };
}
