/** Check-ins from outside the room: finding a check-in's pairing in D1, signed answer links, and email-reply comments. */
import { CHECKIN_CHOICES } from "../domain/journey/checkin-answers";
import { signToken, tokenSecret, verifyToken } from "../domain/signed-tokens";
import { roomOf } from "../pairings/access";

/** The pairing a check-in belongs to (from D1's projection), or null. */
export async function checkinPairing(
  env: Env,
  checkinId: string,
): Promise<{ pairingId: string; closesAt: number } | null> {
  const row = await env.DB.prepare("SELECT pairing_id, closes_at FROM checkins WHERE id = ?1")
    .bind(checkinId)
    .first<{ pairing_id: string; closes_at: number }>();
  return row ? { pairingId: row.pairing_id, closesAt: row.closes_at } : null;
}

/** The token in a member's answer links: scoped to that check-in and member, valid until the check-in closes. */
export function checkinToken(env: Env, checkinId: string, personId: string, closesAt: number): Promise<string> {
  return signToken(tokenSecret(env), { p: "checkin", u: personId, s: checkinId, x: closesAt });
}

/** One link per answer, for the email: opening one shows the choice preselected; nothing is recorded until pressed. */
export async function answerLinks(
  env: Env,
  origin: string,
  checkinId: string,
  personId: string,
  closesAt: number,
): Promise<{ label: string; url: string }[]> {
  const token = await checkinToken(env, checkinId, personId, closesAt);
  return CHECKIN_CHOICES.map((c) => ({ label: c.label, url: `${origin}/c/${token}?a=${c.value}` }));
}

/** What a check-in link's token allows, or why it does not. */
export async function readCheckinToken(env: Env, token: string, now = Date.now()) {
  return verifyToken(tokenSecret(env), token, "checkin", now);
}

/** Adds a member's comment to a check-in (an emailed reply); the room checks membership and that the check-in exists. */
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
