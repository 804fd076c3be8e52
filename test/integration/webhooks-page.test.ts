/**
 * The coordinator's webhooks page and an endpoint's page: registering (https only; a clear message with what was typed
 * kept), the secret shown once, CSRF on every write, only the program's own coordinators, every change audited; the
 * delivery log in the viewer's zone with replay; rotation; pause; and an endpoint switched off after repeated failures,
 * shown on the page and mailed to each coordinator in their language, then switched back on. Deliveries of an event
 * made through the app are checked with the independent `standardwebhooks` verifier against a stub receiver (the
 * offline edge), which also asserts the exact request.
 */
import { env } from "cloudflare:workers";
import { Webhook } from "standardwebhooks";
import { beforeAll, describe, expect, it } from "vitest";
import { formatInstant } from "../../worker/domain/format-time";
import { intlTag } from "../../worker/domain/i18n/locales";
import { DISABLE_AFTER_FAILURES, RETRY_MINUTES } from "../../worker/domain/webhooks/events";
import { deliverDueWebhooks } from "../../worker/webhooks/deliveries";
import { acceptInvitation, Browser, createPerson, createProgramAs, gzipSize, signedIn } from "../helpers";

const COORD = "whp-coord@example.org";
const CO_COORD = "whp-co@example.org";
const OTHER_COORD = "whp-other@example.org";
const ZONE = "Asia/Kolkata";
let programId = "";
let otherProgram = "";
let page = "";

/** A stub receiver: answers each request with the next status of `statuses` (then the last), keeping each request. */
function receiver(statuses: number[]) {
  const got: { url: string; method: string; headers: Record<string, string>; body: string }[] = [];
  const send = (async (url: string, init: RequestInit) => {
    got.push({
      url,
      method: String(init.method),
      headers: Object.fromEntries(new Headers(init.headers).entries()),
      body: String(init.body),
    });
    return new Response(null, { status: statuses[Math.min(got.length - 1, statuses.length - 1)] });
  }) as unknown as typeof fetch;
  return { got, send };
}

const endpointOf = async (url: string) =>
  (await env.DB.prepare("SELECT * FROM webhook_endpoints WHERE url = ?").bind(url).first<{
    id: string;
    secret: string;
    disabled_at: number | null;
    paused_at: number | null;
    failures: number;
  }>())!;

const auditCount = async (action: string) =>
  (await env.DB.prepare("SELECT count(*) AS n FROM audit_log WHERE action = ? AND program_id = ?")
    .bind(action, programId)
    .first<{ n: number }>())!.n;

/** Invites and accepts a mentee through the app (a participant.joined event); returns nothing. */
async function join(coordinator: Browser, email: string) {
  await coordinator.post(`/programs/${programId}/invitations`, { email, role: "mentee" });
  await acceptInvitation(email);
}

beforeAll(async () => {
  await createPerson(COORD, { canCreatePrograms: true, name: "Pat Coordinator" });
  await createPerson(OTHER_COORD, { canCreatePrograms: true, name: "Other Coordinator" });
  await env.DB.prepare("UPDATE people SET time_zone = ? WHERE email = ?").bind(ZONE, COORD).run();
  const b = await signedIn(COORD);
  programId = await createProgramAs(b, "Webhook page program");
  page = `/programs/${programId}/webhooks`;
  otherProgram = await createProgramAs(await signedIn(OTHER_COORD), "Someone else's program");
  // A second coordinator who reads Spanish, for the switch-off notice.
  const coId = await createPerson(CO_COORD, { name: "Cora" });
  await env.DB.batch([
    env.DB.prepare("UPDATE people SET language = 'es' WHERE id = ?").bind(coId),
    env.DB.prepare(
      "INSERT INTO memberships (program_id, person_id, role, status) VALUES (?, ?, 'coordinator', 'active')",
    ).bind(programId, coId),
  ]);
});

describe("the webhooks page", () => {
  it("is linked from the program's tabs, small, and offers every event with the address's limit", async () => {
    const b = await signedIn(COORD);
    expect((await b.get(`/programs/${programId}/api-tokens`)).html).toContain(`href="${page}"`);
    const { res, html } = await b.get(page);
    expect(res.status).toBe(200);
    expect(res.headers.get("Cache-Control")).toBe("no-store");
    expect(html).toContain('maxlength="500"');
    expect(html.match(/name="events"/g)).toHaveLength(7);
    expect(html).toContain("No endpoints yet.");
    expect(await gzipSize(html)).toBeLessThan(14 * 1024);
  });

  it("refuses an address that is not https, keeping what was typed, and stores nothing", async () => {
    const b = await signedIn(COORD);
    const cases: [string, string][] = [
      ["http://hooks.example.org/in", "Use an https:// address"],
      ["ftp://hooks.example.org/in", "Use an https:// address"],
      ["https://user:pw@hooks.example.org/in", "Remove the user name or password"],
      ["not a url", "Enter the endpoint&#39;s full address"],
      [`https://hooks.example.org/${"x".repeat(500)}`, "at most 500 characters"],
    ];
    for (const [url, message] of cases) {
      const res = await b.post(page, { url, events: ["pairing.created", "checkin.answered"] });
      expect(res.status).toBe(400);
      const html = await res.text();
      expect(html).toContain(message);
      if (url.length <= 500) expect(html).toContain(`value="${url.replace(/&/g, "&amp;")}"`);
      expect(html).toMatch(/value="pairing.created" checked/);
      expect(html).toMatch(/value="checkin.answered" checked/);
      expect(html).not.toMatch(/value="meeting.cancelled" checked/);
    }
    const none = await b.post(page, { url: "https://hooks.example.org/in" });
    expect(none.status).toBe(400);
    expect(await none.text()).toContain("Choose at least one event to send.");
    const bogus = await b.post(page, { url: "https://hooks.example.org/in", events: "user.deleted" });
    expect(bogus.status).toBe(400);
    const n = await env.DB.prepare("SELECT count(*) AS n FROM webhook_endpoints").first<{ n: number }>();
    expect(n!.n).toBe(0);
  });

  it("accepts http only for this computer while development tools are on", async () => {
    const b = await signedIn(COORD);
    const res = await b.post(page, { url: "http://localhost:8821/hook", events: "pairing.created" });
    expect(res.status).toBe(200);
    expect(
      (await b.post(`${page}/${(await endpointOf("http://localhost:8821/hook")).id}/delete`, { confirm: "yes" }))
        .status,
    ).toBe(303);
  });

  it("registers an endpoint, shows its secret once, audits it; refuses forged CSRF and other people", async () => {
    const b = await signedIn(COORD);
    const res = await b.post(page, { url: "https://hooks.example.org/in", events: ["participant.joined"] });
    expect(res.status).toBe(200);
    const html = await res.text();
    const endpoint = await endpointOf("https://hooks.example.org/in");
    expect(html).toContain(endpoint.secret);
    expect(endpoint.secret).toMatch(/^whsec_/);
    expect((await b.get(page)).html).not.toContain(endpoint.secret);
    expect((await b.get(`${page}/${endpoint.id}`)).html).not.toContain(endpoint.secret);
    expect(await auditCount("webhook.create")).toBe(2);
    expect((await b.get(`/programs/${programId}/audit`)).html).toContain("Registered a webhook endpoint");

    expect(
      (await b.post(page, { _csrf: "forged", url: "https://x.example.org/", events: "pairing.created" })).status,
    ).toBe(403);
    for (const action of ["rotate", "pause", "enable", "delete"])
      expect((await b.post(`${page}/${endpoint.id}/${action}`, { _csrf: "forged" })).status).toBe(403);

    const other = await signedIn(OTHER_COORD);
    expect((await other.get(page)).res.status).toBe(403);
    expect((await other.get(`${page}/${endpoint.id}`)).res.status).toBe(403);
    expect((await other.post(page, { url: "https://evil.example.org/", events: "pairing.created" })).status).toBe(403);
    for (const action of ["rotate", "pause", "enable", "delete"])
      expect((await other.post(`${page}/${endpoint.id}/${action}`, {})).status).toBe(403);
    // Their own program does not reach this endpoint either.
    const theirs = `/programs/${otherProgram}/webhooks/${endpoint.id}`;
    expect((await other.get(theirs)).res.status).toBe(404);
    expect((await other.post(`${theirs}/rotate`, {})).status).toBe(404);
    expect((await other.post(`${theirs}/delete`, { confirm: "yes" })).status).toBe(404);
    const visitor = new Browser();
    expect((await visitor.get(page)).res.status).toBe(303);
    expect((await endpointOf("https://hooks.example.org/in")).secret).toBe(endpoint.secret);
  });

  it("delivers an event made in the app, signed so the standard verifier accepts it, and logs it in the viewer's zone", async () => {
    const b = await signedIn(COORD);
    const endpoint = await endpointOf("https://hooks.example.org/in");
    await join(b, "whp-joiner@example.org");
    const r = receiver([204]);
    expect(await deliverDueWebhooks(env, Date.now(), r.send)).toBe(1);
    const [request] = r.got;
    expect(request!.url).toBe("https://hooks.example.org/in");
    expect(request!.method).toBe("POST");
    expect(request!.headers["content-type"]).toBe("application/json");
    expect(request!.headers["webhook-id"]).toMatch(/^msg_/);
    expect(Object.keys(request!.headers).sort()).toEqual([
      "content-type",
      "webhook-id",
      "webhook-signature",
      "webhook-timestamp",
    ]);
    const payload = new Webhook(endpoint.secret).verify(request!.body, request!.headers) as {
      type: string;
      data: { program_id: string; role: string };
    };
    expect(payload.type).toBe("participant.joined");
    expect(payload.data).toMatchObject({ program_id: programId, role: "mentee" });
    const attempt = (await env.DB.prepare("SELECT at FROM webhook_attempts WHERE delivery_id = ?")
      .bind(request!.headers["webhook-id"])
      .first<{ at: number }>())!;
    const log = (await b.get(`${page}/${endpoint.id}`)).html;
    expect(log).toContain("Delivered");
    expect(log).toContain(formatInstant(attempt.at, ZONE, intlTag("en")));
    expect(log).toContain("HTTP 204");
    expect(await gzipSize(log)).toBeLessThan(14 * 1024);
  });

  it("replays a delivery with the same webhook-id, audited; refuses one of another endpoint", async () => {
    const b = await signedIn(COORD);
    const endpoint = await endpointOf("https://hooks.example.org/in");
    const delivery = (await env.DB.prepare("SELECT id FROM webhook_deliveries WHERE endpoint_id = ?")
      .bind(endpoint.id)
      .first<{ id: string }>())!;
    const res = await b.post(`${page}/${endpoint.id}/deliveries/${delivery.id}/replay`, {});
    expect(res.status).toBe(303);
    expect(res.headers.get("Location")).toBe(`${page}/${endpoint.id}?done=replayed`);
    expect((await b.get(res.headers.get("Location")!)).html).toContain("Delivery queued again");
    const r = receiver([200]);
    await deliverDueWebhooks(env, Date.now() + 5 * 60_000, r.send);
    expect(r.got.map((g) => g.headers["webhook-id"])).toEqual([delivery.id]);
    expect(await auditCount("webhook.replay")).toBe(1);
    expect((await b.post(`${page}/nope/deliveries/${delivery.id}/replay`, {})).status).toBe(404);
    const other = await signedIn(OTHER_COORD);
    expect(
      (await other.post(`/programs/${otherProgram}/webhooks/${endpoint.id}/deliveries/${delivery.id}/replay`, {}))
        .status,
    ).toBe(404);
  });

  it("rotates the secret: the new one shown once signs, the old one no longer verifies", async () => {
    const b = await signedIn(COORD);
    const before = await endpointOf("https://hooks.example.org/in");
    const res = await b.post(`${page}/${before.id}/rotate`, {});
    expect(res.status).toBe(200);
    const after = await endpointOf("https://hooks.example.org/in");
    expect(after.secret).not.toBe(before.secret);
    expect(await res.text()).toContain(after.secret);
    await join(b, "whp-second@example.org");
    const r = receiver([200]);
    await deliverDueWebhooks(env, Date.now() + 120_000, r.send);
    const got = r.got.at(-1)!;
    expect(() => new Webhook(before.secret).verify(got.body, got.headers)).toThrow();
    expect(() => new Webhook(after.secret).verify(got.body, got.headers)).not.toThrow();
    expect(await auditCount("webhook.rotate")).toBe(1);
  });

  it("pauses (nothing queued) and resumes", async () => {
    const b = await signedIn(COORD);
    const e = await endpointOf("https://hooks.example.org/in");
    const paused = await b.post(`${page}/${e.id}/pause`, {});
    expect(paused.headers.get("Location")).toBe(`${page}/${e.id}?done=paused`);
    expect((await b.get(`${page}/${e.id}?done=paused`)).html).toContain("Paused");
    const count = async () =>
      (await env.DB.prepare("SELECT count(*) AS n FROM webhook_deliveries WHERE endpoint_id = ?")
        .bind(e.id)
        .first<{ n: number }>())!.n;
    const before = await count();
    await join(b, "whp-paused@example.org");
    expect(await count()).toBe(before);
    expect((await b.post(`${page}/${e.id}/enable`, {})).status).toBe(303);
    await join(b, "whp-resumed@example.org");
    expect(await count()).toBe(before + 1);
    expect(await auditCount("webhook.pause")).toBe(1);
  });

  it("switches an endpoint off after repeated failures, tells each coordinator in their language, and back on", async () => {
    const b = await signedIn(COORD);
    await b.post(page, { url: "https://down.example.org/in", events: "participant.joined" });
    const e = await endpointOf("https://down.example.org/in");
    const r = receiver([500]);
    let now = Date.now() + 10 * 60_000;
    await deliverDueWebhooks(env, now, r.send); // what the earlier tests left for the other endpoint
    for (let i = 0; i < DISABLE_AFTER_FAILURES; i++) {
      await join(b, `whp-fail${i}@example.org`);
      for (let attempt = 0; attempt <= RETRY_MINUTES.length; attempt++) {
        now += (RETRY_MINUTES[attempt - 1] ?? 1) * 60_000;
        await deliverDueWebhooks(env, now, r.send);
      }
    }
    const off = await endpointOf("https://down.example.org/in");
    expect(off.disabled_at).not.toBeNull();
    expect(off.failures).toBe(DISABLE_AFTER_FAILURES);
    // Each delivery tried once and retried once per step of the schedule, each attempt logged with its status.
    const attempts = await env.DB.prepare(
      "SELECT count(*) AS n FROM webhook_attempts a JOIN webhook_deliveries d ON d.id = a.delivery_id WHERE d.endpoint_id = ? AND a.status = 500",
    )
      .bind(e.id)
      .first<{ n: number }>();
    expect(attempts!.n).toBe(DISABLE_AFTER_FAILURES * (RETRY_MINUTES.length + 1));
    const mails = await env.DB.prepare(
      "SELECT to_email, subject, body_text FROM notifications WHERE kind = 'webhook-disabled' AND body_text LIKE '%down.example.org%' ORDER BY to_email",
    ).all<{ to_email: string; subject: string; body_text: string }>();
    expect(mails.results.map((m) => m.to_email)).toEqual([CO_COORD, COORD]);
    expect(mails.results[1]!.subject).toBe("Webhooks for Webhook page program switched off");
    expect(mails.results[1]!.body_text).toContain("https://down.example.org/in");
    expect(mails.results[1]!.body_text).toContain(`/programs/${programId}/webhooks/${e.id}`);
    expect(mails.results[0]!.subject).toBe("Webhooks de Webhook page program desactivados");
    const shown = (await b.get(`${page}/${e.id}`)).html;
    expect(shown).toContain("Switched off");
    expect(shown).toContain(`after ${DISABLE_AFTER_FAILURES} failed deliveries in a row`);
    expect(shown).toContain(`action="${page}/${e.id}/enable"`);
    expect((await b.get(page)).html).toContain("Switched off");
    const on = await b.post(`${page}/${e.id}/enable`, {});
    expect(on.headers.get("Location")).toBe(`${page}/${e.id}?done=enabled`);
    const back = await endpointOf("https://down.example.org/in");
    expect(back.disabled_at).toBeNull();
    expect(back.failures).toBe(0);
    expect(await auditCount("webhook.enable")).toBe(2);
  });

  it("deletes an endpoint with its log", async () => {
    const b = await signedIn(COORD);
    const e = await endpointOf("https://down.example.org/in");
    const ask = await b.post(`${page}/${e.id}/delete`, {});
    expect(ask.status).toBe(200);
    expect(await ask.text()).toContain("Yes, delete it");
    expect((await endpointOf("https://down.example.org/in")).id).toBe(e.id);
    const res = await b.post(`${page}/${e.id}/delete`, { confirm: "yes" });
    expect(res.headers.get("Location")).toBe(`${page}?deleted=1`);
    expect((await b.get(`${page}?deleted=1`)).html).toContain("Endpoint deleted.");
    const left = await env.DB.prepare("SELECT count(*) AS n FROM webhook_deliveries WHERE endpoint_id = ?")
      .bind(e.id)
      .first<{ n: number }>();
    expect(left!.n).toBe(0);
    expect((await b.get(`${page}/${e.id}`)).res.status).toBe(404);
    expect(await auditCount("webhook.delete")).toBe(2);
  });
});
