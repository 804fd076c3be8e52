/**
 * The webhook outbox in D1: events queued for the endpoints that chose them, deliveries signed as Standard Webhooks
 * (verified with the independent `standardwebhooks` package), retried on the schedule with every attempt logged,
 * endpoints switched off after repeated failures, and replays carrying the same `webhook-id`. The receiver is a stub
 * `fetch` that records each request exactly (an offline edge: the tests make no network calls).
 */
import { env } from "cloudflare:workers";
import { Webhook } from "standardwebhooks";
import { beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "../../worker/demo/seed";
import { DEMO_SPRING_PROGRAM_ID as PROGRAM } from "../../worker/demo/spring-ids";
import { DISABLE_AFTER_FAILURES, RETRY_MINUTES } from "../../worker/domain/webhooks/events";
import {
  deliverDueWebhooks,
  queueWebhookEvent,
  replayWebhookDelivery,
  webhookDeliveryLog,
} from "../../worker/webhooks/deliveries";
import {
  createWebhookEndpoint,
  enableWebhookEndpoint,
  programWebhookEndpoints,
  rotateWebhookSecret,
} from "../../worker/webhooks/endpoints";

/** A stub receiver: answers each request with the next status of `statuses` (then the last), and keeps them. */
function receiver(statuses: number[]) {
  const got: { url: string; headers: Record<string, string>; body: string }[] = [];
  const send = (async (url: string, init: RequestInit) => {
    got.push({ url, headers: Object.fromEntries(new Headers(init.headers).entries()), body: String(init.body) });
    return new Response(null, { status: statuses[Math.min(got.length - 1, statuses.length - 1)] });
  }) as unknown as typeof fetch;
  return { got, send };
}

const answered = { program_id: PROGRAM, pairing_id: "x1", checkin_id: "c1", person_id: "m1", answer: "struggling" };

beforeAll(async () => {
  await seedDemo(env);
});

describe("webhooks", () => {
  it("delivers an event only to endpoints that chose it, signed so the standard verifier accepts it", async () => {
    const now = Date.now();
    const a = await createWebhookEndpoint(env, {
      programId: PROGRAM,
      url: "https://hooks.example.org/a",
      events: ["checkin.answered"],
      createdBy: "coordinator",
    });
    await createWebhookEndpoint(env, {
      programId: PROGRAM,
      url: "https://hooks.example.org/b",
      events: ["pairing.created"],
      createdBy: "coordinator",
    });
    expect(await queueWebhookEvent(env, PROGRAM, "checkin.answered", answered, now)).toBe(1);
    const r = receiver([204]);
    expect(await deliverDueWebhooks(env, now, r.send)).toBe(1);
    expect(r.got).toHaveLength(1);
    expect(r.got[0]!.url).toBe("https://hooks.example.org/a");
    const payload = new Webhook(a.secret).verify(r.got[0]!.body, r.got[0]!.headers) as { type: string; data: object };
    expect(payload.type).toBe("checkin.answered");
    expect(payload.data).toEqual(answered);
    expect(await deliverDueWebhooks(env, now + 60_000, r.send)).toBe(0);
    const [entry] = await webhookDeliveryLog(env, a.id);
    expect(entry!.status).toBe("delivered");
    expect(entry!.attempts.map((x) => x.status)).toEqual([204]);
  });

  it("retries a failure on the schedule, logging every attempt, and replays with the same webhook-id", async () => {
    const start = Date.now();
    const e = await createWebhookEndpoint(env, {
      programId: PROGRAM,
      url: "https://hooks.example.org/flaky",
      events: ["pairing.at_risk"],
      createdBy: "coordinator",
    });
    await queueWebhookEvent(env, PROGRAM, "pairing.at_risk", { program_id: PROGRAM, pairing_id: "x1" }, start);
    const r = receiver([500, 503, 200]);
    let now = start;
    expect(await deliverDueWebhooks(env, now, r.send)).toBe(0);
    expect(await deliverDueWebhooks(env, now + 30_000, r.send)).toBe(0); // not due before the first wait
    now += RETRY_MINUTES[0] * 60_000;
    expect(await deliverDueWebhooks(env, now, r.send)).toBe(0);
    now += RETRY_MINUTES[1] * 60_000;
    expect(await deliverDueWebhooks(env, now, r.send)).toBe(1);
    const [entry] = await webhookDeliveryLog(env, e.id);
    expect(entry!.attempts.map((x) => x.status)).toEqual([500, 503, 200]);
    expect(new Set(r.got.map((g) => g.headers["webhook-id"])).size).toBe(1);

    expect(await replayWebhookDelivery(env, PROGRAM, entry!.id, now)).toBe(true);
    expect(await replayWebhookDelivery(env, "another-program", entry!.id, now)).toBe(false);
    expect(await deliverDueWebhooks(env, now, r.send)).toBe(1);
    expect(r.got.at(-1)!.headers["webhook-id"]).toBe(entry!.id);
  });

  it("switches an endpoint off after repeated failed deliveries, and on again", async () => {
    const e = await createWebhookEndpoint(env, {
      programId: PROGRAM,
      url: "https://hooks.example.org/down",
      events: ["meeting.cancelled"],
      createdBy: "coordinator",
    });
    const r = receiver([500]);
    let now = Date.now();
    for (let i = 0; i < DISABLE_AFTER_FAILURES; i++) {
      await queueWebhookEvent(
        env,
        PROGRAM,
        "meeting.cancelled",
        { program_id: PROGRAM, pairing_id: "x", meeting_id: `m${i}` },
        now,
      );
      for (let attempt = 0; attempt <= RETRY_MINUTES.length; attempt++) {
        await deliverDueWebhooks(env, now, r.send);
        now += (RETRY_MINUTES[attempt] ?? 1) * 60_000;
      }
    }
    const endpoint = (await programWebhookEndpoints(env, PROGRAM)).find((x) => x.id === e.id)!;
    expect(endpoint.disabledAt).not.toBeNull();
    expect(endpoint.failures).toBe(DISABLE_AFTER_FAILURES);
    expect(
      await queueWebhookEvent(
        env,
        PROGRAM,
        "meeting.cancelled",
        { program_id: PROGRAM, pairing_id: "x", meeting_id: "late" },
        now,
      ),
    ).toBe(0);
    expect(await enableWebhookEndpoint(env, PROGRAM, e.id)).toBe(true);
    expect(
      await queueWebhookEvent(
        env,
        PROGRAM,
        "meeting.cancelled",
        { program_id: PROGRAM, pairing_id: "x", meeting_id: "back" },
        now,
      ),
    ).toBe(1);
  });

  it("signs with the new secret once rotated", async () => {
    const e = await createWebhookEndpoint(env, {
      programId: PROGRAM,
      url: "https://hooks.example.org/rotate",
      events: ["pairing.created"],
      createdBy: "coordinator",
    });
    const secret = (await rotateWebhookSecret(env, PROGRAM, e.id))!;
    expect(secret).not.toBe(e.secret);
    expect(await rotateWebhookSecret(env, "another-program", e.id)).toBeNull();
    const now = Date.now();
    await queueWebhookEvent(
      env,
      PROGRAM,
      "pairing.created",
      { program_id: PROGRAM, pairing_id: "p", members: [] },
      now,
    );
    const r = receiver([200]);
    await deliverDueWebhooks(env, now, r.send);
    const got = r.got.find((g) => g.url.endsWith("/rotate"))!;
    expect(() => new Webhook(e.secret).verify(got.body, got.headers)).toThrow();
    expect(() => new Webhook(secret).verify(got.body, got.headers)).not.toThrow();
  });
});
