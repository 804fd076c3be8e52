/**
 * Single sign-on attempts under way: what the callback must check (state, nonce, PKCE verifier, provider) is kept in
 * D1 under the SHA-256 of a random id that only the browser's cookie holds. Each attempt is used at most once.
 */
import { and, eq, gt, lt } from "drizzle-orm";
import { db } from "../db/client";
import { oidcFlows } from "../db/schema";
import { isWellFormedToken, randomToken, sha256Hex } from "../domain/random-secrets";

/** How long a sign-in at the provider may take: 10 minutes. */
export const OIDC_FLOW_TTL_MS = 10 * 60_000;

/** What the callback needs to finish one attempt. */
export interface OidcFlow {
  provider: string;
  state: string;
  nonce: string;
  verifier: string;
  next: string;
}

/** Stores an attempt (and clears expired ones); returns the raw id for the browser's cookie. */
export async function startFlow(env: Env, flow: OidcFlow, now = Date.now()): Promise<string> {
  const id = randomToken();
  const d = db(env);
  await d.batch([
    d.delete(oidcFlows).where(lt(oidcFlows.expiresAt, now)),
    d.insert(oidcFlows).values({ idHash: await sha256Hex(id), ...flow, expiresAt: now + OIDC_FLOW_TTL_MS }),
  ]);
  return id;
}

/** Takes an attempt out atomically (so a replayed callback finds nothing); null when unknown, used or expired. */
export async function takeFlow(env: Env, rawId: unknown, now = Date.now()): Promise<OidcFlow | null> {
  if (!isWellFormedToken(rawId)) return null;
  const rows = await db(env)
    .delete(oidcFlows)
    .where(and(eq(oidcFlows.idHash, await sha256Hex(rawId)), gt(oidcFlows.expiresAt, now)))
    .returning();
  const row = rows[0];
  return row
    ? { provider: row.provider, state: row.state, nonce: row.nonce, verifier: row.verifier, next: row.next }
    : null;
}
