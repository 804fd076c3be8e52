/**
 * The coordinator's API tokens page: create (the secret shown once, then only its hash kept), a clear error with the
 * typed name kept, revoke, CSRF on every write, only the program's coordinators, and a page under 14 KB gzip.
 */
import { env, exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "../../worker/demo/seed";
import { DEMO_COORDINATOR, DEMO_SPRING_MENTEES } from "../../worker/demo/people";
import { DEMO_SPRING_PROGRAM_ID } from "../../worker/demo/spring-ids";
import { gzipSize, ORIGIN, signedIn } from "../helpers";

const page = `/programs/${DEMO_SPRING_PROGRAM_ID}/api-tokens`;

beforeAll(async () => {
  await seedDemo(env);
});

describe("API tokens page", () => {
  it("creates a token whose secret is shown once and works on the API", async () => {
    const b = await signedIn(DEMO_COORDINATOR.email);
    const { res, html } = await b.get(page);
    expect(res.status).toBe(200);
    expect(html).toContain('maxlength="80"');
    // Where an identity provider provisions people from (SCIM), with one of these tokens.
    expect(html).toMatch(/<code>https?:\/\/[^<]+\/scim\/v2<\/code>/);
    expect(await gzipSize(html)).toBeLessThan(14 * 1024);
    const created = await b.post(page, { name: "HR sync", scope: "write", days: "30" });
    expect(created.status).toBe(200);
    expect(created.headers.get("Cache-Control")).toBe("no-store");
    const body = await created.text();
    const secret = body.match(/trl_[A-Za-z0-9_-]{40,}/)?.[0];
    expect(secret).toBeDefined();
    const api = await exports.default.fetch(
      new Request(`${ORIGIN}/api/v1/programs/${DEMO_SPRING_PROGRAM_ID}/dashboard`, {
        headers: { Authorization: `Bearer ${secret}` },
      }),
    );
    expect(api.status).toBe(200);
    const again = await b.get(page);
    expect(again.html).not.toContain(secret!);
    expect(again.html).toContain("HR sync");
    const audit = await env.DB.prepare(
      "SELECT count(*) AS n FROM audit_log WHERE action = 'api.token.create' AND program_id = ?",
    )
      .bind(DEMO_SPRING_PROGRAM_ID)
      .first<{ n: number }>();
    expect(audit!.n).toBe(1);
  });

  it("shows token creation and API calls in the program's audit log", async () => {
    const b = await signedIn(DEMO_COORDINATOR.email);
    const { res, html } = await b.get(`/programs/${DEMO_SPRING_PROGRAM_ID}/audit`);
    expect(res.status).toBe(200);
    expect(html).toContain("Created an API token");
    expect(html).toContain("Used an API token");
  });

  it("keeps what was typed and says what is wrong", async () => {
    const b = await signedIn(DEMO_COORDINATOR.email);
    const res = await b.post(page, { name: "   ", scope: "admin", days: "7" });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain("Give the token a name of up to 80 characters.");
    expect(html).toContain("Choose when the token expires.");
    const n = await env.DB.prepare("SELECT count(*) AS n FROM api_tokens").first<{ n: number }>();
    expect(n!.n).toBe(1);
  });

  it("revokes a token, after which the API refuses it", async () => {
    const b = await signedIn(DEMO_COORDINATOR.email);
    const created = await (await b.post(page, { name: "Short-lived", scope: "read", days: "90" })).text();
    const secret = created.match(/trl_[A-Za-z0-9_-]{40,}/)![0];
    const row = await env.DB.prepare("SELECT id FROM api_tokens WHERE name = 'Short-lived'").first<{ id: string }>();
    const res = await b.post(`${page}/${row!.id}/revoke`, {});
    expect(res.status).toBe(303);
    expect(res.headers.get("Location")).toBe(`${page}?revoked=1`);
    const api = await exports.default.fetch(
      new Request(`${ORIGIN}/api/v1/programs/${DEMO_SPRING_PROGRAM_ID}/dashboard`, {
        headers: { Authorization: `Bearer ${secret}` },
      }),
    );
    expect(api.status).toBe(401);
  });

  it("refuses a write without the CSRF token, and anyone but the program's coordinators", async () => {
    const b = await signedIn(DEMO_COORDINATOR.email);
    expect((await b.post(page, { _csrf: "forged", name: "x", scope: "read", days: "30" })).status).toBe(403);
    const member = await signedIn(DEMO_SPRING_MENTEES[0]!.email);
    expect((await member.get(page)).res.status).toBe(403);
    expect((await member.post(page, { name: "x", scope: "read", days: "30" })).status).toBe(403);
  });
});
