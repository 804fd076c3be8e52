import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { sha256Hex } from "../../worker/domain/random-secrets";
import { Browser, createPerson, latestLoginToken } from "../helpers";

const countMail = async (to: string) =>
  (await env.DB.prepare("SELECT COUNT(*) AS n FROM notifications WHERE to_email = ?").bind(to).first<{ n: number }>())!
    .n;

describe("sign-in by email link", () => {
  it("mails a single-use link whose GET shows a button and whose POST signs in", async () => {
    await createPerson("ada@example.org", { name: "Ada" });
    const b = new Browser();
    await b.get("/signin");
    const sent = await b.post("/signin", { email: " Ada@Example.org " });
    expect(sent.status).toBe(303);
    expect(sent.headers.get("Location")).toBe("/signin/sent?email=ada%40example.org");

    const token = await latestLoginToken("ada@example.org");
    const stored = await env.DB.prepare(
      "SELECT token_hash, expires_at - created_at AS ttl FROM login_tokens WHERE email = ?",
    )
      .bind("ada@example.org")
      .first<{ token_hash: string; ttl: number }>();
    expect(stored!.token_hash).toBe(await sha256Hex(token));
    expect(stored!.token_hash).not.toContain(token);
    expect(stored!.ttl).toBe(15 * 60_000);

    // A mail scanner prefetching the link twice consumes nothing.
    for (let i = 0; i < 2; i++) {
      const page = await b.get(`/auth/verify?token=${token}`);
      expect(page.res.status).toBe(200);
      expect(page.html).toContain("ada@example.org");
      expect(page.html).toContain('<button type="submit">Sign in</button>');
    }
    expect(b.cookies.has("__Host-sid")).toBe(false);

    const res = await b.post("/auth/verify", { token });
    expect(res.status).toBe(303);
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith("__Host-sid="))!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/Secure/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).toMatch(/Path=\//);
    expect(cookie).not.toMatch(/Domain=/i);
    const sessionRow = await env.DB.prepare("SELECT id_hash FROM sessions").first<{ id_hash: string }>();
    expect(sessionRow!.id_hash).toBe(await sha256Hex(b.cookies.get("__Host-sid")!));

    const home = await b.get("/");
    expect(home.html).toContain("Welcome, Ada");
    expect(home.html).toContain("Sign out");
  });

  it("refuses a reused link", async () => {
    await createPerson("reuse@example.org");
    const b = new Browser();
    await b.post("/signin", { email: "reuse@example.org" });
    const token = await latestLoginToken("reuse@example.org");
    expect((await b.post("/auth/verify", { token })).status).toBe(303);

    const again = new Browser();
    await again.get("/");
    const res = await again.post("/auth/verify", { token });
    expect(res.status).toBe(410);
    expect(await res.text()).toContain("already been used");
    expect(again.cookies.has("__Host-sid")).toBe(false);
    const page = await again.get(`/auth/verify?token=${token}`);
    expect(page.res.status).toBe(410);
  });

  it("signs in once when the same link is posted many times at once", async () => {
    await createPerson("reuse-race@example.org");
    const b = new Browser();
    await b.post("/signin", { email: "reuse-race@example.org" });
    const token = await latestLoginToken("reuse-race@example.org");
    const browsers = Array.from({ length: 8 }, () => new Browser());
    await Promise.all(browsers.map((x) => x.get("/")));
    const statuses = await Promise.all(browsers.map((x) => x.post("/auth/verify", { token }).then((r) => r.status)));
    expect(statuses.sort()).toEqual([303, 410, 410, 410, 410, 410, 410, 410]);
    expect(browsers.filter((x) => x.cookies.has("__Host-sid"))).toHaveLength(1);
    const sessions = await env.DB.prepare(
      "SELECT count(*) AS n FROM sessions WHERE person_id = (SELECT id FROM people WHERE email = ?1)",
    )
      .bind("reuse-race@example.org")
      .first<{ n: number }>();
    expect(sessions!.n).toBe(1);
  });

  it("refuses an expired link", async () => {
    await createPerson("late@example.org");
    const b = new Browser();
    await b.post("/signin", { email: "late@example.org" });
    const token = await latestLoginToken("late@example.org");
    await env.DB.prepare("UPDATE login_tokens SET expires_at = ? WHERE token_hash = ?")
      .bind(Date.now() - 1, await sha256Hex(token))
      .run();

    const page = await b.get(`/auth/verify?token=${token}`);
    expect(page.res.status).toBe(410);
    expect(page.html).toContain("expired");
    const res = await b.post("/auth/verify", { token });
    expect(res.status).toBe(410);
    expect(b.cookies.has("__Host-sid")).toBe(false);
  });

  it("refuses forged and malformed links without an error page", async () => {
    const b = new Browser();
    for (const token of ["A".repeat(43), "not-a-token", "", "'; DROP TABLE sessions; --"]) {
      const page = await b.get(`/auth/verify?token=${encodeURIComponent(token)}`);
      expect(page.res.status).toBe(404);
      expect(page.html).toContain("not valid");
      const res = await b.post("/auth/verify", { token });
      expect(res.status).toBe(404);
    }
    expect(b.cookies.has("__Host-sid")).toBe(false);
  });

  it("answers unknown addresses exactly like known ones, without sending mail", async () => {
    const b = new Browser();
    const res = await b.post("/signin", { email: "nobody@example.org" });
    expect(res.status).toBe(303);
    expect(await countMail("nobody@example.org")).toBe(0);
  });

  it("keeps what was typed and explains a bad address", async () => {
    const b = new Browser();
    const res = await b.post("/signin", { email: "not an email" });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain("Enter an email address like name@example.org.");
    expect(html).toContain('value="not an email"');
  });

  it("answers htmx with a fragment", async () => {
    await createPerson("fragment@example.org");
    const b = new Browser();
    const res = await b.post("/signin", { email: "fragment@example.org" }, { "HX-Request": "true" });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("Check your email");
    expect(html).not.toContain("<html");
  });

  it("redirects only to same-site paths after sign-in", async () => {
    await createPerson("next@example.org");
    const b = new Browser();
    await b.post("/signin", { email: "next@example.org", next: "//evil.example/x" });
    const token = await latestLoginToken("next@example.org");
    const res = await b.post("/auth/verify", { token, next: "https://evil.example/" });
    expect(res.headers.get("Location")).toBe("/");
  });

  it("signs out and forgets the session", async () => {
    await createPerson("bye@example.org");
    const b = new Browser();
    await b.signIn("bye@example.org");
    const sid = b.cookies.get("__Host-sid")!;
    const res = await b.post("/signout", {});
    expect(res.status).toBe(303);
    const row = await env.DB.prepare("SELECT COUNT(*) AS n FROM sessions WHERE id_hash = ?")
      .bind(await sha256Hex(sid))
      .first<{ n: number }>();
    expect(row!.n).toBe(0);
    expect((await b.get("/")).html).not.toContain("Sign out");
  });

  it("treats an expired session as a visitor", async () => {
    await createPerson("old@example.org");
    const b = new Browser();
    await b.signIn("old@example.org");
    await env.DB.prepare("UPDATE sessions SET expires_at = 1").run();
    expect((await b.get("/")).html).toContain("Sign in with your email");
  });
});

describe("sign-in rate limits", () => {
  it("limits links per address with a clear message and the address kept", async () => {
    await createPerson("busy@example.org");
    const b = new Browser();
    for (let i = 0; i < 3; i++) expect((await b.post("/signin", { email: "busy@example.org" })).status).toBe(303);
    const res = await b.post("/signin", { email: "busy@example.org" });
    expect(res.status).toBe(429);
    expect(res.headers.get("Retry-After")).toMatch(/^\d+$/);
    const html = await res.text();
    expect(html).toContain("Too many sign-in links were asked for");
    expect(html).toContain('value="busy@example.org"');
    expect(await countMail("busy@example.org")).toBe(3);
  });

  it("holds the per-address limit exactly when many requests arrive at once", async () => {
    await createPerson("burst@example.org");
    const browsers = Array.from({ length: 12 }, () => new Browser());
    await Promise.all(browsers.map((b) => b.get("/")));
    const statuses = await Promise.all(
      browsers.map((b, i) =>
        b
          .post("/signin", { email: "burst@example.org" }, { "CF-Connecting-IP": `198.51.100.${i}` })
          .then((r) => r.status),
      ),
    );
    expect(statuses.filter((s) => s === 303)).toHaveLength(3);
    expect(statuses.filter((s) => s === 429)).toHaveLength(9);
    expect(await countMail("burst@example.org")).toBe(3);
  });

  it("holds the per-client limit exactly when many requests arrive at once", async () => {
    const browsers = Array.from({ length: 30 }, () => new Browser());
    await Promise.all(browsers.map((b) => b.get("/")));
    const ip = { "CF-Connecting-IP": "203.0.113.99" };
    const statuses = await Promise.all(
      browsers.map((b, i) => b.post("/signin", { email: `burst${i}@example.org` }, ip).then((r) => r.status)),
    );
    expect(statuses.filter((s) => s === 303)).toHaveLength(20);
    expect(statuses.filter((s) => s === 429)).toHaveLength(10);
  });

  it("limits links per client across addresses", async () => {
    const b = new Browser();
    const ip = { "CF-Connecting-IP": "203.0.113.7" };
    for (let i = 0; i < 20; i++) expect((await b.post("/signin", { email: `x${i}@example.org` }, ip)).status).toBe(303);
    expect((await b.post("/signin", { email: "x99@example.org" }, ip)).status).toBe(429);
    expect((await b.post("/signin", { email: "x99@example.org" }, { "CF-Connecting-IP": "203.0.113.8" })).status).toBe(
      303,
    );
  });
});

describe("CSRF", () => {
  it("rejects writes without, or with a wrong, token or from another origin", async () => {
    await createPerson("csrf@example.org");
    const b = new Browser();
    await b.signIn("csrf@example.org");
    const noToken = await b.fetch("/signout", {
      method: "POST",
      body: new URLSearchParams({}),
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
    });
    expect(noToken.status).toBe(403);
    expect(await noToken.text()).toContain("That form has expired");
    expect((await b.post("/signout", { _csrf: "A".repeat(43) })).status).toBe(403);
    expect((await b.post("/signout", {}, { Origin: "https://evil.example" })).status).toBe(403);
    expect((await b.get("/")).html).toContain("Sign out");

    const stranger = new Browser();
    await stranger.get("/");
    stranger.cookies.set("__Host-sid", b.cookies.get("__Host-sid")!);
    expect((await stranger.post("/signout", { _csrf: b.csrf })).status).toBe(403);
    expect((await b.get("/")).html).toContain("Sign out");
  });

  it("binds the token to the session: another visitor's cookie and token are refused, and sign-in and sign-out rotate it", async () => {
    await createPerson("bound@example.org");
    const victim = new Browser();
    await victim.signIn("bound@example.org");
    const attacker = new Browser();
    await attacker.get("/");
    // The victim's session with the attacker's own CSRF cookie and token (a swapped, planted or fixated token).
    const swapped = new Browser();
    swapped.cookies.set("__Host-sid", victim.cookies.get("__Host-sid")!);
    swapped.cookies.set("__Host-csrf", attacker.csrf);
    expect((await swapped.post("/signout", { _csrf: attacker.csrf })).status).toBe(403);
    expect((await victim.get("/")).html).toContain("Sign out");

    // The pre-session token stops working at sign-in; the session's stops at sign-out.
    const b = new Browser();
    await b.get("/signin");
    const before = b.csrf;
    await b.signIn("bound@example.org");
    expect(b.csrf).not.toBe(before);
    const stale = new Browser();
    stale.cookies.set("__Host-sid", b.cookies.get("__Host-sid")!);
    stale.cookies.set("__Host-csrf", before);
    expect((await stale.post("/signout", { _csrf: before })).status).toBe(403);
    const during = b.csrf;
    expect((await b.post("/signout", {})).status).toBe(303);
    expect(b.csrf).not.toBe(during);
    expect(b.cookies.has("__Host-sid")).toBe(false);
  });

  it("names cookies with the __Host- prefix over https and plainly on local http", async () => {
    const https = await exports.default.fetch(new Request("https://trellis.test/signin"));
    expect(https.headers.getSetCookie().some((c) => c.startsWith("__Host-csrf="))).toBe(true);
    await https.arrayBuffer();
    const local = await exports.default.fetch(new Request("http://127.0.0.1:8787/signin"));
    const set = local.headers.getSetCookie();
    expect(set.some((c) => c.startsWith("csrf=") && !/Secure/.test(c))).toBe(true);
    await local.arrayBuffer();
  });

  it("accepts the token in the X-CSRF-Token header (htmx)", async () => {
    const b = new Browser();
    await b.get("/");
    const res = await b.fetch("/signin", {
      method: "POST",
      body: new URLSearchParams({ email: "hdr@example.org" }),
      headers: { "Content-Type": "application/x-www-form-urlencoded", "X-CSRF-Token": b.csrf },
    });
    expect(res.status).toBe(303);
  });
});
