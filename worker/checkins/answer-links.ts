/**
 * Check-ins from outside the room: signed answer links (their token names the member, the check-in and its pairing, so
 * an answer goes from the link straight to the pairing's room), and email-reply comments.
 */
import { eq } from "drizzle-orm";
import { db } from "../db/client";
import { checkins } from "../db/schema";
import { CHECKIN_CHOICES, type CheckinAnswer } from "../domain/journey/checkin-answers";
import { type Claims, signingKeys, signToken, type TokenProblem, verifyToken } from "../domain/signed-link-tokens";
import { signReplyToken, verifyReplyToken } from "../mail/reply-address";
import { roomOf } from "../pairings/access";

/** The pairing a check-in belongs to (from D1's projection), or null. */
export async function checkinPairing(
  env: Env,
  checkinId: string,
): Promise<{ pairingId: string; closesAt: number } | null> {
  const row = await db(env)
    .select({ pairingId: checkins.pairingId, closesAt: checkins.closesAt })
    .from(checkins)
    .where(eq(checkins.id, checkinId))
    .get();
  return row ?? null;
}

/**
 * The token in a member's answer links: scoped to that check-in (in that pairing) and member, valid until it closes.
 */
export function checkinToken(
  env: Env,
  pairingId: string,
  checkinId: string,
  personId: string,
  closesAt: number,
): Promise<string> {
  return signToken(signingKeys(env), { p: "checkin", u: personId, s: checkinId, x: closesAt, r: pairingId });
}

/**
 * The short token of a member's check-in links in mail (58 letters and digits for our ids, not ~150 characters):
 * packed and signed as reply addresses are (mail/reply-address.ts, purpose "link"), scoped to the check-in and member,
 * working until it closes (kept to the hour; the room refuses answers after the close itself). It names no pairing:
 * the route finds it in D1, as for links from before tokens named it.
 */
export function shortCheckinToken(env: Env, checkinId: string, personId: string, closesAt: number): Promise<string> {
  return signReplyToken(signingKeys(env).current.secret, {
    p: "link",
    u: personId,
    s: `checkin:${checkinId}`,
    x: closesAt,
  });
}

/** One link per answer, for the email: opening one shows the choice preselected; nothing is recorded until pressed. */
export async function answerLinks(
  env: Env,
  origin: string,
  _pairingId: string,
  checkinId: string,
  personId: string,
  closesAt: number,
): Promise<{ answer: CheckinAnswer; label: string; url: string }[]> {
  const token = await shortCheckinToken(env, checkinId, personId, closesAt);
  return CHECKIN_CHOICES.map((c) => ({ answer: c.value, label: c.label, url: `${origin}/c/${token}?a=${c.value}` }));
}

/** What a valid check-in link allows: who answers which check-in of which pairing, until when. */
export interface CheckinLink {
  personId: string;
  checkinId: string;
  /** The check-in's pairing; null for a short token, or a link mailed before tokens named it (see `resolveLink`). */
  pairingId: string | null;
  closesAt: number;
}

/** Checks a check-in link's token (signature, purpose, expiry): what it allows, or why it does not. */
export async function readCheckinToken(
  env: Env,
  token: string,
  now = Date.now(),
): Promise<{ ok: true; link: CheckinLink; claims: Claims } | { ok: false; problem: TokenProblem }> {
  if (!token.includes(".")) return readShortCheckinToken(env, token, now);
  const checked = await verifyToken(signingKeys(env), token, "checkin", now);
  if (!checked.ok) return checked;
  const { u, s, x, r } = checked.claims;
  return { ok: true, claims: checked.claims, link: { personId: u, checkinId: s, pairingId: r ?? null, closesAt: x } };
}

/** Checks a short check-in token (see `shortCheckinToken`): what it allows, with its claims, or why not. */
async function readShortCheckinToken(
  env: Env,
  token: string,
  now: number,
): Promise<{ ok: true; link: CheckinLink; claims: Claims } | { ok: false; problem: TokenProblem }> {
  const checked = await verifyReplyToken(signingKeys(env), token, now, "link");
  if (!checked.ok) return checked;
  const { u, s, x } = checked.claims;
  if (!s.startsWith("checkin:")) return { ok: false, problem: "wrong-purpose" };
  const checkinId = s.slice("checkin:".length);
  return { ok: true, claims: checked.claims, link: { personId: u, checkinId, pairingId: null, closesAt: x } };
}

/**
 * A link with its pairing and its check-in's exact close: from the token when it names the pairing, else from D1's
 * projection (short tokens keep the close only to the hour). Null when D1 does not know the check-in.
 */
export async function resolveLink(env: Env, link: CheckinLink): Promise<(CheckinLink & { pairingId: string }) | null> {
  if (link.pairingId) return { ...link, pairingId: link.pairingId };
  const found = await checkinPairing(env, link.checkinId);
  return found ? { ...link, pairingId: found.pairingId, closesAt: found.closesAt } : null;
}

/**
 * Adds a member's comment to a check-in (an emailed reply); the room checks membership and that the check-in exists.
 */
export async function commentOnCheckin(
  env: Env,
  input: { checkinId: string; personId: string; comment: string; now: number },
): Promise<{ ok: true } | { ok: false; error: string }> {
  const found = await checkinPairing(env, input.checkinId);
  if (!found) return { ok: false, error: "That check-in does not exist." };
  const result = await roomOf(env, found.pairingId).commentOnCheckin(
    { kind: "member", personId: input.personId },
    input.checkinId,
    input.comment,
  );
  return result.ok ? { ok: true } : { ok: false, error: result.error };
}
