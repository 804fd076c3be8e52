/**
 * Per-member reply addresses: `reply+<token>@<REPLY_DOMAIN>`, where the token says who may reply, to what (a pairing's
 * chat or a check-in), and until when, signed with TOKEN_SECRET.
 *
 * Why not `signToken` from domain/signed-link-tokens.ts: its tokens are base64url JSON plus a full 256-bit MAC, about
 * 160 characters for two 24-character ids, and an email local part should stay within 64 octets (RFC 5321 4.5.3.1.1).
 * Its MAC alone is 43 characters, so no shortening of the claims can make it fit. This is the same idea packed tighter:
 *
 *   payload = 3 header bytes: subject kind (2 bits: 0 pairing, 1 check-in), id form (1 bit: 0 = both ids are 24 hex
 *             digits, as `newId()` makes them, stored as 12 bytes each; 1 = ids stored as length-prefixed UTF-8),
 *             expiry in whole hours since 1970 (21 bits, rounded up; good until the year 2209)
 *           + the person id and the subject id
 *   token   = base32(payload + the first 9 bytes of HMAC-SHA256(TOKEN_SECRET, "trellis-reply-v1\0" + payload))
 *
 * Base32 (RFC 4648, lower case, no padding) because mail systems may change the case of a local part; base64url would
 * not survive that. With newId() ids the token is 36 bytes = 58 characters, so the local part is exactly 64 octets.
 * Letters and digits only: no ".", "+" or "-" edge cases in the local part.
 *
 * Key rotation: there is no room for a key id (the local part is already 64 octets), so a reply token is checked
 * against the current key, then the previous one (TOKEN_SECRET_PREVIOUS) — at most a few MACs; one made with a removed
 * key is refused.
 *
 * A 72-bit MAC is enough here: a forger can only try addresses by sending mail, one guess per message (and the sender
 * must also be the member's own address). The fixed prefix keeps these MACs apart from `signToken`'s (whose input is
 * base64url text, never containing a NUL byte), so one kind of token can never pass for the other.
 */
import {
  asSigningKeys,
  type Claims,
  type SigningKeys,
  secretsForUnmarkedTokens,
  signingKeys,
  type TokenProblem,
} from "../domain/signed-link-tokens";
import { constantTimeEqual } from "../domain/random-secrets";

/** What every reply address starts with, before its token. */
export const REPLY_PREFIX = "reply+";
/** The reply domain when REPLY_DOMAIN is not configured. */
export const DEFAULT_REPLY_DOMAIN = "reply.trellis.localhost";
/** The purpose in the claims a reply token yields (the `p` of signed tokens). */
export const REPLY_PURPOSE = "reply";

const MAC_BYTES = 9;
/**
 * The same packing signs the short tokens of links in mail (`/m/<token>`, purpose "link"): a different MAC context
 * keeps the two apart, so a reply address is never a link and a link never a reply address.
 */
const MAC_CONTEXTS: Record<string, string> = { reply: "trellis-reply-v1\0", link: "trellis-link-v1\0" };
/** What each purpose may be about: replies go to a chat or a check-in; links open a meeting or a check-in. */
const KINDS_OF: Record<string, readonly string[]> = { reply: ["pairing", "checkin"], link: ["meeting", "checkin"] };
/** The purposes packed tokens have (`p` of their claims). */
export type PackedPurpose = "reply" | "link";
const HOUR = 3_600_000;
const MAX_HOURS = 2 ** 21 - 1;
const HEX_ID = /^[0-9a-f]{24}$/;
const KINDS = ["pairing", "checkin", "meeting"] as const;
const ALPHABET = "abcdefghijklmnopqrstuvwxyz234567";
const encoder = new TextEncoder();

/** What a reply address is about. */
export type ReplySubject = { pairingId: string } | { checkinId: string };

/** The domain reply addresses use (REPLY_DOMAIN, or the local default). */
export function replyDomain(env: Env): string {
  return (env.REPLY_DOMAIN || DEFAULT_REPLY_DOMAIN).trim().toLowerCase();
}

/**
 * The reply address for a member about a pairing's chat or a check-in, working until `expiresAt` (epoch ms, kept to the
 * hour).
 */
export async function replyAddress(
  env: Env,
  personId: string,
  subject: ReplySubject,
  expiresAt: number,
): Promise<string> {
  const s = "pairingId" in subject ? `pairing:${subject.pairingId}` : `checkin:${subject.checkinId}`;
  const token = await signReplyToken(signingKeys(env).current.secret, {
    p: REPLY_PURPOSE,
    u: personId,
    s,
    x: expiresAt,
  });
  return `${REPLY_PREFIX}${token}@${replyDomain(env)}`;
}

/** Makes a reply token for claims whose subject is "pairing:<id>" or "checkin:<id>". */
export async function signReplyToken(secret: string, claims: Claims): Promise<string> {
  const context = MAC_CONTEXTS[claims.p];
  if (!context) throw new Error(`A packed token's purpose is "reply" or "link", not "${claims.p}".`);
  const colon = claims.s.indexOf(":");
  const kind = KINDS.indexOf(claims.s.slice(0, colon) as (typeof KINDS)[number]);
  const subjectId = claims.s.slice(colon + 1);
  if (colon < 0 || kind < 0 || !subjectId || !KINDS_OF[claims.p]!.includes(KINDS[kind]!))
    throw new Error(
      `A ${claims.p} token is about ${KINDS_OF[claims.p]!.map((k) => `"${k}:<id>"`).join(" or ")}, not "${claims.s}".`,
    );
  if (!claims.u) throw new Error("A reply token needs a person.");
  const hours = Math.ceil(claims.x / HOUR);
  if (!Number.isFinite(hours) || hours < 0 || hours > MAX_HOURS)
    throw new Error(`Reply token expiry out of range: ${claims.x}`);

  const compact = HEX_ID.test(claims.u) && HEX_ID.test(subjectId);
  const header = [(kind << 6) | (compact ? 0 : 0x20) | (hours >>> 16), (hours >>> 8) & 0xff, hours & 0xff];
  const ids = compact
    ? [...hexBytes(claims.u), ...hexBytes(subjectId)]
    : [...lengthPrefixed(claims.u), ...lengthPrefixed(subjectId)];
  const payload = Uint8Array.from([...header, ...ids]);
  const mac = await macOf(secret, context, payload);
  return base32(Uint8Array.from([...payload, ...mac]));
}

/**
 * Checks a reply token (any letter case): signature (by the current or the previous key), then expiry; returns the
 * claims (`x` rounded up to the hour) or the problem.
 */
export async function verifyReplyToken(
  keys: SigningKeys | string,
  token: string,
  now = Date.now(),
  purpose: PackedPurpose = REPLY_PURPOSE,
): Promise<{ ok: true; claims: Claims } | { ok: false; problem: TokenProblem }> {
  const context = MAC_CONTEXTS[purpose]!;
  const bytes = token.length <= 200 ? fromBase32(token) : null;
  if (!bytes || bytes.length < 3 + MAC_BYTES + 2) return { ok: false, problem: "malformed" };
  const payload = bytes.subarray(0, bytes.length - MAC_BYTES);
  const mac = bytes.subarray(bytes.length - MAC_BYTES);
  if (!(await signedWithOneOf(replySecrets(asSigningKeys(keys)), context, payload, mac)))
    return { ok: false, problem: "forged" };
  const kind = KINDS[payload[0]! >>> 6];
  const textIds = (payload[0]! & 0x20) !== 0;
  const hours = ((payload[0]! & 0x1f) << 16) | (payload[1]! << 8) | payload[2]!;
  const ids = textIds
    ? readLengthPrefixed(payload.subarray(3))
    : payload.length === 27
      ? [hex(payload.subarray(3, 15)), hex(payload.subarray(15, 27))]
      : null;
  if (!kind || !ids?.[0] || !ids[1] || !KINDS_OF[purpose]!.includes(kind)) return { ok: false, problem: "malformed" };
  const claims: Claims = { p: purpose, u: ids[0], s: `${kind}:${ids[1]}`, x: hours * HOUR };
  if (claims.x <= now) return { ok: false, problem: "expired" };
  return { ok: true, claims };
}

/**
 * The token in a reply address, when the address is one ("reply+<token>@<any domain>", any letter case, with or
 * without a display name and angle brackets); null otherwise. Any domain is accepted so that addresses already sent
 * keep working if REPLY_DOMAIN changes: the signature, not the domain, makes a token valid.
 */
export function replyTokenOf(address: string): string | null {
  const bare = /<([^<>]*)>\s*$/.exec(address)?.[1] ?? address;
  const at = bare.trim().lastIndexOf("@");
  if (at < 0) return null;
  const local = bare.trim().slice(0, at);
  if (local.slice(0, REPLY_PREFIX.length).toLowerCase() !== REPLY_PREFIX) return null;
  const token = local.slice(REPLY_PREFIX.length);
  return /^[A-Za-z2-7]+$/.test(token) ? token : null;
}

/** The secrets a reply token may have been made with: each key's secret, and its whole value (from before key ids). */
function replySecrets(keys: SigningKeys): string[] {
  const secrets = [keys.current.secret, keys.previous?.secret].filter((s): s is string => !!s);
  return [...new Set([...secrets, ...secretsForUnmarkedTokens(keys)])];
}

async function signedWithOneOf(
  secrets: string[],
  context: string,
  payload: Uint8Array,
  mac: Uint8Array,
): Promise<boolean> {
  for (const secret of secrets)
    if (constantTimeEqual(hex(mac), hex(await macOf(secret, context, payload)))) return true;
  return false;
}

async function macOf(secret: string, context: string, payload: Uint8Array): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, [
    "sign",
  ]);
  const data = new Uint8Array(context.length + payload.length);
  data.set(encoder.encode(context));
  data.set(payload, context.length);
  return new Uint8Array(await crypto.subtle.sign("HMAC", key, data)).subarray(0, MAC_BYTES);
}

function hexBytes(id: string): number[] {
  return Array.from({ length: id.length / 2 }, (_, i) => parseInt(id.slice(i * 2, i * 2 + 2), 16));
}

function hex(bytes: Uint8Array): string {
  return [...bytes].map((b) => b.toString(16).padStart(2, "0")).join("");
}

function lengthPrefixed(id: string): number[] {
  const bytes = encoder.encode(id);
  if (bytes.length > 255) throw new Error("A reply token's ids must be at most 255 bytes.");
  return [bytes.length, ...bytes];
}

/** Exactly two length-prefixed UTF-8 strings filling `bytes`, or null. */
function readLengthPrefixed(bytes: Uint8Array): [string, string] | null {
  const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
  const out: string[] = [];
  let i = 0;
  for (let n = 0; n < 2; n++) {
    const len = bytes[i];
    if (len === undefined || i + 1 + len > bytes.length) return null;
    try {
      out.push(decoder.decode(bytes.subarray(i + 1, i + 1 + len)));
    } catch {
      return null;
    }
    i += 1 + len;
  }
  return i === bytes.length ? [out[0]!, out[1]!] : null;
}

/** RFC 4648 base32, lower case, without padding. */
export function base32(bytes: Uint8Array): string {
  let out = "";
  let bits = 0;
  let value = 0;
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  return out;
}

/** Decodes unpadded base32 in either letter case; null for anything else (including non-zero leftover bits). */
export function fromBase32(text: string): Uint8Array | null {
  const out: number[] = [];
  let bits = 0;
  let value = 0;
  for (const ch of text.toLowerCase()) {
    const v = ALPHABET.indexOf(ch);
    if (v < 0) return null;
    value = (value << 5) | v;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
    value &= (1 << bits) - 1;
  }
  if (bits >= 5 || value !== 0) return null;
  return Uint8Array.from(out);
}
