/**
 * Check-ins from outside the room: signed answer links (their token names the member, the check-in and its pairing, so
 * an answer goes from the link straight to the pairing's room), and email-reply comments.
 */
import { eq } from "drizzle-orm";
import { db } from "../db/client";
import { checkins } from "../db/schema";
import { CHECKIN_CHOICES } from "../domain/journey/checkin-answers";
import { type Claims, signingKeys, signToken, type TokenProblem, verifyToken } from "../domain/signed-link-tokens";
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

/** One link per answer, for the email: opening one shows the choice preselected; nothing is recorded until pressed. */
export async function answerLinks(
  env: Env,
  origin: string,
  pairingId: string,
  checkinId: string,
  personId: string,
  closesAt: number,
): Promise<{ label: string; url: string }[]> {
  const token = await checkinToken(env, pairingId, checkinId, personId, closesAt);
  return CHECKIN_CHOICES.map((c) => ({ label: c.label, url: `${origin}/c/${token}?a=${c.value}` }));
}

/** What a valid check-in link allows: who answers which check-in of which pairing, until when. */
export interface CheckinLink {
  personId: string;
  checkinId: string;
  /** The check-in's pairing; null for a link mailed before tokens named it (see `pairingOfLink`). */
  pairingId: string | null;
  closesAt: number;
}

/** Checks a check-in link's token (signature, purpose, expiry): what it allows, or why it does not. */
export async function readCheckinToken(
  env: Env,
  token: string,
  now = Date.now(),
): Promise<{ ok: true; link: CheckinLink; claims: Claims } | { ok: false; problem: TokenProblem }> {
  const checked = await verifyToken(signingKeys(env), token, "checkin", now);
  if (!checked.ok) return checked;
  const { u, s, x, r } = checked.claims;
  return { ok: true, claims: checked.claims, link: { personId: u, checkinId: s, pairingId: r ?? null, closesAt: x } };
}

/**
 * The pairing a link's check-in belongs to: named in the token; for links mailed before tokens named it (until they
 * expire, when their check-in closes), looked up in D1's projection. Null when D1 does not know the check-in.
 */
export async function pairingOfLink(env: Env, link: CheckinLink): Promise<string | null> {
  return link.pairingId ?? (await checkinPairing(env, link.checkinId))?.pairingId ?? null;
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
