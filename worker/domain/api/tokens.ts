/** API tokens' rules: their shape, scopes, lifetimes and the limits of what a coordinator types when creating one. */
import { isWellFormedToken } from "../random-secrets";

/** What a token may do: read only, or read and write participants. */
export const API_SCOPES = ["read", "write"] as const;
/** One of the token scopes. */
export type ApiScope = (typeof API_SCOPES)[number];

/** Lifetimes a coordinator may choose, in days. */
export const API_TOKEN_DAYS = [30, 90, 365] as const;

/** Longest token name. */
export const API_TOKEN_NAME_MAX = 80;

/** The prefix every raw token carries, so a leaked one is recognisable (secret scanners) and never mistaken for a session. */
export const API_TOKEN_PREFIX = "trl_";

/** Requests one token may make per minute. */
export const API_RATE_LIMIT = { max: 120, windowMs: 60_000 };

/** The raw secret in an `Authorization: Bearer trl_…` header, or null when the header is missing or malformed. */
export function bearerSecret(header: string | undefined): string | null {
  const m = /^Bearer (\S+)$/i.exec(header?.trim() ?? "");
  const raw = m?.[1];
  if (!raw?.startsWith(API_TOKEN_PREFIX)) return null;
  return isWellFormedToken(raw.slice(API_TOKEN_PREFIX.length)) ? raw : null;
}

/** A stored token's state at `now`: usable, expired or revoked. */
export function tokenState(t: { expiresAt: number; revokedAt: number | null }, now: number) {
  if (t.revokedAt !== null) return "revoked" as const;
  return t.expiresAt <= now ? ("expired" as const) : ("active" as const);
}

/** A token as the coordinator's list shows it (never its secret or hash). */
export interface ApiTokenRow {
  id: string;
  name: string;
  scope: ApiScope;
  createdAt: number;
  expiresAt: number;
  revokedAt: number | null;
  lastUsedAt: number | null;
}
