/** A program's API tokens (table `api_tokens`): created with a secret shown once, kept hashed, revocable, expiring. */
import { and, desc, eq, gt, isNull } from "drizzle-orm";
import { auditInsert } from "../audit/audit-log";
import { db } from "../db/client";
import { apiTokens } from "../db/schema";
import { API_TOKEN_PREFIX, type ApiScope, type ApiTokenRow } from "../domain/api/tokens";
import { newId, randomToken, sha256Hex } from "../domain/random-secrets";

/** A token a request presented, once found usable. */
export interface ApiCaller {
  tokenId: string;
  programId: string;
  scope: ApiScope;
  createdBy: string;
}

/**
 * Creates a token and audits it in one batch; returns the raw secret (shown once, never stored) and its id.
 */
export async function createApiToken(
  env: Env,
  t: { programId: string; name: string; scope: ApiScope; days: number; createdBy: string },
  now = Date.now(),
): Promise<{ id: string; secret: string }> {
  const id = newId();
  const secret = API_TOKEN_PREFIX + randomToken();
  const d = db(env);
  await d.batch([
    d.insert(apiTokens).values({
      id,
      programId: t.programId,
      name: t.name,
      scope: t.scope,
      tokenHash: await sha256Hex(secret),
      createdBy: t.createdBy,
      createdAt: now,
      expiresAt: now + t.days * 86_400_000,
    }),
    auditInsert(d, {
      programId: t.programId,
      actorId: t.createdBy,
      action: "api.token.create",
      detail: { token: t.name, scope: t.scope, days: t.days },
      at: now,
    }),
  ]);
  return { id, secret };
}

/** The program's tokens, newest first (never their hashes). */
export async function programApiTokens(env: Env, programId: string): Promise<ApiTokenRow[]> {
  return db(env)
    .select({
      id: apiTokens.id,
      name: apiTokens.name,
      scope: apiTokens.scope,
      createdAt: apiTokens.createdAt,
      expiresAt: apiTokens.expiresAt,
      revokedAt: apiTokens.revokedAt,
      lastUsedAt: apiTokens.lastUsedAt,
    })
    .from(apiTokens)
    .where(eq(apiTokens.programId, programId))
    .orderBy(desc(apiTokens.createdAt));
}

/** Revokes one of the program's tokens and audits it; false when there was no such live token. */
export async function revokeApiToken(
  env: Env,
  programId: string,
  tokenId: string,
  actorId: string,
  now = Date.now(),
): Promise<boolean> {
  const d = db(env);
  const gone = await d
    .update(apiTokens)
    .set({ revokedAt: now })
    .where(and(eq(apiTokens.id, tokenId), eq(apiTokens.programId, programId), isNull(apiTokens.revokedAt)))
    .returning({ name: apiTokens.name });
  if (!gone[0]) return false;
  await auditInsert(d, {
    programId,
    actorId,
    action: "api.token.revoke",
    detail: { token: gone[0].name },
    at: now,
  });
  return true;
}

/** The live token with this raw secret (not revoked, not expired), marked as used now; null otherwise. */
export async function callerOf(env: Env, secret: string, now = Date.now()): Promise<ApiCaller | null> {
  const hash = await sha256Hex(secret);
  const rows = await db(env)
    .update(apiTokens)
    .set({ lastUsedAt: now })
    .where(and(eq(apiTokens.tokenHash, hash), isNull(apiTokens.revokedAt), gt(apiTokens.expiresAt, now)))
    .returning({
      tokenId: apiTokens.id,
      programId: apiTokens.programId,
      scope: apiTokens.scope,
      createdBy: apiTokens.createdBy,
      expiresAt: apiTokens.expiresAt,
    });
  const row = rows[0];
  if (!row || row.expiresAt <= now) return null;
  return { tokenId: row.tokenId, programId: row.programId, scope: row.scope, createdBy: row.createdBy };
}

/** Audits one API request: which token, the method, the route pattern and the answer's status (no body, no query). */
export async function auditApiRequest(
  env: Env,
  caller: ApiCaller,
  r: { method: string; route: string; status: number; subjectId?: string; pairingId?: string },
): Promise<void> {
  await auditInsert(db(env), {
    programId: caller.programId,
    actorId: caller.createdBy,
    action: "api.request",
    subjectId: r.subjectId ?? null,
    pairingId: r.pairingId ?? null,
    detail: { token: caller.tokenId, method: r.method, route: r.route, status: r.status },
  });
}
