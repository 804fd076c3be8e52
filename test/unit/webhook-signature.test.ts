/**
 * Webhook signatures and payloads checked against an independent implementation of the Standard Webhooks
 * specification (the `standardwebhooks` package), and the retry schedule.
 */
import { Webhook } from "standardwebhooks";
import { describe, expect, it } from "vitest";
import {
  DISABLE_AFTER_FAILURES,
  nextAttemptAt,
  RETRY_MINUTES,
  WEBHOOK_EVENTS,
  webhookBody,
} from "../../worker/domain/webhooks/events";
import { newWebhookSecret, verifyWebhookSignature, webhookHeaders } from "../../worker/domain/webhooks/signature";

describe("webhook signatures", () => {
  it("verify what the standardwebhooks signer signed, and refuse any change, another secret or a stale time", async () => {
    const secret = newWebhookSecret();
    const body = '{"type":"pairing.created","data":{"pairing_id":"x1"}}';
    const now = Date.now();
    const sent = new Webhook(secret).sign("msg_9", new Date(now), body);
    const headers = { id: "msg_9", timestamp: String(Math.floor(now / 1000)), signature: sent };
    expect(await verifyWebhookSignature(secret, headers, body, now)).toBe(true);
    // Several signatures (a rotation): any one matching is enough.
    expect(await verifyWebhookSignature(secret, { ...headers, signature: `v1,AAAA ${sent}` }, body, now)).toBe(true);
    expect(await verifyWebhookSignature(secret, headers, body.replace("x1", "x2"), now)).toBe(false);
    expect(await verifyWebhookSignature(newWebhookSecret(), headers, body, now)).toBe(false);
    expect(await verifyWebhookSignature(secret, { ...headers, id: "msg_8" }, body, now)).toBe(false);
    expect(await verifyWebhookSignature(secret, headers, body, now + 6 * 60_000)).toBe(false);
    expect(await verifyWebhookSignature(secret, { ...headers, timestamp: "12x" }, body, now)).toBe(false);
    expect(await verifyWebhookSignature("whsec_%%%", headers, body, now)).toBe(false);
    expect(await verifyWebhookSignature(secret, { ...headers, signature: "" }, body, now)).toBe(false);
  });

  it("are accepted by the standardwebhooks verifier", async () => {
    for (let i = 0; i < 20; i++) {
      const secret = newWebhookSecret();
      expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
      const body = webhookBody(
        "checkin.answered",
        { program_id: "p1", pairing_id: "x1", checkin_id: "c1", person_id: `m${i}`, answer: "struggling" },
        Date.now(),
      );
      const headers = await webhookHeaders(secret, `msg_${i}`, body, Date.now());
      const verified = new Webhook(secret).verify(body, headers) as { type: string; data: { answer: string } };
      expect(verified.type).toBe("checkin.answered");
      expect(verified.data.answer).toBe("struggling");
    }
  });

  it("fail verification for another body, another secret or an old timestamp", async () => {
    const secret = newWebhookSecret();
    const body = webhookBody("pairing.at_risk", { program_id: "p1", pairing_id: "x1" }, Date.now());
    const headers = await webhookHeaders(secret, "msg_1", body, Date.now());
    expect(() => new Webhook(secret).verify(body.replace("x1", "x2"), headers)).toThrow();
    expect(() => new Webhook(newWebhookSecret()).verify(body, headers)).toThrow();
    const old = await webhookHeaders(secret, "msg_1", body, Date.now() - 10 * 60_000);
    expect(() => new Webhook(secret).verify(body, old)).toThrow();
  });

  it("match the specification's own example", async () => {
    // From the Standard Webhooks reference implementations' tests.
    const secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    const body = '{"test": 2432232314}';
    const id = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    const headers = await webhookHeaders(secret, id, body, 1614265330_000);
    expect(headers["webhook-signature"]).toBe("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
  });
});

describe("webhook events", () => {
  it("name the seven events and carry no text people wrote", () => {
    expect(WEBHOOK_EVENTS).toHaveLength(7);
    const body = JSON.parse(
      webhookBody("meeting.scheduled", { program_id: "p", pairing_id: "x", meeting_id: "m", first_start: "t" }, 0),
    );
    expect(Object.keys(body)).toEqual(["type", "timestamp", "data"]);
  });

  it("retry with growing waits, then stop", () => {
    const now = 1_000_000;
    const waits = RETRY_MINUTES.map((_, i) => (nextAttemptAt(i + 1, now)! - now) / 60_000);
    expect(waits).toEqual([...RETRY_MINUTES]);
    for (let i = 1; i < waits.length; i++) expect(waits[i]!).toBeGreaterThan(waits[i - 1]!);
    expect(nextAttemptAt(RETRY_MINUTES.length + 1, now)).toBeNull();
    expect(DISABLE_AFTER_FAILURES).toBeGreaterThan(1);
  });
});
