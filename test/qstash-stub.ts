/**
 * Stand-ins at the edge for the services that cannot be reached offline — QStash's HTTP API and Resend's — recording
 * the exact requests; QStash's signatures made as QStash makes them; the mail configurations; and calling the app with
 * a given environment.
 */
import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { vi } from "vitest";
import { app } from "../worker/app";
import { ORIGIN } from "./helpers";

/** QStash's current and next signing keys in the tests. */
export const SIGNING_KEY = "sig_current_test_key";
export const NEXT_SIGNING_KEY = "sig_next_test_key";
/** The From address the tests configure. */
export const MAIL_FROM = "Trellis <trellis@example.org>";

/** The environment with a sending service (Resend unless said otherwise) and no QStash: mail leaves directly. */
export function withService(base: Env, service: "resend" | "cloudflare" = "resend"): Env {
  return { ...base, MAIL_TRANSPORT: service, MAIL_FROM, RESEND_API_KEY: "re_test_key", PUBLIC_URL: ORIGIN } as Env;
}

/** The environment with a sending service and QStash in front of it. */
export function withQstash(base: Env, service: "resend" | "cloudflare" = "resend"): Env {
  return {
    ...withService(base, service),
    QSTASH_TOKEN: "qstash-test-token",
    QSTASH_URL: "https://qstash.test",
    QSTASH_CURRENT_SIGNING_KEY: SIGNING_KEY,
    QSTASH_NEXT_SIGNING_KEY: NEXT_SIGNING_KEY,
  } as Env;
}

/**
 * Records requests to https://qstash.test/ and https://api.resend.com/ and answers them (QStash with `status`, Resend
 * with `resendStatus` and an id `re_<call number>_<random>`); everything else goes out as usual.
 */
export function stubQstash(status = 201, resendStatus = 200): Request[] {
  const calls: Request[] = [];
  const realFetch = globalThis.fetch;
  vi.spyOn(globalThis, "fetch").mockImplementation(async (input, init) => {
    const req = new Request(input, init);
    if (req.url.startsWith("https://qstash.test/")) {
      calls.push(req);
      return new Response(JSON.stringify({ messageId: `msg_${calls.length}` }), { status });
    }
    if (req.url.startsWith("https://api.resend.com/")) {
      calls.push(req);
      const ok = resendStatus < 300;
      // Resend's ids are unique: the number of the call, and a random tail so ids never repeat across stubs.
      const id = `re_${calls.length}_${crypto.randomUUID().slice(0, 8)}`;
      const body = ok ? { id } : { name: "error", message: `failed with ${resendStatus}` };
      return new Response(JSON.stringify(body), { status: resendStatus });
    }
    return realFetch(input, init);
  });
  return calls;
}

/**
 * Calls the app with a given environment (e.g. with QStash configured; the Browser helper always uses the test's own).
 */
export async function callWith(path: string, environment: Env, init?: RequestInit): Promise<Response> {
  const ctx = createExecutionContext();
  const res = await app.fetch(new Request(ORIGIN + path, init), environment, ctx);
  await waitOnExecutionContext(ctx);
  return res;
}

const encoder = new TextEncoder();
const b64url = (bytes: Uint8Array) =>
  btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .replace(/=+$/, "");
export const b64 = (text: string) => btoa(String.fromCharCode(...encoder.encode(text)));

/** A JWT as QStash makes it (HS256 over the UTF-8 bytes of the signing key; `body` = padded base64url SHA-256). */
export async function qstashJwt(
  key: string,
  body: string,
  claims: Record<string, unknown> = {},
  header: Record<string, unknown> = { alg: "HS256", typ: "JWT" },
) {
  const now = Math.floor(Date.now() / 1000);
  const hash = btoa(String.fromCharCode(...new Uint8Array(await crypto.subtle.digest("SHA-256", encoder.encode(body)))))
    .replace(/\+/g, "-")
    .replace(/\//g, "_");
  const payload = {
    iss: "Upstash",
    sub: `${ORIGIN}/qstash/callback`,
    exp: now + 300,
    nbf: now,
    iat: now,
    jti: "jwt_test",
    body: hash,
    ...claims,
  };
  const data = `${b64url(encoder.encode(JSON.stringify(header)))}.${b64url(encoder.encode(JSON.stringify(payload)))}`;
  const k = await crypto.subtle.importKey("raw", encoder.encode(key), { name: "HMAC", hash: "SHA-256" }, false, [
    "sign",
  ]);
  return `${data}.${b64url(new Uint8Array(await crypto.subtle.sign("HMAC", k, encoder.encode(data))))}`;
}
