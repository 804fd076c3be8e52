/**
 * Signed, scoped, expiring tokens for links in emails (check-in answers, unsubscribe, reply addresses): the claims are
 * readable, the HMAC-SHA256 over them with TOKEN_SECRET makes them unforgeable, and each carries its purpose and an
 * expiry. Nothing is stored to check them; what a token allows is decided by its claims and the current data.
 */
import { base64Url, constantTimeEqual } from "./random-secrets";
import { isLocalOrigin } from "./local-hosts";

const encoder = new TextEncoder();

/** What every signed token says: its purpose, its subject and when it stops working (epoch ms). */
export interface Claims {
  /** The purpose: "checkin", "unsub", "reply"… A token for one purpose never works for another. */
  p: string;
  /** The person it was made for. */
  u: string;
  /** What it is about (a check-in id, a pairing id, a notification kind…). */
  s: string;
  /** Expiry, epoch ms. */
  x: number;
  /** Where the subject lives, when the subject's id alone does not say it (a check-in's pairing); optional. */
  r?: string;
}

/**
 * The signing key from TOKEN_SECRET; locally (dev tools on, and PUBLIC_URL unset or on this computer) a fixed
 * development key when none is set. A public PUBLIC_URL never gets the development key, whatever DEV_TOOLS says.
 */
export function tokenSecret(env: Env): string {
  if (env.TOKEN_SECRET) return env.TOKEN_SECRET;
  if (env.DEV_TOOLS === "1" && isLocalOrigin(env.PUBLIC_URL)) return "trellis-development-only-token-secret";
  throw new Error("TOKEN_SECRET is not set: links in emails cannot be signed (see README, Deploying).");
}

/** Imported HMAC keys by secret: every request checks its CSRF token, so the key is imported once per isolate. */
const keys = new Map<string, Promise<CryptoKey>>();

/** HMAC-SHA256 of `data` under `secret`, base64url. */
export async function signText(secret: string, data: string): Promise<string> {
  let key = keys.get(secret);
  if (!key) {
    key = crypto.subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
    keys.set(secret, key);
  }
  return base64Url(new Uint8Array(await crypto.subtle.sign("HMAC", await key, encoder.encode(data))));
}

function decodeBase64Url(text: string): string | null {
  try {
    const bin = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
    return new TextDecoder().decode(Uint8Array.from(bin, (c) => c.charCodeAt(0)));
  } catch {
    return null;
  }
}

/** Makes a token for the claims. */
export async function signToken(secret: string, claims: Claims): Promise<string> {
  const parts = [claims.p, claims.u, claims.s, claims.x, ...(claims.r === undefined ? [] : [claims.r])];
  const body = base64Url(encoder.encode(JSON.stringify(parts)));
  return `${body}.${await signText(secret, body)}`;
}

/** Why a token was refused. */
export type TokenProblem = "malformed" | "forged" | "wrong-purpose" | "expired";

/** Checks a token's signature, purpose and expiry; returns its claims or the problem. */
export async function verifyToken(
  secret: string,
  token: string,
  purpose: string,
  now = Date.now(),
): Promise<{ ok: true; claims: Claims } | { ok: false; problem: TokenProblem }> {
  const [body, mac, extra] = token.split(".");
  if (!body || !mac || extra !== undefined || token.length > 600) return { ok: false, problem: "malformed" };
  if (!constantTimeEqual(mac, await signText(secret, body))) return { ok: false, problem: "forged" };
  const text = decodeBase64Url(body);
  let parts: unknown;
  try {
    parts = text === null ? null : JSON.parse(text);
  } catch {
    parts = null;
  }
  if (
    !Array.isArray(parts) ||
    (parts.length !== 4 && parts.length !== 5) ||
    typeof parts[0] !== "string" ||
    typeof parts[1] !== "string" ||
    typeof parts[2] !== "string" ||
    typeof parts[3] !== "number" ||
    (parts.length === 5 && typeof parts[4] !== "string")
  ) {
    return { ok: false, problem: "malformed" };
  }
  const claims: Claims = { p: parts[0], u: parts[1], s: parts[2], x: parts[3] };
  if (parts.length === 5) claims.r = parts[4] as string;
  if (claims.p !== purpose) return { ok: false, problem: "wrong-purpose" };
  if (claims.x <= now) return { ok: false, problem: "expired" };
  return { ok: true, claims };
}
