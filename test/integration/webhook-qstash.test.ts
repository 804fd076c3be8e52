/**
 * Webhook deliveries through QStash, where an installation has it (QSTASH_TOKEN and PUBLIC_URL): a due delivery is
 * handed to QStash (only its id travels), QStash's signed call to /webhooks/deliver makes the attempt, a failure is
 * handed back for its retry time, and forged or repeated calls send nothing. QStash and the receiver are stand-ins at
 * the edge that record the exact requests; the signature is checked by the independent `standardwebhooks` package.
 */
import { env } from "cloudflare:workers";
import { Webhook } from "standardwebhooks";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { DEMO_COORDINATOR } from "../../worker/demo/people";
import { seedDemo } from "../../worker/demo/seed";
import { DEMO_SPRING_PROGRAM_ID as PROGRAM } from "../../worker/demo/spring-ids";
import { createWebhookEndpoint } from "../../worker/webhooks/endpoints";
import { deliverDueWebhooks, queueWebhookEvent, webhooksViaQstash } from "../../worker/webhooks/deliveries";
import { ORIGIN } from "../helpers";
import { callWith, qstashJwt, SIGNING_KEY, withQstash } from "../qstash-stub";

const qstashEnv = withQstash(env);
const RECEIVER = "https://receiver.test/trellis";
let secret = "";

/** Stand-ins for QStash (answers each publish with a message id) and the receiver (the next status of `statuses`). */
function edges(statuses: number[]) {
  const published: { url: string; headers: Record<string, string>; body: string }[] = [];
  const received: { headers: Record<string, string>; body: string }[] = [];
  const realFetch = globalThis.fetch;
  vi.spyOn(globalThis, "fetch").mockImplementation(async (input, init) => {
    const req = new Request(input, init);
    if (req.url.startsWith("https://qstash.test/")) {
      published.push({ url: req.url, headers: Object.fromEntries(req.headers), body: await req.text() });
      return new Response(JSON.stringify({ messageId: `msg_${published.length}` }), { status: 201 });
    }
    if (req.url === RECEIVER) {
      received.push({ headers: Object.fromEntries(req.headers), body: await req.text() });
      return new Response(null, { status: statuses[Math.min(received.length - 1, statuses.length - 1)] });
    }
    return realFetch(input, init);
  });
  return { published, received };
}

/** QStash calling /webhooks/deliver with `body`, signed as QStash signs (or with `signature`). */
async function qstashCalls(body: string, signature?: string) {
  const headers: Record<string, string> = { "Content-Type": "application/json", "Upstash-Message-Id": "msg_x" };
  headers["Upstash-Signature"] =
    signature ?? (await qstashJwt(SIGNING_KEY, body, { sub: `${ORIGIN}/webhooks/deliver` }));
  return callWith("/webhooks/deliver", qstashEnv, { method: "POST", headers, body });
}

const rowOf = async (id: string) =>
  (await env.DB.prepare("SELECT status, attempts, next_at FROM webhook_deliveries WHERE id = ?")
    .bind(id)
    .first<{ status: string; attempts: number; next_at: number | null }>())!;

beforeAll(async () => {
  await seedDemo(env);
  const coordinator = await env.DB.prepare("SELECT id FROM people WHERE email = ?")
    .bind(DEMO_COORDINATOR.email)
    .first<{ id: string }>();
  ({ secret } = await createWebhookEndpoint(env, {
    programId: PROGRAM,
    url: RECEIVER,
    events: ["pairing.at_risk"],
    createdBy: coordinator!.id,
  }));
});

afterEach(() => vi.restoreAllMocks());

describe("webhooks through QStash", () => {
  it("are used when QStash is configured, as mail is", () => {
    expect(webhooksViaQstash(qstashEnv)).toBe(true);
    expect(webhooksViaQstash(env)).toBe(false);
    expect(webhooksViaQstash({ ...qstashEnv, PUBLIC_URL: undefined } as Env)).toBe(false);
  });

  it("hand a due delivery to QStash with only its id; QStash's call attempts it, signed; a repeated call sends nothing", async () => {
    const { published, received } = edges([204]);
    // Deliveries already queued by the seed's own events go first; this test follows its own.
    await env.DB.prepare("UPDATE webhook_deliveries SET status = 'failed', next_at = NULL").run();
    expect(await queueWebhookEvent(env, PROGRAM, "pairing.at_risk", { program_id: PROGRAM, pairing_id: "p1" })).toBe(1);
    const { id } = (await env.DB.prepare("SELECT id FROM webhook_deliveries WHERE status = 'pending'").first<{
      id: string;
    }>())!;

    expect(await deliverDueWebhooks(qstashEnv)).toBe(1);
    expect(received).toEqual([]);
    expect(published).toHaveLength(1);
    expect(published[0]).toMatchObject({
      url: "https://qstash.test/v2/publish/https://trellis.test/webhooks/deliver",
      body: JSON.stringify({ id }),
    });
    expect(published[0]!.headers).toMatchObject({
      authorization: "Bearer qstash-test-token",
      "upstash-method": "POST",
      "upstash-deduplication-id": `${id}.0`,
    });
    expect(published[0]!.headers["upstash-not-before"]).toBeUndefined();
    // The sweep seeing it again before QStash calls hands over the same attempt: QStash drops the duplicate by its id.
    await deliverDueWebhooks(qstashEnv);
    expect(published[1]!.headers["upstash-deduplication-id"]).toBe(`${id}.0`);

    const call = await qstashCalls(JSON.stringify({ id }));
    expect(call.status).toBe(200);
    expect(await call.text()).toBe("delivered");
    expect(received).toHaveLength(1);
    const verified = new Webhook(secret).verify(received[0]!.body, received[0]!.headers) as { type: string };
    expect(verified.type).toBe("pairing.at_risk");
    expect(received[0]!.headers["webhook-id"]).toBe(id);
    expect(await rowOf(id)).toMatchObject({ status: "delivered", attempts: 1 });

    const again = await qstashCalls(JSON.stringify({ id }));
    expect(again.status).toBe(200);
    expect(received).toHaveLength(1);
  });

  it("hand a failed attempt back to QStash for its retry time (1 minute), the next attempt in its deduplication id", async () => {
    const { published, received } = edges([503]);
    await queueWebhookEvent(env, PROGRAM, "pairing.at_risk", { program_id: PROGRAM, pairing_id: "p2" });
    const { id } = (await env.DB.prepare("SELECT id FROM webhook_deliveries WHERE status = 'pending'").first<{
      id: string;
    }>())!;
    const before = Date.now();
    expect((await qstashCalls(JSON.stringify({ id }))).status).toBe(200);
    expect(received).toHaveLength(1);
    const row = await rowOf(id);
    expect(row).toMatchObject({ status: "pending", attempts: 1 });
    expect(row.next_at! - before).toBeGreaterThanOrEqual(60_000);
    expect(published).toHaveLength(1);
    expect(published[0]!.headers).toMatchObject({
      "upstash-deduplication-id": `${id}.1`,
      "upstash-not-before": String(Math.ceil(row.next_at! / 1000)),
    });
    // QStash calling early (a clock ahead, a duplicate) finds the attempt not due: nothing is sent.
    expect((await qstashCalls(JSON.stringify({ id }))).status).toBe(200);
    expect(received).toHaveLength(1);
  });

  it("refuse forged, re-addressed and unsigned calls with 401, sending nothing", async () => {
    const { received } = edges([204]);
    await queueWebhookEvent(env, PROGRAM, "pairing.at_risk", { program_id: PROGRAM, pairing_id: "p3" });
    const { id } = (await env.DB.prepare(
      "SELECT id FROM webhook_deliveries WHERE status = 'pending' AND attempts = 0",
    ).first<{
      id: string;
    }>())!;
    const body = JSON.stringify({ id });
    const answers = [
      await qstashCalls(body, ""),
      await qstashCalls(body, "not.a.jwt"),
      await qstashCalls(body, await qstashJwt("another key", body, { sub: `${ORIGIN}/webhooks/deliver` })),
      await qstashCalls(body, await qstashJwt(SIGNING_KEY, body, { sub: `${ORIGIN}/mail/deliver` })),
    ];
    expect(answers.map((a) => a.status)).toEqual([401, 401, 401, 401]);
    expect(received).toEqual([]);
    expect(await rowOf(id)).toMatchObject({ status: "pending", attempts: 0 });
  });
});
