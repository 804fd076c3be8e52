import { callWith, stubQstash } from "../qstash-stub";
import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it, vi } from "vitest";
import { Browser, createPerson } from "../helpers";

const qstashEnv = {
  ...env,
  QSTASH_TOKEN: "qstash-test-token",
  QSTASH_URL: "https://qstash.test",
  EMAIL_ENDPOINT: "https://mailer.test/send",
} as Env;

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

describe("QStash transport", () => {
  it("publishes sign-in mail with the exact request and a deduplication id", async () => {
    await createPerson("q@example.org");
    const calls = stubQstash();

    const page = await callWith("/signin", qstashEnv);
    const csrf = page.headers
      .getSetCookie()
      .find((c) => c.startsWith("__Host-csrf="))!
      .split(";")[0]!
      .slice("__Host-csrf=".length);
    const res = await callWith("/signin", qstashEnv, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: `__Host-csrf=${csrf}` },
      body: new URLSearchParams({ _csrf: csrf, email: "q@example.org" }),
    });
    expect(res.status).toBe(303);
    expect(calls).toHaveLength(1);
    const req = calls[0]!;
    expect(req.method).toBe("POST");
    expect(req.url).toBe("https://qstash.test/v2/publish/https://mailer.test/send");
    expect(req.headers.get("Authorization")).toBe("Bearer qstash-test-token");
    expect(req.headers.get("Content-Type")).toBe("application/json");
    expect(req.headers.get("Upstash-Retries")).toBe("3");
    const row = await env.DB.prepare(
      "SELECT id, status, transport FROM notifications WHERE to_email = 'q@example.org'",
    ).first<{ id: string; status: string; transport: string }>();
    expect(req.headers.get("Upstash-Deduplication-Id")).toBe(row!.id);
    expect(row!.status).toBe("sent");
    expect(row!.transport).toBe("qstash");
    // Sent now, and without callbacks: QStash could not reach us without PUBLIC_URL.
    expect(req.headers.has("Upstash-Not-Before")).toBe(false);
    expect(req.headers.has("Upstash-Callback")).toBe(false);
    const body = (await req.json()) as {
      id: string;
      to: string;
      subject: string;
      text: string;
      headers: Record<string, string>;
    };
    expect(Object.keys(body).sort()).toEqual(["headers", "id", "subject", "text", "to"]);
    expect(body.to).toBe("q@example.org");
    expect(body.id).toBe(row!.id);
    expect(body.text).toMatch(/\/auth\/verify\?token=[A-Za-z0-9_-]{43}/);
    // Sign-in mail is not optional: no unsubscribe headers, no footer.
    expect(body.headers).toEqual({});
    expect(body.text).not.toContain("/unsubscribe/");
  });

  it("asks for delivery callbacks to PUBLIC_URL's /qstash/callback when it is set", async () => {
    await createPerson("qcb@example.org");
    const calls: Request[] = [];
    vi.spyOn(globalThis, "fetch").mockImplementation(async (input, init) => {
      calls.push(new Request(input, init));
      return new Response(JSON.stringify({ messageId: "msg_2" }), { status: 201 });
    });
    const withCallbacks = { ...qstashEnv, PUBLIC_URL: "https://mentoring.example.org/" } as Env;
    const page = await callWith("/signin", withCallbacks);
    const csrf = page.headers
      .getSetCookie()
      .find((c) => c.startsWith("__Host-csrf="))!
      .split(";")[0]!
      .slice("__Host-csrf=".length);
    const res = await callWith("/signin", withCallbacks, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: `__Host-csrf=${csrf}` },
      body: new URLSearchParams({ _csrf: csrf, email: "qcb@example.org" }),
    });
    expect(res.status).toBe(303);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.headers.get("Upstash-Callback")).toBe("https://mentoring.example.org/qstash/callback");
    expect(calls[0]!.headers.get("Upstash-Failure-Callback")).toBe("https://mentoring.example.org/qstash/callback");
  });

  it("records a failed publish without failing the request", async () => {
    await createPerson("qfail@example.org");
    vi.spyOn(globalThis, "fetch").mockResolvedValue(new Response("no", { status: 500 }));
    const page = await callWith("/signin", qstashEnv);
    const csrf = page.headers
      .getSetCookie()
      .find((c) => c.startsWith("__Host-csrf="))!
      .split(";")[0]!
      .slice("__Host-csrf=".length);
    const res = await callWith("/signin", qstashEnv, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: `__Host-csrf=${csrf}` },
      body: new URLSearchParams({ _csrf: csrf, email: "qfail@example.org" }),
    });
    expect(res.status).toBe(303);
    const row = await env.DB.prepare(
      "SELECT status, error FROM notifications WHERE to_email = 'qfail@example.org'",
    ).first<{ status: string; error: string }>();
    expect(row!.status).toBe("failed");
    expect(row!.error).toContain("500");
  });
});
