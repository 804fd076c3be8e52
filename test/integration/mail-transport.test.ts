/**
 * Mail that leaves: the transport chosen by configuration, the exact requests and binding calls each sending service
 * gets, QStash's publish and the signed delivery (forged and replayed deliveries refused), the outbox sweep, and
 * bounces and complaints (Resend's signed webhooks) stopping mail to an address, shown to the coordinator.
 */
import { env } from "cloudflare:workers";
import { Webhook } from "standardwebhooks";
import { afterEach, describe, expect, it, vi } from "vitest";
import { mailHtml } from "../../worker/domain/mail-html";
import { notify } from "../../worker/mail/notify";
import { sweepOutbox } from "../../worker/mail/outbox-sweep";
import { transportName } from "../../worker/mail/transport";
import { Browser, createPerson, ORIGIN, signedIn } from "../helpers";
import { addMember } from "../matching-fixture";
import { callWith, MAIL_FROM, qstashJwt, SIGNING_KEY, stubQstash, withQstash, withService } from "../qstash-stub";

const qstashEnv = withQstash(env);
const directEnv = withService(env);

afterEach(() => vi.restoreAllMocks());

describe("dev mailbox", () => {
  it("lists sign-in mail with its link when no transport is configured", async () => {
    await createPerson("box@example.org");
    const b = new Browser();
    await b.post("/signin", { email: "box@example.org" });
    const { res, html } = await b.get("/dev/mailbox?to=box@example.org");
    expect(res.status).toBe(200);
    expect(html).toContain("Your Trellis sign-in link");
    expect(html).toMatch(/href="https:\/\/trellis\.test\/auth\/verify\?token=[A-Za-z0-9_-]{43}"/);
  });

  it("does not exist when a real transport is configured", async () => {
    expect((await callWith("/dev/mailbox", qstashEnv)).status).toBe(404);
  });

  it("does not exist when dev tools are off", async () => {
    expect((await callWith("/dev/mailbox", { ...env, DEV_TOOLS: "0" } as Env)).status).toBe(404);
  });
});

interface Row {
  id: string;
  to_email: string;
  body_text: string;
  status: string;
  transport: string;
  error: string | null;
  provider_id: string | null;
  qstash_message_id: string | null;
  attempts: number;
  delivered_at: number | null;
}

const rowOf = async (id: string) =>
  (await env.DB.prepare("SELECT * FROM notifications WHERE id = ?").bind(id).first<Row>())!;

/** Asks for a sign-in link as a visitor would, under a given configuration. */
async function askSignIn(email: string, environment: Env): Promise<Response> {
  const page = await callWith("/signin", environment);
  const csrf = page.headers
    .getSetCookie()
    .find((c) => c.startsWith("__Host-csrf="))!
    .split(";")[0]!
    .slice("__Host-csrf=".length);
  return callWith("/signin", environment, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: `__Host-csrf=${csrf}` },
    body: new URLSearchParams({ _csrf: csrf, email }),
  });
}

/** A person in UTC with no contact-hours limit, and a notification to them. */
async function personAndMail(email: string, environment: Env, now = Date.now()) {
  const personId = await createPerson(email, { name: "Robin" });
  await env.DB.prepare("UPDATE people SET time_zone = 'UTC', contact_start = 0, contact_end = 0 WHERE id = ?1")
    .bind(personId)
    .run();
  const result = await notify(
    environment,
    {
      personId,
      category: "meetings",
      kind: "meeting-moved",
      subject: "Your meeting moved",
      text: "Your meeting moved to Tuesday <10:00> & is in the calendar: https://trellis.test/calendar.",
      replyTo: "reply+abc@reply.trellis.localhost",
    },
    now,
  );
  return { personId, id: result.id, status: result.status };
}

describe("the transport follows configuration", () => {
  it("dev mailbox by default locally, direct with a service, QStash in front when configured, held when unknown", () => {
    expect(transportName(env)).toBe("dev-mailbox");
    expect(transportName({ ...env, DEV_TOOLS: "0" } as Env)).toBe("held");
    expect(transportName(directEnv)).toBe("direct");
    expect(transportName(withService(env, "cloudflare"))).toBe("direct");
    expect(transportName(qstashEnv)).toBe("qstash");
    // QStash needs PUBLIC_URL to reach the delivery endpoint; without it mail leaves directly.
    expect(transportName({ ...qstashEnv, PUBLIC_URL: undefined } as Env)).toBe("direct");
    // A misspelt service or a missing From address holds mail rather than showing it in a dev mailbox.
    expect(transportName({ ...directEnv, MAIL_TRANSPORT: "sendgird" } as Env)).toBe("held");
    expect(transportName({ ...directEnv, MAIL_FROM: "" } as Env)).toBe("held");
  });
});

describe("Cloudflare Email Service (the EMAIL binding)", () => {
  it("sends text, HTML, Reply-To and the unsubscribe headers in one binding call", async () => {
    const send = vi.fn(async (_message: unknown) => ({ messageId: "cf-msg-1" }));
    const cloudflare = { ...withService(env, "cloudflare"), EMAIL: { send } } as unknown as Env;
    const { id, status } = await personAndMail("cf@example.org", cloudflare);
    expect(status).toBe("delivered");
    const row = await rowOf(id);
    expect(send).toHaveBeenCalledTimes(1);
    const unsubscribe = /https:\/\/trellis\.test\/unsubscribe\/\S+/.exec(row.body_text)![0];
    expect(send.mock.calls[0]![0]).toEqual({
      from: MAIL_FROM,
      to: "cf@example.org",
      subject: "Your meeting moved",
      text: row.body_text,
      html: mailHtml(row.body_text),
      replyTo: "reply+abc@reply.trellis.localhost",
      headers: {
        "List-Unsubscribe": `<${unsubscribe}>`,
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        "Message-ID": `<${id}@example.org>`,
      },
    });
    expect(row).toMatchObject({ status: "delivered", transport: "direct", provider_id: "cf-msg-1", attempts: 1 });
  });

  it("the binding wrangler declares takes that message (workerd's local Email Service)", async () => {
    const { id, status } = await personAndMail("cf-real@example.org", withService(env, "cloudflare"));
    expect(status).toBe("delivered");
    expect((await rowOf(id)).provider_id).toBeTruthy();
  });

  it("a failing binding leaves the mail failed for the sweep to try again, with the reason kept", async () => {
    const send = vi.fn(async () => {
      throw new Error("email service unavailable");
    });
    const cloudflare = { ...withService(env, "cloudflare"), EMAIL: { send } } as unknown as Env;
    const { id } = await personAndMail("cf-fail@example.org", cloudflare);
    expect(await rowOf(id)).toMatchObject({ status: "failed", attempts: 1 });
    expect((await rowOf(id)).error).toContain("email service unavailable");
  });
});

describe("Resend without QStash", () => {
  it("sign-in mail: the exact API request, sent from the request, even without a footer", async () => {
    await createPerson("rs@example.org");
    const calls = stubQstash();
    expect((await askSignIn("rs@example.org", directEnv)).status).toBe(303);
    expect(calls).toHaveLength(1);
    const req = calls[0]!;
    const row = (await env.DB.prepare("SELECT * FROM notifications WHERE to_email = 'rs@example.org'").first<Row>())!;
    expect(req.method).toBe("POST");
    expect(req.url).toBe("https://api.resend.com/emails");
    expect(Object.fromEntries(req.headers)).toEqual({
      authorization: "Bearer re_test_key",
      "content-type": "application/json",
      "idempotency-key": row.id,
    });
    expect(await req.json()).toEqual({
      from: MAIL_FROM,
      to: ["rs@example.org"],
      subject: "Your Trellis sign-in link",
      text: row.body_text,
      html: mailHtml(row.body_text),
      headers: { "Message-ID": `<${row.id}@example.org>` },
    });
    expect(row).toMatchObject({
      status: "delivered",
      transport: "direct",
      provider_id: expect.stringMatching(/^re_1_/),
    });
  });

  it("mail outside the recipient's contact hours waits in the outbox; the sweep sends it when the time comes", async () => {
    const personId = await createPerson("rs-later@example.org");
    await env.DB.prepare("UPDATE people SET time_zone = 'UTC', contact_start = 540, contact_end = 1020 WHERE id = ?1")
      .bind(personId)
      .run();
    const calls = stubQstash();
    const sixAm = Date.UTC(2026, 11, 7, 6);
    const r = await notify(directEnv, { personId, category: "program", kind: "news", subject: "S", text: "T" }, sixAm);
    expect(r).toMatchObject({ status: "pending", notBefore: Date.UTC(2026, 11, 7, 9) });
    const toRobin = async () => {
      const sent = await Promise.all(calls.map(async (c) => ((await c.clone().json()) as { to: string[] }).to[0]));
      return sent.filter((to) => to === "rs-later@example.org").length;
    };
    await sweepOutbox(directEnv, Date.UTC(2026, 11, 7, 8, 55));
    expect(await toRobin()).toBe(0);
    expect((await rowOf(r.id)).status).toBe("pending");
    await sweepOutbox(directEnv, Date.UTC(2026, 11, 7, 9, 0));
    expect(await toRobin()).toBe(1);
    expect((await rowOf(r.id)).status).toBe("delivered");
    await sweepOutbox(directEnv, Date.UTC(2026, 11, 7, 9, 5));
    expect(await toRobin()).toBe(1);
  });

  it("a 5xx is retried by the sweep up to three attempts; a 4xx is not retried", async () => {
    stubQstash(201, 503);
    const { id } = await personAndMail("rs-503@example.org", directEnv);
    expect(await rowOf(id)).toMatchObject({ status: "failed", attempts: 1 });
    await sweepOutbox(directEnv);
    await sweepOutbox(directEnv);
    expect(await rowOf(id)).toMatchObject({ status: "failed", attempts: 3 });
    const calls = stubQstash();
    await sweepOutbox(directEnv);
    expect(await rowOf(id)).toMatchObject({ status: "failed", attempts: 3 });
    for (const c of calls) expect(((await c.json()) as { to: string[] }).to).not.toContain("rs-503@example.org");

    vi.restoreAllMocks();
    stubQstash(201, 422);
    const refused = await personAndMail("rs-422@example.org", directEnv);
    expect(await rowOf(refused.id)).toMatchObject({ status: "failed", attempts: 3 });
    expect((await rowOf(refused.id)).error).toBe("Resend HTTP 422: failed with 422");
  });
});

describe("QStash in front of the sending service", () => {
  it("publishes sign-in mail to our own delivery endpoint with a deduplication id; only the id travels", async () => {
    await createPerson("q@example.org");
    const calls = stubQstash();
    expect((await askSignIn("q@example.org", qstashEnv)).status).toBe(303);
    expect(calls).toHaveLength(1);
    const req = calls[0]!;
    const row = (await env.DB.prepare("SELECT * FROM notifications WHERE to_email = 'q@example.org'").first<Row>())!;
    expect(req.url).toBe("https://qstash.test/v2/publish/https://trellis.test/mail/deliver");
    expect(Object.fromEntries(req.headers)).toEqual({
      authorization: "Bearer qstash-test-token",
      "content-type": "application/json",
      "upstash-method": "POST",
      "upstash-deduplication-id": `${row.id}.0`,
      "upstash-retries": "3",
      "upstash-callback": "https://trellis.test/qstash/callback",
      "upstash-failure-callback": "https://trellis.test/qstash/callback",
    });
    expect(await req.json()).toEqual({ id: row.id });
    expect(row).toMatchObject({ status: "sent", transport: "qstash", qstash_message_id: "msg_1", attempts: 1 });
  });

  it("records a failed publish without failing the request", async () => {
    await createPerson("qfail@example.org");
    stubQstash(500);
    expect((await askSignIn("qfail@example.org", qstashEnv)).status).toBe(303);
    const row = (await env.DB.prepare(
      "SELECT * FROM notifications WHERE to_email = 'qfail@example.org'",
    ).first<Row>())!;
    expect(row.status).toBe("failed");
    expect(row.error).toContain("HTTP 500");
  });

  /** QStash delivering one of our messages to /mail/deliver, signed as QStash signs. */
  async function deliver(body: string, messageId: string, signature?: string, environment = qstashEnv) {
    const headers: Record<string, string> = { "Content-Type": "application/json", "Upstash-Message-Id": messageId };
    headers["Upstash-Signature"] = signature ?? (await qstashJwt(SIGNING_KEY, body, { sub: `${ORIGIN}/mail/deliver` }));
    return callWith("/mail/deliver", environment, { method: "POST", headers, body });
  }

  it("a signed delivery sends once through Resend; the same message delivered again sends nothing", async () => {
    const calls = stubQstash();
    const { id } = await personAndMail("q-deliver@example.org", qstashEnv);
    const body = JSON.stringify({ id });
    const first = await deliver(body, "msg_1");
    expect(first.status).toBe(200);
    expect(await first.text()).toBe("sent");
    const replay = await deliver(body, "msg_1");
    expect(replay.status).toBe(200);
    expect(await replay.text()).toBe("already handled: nothing sent");
    expect(calls.map((c) => c.url)).toEqual([
      "https://qstash.test/v2/publish/https://trellis.test/mail/deliver",
      "https://api.resend.com/emails",
    ]);
    expect(await rowOf(id)).toMatchObject({
      status: "delivered",
      provider_id: expect.stringMatching(/^re_2_/),
      qstash_message_id: "msg_1",
    });
  });

  it("two deliveries of the same mail at once send it once", async () => {
    const calls = stubQstash();
    const { id } = await personAndMail("q-race@example.org", qstashEnv);
    const body = JSON.stringify({ id });
    const answers = await Promise.all([deliver(body, "msg_1"), deliver(body, "msg_1"), deliver(body, "msg_1")]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409, 409].sort());
    expect(calls.filter((c) => c.url.includes("resend"))).toHaveLength(1);
  });

  it("refuses forged, re-addressed, tampered and unsigned deliveries with 401 and sends nothing", async () => {
    const calls = stubQstash();
    const { id } = await personAndMail("q-forged@example.org", qstashEnv);
    const body = JSON.stringify({ id });
    const refused = [
      await deliver(body, "m", ""),
      await deliver(body, "m", "not.a.jwt"),
      await deliver(body, "m", await qstashJwt("some_other_key", body, { sub: `${ORIGIN}/mail/deliver` })),
      // Signed for the callback URL, replayed at the delivery endpoint.
      await deliver(body, "m", await qstashJwt(SIGNING_KEY, body)),
      // A valid signature over another mail's body.
      await deliver(
        JSON.stringify({ id: `${id}x` }),
        "m",
        await qstashJwt(SIGNING_KEY, body, { sub: `${ORIGIN}/mail/deliver` }),
      ),
      await deliver(body, "m", undefined, { ...qstashEnv, QSTASH_CURRENT_SIGNING_KEY: undefined } as Env),
    ];
    expect(refused.map((r) => r.status)).toEqual(Array(refused.length).fill(401));
    expect(calls.filter((c) => c.url.includes("resend"))).toHaveLength(0);
    expect((await rowOf(id)).status).toBe("sent");
  });

  it("a service failure is answered so QStash retries (502), a refusal so it stops (489, non-retryable)", async () => {
    stubQstash(201, 500);
    const { id } = await personAndMail("q-502@example.org", qstashEnv);
    const res = await deliver(JSON.stringify({ id }), "msg_1");
    expect(res.status).toBe(502);
    expect(await rowOf(id)).toMatchObject({ status: "sent" });
    expect((await rowOf(id)).error).toBe("attempt failed: Resend HTTP 500: failed with 500");
    vi.restoreAllMocks();
    stubQstash(201, 422);
    const refused = await deliver(JSON.stringify({ id }), "msg_1");
    expect(refused.status).toBe(489);
    expect(refused.headers.get("Upstash-NonRetryable-Error")).toBe("true");
  });
});

describe("bounces and complaints (Resend webhooks, signed by Svix)", () => {
  const secret = `whsec_${btoa("resend-webhook-test-secret-32bytes!")}`;
  const hooked = { ...directEnv, RESEND_WEBHOOK_SECRET: secret } as Env;

  async function resendEvent(event: unknown, sign = true) {
    const body = JSON.stringify(event);
    const id = `msg_${crypto.randomUUID()}`;
    const at = new Date();
    const signature = sign ? new Webhook(secret).sign(id, at, body) : "v1,Zm9yZ2Vk";
    return callWith("/mail/events/resend", hooked, {
      method: "POST",
      headers: {
        "Content-Type": "application/json",
        "svix-id": id,
        "svix-timestamp": String(Math.floor(at.getTime() / 1000)),
        "svix-signature": signature,
      },
      body,
    });
  }

  const bounced = (emailId: string, to: string, type = "Permanent") => ({
    type: "email.bounced",
    created_at: new Date().toISOString(),
    data: {
      email_id: emailId,
      to: [to],
      subject: "Your meeting moved",
      bounce: { type, subType: "Suppressed", message: "The recipient's mailbox does not exist." },
    },
  });

  it("a permanent bounce marks the address undeliverable: no more mail to it, and the coordinator sees why", async () => {
    const calls = stubQstash();
    const programId = "prog-bounce";
    const coordinatorId = await createPerson("coord-bounce@example.org");
    await env.DB.prepare(
      "INSERT INTO programs (id, name, type, length_weeks, cadence_days, matching_mode, created_by) VALUES (?1, 'Bounce program', 'one-to-one', 12, 14, 'coordinator', ?2)",
    )
      .bind(programId, coordinatorId)
      .run();
    await env.DB.prepare(
      "INSERT INTO memberships (program_id, person_id, role, status) VALUES (?1, ?2, 'coordinator', 'active')",
    )
      .bind(programId, coordinatorId)
      .run();
    const personId = await addMember(programId, { email: "gone@example.org", role: "mentee", name: "Gone" });
    await env.DB.prepare("UPDATE people SET contact_start = 0, contact_end = 0 WHERE id = ?1").bind(personId).run();
    const first = await notify(hooked, { personId, category: "program", kind: "news", subject: "Hello", text: "Hi" });
    const providerId = (await rowOf(first.id)).provider_id!;
    expect(providerId).toMatch(/^re_1_/);

    const res = await resendEvent(bounced(providerId, "Gone@Example.org"));
    expect(res.status).toBe(200);
    expect(await res.text()).toBe("suppressed");
    const row = await rowOf(first.id);
    expect(row.status).toBe("bounced");
    expect(row.error).toBe("bounced: Permanent - Suppressed: The recipient's mailbox does not exist.");

    const next = await notify(hooked, { personId, category: "program", kind: "news", subject: "Again", text: "Hi" });
    expect(next.status).toBe("suppressed");
    expect((await rowOf(next.id)).error).toBe(
      "not sent: the address bounces (Permanent - Suppressed: The recipient's mailbox does not exist.)",
    );
    expect(calls.filter((c) => c.url.includes("resend"))).toHaveLength(1);

    const coordinator = await signedIn("coord-bounce@example.org");
    const page = await coordinator.get(`/programs/${programId}`);
    expect(page.html).toMatch(
      /gone@example\.org <strong class="badge bad">mail bounces<\/strong> <small dir="auto">Permanent - Suppressed: The recipient&#39;s mailbox does not exist\.<\/small>/,
    );

    // A sign-in link is still attempted (the person asked for it now); signing in with it clears the bounce.
    await env.DB.prepare("DELETE FROM rate_events").run();
    expect((await askSignIn("gone@example.org", hooked)).status).toBe(303);
    expect(calls.filter((c) => c.url.includes("resend"))).toHaveLength(2);
    const link = /token=([A-Za-z0-9_-]+)/.exec(
      (await env.DB.prepare(
        "SELECT body_text FROM notifications WHERE to_email = 'gone@example.org' AND kind = 'sign-in'",
      ).first<{ body_text: string }>())!.body_text,
    )![1]!;
    const visitor = new Browser();
    await visitor.get("/");
    expect((await visitor.post("/auth/verify", { token: link })).status).toBe(303);
    expect((await coordinator.get(`/programs/${programId}`)).html).not.toContain("mail bounces");
    const after = await notify(hooked, { personId, category: "program", kind: "news", subject: "Back", text: "Hi" });
    expect(after.status).toBe("delivered");
  });

  it("a complaint stops mail too; a transient bounce is only noted", async () => {
    stubQstash();
    const a = await personAndMail("complains@example.org", hooked);
    const b = await personAndMail("mailbox-full@example.org", hooked);
    const complaint = await resendEvent({
      type: "email.complained",
      created_at: new Date().toISOString(),
      data: { email_id: (await rowOf(a.id)).provider_id, to: ["complains@example.org"] },
    });
    expect(await complaint.text()).toBe("suppressed");
    const soft = await resendEvent(bounced((await rowOf(b.id)).provider_id!, "mailbox-full@example.org", "Transient"));
    expect(await soft.text()).toBe("noted");
    expect((await rowOf(b.id)).status).toBe("delivered");
    const suppressed = await env.DB.prepare(
      "SELECT email, kind FROM mail_suppressions WHERE email IN ('complains@example.org', 'mailbox-full@example.org')",
    ).all();
    expect(suppressed.results).toEqual([{ email: "complains@example.org", kind: "complaint" }]);
  });

  it("refuses unsigned and forged reports with 401 and changes nothing", async () => {
    stubQstash();
    const { id } = await personAndMail("forged-bounce@example.org", hooked);
    const event = bounced((await rowOf(id)).provider_id!, "forged-bounce@example.org");
    expect((await resendEvent(event, false)).status).toBe(401);
    const noSecret = await callWith("/mail/events/resend", directEnv, { method: "POST", body: JSON.stringify(event) });
    expect(noSecret.status).toBe(401);
    expect((await rowOf(id)).status).toBe("delivered");
    const none = await env.DB.prepare(
      "SELECT count(*) AS n FROM mail_suppressions WHERE email = 'forged-bounce@example.org'",
    ).first<{ n: number }>();
    expect(none!.n).toBe(0);
  });
});
