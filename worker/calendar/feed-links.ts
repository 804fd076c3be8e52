/**
 * Secret calendar feed links: random tokens, only their SHA-256 stored, one active per person and scope; rotate or
 * revoke.
 */
import { and, eq, exists, isNull, or } from "drizzle-orm";
import { db } from "../db/client";
import { calendarTokens, pairingMembers } from "../db/schema";
import { randomToken, sha256Hex } from "../domain/random-secrets";
import type { FeedLink } from "../domain/feed-link";

/** The active links of one person and scope (`pairingId` null: their own feed), as a condition. */
function activeLinksOf(personId: string, pairingId: string | null) {
  return and(
    eq(calendarTokens.personId, personId),
    pairingId === null ? isNull(calendarTokens.pairingId) : eq(calendarTokens.pairingId, pairingId),
    isNull(calendarTokens.revokedAt),
  );
}

/** True when the person is a member of the pairing, so may have a feed of it. */
export async function mayHaveFeedOf(env: Env, personId: string, pairingId: string): Promise<boolean> {
  const row = await db(env)
    .select({ ok: pairingMembers.pairingId })
    .from(pairingMembers)
    .where(and(eq(pairingMembers.pairingId, pairingId), eq(pairingMembers.personId, personId)))
    .get();
  return row !== undefined;
}

/**
 * Makes a new link for the person's own feed (`pairingId` null) or one pairing's, revoking the previous one; returns
 * the raw token.
 */
export async function rotateFeedToken(
  env: Env,
  personId: string,
  pairingId: string | null,
  now = Date.now(),
): Promise<string> {
  const token = randomToken();
  const d = db(env);
  await d.batch([
    d.update(calendarTokens).set({ revokedAt: now }).where(activeLinksOf(personId, pairingId)),
    d.insert(calendarTokens).values({ tokenHash: await sha256Hex(token), personId, pairingId, createdAt: now }),
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
  const r = await db(env).update(calendarTokens).set({ revokedAt: now }).where(activeLinksOf(personId, pairingId));
  return r.meta.changes > 0;
}

/** The person's active feed links. */
export async function activeFeedLinks(env: Env, personId: string): Promise<FeedLink[]> {
  return db(env)
    .select({
      pairingId: calendarTokens.pairingId,
      createdAt: calendarTokens.createdAt,
      lastUsedAt: calendarTokens.lastUsedAt,
    })
    .from(calendarTokens)
    .where(and(eq(calendarTokens.personId, personId), isNull(calendarTokens.revokedAt)));
}

/**
 * Who a raw token belongs to and what it shows, or null for unknown or revoked tokens (and for pairings the person
 * left).
 */
export async function resolveFeedToken(
  env: Env,
  token: string,
  now = Date.now(),
): Promise<{ personId: string; pairingId: string | null } | null> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
  const hash = await sha256Hex(token);
  const d = db(env);
  const stillMember = d
    .select({ one: pairingMembers.pairingId })
    .from(pairingMembers)
    .where(
      and(eq(pairingMembers.pairingId, calendarTokens.pairingId), eq(pairingMembers.personId, calendarTokens.personId)),
    );
  const row = await d
    .select({
      personId: calendarTokens.personId,
      pairingId: calendarTokens.pairingId,
      lastUsedAt: calendarTokens.lastUsedAt,
    })
    .from(calendarTokens)
    .where(
      and(
        eq(calendarTokens.tokenHash, hash),
        isNull(calendarTokens.revokedAt),
        or(isNull(calendarTokens.pairingId), exists(stillMember)),
      ),
    )
    .get();
  if (!row) return null;
  // Record use at most hourly, so frequent polling by calendar apps does not write on every fetch.
  if (!row.lastUsedAt || now - row.lastUsedAt > 3_600_000) {
    await d.update(calendarTokens).set({ lastUsedAt: now }).where(eq(calendarTokens.tokenHash, hash));
  }
  return { personId: row.personId, pairingId: row.pairingId };
}
