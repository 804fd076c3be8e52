/**
 * QStash, through the `@upstash/qstash` SDK, for what it is for: holding a mail until its not-before time (the
 * recipient's contact hours), retrying, deduplicating publishes, and reporting the outcome.
 *
 * Publish: one QStash message per mail, to this worker's own `/mail/deliver` (PUBLIC_URL), whose body is only
 * `{ "id": <outbox id> }` — the address and text stay in D1, the delivery endpoint reads them from there and sends
 * through the sending service. Deduplication id `<outbox id>.<attempts>`: a repeated publish of the same hand-over
 * (our answer lost) is dropped by QStash, while a replay (docs/mail.md) is a new hand-over. 3 retries; `/qstash/callback`
 * as callback and failure callback.
 *
 * Every call from QStash (deliveries and callbacks) carries an `Upstash-Signature` JWT, checked with the SDK's
 * Receiver against the raw body and the URL it was meant for, with the current and then the next signing key.
 */
// The SDK is loaded on first use (a publish or a QStash call), not when the worker starts: most requests never need it.
const sdk = () => import("@upstash/qstash");

/** The path QStash calls to have a mail sent. */
export const DELIVER_PATH = "/mail/deliver";
/** The path QStash calls back after each delivery attempt and after the last failed one. */
export const CALLBACK_PATH = "/qstash/callback";
/** Delivery attempts QStash makes after the first. */
export const QSTASH_RETRIES = 3;

/** The public origin QStash reaches us at (PUBLIC_URL without its trailing slash). */
function origin(env: Env): string {
  return (env.PUBLIC_URL ?? "").replace(/\/$/, "");
}

/** The URL of this worker's delivery endpoint, as QStash calls it and signs it. */
export function deliverUrl(env: Env): string {
  return `${origin(env)}${DELIVER_PATH}`;
}

/** The callback URL, as QStash calls it and signs it. */
export function callbackUrl(env: Env): string {
  return `${origin(env)}${CALLBACK_PATH}`;
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
export async function publishToQstash(env: Env, mail: QstashHandOver, now = Date.now()): Promise<string> {
  const { Client } = await sdk();
  const client = new Client({
    token: env.QSTASH_TOKEN!,
    ...(env.QSTASH_URL ? { baseUrl: env.QSTASH_URL.replace(/\/$/, "") } : {}),
    // Our outbox retries a failed publish (the sweep, or the next call with the same id): no hidden waits here.
    retry: false,
    enableTelemetry: false,
    devMode: false,
  });
  const res = await client.publishJSON({
    url: deliverUrl(env),
    body: { id: mail.id },
    deduplicationId: `${mail.id}.${mail.attempts}`,
    retries: QSTASH_RETRIES,
    callback: callbackUrl(env),
    failureCallback: callbackUrl(env),
    ...(mail.notBefore && mail.notBefore > now ? { notBefore: Math.ceil(mail.notBefore / 1000) } : {}),
  });
  return res.messageId;
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
): Promise<boolean> {
  const currentSigningKey = env.QSTASH_CURRENT_SIGNING_KEY;
  // Without a next key (QStash always shows both), the current one stands in: the SDK would look for one elsewhere.
  const nextSigningKey = env.QSTASH_NEXT_SIGNING_KEY || currentSigningKey;
  if (!signature || !currentSigningKey || !nextSigningKey) return false;
  try {
    const { Receiver } = await sdk();
    const receiver = new Receiver({ currentSigningKey, nextSigningKey, devMode: false });
    return await receiver.verify({ signature, body, url, clockTolerance: 5 });
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

function decodeBase64Text(text: string): string | null {
  try {
    const bin = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
    return new TextDecoder().decode(Uint8Array.from(bin, (c) => c.charCodeAt(0)));
  } catch {
    return null;
  }
}
