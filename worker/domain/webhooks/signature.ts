/**
 * Standard Webhooks signing (https://www.standardwebhooks.com): a secret "whsec_" + base64 of 24 random bytes, and
 * for each message the headers `webhook-id`, `webhook-timestamp` (seconds) and `webhook-signature`
 * (`v1,` + base64 of HMAC-SHA256 over `<id>.<timestamp>.<body>` with the secret's bytes). WebCrypto only: a library
 * would add size for three lines.
 */

const PREFIX = "whsec_";

const toBase64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));

/** A new endpoint secret in the specification's format. */
export function newWebhookSecret(): string {
  const bytes = new Uint8Array(24);
  crypto.getRandomValues(bytes);
  return PREFIX + toBase64(bytes);
}

/** The secret's key bytes (the base64 after "whsec_"). */
function secretBytes(secret: string): Uint8Array {
  const raw = atob(secret.startsWith(PREFIX) ? secret.slice(PREFIX.length) : secret);
  return Uint8Array.from(raw, (ch) => ch.charCodeAt(0));
}

/** The `webhook-signature` value for one message: `v1,<base64 HMAC-SHA256>`. */
export async function webhookSignature(secret: string, id: string, timestampSeconds: number, body: string) {
  const key = await crypto.subtle.importKey("raw", secretBytes(secret), { name: "HMAC", hash: "SHA-256" }, false, [
    "sign",
  ]);
  const mac = await crypto.subtle.sign("HMAC", key, new TextEncoder().encode(`${id}.${timestampSeconds}.${body}`));
  return `v1,${toBase64(new Uint8Array(mac))}`;
}

/** The three headers a delivery carries, signed now (`at` in epoch ms). */
export async function webhookHeaders(secret: string, id: string, body: string, at: number) {
  const timestamp = Math.floor(at / 1000);
  return {
    "webhook-id": id,
    "webhook-timestamp": String(timestamp),
    "webhook-signature": await webhookSignature(secret, id, timestamp, body),
  };
}

/** How far a message's timestamp may be from now, either way, before it is refused as a replay (the spec's 5 minutes). */
const TOLERANCE_SECONDS = 5 * 60;

/** A message's three Standard Webhooks headers as received (Svix sends the same values under `svix-` names). */
export interface SignedMessageHeaders {
  id: string;
  timestamp: string;
  signature: string;
}

/**
 * Verifies a received message signed by `secret`: its timestamp within 5 minutes of `now` (epoch ms) and one of the
 * space-separated `v1,` signatures matching, compared in constant time. True only when both hold; never throws.
 */
export async function verifyWebhookSignature(
  secret: string,
  headers: SignedMessageHeaders,
  body: string,
  now = Date.now(),
): Promise<boolean> {
  const timestamp = Number(headers.timestamp);
  if (!headers.id || !/^\d+$/.test(headers.timestamp) || Math.abs(now / 1000 - timestamp) > TOLERANCE_SECONDS)
    return false;
  let expected: string;
  try {
    expected = await webhookSignature(secret, headers.id, timestamp, body);
  } catch {
    return false; // a secret that is not base64
  }
  const encoder = new TextEncoder();
  const want = encoder.encode(expected);
  let found = false;
  for (const candidate of headers.signature.split(" ")) {
    const got = encoder.encode(candidate);
    // Same length first (the length of a v1 signature is public); then every byte, whatever the first difference.
    if (got.length !== want.length) continue;
    let diff = 0;
    for (let i = 0; i < got.length; i++) diff |= (got[i] as number) ^ (want[i] as number);
    found ||= diff === 0;
  }
  return found;
}
