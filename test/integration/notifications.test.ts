/** Notifications: preferences, contact hours, QStash publishing and callbacks, unsubscribe links, the weekly digest. */
import { env } from "cloudflare:workers";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { signToken, tokenSecret, verifyToken } from "../../worker/domain/signed-link-tokens";
import { storedMailHeaders } from "../../worker/domain/mail-headers";
import { mailHtml } from "../../worker/domain/mail-html";
import { sendDigests } from "../../worker/mail/digest";
import { notify } from "../../worker/mail/notify";
import { b64, callWith, NEXT_SIGNING_KEY, qstashJwt, SIGNING_KEY, stubQstash, withQstash } from "../qstash-stub";
import { Browser, createPerson, ORIGIN, signedIn } from "../helpers";

const DAY = 86_400_000;
const qstashEnv = withQstash(env);

afterEach(() => vi.restoreAllMocks());

interface Row {
  id: string;
  to_email: string;
  subject: string;
  body_text: string;
  status: string;
  transport: string;
  person_id: string;
  category: string;
  not_before: number | null;
  sent_at: number | null;
  delivered_at: number | null;
  error: string | null;
  provider_id: string | null;
  qstash_message_id: string | null;
}

async function row(id: string): Promise<Row> {
  return (await env.DB.prepare("SELECT * FROM notifications WHERE id = ?").bind(id).first<Row>())!;
}

async function person(
  email: string,
  fields: { timeZone?: string; start?: number; end?: number; name?: string } = {},
): Promise<string> {
  const id = await createPerson(email, { name: fields.name ?? "Sam" });
  await env.DB.prepare("UPDATE people SET time_zone = ?2, contact_start = ?3, contact_end = ?4 WHERE id = ?1")
    .bind(id, fields.timeZone ?? "UTC", fields.start ?? 0, fields.end ?? 0)
    .run();
  return id;
}

async function setPref(personId: string, category: string, mode: string) {
  await env.DB.prepare("INSERT OR REPLACE INTO notification_prefs (person_id, category, mode) VALUES (?, ?, ?)")
    .bind(personId, category, mode)
    .run();
}

async function prefOf(personId: string, category: string): Promise<string | null> {
  return (
    (
      await env.DB.prepare("SELECT mode FROM notification_prefs WHERE person_id = ? AND category = ?")
        .bind(personId, category)
        .first<{ mode: string }>()
    )?.mode ?? null
  );
}

const message = (personId: string, extra: Partial<Parameters<typeof notify>[1]> = {}) => ({
  personId,
  category: "meetings" as const,
  kind: "meeting-moved",
  subject: "Your meeting moved",
  text: "Your meeting with Alex moved to Thursday.",
  link: `${ORIGIN}/pairings/p1/meetings/m1`,
  ...extra,
});

function unsubscribeTokenIn(text: string): string {
  const match = /\/unsubscribe\/([A-Za-z0-9_.-]+)/.exec(text);
  if (!match) throw new Error("no unsubscribe link");
  return match[1]!;
}

describe("notify honours preferences", () => {
  it("sends immediately by default, with a footer: why, the preferences page, a one-click unsubscribe for the category", async () => {
    const id = await person("n-default@example.org");
    const now = Date.now();
    const result = await notify(env, message(id), now);
    expect(result.status).toBe("delivered"); // the dev mailbox is the destination here
    expect(result.notBefore).toBe(now); // no contact-hours limit
    const r = await row(result.id);
    expect(r).toMatchObject({
      to_email: "n-default@example.org",
      person_id: id,
      category: "meetings",
      status: "delivered",
      transport: "dev-mailbox",
      not_before: now,
    });
    expect(r.body_text).toMatch(
      /^Your meeting with Alex moved to Thursday\.\n\nhttps:\/\/trellis\.test\/pairings\/p1\/meetings\/m1\n\n-- \n/,
    );
    expect(r.body_text).toContain(
      'You get this email because it is about a meeting in your mentoring ("Meetings" emails).',
    );
    expect(r.body_text).toContain("Choose which emails you get: https://trellis.test/settings/notifications");
    const token = unsubscribeTokenIn(r.body_text);
    expect(r.body_text).toContain(`with one click: https://trellis.test/unsubscribe/${token}\n`);
    const verified = await verifyToken(tokenSecret(env), token, "unsub", now);
    expect(verified).toEqual({ ok: true, claims: { p: "unsub", u: id, s: "meetings", x: now + 180 * DAY } });
  });

  it("keeps digest mail for the weekly digest and records mail turned off without sending it", async () => {
    const id = await person("n-prefs@example.org");
    await setPref(id, "meetings", "digest");
    await setPref(id, "chat", "off");
    const calls = stubQstash();
    const digest = await notify(qstashEnv, message(id), Date.now());
    const off = await notify(
      qstashEnv,
      message(id, { category: "chat", kind: "chat-message", subject: "New message" }),
      Date.now(),
    );
    const program = await notify(
      qstashEnv,
      message(id, { category: "program", kind: "program-news", subject: "News" }),
      Date.now(),
    );
    expect(digest).toMatchObject({ status: "digest", notBefore: null });
    expect(off).toMatchObject({ status: "skipped", notBefore: null });
    expect(program.status).toBe("sent");
    expect((await row(digest.id)).status).toBe("digest");
    expect((await row(off.id)).status).toBe("skipped");
    expect(calls).toHaveLength(1);
    expect(calls[0]!.headers.get("Upstash-Deduplication-Id")).toBe(`${program.id}.0`);
  });

  it("a deterministic id makes the call idempotent: one row, one publish", async () => {
    const id = await person("n-once@example.org");
    const calls = stubQstash();
    const input = message(id, { id: `test:once:${id}` });
    const first = await notify(qstashEnv, input, Date.now());
    const second = await notify(qstashEnv, input, Date.now() + 1000);
    expect(first).toEqual({ id: `test:once:${id}`, status: "sent", notBefore: first.notBefore });
    expect(second).toEqual(first);
    expect(calls).toHaveLength(1);
    const count = await env.DB.prepare("SELECT count(*) AS n FROM notifications WHERE id = ?")
      .bind(input.id)
      .first<{ n: number }>();
    expect(count!.n).toBe(1);
  });

  it("a failed publish is recorded, and calling again with the same id publishes it as the next hand-over", async () => {
    const id = await person("n-retry@example.org");
    const mailId = `test:retry:${id}`;
    const input = message(id, { id: mailId });
    stubQstash(500);
    expect(await notify(qstashEnv, input, Date.now())).toMatchObject({ status: "failed" });
    expect((await row(mailId)).error).toContain("500");
    vi.restoreAllMocks();
    const calls = stubQstash(201);
    expect(await notify(qstashEnv, input, Date.now())).toMatchObject({ status: "sent" });
    expect(calls).toHaveLength(1);
    // The first hand-over failed (attempt 0); this one is attempt 1. Sent twice to QStash by mistake, it would still
    // send once: the delivery takes the row before sending.
    expect(calls[0]!.headers.get("Upstash-Deduplication-Id")).toBe(`${mailId}.1`);
    expect((await row(mailId)).error).toBeNull();
  });

  it("a person who no longer exists gets nothing", async () => {
    expect(await notify(env, message("p-nobody"), Date.now())).toMatchObject({ status: "skipped", notBefore: null });
  });
});

describe("contact hours and the QStash request", () => {
  // 2026-11-20 12:00 in Berlin (CET) is 22:00 in Sydney (AEDT); Sydney's 09:00 next morning is 22:00 UTC.
  const berlinNoon = Date.UTC(2026, 10, 20, 11);
  const sydneyNineAm = Date.UTC(2026, 10, 20, 22);

  it("mail sent at Berlin noon to a person in Sydney (09:00-18:00) waits for 09:00 Sydney time: the exact publish", async () => {
    const id = await person("n-sydney@example.org", { timeZone: "Australia/Sydney", start: 540, end: 1080 });
    const calls = stubQstash();
    const replyTo = "reply+abc234@reply.trellis.localhost";
    const result = await notify(qstashEnv, message(id, { replyTo }), berlinNoon);
    expect(result.notBefore).toBe(sydneyNineAm);
    expect(result.status).toBe("sent");
    const r = await row(result.id);
    expect(r.not_before).toBe(sydneyNineAm);

    expect(calls).toHaveLength(1);
    const req = calls[0]!;
    expect(req.method).toBe("POST");
    expect(req.url).toBe("https://qstash.test/v2/publish/https://trellis.test/mail/deliver");
    expect(Object.fromEntries(req.headers)).toEqual({
      authorization: "Bearer qstash-test-token",
      "content-type": "application/json",
      "upstash-method": "POST",
      "upstash-deduplication-id": `${result.id}.0`,
      "upstash-not-before": String(sydneyNineAm / 1000),
      "upstash-retries": "3",
      "upstash-callback": "https://trellis.test/qstash/callback",
      "upstash-failure-callback": "https://trellis.test/qstash/callback",
    });
    // Only the outbox id travels through QStash: the address and the text stay in D1.
    const published = await req.text();
    expect(JSON.parse(published)).toEqual({ id: result.id });
    expect(r.qstash_message_id).toBe("msg_1");

    // At 09:00 in Sydney QStash calls our delivery endpoint, which sends through Resend: the exact request.
    const delivered = await callWith("/mail/deliver", qstashEnv, {
      method: "POST",
      headers: {
        "Content-Type": "application/json",
        "Upstash-Message-Id": "msg_1",
        "Upstash-Signature": await qstashJwt(SIGNING_KEY, published, { sub: `${ORIGIN}/mail/deliver` }),
      },
      body: published,
    });
    expect(delivered.status).toBe(200);
    expect(calls).toHaveLength(2);
    const send = calls[1]!;
    expect(send.url).toBe("https://api.resend.com/emails");
    expect(Object.fromEntries(send.headers)).toEqual({
      authorization: "Bearer re_test_key",
      "content-type": "application/json",
      "idempotency-key": result.id,
    });
    const token = await signToken(tokenSecret(env), { p: "unsub", u: id, s: "meetings", x: berlinNoon + 180 * DAY });
    const sent = (await send.json()) as Record<string, unknown>;
    expect(sent).toEqual({
      from: "Trellis <trellis@example.org>",
      to: ["n-sydney@example.org"],
      subject: "Your meeting moved",
      text: r.body_text,
      html: mailHtml(r.body_text),
      reply_to: replyTo,
      headers: {
        "List-Unsubscribe": `<https://trellis.test/unsubscribe/${token}>`,
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        // Its own Message-ID, from the outbox id, at the sender's domain (no thread: it names no pairing).
        "Message-ID": `<${r.id}@example.org>`,
      },
    });
    expect(sent.html).toContain(`<a href="https://trellis.test/unsubscribe/${token}">`);
    expect(r.body_text).toContain(`https://trellis.test/unsubscribe/${token}`);
    const after = await row(result.id);
    expect(after.status).toBe("delivered");
    expect(after.provider_id).toMatch(/^re_2_/);
  });

  it("within the recipient's hours there is no not-before header", async () => {
    const id = await person("n-berlin@example.org", { timeZone: "Europe/Berlin", start: 540, end: 1080 });
    const calls = stubQstash();
    const result = await notify(qstashEnv, message(id), berlinNoon);
    expect(result.notBefore).toBe(berlinNoon);
    expect(calls[0]!.headers.has("Upstash-Not-Before")).toBe(false);
  });

  it("the dev mailbox shows status, not-before and the List-Unsubscribe headers", async () => {
    const id = await person("n-box@example.org", { timeZone: "Australia/Sydney", start: 540, end: 1080 });
    const result = await notify(env, message(id), berlinNoon);
    const b = new Browser();
    const { res, html } = await b.get(`/dev/mailbox/${result.id}`);
    expect(res.status).toBe(200);
    const token = unsubscribeTokenIn((await row(result.id)).body_text);
    expect(html).toContain(`List-Unsubscribe: &lt;https://trellis.test/unsubscribe/${token}&gt;`);
    expect(html).toContain("List-Unsubscribe-Post: List-Unsubscribe=One-Click");
    // Times in the viewer's zone (UTC for a visitor): 22:00 UTC is 09:00 next morning in Sydney.
    expect(html).toContain("Status: delivered, category: meetings, not before Fri, 20 Nov 2026, 22:00 (UTC)");
    // The list page says the same in brief.
    const list = await b.get("/dev/mailbox?to=n-box@example.org");
    expect(list.html).toContain("not before");
  });
});

// ---- QStash callbacks ----------------------------------------------------------------------------------------------

/** A callback body about our message `id`, as QStash sends it. */
function callbackBody(id: string, fields: Record<string, unknown> = {}) {
  return JSON.stringify({
    status: 200,
    header: { "Content-Type": ["application/json"] },
    body: b64('{"ok":true}'),
    retried: 0,
    maxRetries: 3,
    sourceMessageId: "msg_1",
    url: "https://trellis.test/mail/deliver",
    method: "POST",
    sourceHeader: {},
    sourceBody: b64(JSON.stringify({ id })),
    notBefore: "0",
    createdAt: String(Date.now()),
    ...fields,
  });
}

async function callback(body: string, signature: string | null, environment: Env = qstashEnv) {
  const headers: Record<string, string> = { "Content-Type": "application/json", "Upstash-Message-Id": "msg_cb" };
  if (signature !== null) headers["Upstash-Signature"] = signature;
  return callWith("/qstash/callback", environment, { method: "POST", headers, body });
}

describe("QStash delivery callbacks", () => {
  let mailId: string;
  beforeEach(async () => {
    const id = await person(`n-cb-${crypto.randomUUID().slice(0, 8)}@example.org`);
    stubQstash();
    mailId = (await notify(qstashEnv, message(id), Date.now())).id;
    vi.restoreAllMocks();
    expect((await row(mailId)).status).toBe("sent");
  });

  it("a validly signed success callback marks the mail delivered (no CSRF token needed)", async () => {
    const body = callbackBody(mailId);
    const res = await callback(body, await qstashJwt(SIGNING_KEY, body));
    expect(res.status).toBe(200);
    const r = await row(mailId);
    expect(r.status).toBe("delivered");
    expect(r.delivered_at).toBeGreaterThan(0);
  });

  it("accepts the next signing key too (QStash rotates them)", async () => {
    const body = callbackBody(mailId);
    expect((await callback(body, await qstashJwt(NEXT_SIGNING_KEY, body))).status).toBe(200);
    expect((await row(mailId)).status).toBe("delivered");
  });

  it("refuses missing, forged, expired, re-addressed, tampered and unsigned callbacks with 401 and changes nothing", async () => {
    const body = callbackBody(mailId);
    const now = Math.floor(Date.now() / 1000);
    const refused = [
      await callback(body, null),
      await callback(body, ""),
      await callback(body, "not.a.jwt"),
      await callback(body, await qstashJwt("some_other_key", body)),
      await callback(body, await qstashJwt(SIGNING_KEY, body, { exp: now - 60, nbf: now - 400, iat: now - 400 })),
      await callback(body, await qstashJwt(SIGNING_KEY, body, { nbf: now + 600, exp: now + 900 })),
      await callback(body, await qstashJwt(SIGNING_KEY, body, { sub: "https://evil.test/qstash/callback" })),
      await callback(body, await qstashJwt(SIGNING_KEY, body, { iss: "Someone" })),
      await callback(callbackBody(mailId, { status: 500 }), await qstashJwt(SIGNING_KEY, body)),
      await callback(
        body,
        (await qstashJwt(SIGNING_KEY, body, {}, { alg: "none", typ: "JWT" })).replace(/\.[^.]+$/, "."),
      ),
      await callback(body, await qstashJwt(SIGNING_KEY, body), {
        ...qstashEnv,
        QSTASH_CURRENT_SIGNING_KEY: undefined,
        QSTASH_NEXT_SIGNING_KEY: undefined,
      } as Env),
    ];
    expect(refused.map((r) => r.status)).toEqual(Array(refused.length).fill(401));
    const r = await row(mailId);
    expect(r.status).toBe("sent");
    expect(r.delivered_at).toBeNull();
    expect(r.error).toBeNull();
  });

  it("a failed attempt with retries left keeps the error; the failure callback marks it failed", async () => {
    const attempt = callbackBody(mailId, { status: 503, body: b64("mailer down"), retried: 1, maxRetries: 3 });
    expect((await callback(attempt, await qstashJwt(SIGNING_KEY, attempt))).status).toBe(200);
    let r = await row(mailId);
    expect(r.status).toBe("sent");
    expect(r.error).toContain("HTTP 503: mailer down");
    const failure = callbackBody(mailId, {
      status: 400,
      body: b64("bad address"),
      retried: 3,
      maxRetries: 3,
      dlqId: "1725323658779-0",
    });
    expect((await callback(failure, await qstashJwt(SIGNING_KEY, failure))).status).toBe(200);
    r = await row(mailId);
    expect(r.status).toBe("failed");
    expect(r.error).toBe("HTTP 400: bad address");
  });

  it("a signed callback about a message that is not ours is acknowledged and changes nothing", async () => {
    for (const body of [
      callbackBody("no-such-id"),
      JSON.stringify({ status: 200, sourceBody: b64("not json") }),
      "[]",
    ]) {
      const res = await callback(body, await qstashJwt(SIGNING_KEY, body));
      expect(res.status).toBe(200);
    }
    expect((await row(mailId)).status).toBe("sent");
  });
});

// ---- Unsubscribe links ---------------------------------------------------------------------------------------------

describe("unsubscribe links", () => {
  async function mailed(email: string, category: "meetings" | "chat" = "meetings") {
    const id = await person(email);
    const result = await notify(env, message(id, { category }), Date.now());
    return { id, token: unsubscribeTokenIn((await row(result.id)).body_text) };
  }

  it("opening the link shows what it turns off and changes nothing (link scanners are harmless)", async () => {
    const { id, token } = await mailed("u-get@example.org");
    const { res, html } = await new Browser().get(`/unsubscribe/${token}`);
    expect(res.status).toBe(200);
    expect(html).toContain("u-get@example.org will no longer get &quot;Meetings&quot; emails");
    expect(html).toMatch(new RegExp(`<form method="post" action="/unsubscribe/${token.replace(/\./g, "\\.")}">`));
    expect(await prefOf(id, "meetings")).toBeNull();
  });

  it("the button turns the category off, then the page says so", async () => {
    const { id, token } = await mailed("u-post@example.org");
    const b = new Browser();
    await b.get(`/unsubscribe/${token}`);
    const res = await b.post(`/unsubscribe/${token}`, {});
    expect(res.status).toBe(303);
    expect(res.headers.get("Location")).toBe(`/unsubscribe/${token}`);
    expect(await prefOf(id, "meetings")).toBe("off");
    expect(await prefOf(id, "chat")).toBeNull();
    const { html } = await b.get(`/unsubscribe/${token}`);
    expect(html).toContain("You are unsubscribed");
    // Mail in that category is now recorded, not sent.
    expect((await notify(env, message(id), Date.now())).status).toBe("skipped");
  });

  it("accepts an RFC 8058 one-click POST from a mail provider: no cookie, no CSRF token", async () => {
    const { id, token } = await mailed("u-oneclick@example.org", "chat");
    const res = await callWith(`/unsubscribe/${token}`, env, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: "List-Unsubscribe=One-Click",
    });
    expect(res.status).toBe(200);
    expect(await prefOf(id, "chat")).toBe("off");

    const second = await mailed("u-oneclick-multipart@example.org");
    const form = new FormData();
    form.set("List-Unsubscribe", "One-Click");
    const multipart = await callWith(`/unsubscribe/${second.token}`, env, { method: "POST", body: form });
    expect(multipart.status).toBe(200);
    expect(await prefOf(second.id, "meetings")).toBe("off");
  });

  it("refuses forged, re-purposed and expired links with a clear page, and changes nothing", async () => {
    const { id, token } = await mailed("u-bad@example.org");
    const secret = tokenSecret(env);
    const forged = `${token.split(".")[0]}.${"A".repeat(43)}`;
    const otherPerson = await signToken("not-our-secret", { p: "unsub", u: id, s: "meetings", x: Date.now() + DAY });
    const wrongPurpose = await signToken(secret, { p: "checkin", u: id, s: "meetings", x: Date.now() + DAY });
    const unknownCategory = await signToken(secret, { p: "unsub", u: id, s: "everything", x: Date.now() + DAY });
    const expired = await signToken(secret, { p: "unsub", u: id, s: "meetings", x: Date.now() - 1000 });
    const b = new Browser();
    for (const bad of [forged, otherPerson, wrongPurpose, unknownCategory, "garbage", "%E0%A4%A"]) {
      const { res, html } = await b.get(`/unsubscribe/${bad}`);
      expect(res.status).toBe(404);
      expect(html).toContain("This unsubscribe link doesn&#39;t work");
      // With a CSRF token (from the page) the route itself refuses; without one, the CSRF check does.
      expect((await b.post(`/unsubscribe/${bad}`, {})).status).toBe(404);
      const oneClick = await callWith(`/unsubscribe/${bad}`, env, {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
        body: "List-Unsubscribe=One-Click",
      });
      expect(oneClick.status).toBe(403);
    }
    const { res, html } = await b.get(`/unsubscribe/${expired}`);
    expect(res.status).toBe(400);
    expect(html).toContain("more than 180 days old");
    expect((await b.post(`/unsubscribe/${expired}`, {})).status).toBe(400);
    expect(await prefOf(id, "meetings")).toBeNull();
  });

  it("the digest's link turns off every category that was in the digest", async () => {
    const id = await person("u-digest@example.org");
    await setPref(id, "chat", "digest");
    await setPref(id, "meetings", "digest");
    await setPref(id, "program", "immediate");
    const token = await signToken(tokenSecret(env), { p: "unsub", u: id, s: "digest", x: Date.now() + DAY });
    const { html } = await new Browser().get(`/unsubscribe/${token}`);
    expect(html).toContain("Stop the weekly digest");
    const res = await callWith(`/unsubscribe/${token}`, env, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: "List-Unsubscribe=One-Click",
    });
    expect(res.status).toBe(200);
    expect(await prefOf(id, "chat")).toBe("off");
    expect(await prefOf(id, "meetings")).toBe("off");
    expect(await prefOf(id, "program")).toBe("immediate");
  });
});

// ---- Preferences page ----------------------------------------------------------------------------------------------

describe("notification preferences page", () => {
  it("sends visitors to sign in", async () => {
    const res = await new Browser().fetch("/settings/notifications");
    expect(res.status).toBe(303);
    expect(res.headers.get("Location")).toBe("/signin?next=%2Fsettings%2Fnotifications");
  });

  it("round-trips with JavaScript off: every category immediate by default, saved with a plain form POST", async () => {
    const id = await person("s-roundtrip@example.org");
    await env.DB.prepare(
      "UPDATE people SET time_zone = 'Europe/Berlin', contact_start = 540, contact_end = 1080 WHERE id = ?",
    )
      .bind(id)
      .run();
    const b = await signedIn("s-roundtrip@example.org");
    const page = await b.get("/settings/notifications");
    expect(page.res.status).toBe(200);
    expect(page.html).toContain("outside your contact hours (09:00–18:00, Europe/Berlin)");
    for (const c of ["check-ins", "reminders", "chat", "meetings", "program"]) {
      expect(page.html).toMatch(new RegExp(`<input type="radio" name="${c}" value="immediate" checked=""`));
    }
    const res = await b.post("/settings/notifications", {
      "check-ins": "immediate",
      reminders: "digest",
      chat: "off",
      meetings: "digest",
      program: "immediate",
    });
    expect(res.status).toBe(303);
    expect(res.headers.get("Location")).toBe("/settings/notifications?saved=1");
    const after = await b.get("/settings/notifications?saved=1");
    expect(after.html).toContain("Your choices are saved.");
    expect(after.html).toMatch(/<input type="radio" name="reminders" value="digest" checked=""/);
    expect(after.html).toMatch(/<input type="radio" name="chat" value="off" checked=""/);
    expect(await prefOf(id, "reminders")).toBe("digest");
    expect(await prefOf(id, "chat")).toBe("off");
    expect(await prefOf(id, "check-ins")).toBe("immediate");
  });

  it("with htmx, answers the saved form as a fragment", async () => {
    await person("s-htmx@example.org");
    const b = await signedIn("s-htmx@example.org");
    await b.get("/settings/notifications");
    const res = await b.post(
      "/settings/notifications",
      { "check-ins": "off", reminders: "off", chat: "off", meetings: "off", program: "off" },
      { "HX-Request": "true" },
    );
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).not.toContain("<html");
    expect(html).toContain("Your choices are saved.");
  });

  it("refuses bad values with 422, keeps what was chosen, and saves nothing", async () => {
    const id = await person("s-bad@example.org");
    const b = await signedIn("s-bad@example.org");
    await b.get("/settings/notifications");
    const res = await b.post("/settings/notifications", {
      "check-ins": "digest",
      reminders: "sometimes",
      chat: "off",
      program: "immediate",
    });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain("Please fix the 2 fields marked below.");
    expect(html).toContain('id="e-reminders"');
    expect(html).toContain('id="e-meetings"');
    expect(html).toMatch(/<input type="radio" name="check-ins" value="digest" checked=""/);
    expect(html).toMatch(/<input type="radio" name="chat" value="off" checked=""/);
    const saved = await env.DB.prepare("SELECT count(*) AS n FROM notification_prefs WHERE person_id = ?")
      .bind(id)
      .first<{ n: number }>();
    expect(saved!.n).toBe(0);
  });
});

// ---- Weekly digest -------------------------------------------------------------------------------------------------

describe("weekly digest", () => {
  it("lists each person's waiting notifications in one mail, marks them sent, and sends nothing twice", async () => {
    // Earlier tests in this file left digest mail waiting: not what this test counts.
    await env.DB.prepare("UPDATE notifications SET status = 'skipped' WHERE status = 'digest'").run();
    const now = Date.now();
    const a = await person("d-a@example.org", { name: "Ada" });
    const b = await person("d-b@example.org", { name: "Bo" });
    for (const c of ["meetings", "chat", "program"]) await setPref(a, c, "digest");
    await setPref(b, "meetings", "digest");
    const items = [
      await notify(
        env,
        message(a, { subject: "Meeting moved to Thursday", link: `${ORIGIN}/pairings/p1/meetings/m1` }),
        now - 3 * DAY,
      ),
      await notify(
        env,
        message(a, { category: "chat", subject: "New message from Alex", link: `${ORIGIN}/pairings/p1/chat` }),
        now - 2 * DAY,
      ),
      await notify(
        env,
        message(a, { category: "meetings", subject: "Meeting cancelled", link: `${ORIGIN}/pairings/p1/meetings/m2` }),
        now - DAY,
      ),
      await notify(
        env,
        message(a, { category: "program", subject: "Mid-point review", text: "It is half time.", link: undefined }),
        now - DAY,
      ),
      await notify(env, message(b, { subject: "Meeting proposed" }), now - DAY),
    ];
    expect(items.map((i) => i.status)).toEqual(Array(5).fill("digest"));
    const immediate = await notify(env, message(a, { category: "reminders", subject: "Sign your agreement" }), now);

    const run = await sendDigests(env, now);
    expect(run).toMatchObject({ digests: 2, items: 5 });
    const digests = await env.DB.prepare(
      "SELECT * FROM notifications WHERE kind = 'digest' AND person_id IN (?, ?) ORDER BY to_email",
    )
      .bind(a, b)
      .all<Row>();
    expect(digests.results).toHaveLength(2);
    const [forA, forB] = digests.results;
    expect(forA!.to_email).toBe("d-a@example.org");
    expect(forA!.subject).toBe("Your weekly Trellis digest: 4 updates");
    expect(forA!.status).toBe("delivered");
    expect(forA!.body_text).toContain(
      [
        "Hello Ada,",
        "",
        "Here is what Trellis would have emailed you since your last digest:",
        "",
        "Chat messages",
        "- New message from Alex",
        `  ${ORIGIN}/pairings/p1/chat`,
        "",
        "Meetings",
        "- Meeting moved to Thursday",
        `  ${ORIGIN}/pairings/p1/meetings/m1`,
        "- Meeting cancelled",
        `  ${ORIGIN}/pairings/p1/meetings/m2`,
        "",
        "Program news",
        "- Mid-point review",
      ].join("\n"),
    );
    expect(forA!.body_text).not.toContain("Sign your agreement");
    const token = unsubscribeTokenIn(forA!.body_text);
    expect(await verifyToken(tokenSecret(env), token, "unsub", now)).toMatchObject({
      ok: true,
      claims: { u: a, s: "digest" },
    });
    expect(forB!.subject).toBe("Your weekly Trellis digest: 1 update");

    for (const i of items) expect((await row(i.id)).status).toBe("sent");
    expect((await row(immediate.id)).status).toBe("delivered");
    expect(await sendDigests(env, now + 1000)).toMatchObject({ digests: 0, items: 0 });
  });

  it("starts with what is waiting for the person now, as home lists it", async () => {
    const now = Date.now();
    const c = await person("d-w@example.org", { name: "Cleo", timeZone: "Europe/Berlin" });
    await env.DB.prepare(
      "INSERT INTO programs (id, name, type, length_weeks, cadence_days, matching_mode, created_by) VALUES ('digest-prog', 'Digest Circle', 'one-to-one', 12, 14, 'coordinator', ?1)",
    )
      .bind(c)
      .run();
    await env.DB.prepare(
      "INSERT INTO memberships (program_id, person_id, role, status) VALUES ('digest-prog', ?1, 'mentee', 'active')",
    )
      .bind(c)
      .run();
    await setPref(c, "meetings", "digest");
    await notify(env, message(c, { subject: "Meeting proposed" }), now - DAY);
    await sendDigests(env, now, ORIGIN, [c]);
    const digest = await env.DB.prepare("SELECT body_text FROM notifications WHERE kind = 'digest' AND person_id = ?")
      .bind(c)
      .first<{ body_text: string }>();
    expect(digest!.body_text).toContain(
      [
        "Hello Cleo,",
        "",
        "Waiting for you:",
        "- Finish your profile for Digest Circle",
        `  ${ORIGIN}/programs/digest-prog/welcome/availability`,
        "",
        "Here is what Trellis would have emailed you since your last digest:",
      ].join("\n"),
    );
  });

  it("drops what waits in a category turned off since, and waits for the recipient's contact hours", async () => {
    const berlinNoon = Date.UTC(2026, 10, 20, 11);
    const c = await person("d-c@example.org", { timeZone: "Australia/Sydney", start: 540, end: 1080 });
    await setPref(c, "meetings", "digest");
    await setPref(c, "chat", "digest");
    const kept = await notify(env, message(c), berlinNoon - DAY);
    const dropped = await notify(env, message(c, { category: "chat", subject: "Chat" }), berlinNoon - DAY);
    await setPref(c, "chat", "off");
    const calls = stubQstash();
    const run = await sendDigests(qstashEnv, berlinNoon);
    expect(run).toMatchObject({ digests: 1, items: 1, dropped: 1 });
    expect((await row(dropped.id)).status).toBe("skipped");
    expect((await row(kept.id)).status).toBe("sent");
    expect(calls).toHaveLength(1);
    expect(calls[0]!.headers.get("Upstash-Not-Before")).toBe(String(Date.UTC(2026, 10, 20, 22) / 1000));
    const { id } = (await calls[0]!.json()) as { id: string };
    const digest = await row(id);
    expect(digest.to_email).toBe("d-c@example.org");
    expect(digest.body_text).not.toContain("- Chat");
    // The delivery sends it with its unsubscribe headers, worked out again from the footer.
    expect(storedMailHeaders({ bodyText: digest.body_text })).toEqual({
      "List-Unsubscribe": expect.stringMatching(
        /^<https:\/\/trellis\.test\/unsubscribe\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+>$/,
      ),
      "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    });
  });
});
