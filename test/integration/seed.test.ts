import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { DEMO_PROGRAM_ID, seedDemo } from "../../worker/demo/seed";
import { DEMO_SELF_MATCH_PROGRAM_ID } from "../../worker/demo/seed-matching";

describe("demo seed", () => {
  it("seeds the demo cohort once and keeps later changes", async () => {
    expect(await seedDemo(env)).toBe(true);
    const counts = await env.DB.prepare("SELECT role, COUNT(*) AS n FROM memberships WHERE program_id = ? GROUP BY role ORDER BY role").bind(DEMO_PROGRAM_ID).all<{ role: string; n: number }>();
    expect(counts.results).toEqual([
      { role: "coordinator", n: 2 },
      { role: "mentee", n: 12 },
      { role: "mentor", n: 7 },
    ]);
    const zones = await env.DB.prepare("SELECT DISTINCT time_zone AS tz FROM people").all<{ tz: string }>();
    for (const tz of ["Europe/Berlin", "America/New_York", "Asia/Kolkata", "Australia/Sydney", "Africa/Lagos"]) {
      expect(zones.results.map((r) => r.tz)).toContain(tz);
    }
    const noAvailability = await env.DB.prepare("SELECT COUNT(*) AS n FROM people WHERE email LIKE 'ment%' AND availability = '[]'").first<{ n: number }>();
    expect(noAvailability!.n).toBe(0);

    const run = await env.DB.prepare("SELECT id, status FROM match_runs WHERE program_id = ?").bind(DEMO_PROGRAM_ID).first<{ id: string; status: string }>();
    expect(run!.status).toBe("staged");
    const staged = await env.DB.prepare("SELECT COUNT(*) AS n, MIN(score) AS low FROM match_proposals WHERE run_id = ? AND approved = 0").bind(run!.id).first<{ n: number; low: number }>();
    expect(staged!.n).toBeGreaterThanOrEqual(10);
    expect(staged!.low).toBeGreaterThan(0);
    const request = await env.DB.prepare("SELECT mentee_id, mentor_id, status, expires_at > ? AS open FROM match_requests WHERE program_id = ?").bind(Date.now(), DEMO_SELF_MATCH_PROGRAM_ID).all();
    expect(request.results).toEqual([{ mentee_id: "demo-mentee6", mentor_id: "demo-mentor7", status: "pending", open: 1 }]);

    await env.DB.prepare("UPDATE people SET name = 'Changed' WHERE email = 'mentor1@example.org'").run();
    await env.DB.prepare("DELETE FROM memberships WHERE person_id = 'demo-mentee12'").run();
    expect(await seedDemo(env)).toBe(false);
    expect((await env.DB.prepare("SELECT name FROM people WHERE email = 'mentor1@example.org'").first<{ name: string }>())!.name).toBe("Changed");
    expect((await env.DB.prepare("SELECT COUNT(*) AS n FROM memberships WHERE person_id = 'demo-mentee12'").first<{ n: number }>())!.n).toBe(0);
    expect((await env.DB.prepare("SELECT COUNT(*) AS n FROM match_runs").first<{ n: number }>())!.n).toBe(1);
  });
});
