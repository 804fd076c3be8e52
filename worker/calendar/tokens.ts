/** Secret calendar feed links: random tokens, only their SHA-256 stored, one active per person and scope; rotate or revoke. */
import type { FeedLink } from "../domain/feed-link";
import { randomToken, sha256Hex } from "../domain/tokens";

/** Makes a new link for the person's own feed (`pairingId` null) or one pairing's, revoking the previous one; returns the raw token. */
export async function rotateFeedToken(
  env: Env,
  personId: string,
  pairingId: string | null,
  now = Date.now(),
): Promise<string> {
  const token = randomToken();
  await env.DB.batch([
    env.DB.prepare(
      "UPDATE calendar_tokens SET revoked_at = ?3 WHERE person_id = ?1 AND pairing_id IS ?2 AND revoked_at IS NULL",
    ).bind(personId, pairingId, now),
    env.DB.prepare(
      "INSERT INTO calendar_tokens (token_hash, person_id, pairing_id, created_at) VALUES (?1, ?2, ?3, ?4)",
    ).bind(await sha256Hex(token), personId, pairingId, now),
  ]);
  return token;
}

/** Turns off a feed link; returns whether there was one. */
export async function revokeFeedToken(
  env: Env,
  personId: string,
  pairingId: string | null,
  now = Date.now(),
): Promise<boolean> {
  const r = await env.DB.prepare(
    "UPDATE calendar_tokens SET revoked_at = ?3 WHERE person_id = ?1 AND pairing_id IS ?2 AND revoked_at IS NULL",
  )
    .bind(personId, pairingId, now)
    .run();
  return r.meta.changes > 0;
}

/** The person's active feed links. */
export async function activeFeedLinks(env: Env, personId: string): Promise<FeedLink[]> {
  const rows = await env.DB.prepare(
    "SELECT pairing_id, created_at, last_used_at FROM calendar_tokens WHERE person_id = ?1 AND revoked_at IS NULL",
  )
    .bind(personId)
    .all<{ pairing_id: string | null; created_at: number; last_used_at: number | null }>();
  return rows.results.map((r) => ({ pairingId: r.pairing_id, createdAt: r.created_at, lastUsedAt: r.last_used_at }));
}

/** Who a raw token belongs to and what it shows, or null for unknown or revoked tokens (and for pairings the person left). */
export async function resolveFeedToken(
  env: Env,
  token: string,
  now = Date.now(),
): Promise<{ personId: string; pairingId: string | null } | null> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
  const hash = await sha256Hex(token);
  const row = await env.DB.prepare(
    `SELECT t.person_id, t.pairing_id, t.last_used_at FROM calendar_tokens t WHERE t.token_hash = ?1 AND t.revoked_at IS NULL
       AND (t.pairing_id IS NULL OR EXISTS (SELECT 1 FROM pairing_members m WHERE m.pairing_id = t.pairing_id AND m.person_id = t.person_id))`,
  )
    .bind(hash)
    .first<{ person_id: string; pairing_id: string | null; last_used_at: number | null }>();
  if (!row) return null;
  // Record use at most hourly, so frequent polling by calendar apps does not write on every fetch.
  if (!row.last_used_at || now - row.last_used_at > 3_600_000) {
    await env.DB.prepare("UPDATE calendar_tokens SET last_used_at = ?2 WHERE token_hash = ?1").bind(hash, now).run();
  }
  return { personId: row.person_id, pairingId: row.pairing_id };
}
