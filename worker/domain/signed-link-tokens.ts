/**
 * Signed, scoped, expiring tokens for links in emails (check-in answers, unsubscribe, reply addresses): the claims are
 * readable, the HMAC-SHA256 over them with TOKEN_SECRET makes them unforgeable, and each carries its purpose and an
 * expiry. Nothing is stored to check them; what a token allows is decided by its claims and the current data.
 *
 * Keys rotate (docs/RUNBOOK.md, "Rotating secrets"): TOKEN_SECRET is `<id>:<secret>` (the id 1–8 letters or digits),
 * and TOKEN_SECRET_PREVIOUS, when set, is the key before it. A token is `<id>.<claims>.<mac>`: made with the current
 * key, checked with the key its id names, so links sent before a rotation work until they expire and stop when the
 * previous key is removed. Tokens from before key ids (`<claims>.<mac>`) are checked against each configured key's
 * whole value, which is what signed them; a key given without an id still signs such tokens.
 */
import { base64Url, constantTimeEqual, fromBase64 } from "./random-secrets";
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

/** One signing key: its id (in the tokens it signs; "" for a key given without one), its secret, the whole value. */
export interface SigningKey {
  id: string;
  secret: string;
  /** The configured value as it is (what signed tokens before key ids existed). */
  raw: string;
}

/** The keys in use: the current one signs; the previous one (until removed) still verifies what it signed. */
export interface SigningKeys {
  current: SigningKey;
  previous: SigningKey | null;
}

const KEY_ID = /^[A-Za-z0-9]{1,8}$/;
const DEVELOPMENT_KEY = "trellis-development-only-token-secret";

/** Reads `<id>:<secret>`; a value without an id prefix is a key without an id. */
export function parseSigningKey(value: string): SigningKey {
  const colon = value.indexOf(":");
  const id = colon > 0 ? value.slice(0, colon) : "";
  return KEY_ID.test(id) && colon < value.length - 1
    ? { id, secret: value.slice(colon + 1), raw: value }
    : { id: "", secret: value, raw: value };
}

/**
 * The signing keys from TOKEN_SECRET (and TOKEN_SECRET_PREVIOUS); locally (dev tools on, and PUBLIC_URL unset or on
 * this computer) a fixed development key when none is set. A public PUBLIC_URL never gets the development key,
 * whatever DEV_TOOLS says.
 */
export function signingKeys(env: Env): SigningKeys {
  if (env.TOKEN_SECRET) {
    const current = parseSigningKey(env.TOKEN_SECRET);
    const previous = env.TOKEN_SECRET_PREVIOUS ? parseSigningKey(env.TOKEN_SECRET_PREVIOUS) : null;
    return { current, previous: previous && previous.raw !== current.raw ? previous : null };
  }
  // The development key is never rotated: it has no id (its links use the format from before key ids).
  if (env.DEV_TOOLS === "1" && isLocalOrigin(env.PUBLIC_URL))
    return { current: { id: "", secret: DEVELOPMENT_KEY, raw: DEVELOPMENT_KEY }, previous: null };
  throw new Error("TOKEN_SECRET is not set: links in emails cannot be signed (see README, Deploying).");
}

/** The current key's secret (CSRF tokens use it: sessions rotate, so they need no previous key). */
export function tokenSecret(env: Env): string {
  return signingKeys(env).current.secret;
}

/** Keys as given: a bare secret is one key without an id (tests, and tokens from before key ids). */
export function asSigningKeys(keys: SigningKeys | string): SigningKeys {
  return typeof keys === "string" ? { current: { id: "", secret: keys, raw: keys }, previous: null } : keys;
}

/** Every secret a token without a key id may have been signed with (each configured key's whole value). */
export function secretsForUnmarkedTokens(keys: SigningKeys): string[] {
  const all = [keys.current, keys.previous].filter((k): k is SigningKey => k !== null);
  return [...new Set(all.map((k) => k.raw))];
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
  const bytes = fromBase64(text);
  return bytes && new TextDecoder().decode(bytes);
}

/** Makes a token for the claims with the current key (`<id>.<claims>.<mac>`; a key without an id: `<claims>.<mac>`). */
export async function signToken(keys: SigningKeys | string, claims: Claims): Promise<string> {
  const key = asSigningKeys(keys).current;
  const parts = [claims.p, claims.u, claims.s, claims.x, ...(claims.r === undefined ? [] : [claims.r])];
  const body = base64Url(encoder.encode(JSON.stringify(parts)));
  if (!key.id) return `${body}.${await signText(key.secret, body)}`;
  return `${key.id}.${body}.${await signText(key.secret, `${key.id}.${body}`)}`;
}

/** True when `mac` is the MAC of a token's body under the key it names (or, without an id, under any configured key). */
async function signedByUs(keys: SigningKeys, id: string | null, body: string, mac: string): Promise<boolean> {
  if (id !== null) {
    const key = [keys.current, keys.previous].find((k) => k?.id && k.id === id);
    return key ? constantTimeEqual(mac, await signText(key.secret, `${id}.${body}`)) : false;
  }
  for (const secret of secretsForUnmarkedTokens(keys))
    if (constantTimeEqual(mac, await signText(secret, body))) return true;
  return false;
}

/** Why a token was refused. */
export type TokenProblem = "malformed" | "forged" | "wrong-purpose" | "expired";

/** Checks a token's signature, purpose and expiry; returns its claims or the problem. */
export async function verifyToken(
  keys: SigningKeys | string,
  token: string,
  purpose: string,
  now = Date.now(),
): Promise<{ ok: true; claims: Claims } | { ok: false; problem: TokenProblem }> {
  const pieces = token.split(".");
  const [id, body, mac] = pieces.length === 3 ? pieces : [null, pieces[0], pieces[1]];
  if (!body || !mac || pieces.length > 3 || id === "" || token.length > 600) return { ok: false, problem: "malformed" };
  if (!(await signedByUs(asSigningKeys(keys), id, body, mac))) return { ok: false, problem: "forged" };
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
