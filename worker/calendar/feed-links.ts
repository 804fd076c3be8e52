/**
 * Secret calendar feed links: random tokens, only their SHA-256 stored, one active per person and scope; rotate or
 * revoke.
 */
import { and, eq, exists, isNull, or } from "drizzle-orm";
import { type Db, db } from "../db/client";
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

/** True for text shaped like a feed token (checked before hashing it). */
export const isFeedToken = (token: string) => /^[A-Za-z0-9_-]{20,100}$/.test(token);

/** The condition that a token hash is a live feed link: not revoked, and its pairing (if any) still the person's. */
export function liveFeedLink(d: Db, hash: string) {
  const stillMember = d
    .select({ one: pairingMembers.pairingId })
    .from(pairingMembers)
    .where(
      and(eq(pairingMembers.pairingId, calendarTokens.pairingId), eq(pairingMembers.personId, calendarTokens.personId)),
    );
  return and(
    eq(calendarTokens.tokenHash, hash),
    isNull(calendarTokens.revokedAt),
    or(isNull(calendarTokens.pairingId), exists(stillMember)),
  );
}

/** Who a live link (by its token's hash) belongs to and what it shows, as a statement to batch with others. */
export function feedLinkQuery(d: Db, hash: string) {
  return d
    .select({
      personId: calendarTokens.personId,
      pairingId: calendarTokens.pairingId,
      lastUsedAt: calendarTokens.lastUsedAt,
    })
    .from(calendarTokens)
    .where(liveFeedLink(d, hash));
}

/** Records that a link was used, at most hourly, so frequent polling by calendar apps does not write on every fetch. */
export async function noteFeedLinkUse(env: Env, hash: string, lastUsedAt: number | null, now = Date.now()) {
  if (lastUsedAt && now - lastUsedAt <= 3_600_000) return;
  await db(env).update(calendarTokens).set({ lastUsedAt: now }).where(eq(calendarTokens.tokenHash, hash));
}
