/**
 * The QStash mail transport: publishing one email job per notification, and checking the signature on QStash's
 * delivery callbacks. Plain fetch and crypto.subtle, no SDK.
 *
 * Publish: `POST {QSTASH_URL}/v2/publish/{EMAIL_ENDPOINT}` with the notification id as deduplication id (QStash drops a
 * second publish with the same id), an optional not-before time (the recipient's contact hours), 3 retries, and — when
 * PUBLIC_URL says where QStash can reach us — `/qstash/callback` as callback and failure callback. The email endpoint
 * receives `{ id, to, subject, text, headers }` and must send the mail with those headers (List-Unsubscribe…).
 *
 * Callbacks carry an `Upstash-Signature` JWT (HS256, keyed with the UTF-8 bytes of the current or next signing key)
 * whose claims say it was issued by "Upstash" for our callback URL, when it is valid, and the SHA-256 of the exact
 * body text (base64url). See https://upstash.com/docs/qstash/features/security.
 */
import { base64Url, constantTimeEqual } from "../domain/random-secrets";

/** One email job as the email endpoint receives it. */
export interface OutgoingMail {
  id: string;
  to: string;
  subject: string;
  text: string;
  /** Email headers the endpoint sets on the message (List-Unsubscribe, List-Unsubscribe-Post, Reply-To). */
  headers?: Record<string, string>;
  /** Deliver no earlier than this instant (epoch ms); ignored when not in the future. */
  notBefore?: number | null;
}

/** The path QStash calls back after each delivery attempt and after the last failed one. */
export const CALLBACK_PATH = "/qstash/callback";

/** The callback URL QStash can reach (needs PUBLIC_URL), or null when none is known. */
export function callbackUrl(env: Env): string | null {
  return env.PUBLIC_URL ? `${env.PUBLIC_URL.replace(/\/$/, "")}${CALLBACK_PATH}` : null;
}

/** Publishes one email job; throws when QStash does not accept it. */
export async function publishToQstash(
  env: Env,
  mail: OutgoingMail,
  now = Date.now(),
  fetcher: typeof fetch = fetch,
): Promise<void> {
  const base = (env.QSTASH_URL ?? "https://qstash.upstash.io").replace(/\/$/, "");
  const headers: Record<string, string> = {
    Authorization: `Bearer ${env.QSTASH_TOKEN}`,
    "Content-Type": "application/json",
    "Upstash-Deduplication-Id": mail.id,
    "Upstash-Retries": "3",
  };
  if (mail.notBefore && mail.notBefore > now) headers["Upstash-Not-Before"] = String(Math.ceil(mail.notBefore / 1000));
  const callback = callbackUrl(env);
  if (callback) {
    headers["Upstash-Callback"] = callback;
    headers["Upstash-Failure-Callback"] = callback;
  }
  const res = await fetcher(`${base}/v2/publish/${env.EMAIL_ENDPOINT}`, {
    method: "POST",
    headers,
    body: JSON.stringify({
      id: mail.id,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      headers: mail.headers ?? {},
    }),
  });
  if (!res.ok) throw new Error(`QStash publish failed with HTTP ${res.status}`);
}

const encoder = new TextEncoder();
/** Seconds of clock difference tolerated on `nbf` and `exp`. */
const CLOCK_TOLERANCE_S = 5;

/** Why a callback's signature was refused (for logs; the caller answers 401 to all). */
export type SignatureProblem =
  | "no-key"
  | "missing"
  | "malformed"
  | "bad-signature"
  | "wrong-issuer"
  | "wrong-subject"
  | "expired"
  | "not-yet-valid"
  | "wrong-body";

/**
 * Checks an `Upstash-Signature` JWT against the raw body text and the URL it was meant for, with the current signing
 * key and then the next one (QStash rotates them). Never throws.
 */
export async function verifyQstashSignature(
  env: Pick<Env, "QSTASH_CURRENT_SIGNING_KEY" | "QSTASH_NEXT_SIGNING_KEY">,
  signature: string | undefined | null,
  body: string,
  url: string,
  now = Date.now(),
): Promise<{ ok: true } | { ok: false; problem: SignatureProblem }> {
  const keys = [env.QSTASH_CURRENT_SIGNING_KEY, env.QSTASH_NEXT_SIGNING_KEY].filter((k): k is string => !!k);
  if (keys.length === 0) return { ok: false, problem: "no-key" };
  if (!signature) return { ok: false, problem: "missing" };
  let problem: SignatureProblem = "bad-signature";
  for (const key of keys) {
    const result = await verifyWithKey(key, signature, body, url, now);
    if (result === null) return { ok: true };
    problem = result;
    // Only a signature that does not match this key is worth trying with the other; a bad claim is bad for both.
    if (result !== "bad-signature") break;
  }
  return { ok: false, problem };
}

async function verifyWithKey(
  key: string,
  jwt: string,
  body: string,
  url: string,
  now: number,
): Promise<SignatureProblem | null> {
  const parts = jwt.split(".");
  if (parts.length !== 3 || jwt.length > 4096) return "malformed";
  const [head, payload, mac] = parts as [string, string, string];
  const header = decodeJson(head);
  if (header?.alg !== "HS256") return "malformed";
  const hmacKey = await crypto.subtle.importKey("raw", encoder.encode(key), { name: "HMAC", hash: "SHA-256" }, false, [
    "sign",
  ]);
  const expected = base64Url(
    new Uint8Array(await crypto.subtle.sign("HMAC", hmacKey, encoder.encode(`${head}.${payload}`))),
  );
  if (!constantTimeEqual(mac.replace(/=+$/, ""), expected)) return "bad-signature";
  const claims = decodeJson(payload);
  if (!claims) return "malformed";
  if (claims.iss !== "Upstash") return "wrong-issuer";
  if (claims.sub !== url) return "wrong-subject";
  const seconds = now / 1000;
  if (typeof claims.exp !== "number" || claims.exp + CLOCK_TOLERANCE_S <= seconds) return "expired";
  if (typeof claims.nbf === "number" && claims.nbf - CLOCK_TOLERANCE_S > seconds) return "not-yet-valid";
  const digest = base64Url(new Uint8Array(await crypto.subtle.digest("SHA-256", encoder.encode(body))));
  if (
    typeof claims.body !== "string" ||
    !constantTimeEqual(claims.body.replace(/=+$/, "").replace(/\+/g, "-").replace(/\//g, "_"), digest)
  )
    return "wrong-body";
  return null;
}

function decodeJson(part: string): Record<string, unknown> | null {
  try {
    const bin = atob(part.replace(/-/g, "+").replace(/_/g, "/"));
    const value: unknown = JSON.parse(new TextDecoder().decode(Uint8Array.from(bin, (c) => c.charCodeAt(0))));
    return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** What a callback says about one delivery attempt of one of our email jobs. */
export interface CallbackReport {
  /** Our notification id, from the original message body. */
  id: string;
  /** The email endpoint's HTTP status for this attempt. */
  status: number;
  /** The endpoint's response body (decoded, cut short), for the error column. */
  response: string;
  /** True when QStash will not try again (a failure callback, or the last retry). */
  final: boolean;
}

/** Reads a callback body; null when it is not one about one of our email jobs. */
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
  let id: unknown;
  try {
    id = source === null ? null : (JSON.parse(source) as { id?: unknown }).id;
  } catch {
    id = null;
  }
  const status = Number(data.status);
  if (typeof id !== "string" || !id || id.length > 100 || !Number.isInteger(status)) return null;
  const retried = Number(data.retried);
  const maxRetries = Number(data.maxRetries);
  const final =
    typeof data.dlqId === "string" ||
    (Number.isFinite(retried) && Number.isFinite(maxRetries) && retried >= maxRetries);
  const response = (typeof data.body === "string" ? (decodeBase64Text(data.body) ?? "") : "").slice(0, 300);
  return { id, status, response, final };
}

function decodeBase64Text(text: string): string | null {
  try {
    const bin = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
    return new TextDecoder().decode(Uint8Array.from(bin, (c) => c.charCodeAt(0)));
  } catch {
    return null;
  }
}
