/**
 * QStash, for what it is for: holding a mail until its not-before time (the recipient's contact hours), retrying,
 * deduplicating publishes, and reporting the outcome. Its two calls are written here against QStash's documented HTTP
 * API rather than through the `@upstash/qstash` SDK: the SDK (with jose and neverthrow) was 17 KB gzip of the worker's
 * 300 KB budget for one POST and one HS256 check. The tests hold both to the wire: the exact publish request, and
 * signatures made as QStash documents them (test/qstash-stub.ts).
 *
 * Publish: one QStash message per mail, to this worker's own `/mail/deliver` (PUBLIC_URL), whose body is only
 * `{ "id": <outbox id> }` — the address and text stay in D1, the delivery endpoint reads them from there and sends
 * through the sending service. Deduplication id `<outbox id>.<attempts>`: a repeated publish of the same hand-over
 * (our answer lost) is dropped by QStash, while a replay (docs/mail.md) is a new hand-over. 3 retries; `/qstash/callback`
 * as callback and failure callback.
 *
 * Every call from QStash (deliveries and callbacks) carries an `Upstash-Signature` JWT (HS256 with a signing key; `iss`
 * "Upstash", `sub` the URL called, `exp`/`nbf`, `body` the SHA-256 of the raw body), checked against the raw body and
 * the URL it was meant for, with the current and then the next signing key.
 */

import { fromBase64 } from "../domain/random-secrets";

/** Where QStash's API is, unless QSTASH_URL says otherwise (a regional endpoint, or a stand-in in tests). */
const QSTASH_API = "https://qstash.upstash.io";
/** Seconds of clock difference allowed on a signature's `exp` and `nbf`. */
const CLOCK_TOLERANCE = 5;

/** The path QStash calls to have a mail sent. */
export const DELIVER_PATH = "/mail/deliver";
/** The path QStash calls back after each delivery attempt and after the last failed one. */
export const CALLBACK_PATH = "/qstash/callback";
/** Delivery attempts QStash makes after the first. */
export const QSTASH_RETRIES = 3;

/** The URL of one of this worker's machine routes at the public origin (PUBLIC_URL), as QStash calls and signs it. */
export function qstashTarget(env: Env, path: string): string {
  return `${(env.PUBLIC_URL ?? "").replace(/\/$/, "")}${path}`;
}

/** The URL of this worker's delivery endpoint, as QStash calls it and signs it. */
export function deliverUrl(env: Env): string {
  return qstashTarget(env, DELIVER_PATH);
}

/** The callback URL, as QStash calls it and signs it. */
export function callbackUrl(env: Env): string {
  return qstashTarget(env, CALLBACK_PATH);
}

/** One mail handed to QStash. */
export interface QstashHandOver {
  id: string;
  /** Hand-overs of this mail before this one (makes the deduplication id). */
  attempts: number;
  /** Deliver no earlier than this instant (epoch ms); ignored when not in the future. */
  notBefore: number | null;
}

/** Publishes one mail; returns QStash's message id. Throws when QStash does not take it. */
export function publishToQstash(env: Env, mail: QstashHandOver, now = Date.now()): Promise<string> {
  return publishQstashMessage(
    env,
    {
      url: deliverUrl(env),
      id: mail.id,
      deduplicationId: `${mail.id}.${mail.attempts}`,
      notBefore: mail.notBefore,
      extraHeaders: {
        "Upstash-Retries": String(QSTASH_RETRIES),
        "Upstash-Callback": callbackUrl(env),
        "Upstash-Failure-Callback": callbackUrl(env),
      },
    },
    now,
  );
}

/** One message for QStash to POST to one of our own machine routes as `{ "id": … }`. */
export interface QstashMessage {
  /** Our route's public URL, which QStash calls and signs. */
  url: string;
  /** The row the call is about: the only thing the message carries. */
  id: string;
  /** QStash drops a second message with the same id, so a repeated hand-over calls us once. */
  deduplicationId: string;
  /** Call no earlier than this instant (epoch ms); ignored when not in the future. */
  notBefore: number | null;
  extraHeaders?: Record<string, string>;
}

/** Publishes a message through QStash's HTTP API; returns QStash's message id. Throws when QStash does not take it. */
export async function publishQstashMessage(env: Env, m: QstashMessage, now = Date.now()): Promise<string> {
  const headers: Record<string, string> = {
    Authorization: `Bearer ${env.QSTASH_TOKEN ?? ""}`,
    "Content-Type": "application/json",
    "Upstash-Method": "POST",
    "Upstash-Deduplication-Id": m.deduplicationId,
    ...m.extraHeaders,
  };
  if (m.notBefore && m.notBefore > now) headers["Upstash-Not-Before"] = String(Math.ceil(m.notBefore / 1000));
  // Our outboxes retry a failed publish (the sweep, or the next call with the same id): no hidden waits here.
  const base = (env.QSTASH_URL || QSTASH_API).replace(/\/$/, "");
  const res = await fetch(`${base}/v2/publish/${m.url}`, {
    method: "POST",
    headers,
    body: JSON.stringify({ id: m.id }),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`QStash HTTP ${res.status}: ${text.slice(0, 200)}`);
  let messageId: unknown;
  try {
    messageId = (JSON.parse(text) as { messageId?: unknown }).messageId;
  } catch {
    messageId = undefined;
  }
  if (typeof messageId !== "string" || !messageId) throw new Error("QStash answered without a message id");
  return messageId;
}

const encoder = new TextEncoder();

/** Bytes of a base64url text (padding optional), or null when it is not one. */
function fromBase64Url(text: string): Uint8Array | null {
  return /^[A-Za-z0-9_-]*={0,2}$/.test(text) ? fromBase64(text.replace(/=+$/, "")) : null;
}

/** True when `jwt` is HS256-signed with `key` and its claims fit this call: issuer, URL, time and body hash. */
async function validJwt(jwt: string, key: string, body: string, url: string, nowSeconds: number): Promise<boolean> {
  const parts = jwt.split(".");
  if (parts.length !== 3) return false;
  const [head, claims, mac] = parts as [string, string, string];
  const macBytes = fromBase64Url(mac);
  const headBytes = fromBase64Url(head);
  const claimBytes = fromBase64Url(claims);
  if (!macBytes || !headBytes || !claimBytes) return false;
  const hmac = await crypto.subtle.importKey("raw", encoder.encode(key), { name: "HMAC", hash: "SHA-256" }, false, [
    "verify",
  ]);
  // WebCrypto's verify compares in constant time.
  if (!(await crypto.subtle.verify("HMAC", hmac, macBytes, encoder.encode(`${head}.${claims}`)))) return false;
  let header: { alg?: unknown };
  let payload: { iss?: unknown; sub?: unknown; exp?: unknown; nbf?: unknown; body?: unknown };
  try {
    header = JSON.parse(new TextDecoder().decode(headBytes));
    payload = JSON.parse(new TextDecoder().decode(claimBytes));
  } catch {
    return false;
  }
  if (header.alg !== "HS256" || payload.iss !== "Upstash" || payload.sub !== url) return false;
  if (typeof payload.exp !== "number" || payload.exp + CLOCK_TOLERANCE < nowSeconds) return false;
  if (typeof payload.nbf === "number" && payload.nbf - CLOCK_TOLERANCE > nowSeconds) return false;
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", encoder.encode(body)));
  const claimed = typeof payload.body === "string" ? fromBase64Url(payload.body) : null;
  return !!claimed && claimed.length === digest.length && claimed.every((b, i) => b === digest[i]);
}

/**
 * True when `signature` is QStash's over exactly `body`, for `url`, with the current or the next signing key. Never
 * throws; false without signing keys.
 */
export async function verifyQstash(
  env: Pick<Env, "QSTASH_CURRENT_SIGNING_KEY" | "QSTASH_NEXT_SIGNING_KEY">,
  signature: string | undefined | null,
  body: string,
  url: string,
  now = Date.now(),
): Promise<boolean> {
  const currentSigningKey = env.QSTASH_CURRENT_SIGNING_KEY;
  // Without a next key (QStash always shows both), the current one stands in.
  const nextSigningKey = env.QSTASH_NEXT_SIGNING_KEY || currentSigningKey;
  if (!signature || !currentSigningKey || !nextSigningKey) return false;
  const seconds = Math.floor(now / 1000);
  try {
    return (
      (await validJwt(signature, currentSigningKey, body, url, seconds)) ||
      (await validJwt(signature, nextSigningKey, body, url, seconds))
    );
  } catch {
    return false;
  }
}

/** The outbox id in a delivery's body (`{ "id": … }`), or null when the body is not one of ours. */
export function parseDelivery(body: string): string | null {
  try {
    const value = JSON.parse(body) as { id?: unknown } | null;
    const id = value && typeof value === "object" ? value.id : null;
    return typeof id === "string" && id.length > 0 && id.length <= 200 ? id : null;
  } catch {
    return null;
  }
}

/** What a callback says about one delivery attempt of one of our mails. */
export interface CallbackReport {
  /** Our outbox id, from the original message body. */
  id: string;
  /** The delivery endpoint's HTTP status for this attempt. */
  status: number;
  /** The endpoint's response body (decoded, cut short), for the error column. */
  response: string;
  /** True when QStash will not try again (a failure callback, or the last retry). */
  final: boolean;
}

/** Reads a callback body; null when it is not one about one of our mails. */
export function parseCallback(body: string): CallbackReport | null {
  let data: Record<string, unknown>;
  try {
    const value: unknown = JSON.parse(body);
    if (!value || typeof value !== "object" || Array.isArray(value)) return null;
    data = value as Record<string, unknown>;
  } catch {
    return null;
  }
  const source = typeof data.sourceBody === "string" ? decodeBase64Text(data.sourceBody) : null;
  const id = source === null ? null : parseDelivery(source);
  const status = Number(data.status);
  if (!id || !Number.isInteger(status)) return null;
  const retried = Number(data.retried);
  const maxRetries = Number(data.maxRetries);
  const final =
    typeof data.dlqId === "string" ||
    (Number.isFinite(retried) && Number.isFinite(maxRetries) && retried >= maxRetries);
  const response = (typeof data.body === "string" ? (decodeBase64Text(data.body) ?? "") : "").slice(0, 300);
  return { id, status, response, final };
}

/** The UTF-8 text of a base64 value QStash sends (either alphabet), or null when it is not base64. */
function decodeBase64Text(text: string): string | null {
  const bytes = fromBase64(text);
  return bytes && new TextDecoder().decode(bytes);
}
