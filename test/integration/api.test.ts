/**
 * The JSON API under /api/v1 against the seeded demo: bearer tokens only (cookies refused), a token of one program
 * refused on another and on pages, scopes, problem details, cursor pagination and updated-since, participants written,
 * each call audited, and no private content in any answer.
 */
import { env, exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { createApiToken, revokeApiToken } from "../../worker/api/tokens";
import { seedDemo } from "../../worker/demo/seed";
import { DEMO_SPRING_PROGRAM_ID as DEMO_PROGRAM_ID } from "../../worker/demo/spring-ids";
import { DEMO_SELF_MATCH_PROGRAM_ID } from "../../worker/demo/seed-matching";
import { DEMO_COORDINATOR } from "../../worker/demo/people";
import { ORIGIN, signedIn } from "../helpers";

const base = `/api/v1/programs/${DEMO_PROGRAM_ID}`;
let readToken = "";
let writeToken = "";
let otherToken = "";
let coordinatorId = "";

function api(path: string, token: string | null, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  if (token) headers.set("Authorization", `Bearer ${token}`);
  return exports.default.fetch(new Request(ORIGIN + path, { ...init, headers, redirect: "manual" }));
}
const json = (body: unknown) => ({
  method: "POST",
  body: JSON.stringify(body),
  headers: { "Content-Type": "application/json" },
});

beforeAll(async () => {
  await seedDemo(env);
  const row = await env.DB.prepare("SELECT id FROM people WHERE email = ?")
    .bind(DEMO_COORDINATOR.email)
    .first<{ id: string }>();
  coordinatorId = row!.id;
  const make = async (programId: string, scope: "read" | "write") =>
    (await createApiToken(env, { programId, name: `t-${scope}`, scope, days: 30, createdBy: coordinatorId })).secret;
  readToken = await make(DEMO_PROGRAM_ID, "read");
  writeToken = await make(DEMO_PROGRAM_ID, "write");
  otherToken = await make(DEMO_SELF_MATCH_PROGRAM_ID, "write");
});

describe("API authentication", () => {
  it("stores only the token's hash", async () => {
    const rows = await env.DB.prepare("SELECT token_hash FROM api_tokens").all<{ token_hash: string }>();
    for (const r of rows.results) expect(r.token_hash).toMatch(/^[0-9a-f]{64}$/);
    const dump = JSON.stringify(rows.results);
    expect(dump).not.toContain(readToken);
  });

  it("refuses a request with no bearer, even with a signed-in session cookie", async () => {
    const b = await signedIn(DEMO_COORDINATOR.email);
    const withCookie = await b.fetch(`${base}/participants`);
    expect(withCookie.status).toBe(401);
    expect(withCookie.headers.get("Content-Type")).toBe("application/problem+json");
    expect(withCookie.headers.getSetCookie()).toEqual([]);
    const p = (await withCookie.json()) as { status: number; type: string };
    expect(p.status).toBe(401);
    expect(p.type).toContain("unauthorized");
    expect((await api(`${base}/participants`, "trl_notarealtokenatallxxxxxxxxxx")).status).toBe(401);
  });

  it("refuses a token of another program, and any token on pages", async () => {
    const res = await api(`${base}/participants`, otherToken);
    expect(res.status).toBe(403);
    expect(((await res.json()) as { detail: string }).detail).toContain("another program");
    for (const page of ["/", `/programs/${DEMO_PROGRAM_ID}`, `/programs/${DEMO_PROGRAM_ID}/dashboard`, "/home"]) {
      const r = await api(page, readToken);
      expect(r.status, page).toBe(401);
      await r.arrayBuffer();
    }
  });

  it("refuses writes with a read-only token, and a revoked or unknown path", async () => {
    const res = await api(`${base}/participants`, readToken, json({ email: "x@example.org", role: "mentee" }));
    expect(res.status).toBe(403);
    expect((await api("/api/v1/nothing", readToken)).status).toBe(404);
    const t = await createApiToken(env, {
      programId: DEMO_PROGRAM_ID,
      name: "short",
      scope: "read",
      days: 30,
      createdBy: coordinatorId,
    });
    expect((await api(`${base}/dashboard`, t.secret)).status).toBe(200);
    expect(await revokeApiToken(env, DEMO_PROGRAM_ID, t.id, coordinatorId)).toBe(true);
    expect((await api(`${base}/dashboard`, t.secret)).status).toBe(401);
  });

  it("refuses an expired token", async () => {
    const t = await createApiToken(
      env,
      { programId: DEMO_PROGRAM_ID, name: "old", scope: "read", days: 30, createdBy: coordinatorId },
      Date.now() - 31 * 86_400_000,
    );
    expect((await api(`${base}/dashboard`, t.secret)).status).toBe(401);
  });
});

describe("API reads", () => {
  it("pages through participants with a cursor, each once", async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await api(`${base}/participants?limit=3${cursor ? `&cursor=${cursor}` : ""}`, readToken);
      expect(res.status).toBe(200);
      const page = (await res.json()) as { data: { id: string; roles: unknown[] }[]; next_cursor: string | null };
      expect(page.data.length).toBeLessThanOrEqual(3);
      seen.push(...page.data.map((p) => p.id));
      cursor = page.next_cursor;
    } while (cursor);
    const total = await env.DB.prepare(
      `SELECT count(DISTINCT m.person_id) AS n FROM memberships m JOIN people p ON p.id = m.person_id
       WHERE m.program_id = ? AND m.role IN ('mentor', 'mentee') AND p.deleted_at IS NULL`,
    )
      .bind(DEMO_PROGRAM_ID)
      .first<{ n: number }>();
    expect(seen.length).toBe(total!.n);
    expect(new Set(seen).size).toBe(seen.length);
  });

  it("answers a bad query as problem details naming the field", async () => {
    const res = await api(`${base}/participants?updated_since=yesterday`, readToken);
    expect(res.status).toBe(422);
    const p = (await res.json()) as { errors: { pointer: string }[] };
    expect(p.errors[0]!.pointer).toBe("/updated_since");
    expect((await api(`${base}/participants?cursor=%%%`, readToken)).status).toBe(422);
  });

  it("lists pairings with members and stage, never private content", async () => {
    const res = await api(`${base}/pairings?limit=200`, readToken);
    const page = (await res.json()) as { data: { id: string; members: unknown[]; stage: string }[] };
    expect(page.data.length).toBeGreaterThan(0);
    expect(page.data[0]!.members.length).toBeGreaterThan(1);
    const one = await api(`${base}/pairings/${page.data[0]!.id}`, readToken);
    expect(one.status).toBe(200);
    const text = JSON.stringify(await one.json());
    expect(text).not.toMatch(/message|note|agreement_text|comment|body/i);
  });

  it("filters pairings and meetings by updated_since", async () => {
    const future = new Date(Date.now() + 86_400_000).toISOString();
    for (const list of ["pairings", "meetings", "checkin-answers", "participants"]) {
      const res = await api(`${base}/${list}?updated_since=${future}`, readToken);
      expect(res.status, list).toBe(200);
      expect(((await res.json()) as { data: unknown[] }).data, list).toEqual([]);
    }
  });

  it("answers check-in answers without comments, meetings without titles, and the dashboard", async () => {
    const answers = (await (await api(`${base}/checkin-answers`, readToken)).json()) as { data: object[] };
    for (const a of answers.data)
      expect(Object.keys(a).sort()).toEqual([
        "answer",
        "answered_at",
        "checkin_id",
        "milestone",
        "pairing_id",
        "person_id",
      ]);
    const meetings = (await (await api(`${base}/meetings`, readToken)).json()) as { data: object[] };
    for (const m of meetings.data) expect(m).not.toHaveProperty("title");
    const dash = (await (await api(`${base}/dashboard`, readToken)).json()) as { pairings: number };
    expect(dash.pairings).toBeGreaterThan(0);
    expect(answers.data.length).toBeGreaterThan(0);
    expect(meetings.data.length).toBeGreaterThan(0);
  });

  it("refuses another program's pairing by id", async () => {
    const other = await env.DB.prepare("SELECT id FROM pairings WHERE program_id != ? LIMIT 1")
      .bind(DEMO_PROGRAM_ID)
      .first<{ id: string }>();
    if (other) expect((await api(`${base}/pairings/${other.id}`, readToken)).status).toBe(404);
  });
});

describe("API writes", () => {
  it("creates, renames and deactivates a participant, auditing each call", async () => {
    const created = await api(
      `${base}/participants`,
      writeToken,
      json({ email: "New.Hire@Example.org", name: "New Hire", role: "mentee", time_zone: "Africa/Nairobi" }),
    );
    expect(created.status).toBe(201);
    const p = (await created.json()) as { id: string; email: string; roles: { role: string; status: string }[] };
    expect(p.email).toBe("new.hire@example.org");
    expect(p.roles).toEqual([{ role: "mentee", status: "invited" }]);
    const again = await api(
      `${base}/participants`,
      writeToken,
      json({ email: "new.hire@example.org", role: "mentee" }),
    );
    expect(again.status).toBe(200);

    const renamed = await api(`${base}/participants/${p.id}`, writeToken, {
      method: "PATCH",
      body: JSON.stringify({ name: "Renamed Hire" }),
      headers: { "Content-Type": "application/json" },
    });
    expect(renamed.status).toBe(200);
    expect(((await renamed.json()) as { name: string }).name).toBe("Renamed Hire");

    const gone = await api(`${base}/participants/${p.id}/deactivate`, writeToken, { method: "POST" });
    expect(gone.status).toBe(200);
    expect((await api(`${base}/participants/${p.id}`, readToken)).status).toBe(404);

    const audited = await env.DB.prepare(
      "SELECT detail FROM audit_log WHERE action = 'api.request' AND subject_id = ? ORDER BY at",
    )
      .bind(p.id)
      .all<{ detail: string }>();
    const details = audited.results.map((r) => JSON.parse(r.detail) as { method: string; status: number });
    expect(details.map((d) => `${d.method} ${d.status}`)).toEqual(["PATCH 200", "POST 200", "GET 404"]);
  });

  it("answers bad bodies with 415 and 422, storing nothing", async () => {
    const form = await api(`${base}/participants`, writeToken, {
      method: "POST",
      body: "email=a@b.c",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
    });
    expect(form.status).toBe(415);
    const broken = await api(`${base}/participants`, writeToken, {
      method: "POST",
      body: "{",
      headers: { "Content-Type": "application/json" },
    });
    expect(broken.status).toBe(422);
    const bad = await api(`${base}/participants`, writeToken, json({ email: "not-an-address", role: "boss" }));
    expect(bad.status).toBe(422);
    const pointers = ((await bad.json()) as { errors: { pointer: string }[] }).errors.map((e) => e.pointer).sort();
    expect(pointers).toEqual(["/email", "/role"]);
    const zone = await api(
      `${base}/participants`,
      writeToken,
      json({ email: "z@example.org", role: "mentor", time_zone: "Mars/Olympus" }),
    );
    expect(zone.status).toBe(422);
    const none = await env.DB.prepare(
      "SELECT count(*) AS n FROM people WHERE email IN ('not-an-address', 'z@example.org')",
    ).first<{ n: number }>();
    expect(none!.n).toBe(0);
  });

  it("needs no CSRF token: the bearer is the proof", async () => {
    const res = await api(`${base}/participants`, writeToken, json({ email: "csrf.free@example.org", role: "mentor" }));
    expect(res.status).toBe(201);
  });
});

describe("API rate limit", () => {
  it("answers 429 with Retry-After once a token's minute is full", async () => {
    const t = await createApiToken(env, {
      programId: DEMO_PROGRAM_ID,
      name: "busy",
      scope: "read",
      days: 30,
      createdBy: coordinatorId,
    });
    const now = Date.now();
    const tokenId = t.id;
    await env.DB.prepare(
      "INSERT INTO rate_events (bucket, at) SELECT ?, ? FROM json_each(json_array(" +
        Array(120).fill("0").join(",") +
        "))",
    )
      .bind(`api:${tokenId}`, now)
      .run();
    const res = await api(`${base}/dashboard`, t.secret);
    expect(res.status).toBe(429);
    expect(Number(res.headers.get("Retry-After"))).toBeGreaterThan(0);
  });
});
