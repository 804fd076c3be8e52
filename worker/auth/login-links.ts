/** Email sign-in links: random, stored hashed, single use, valid for 15 minutes. */
import { and, eq, gt, isNull } from "drizzle-orm";
import { db } from "../db/client";
import { loginTokens, people } from "../db/schema";
import { isWellFormedToken, newId, randomToken, sha256Hex } from "../domain/random-secrets";
import type { Person } from "../domain/records";

/** How long a sign-in link works: 15 minutes. */
export const LOGIN_LINK_TTL_MS = 15 * 60_000;

/** Creates a sign-in token for an address and returns the raw token for the link. */
export async function issueLoginToken(env: Env, email: string, now = Date.now()): Promise<string> {
  const token = randomToken();
  await db(env)
    .insert(loginTokens)
    .values({ tokenHash: await sha256Hex(token), email, createdAt: now, expiresAt: now + LOGIN_LINK_TTL_MS });
  return token;
}

/** What a sign-in token is: valid (with its address), or why not. */
export type TokenState = { state: "valid"; email: string } | { state: "expired" | "used" | "invalid" };

/** Reports what a token is without using it up (for the GET page that shows the sign-in button). */
export async function inspectLoginToken(env: Env, token: unknown, now = Date.now()): Promise<TokenState> {
  if (!isWellFormedToken(token)) return { state: "invalid" };
  const rows = await db(env)
    .select()
    .from(loginTokens)
    .where(eq(loginTokens.tokenHash, await sha256Hex(token)))
    .limit(1);
  const row = rows[0];
  if (!row) return { state: "invalid" };
  if (row.usedAt !== null) return { state: "used" };
  if (row.expiresAt <= now) return { state: "expired" };
  return { state: "valid", email: row.email };
}

/** Uses a token up atomically; returns its address, or null when unknown, used or expired. */
export async function consumeLoginToken(env: Env, token: unknown, now = Date.now()): Promise<string | null> {
  if (!isWellFormedToken(token)) return null;
  const rows = await db(env)
    .update(loginTokens)
    .set({ usedAt: now })
    .where(
      and(
        eq(loginTokens.tokenHash, await sha256Hex(token)),
        isNull(loginTokens.usedAt),
        gt(loginTokens.expiresAt, now),
      ),
    )
    .returning({ email: loginTokens.email });
  return rows[0]?.email ?? null;
}

/** Normalises an email address for lookups. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** True when the address is configured as a bootstrap coordinator. */
export function isBootstrapCoordinator(env: Env, email: string): boolean {
  return (env.COORDINATOR_EMAILS ?? "").split(",").map(normaliseEmail).filter(Boolean).includes(email);
}

/** Finds the person with this address; creates one only for bootstrap coordinators. */
export async function findPersonForSignIn(env: Env, email: string): Promise<Person | null> {
  const d = db(env);
  const found = await d.select().from(people).where(eq(people.email, email)).limit(1);
  if (found[0]) return found[0];
  if (!isBootstrapCoordinator(env, email)) return null;
  const created = await d
    .insert(people)
    .values({ id: newId(), email, canCreatePrograms: true })
    .onConflictDoNothing()
    .returning();
  return created[0] ?? (await d.select().from(people).where(eq(people.email, email)).limit(1))[0] ?? null;
}
