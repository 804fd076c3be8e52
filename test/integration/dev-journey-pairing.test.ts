import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { Browser } from "../helpers";

describe("POST /dev/journey-pairing", () => {
  it("makes a test pairing whose agreement falls due in the asked seconds, with its people and program", async () => {
    const browser = new Browser();
    await browser.get("/");
    const before = Date.now();
    const res = await browser.post("/dev/journey-pairing", { agreement_due_in: "600" });
    expect(res.status).toBe(201);
    const made = (await res.json()) as {
      pairingId: string;
      createdAt: number;
      agreementDueAt: number;
      journeyStarted: boolean;
      members: { id: string; email: string }[];
    };
    expect(Object.keys(made)).toEqual(["pairingId", "createdAt", "agreementDueAt", "journeyStarted", "members"]);
    expect(made.agreementDueAt - made.createdAt).toBe(2 * 86_400_000);
    expect(made.agreementDueAt).toBeGreaterThanOrEqual(before + 600_000);
    expect(made.members).toHaveLength(2);
    const pairing = await env.DB.prepare("SELECT program_id, source, stage, created_at FROM pairings WHERE id = ?1")
      .bind(made.pairingId)
      .first();
    expect(pairing).toEqual({
      program_id: "dev-journey-test",
      source: "matching",
      stage: "onboarding",
      created_at: made.createdAt,
    });
    const people = await env.DB.prepare(
      "SELECT p.id, p.email, p.time_zone, p.contact_start, p.contact_end, m.role FROM pairing_members m JOIN people p ON p.id = m.person_id WHERE m.pairing_id = ?1 ORDER BY m.role",
    )
      .bind(made.pairingId)
      .all();
    expect(people.results.map((r) => [r.role, r.time_zone, r.contact_start, r.contact_end])).toEqual([
      ["mentee", "UTC", 0, 1440],
      ["mentor", "UTC", 0, 1440],
    ]);
    const program = await env.DB.prepare(
      "SELECT name, type, length_weeks, cadence_days, matching_mode, milestone_template, created_by FROM programs WHERE id = 'dev-journey-test'",
    ).first<{ milestone_template: string; created_by: string }>();
    expect(JSON.parse(program!.milestone_template).agreementDays).toBe(2);
    expect(program!.created_by).toBe("dev-journey-coordinator");
    const memberships = await env.DB.prepare(
      "SELECT person_id, role, status FROM memberships WHERE program_id = 'dev-journey-test' ORDER BY role, person_id",
    ).all();
    expect(memberships.results).toHaveLength(3);

    // A second pairing reuses the program and its coordinator.
    const again = await browser.post("/dev/journey-pairing", { agreement_due_in: "60" });
    expect(again.status).toBe(201);
    const count = await env.DB.prepare(
      "SELECT count(*) AS n FROM memberships WHERE program_id = 'dev-journey-test'",
    ).first<{
      n: number;
    }>();
    expect(count!.n).toBe(5);
  });

  it("refuses a due time outside 1 to 86400 seconds", async () => {
    const browser = new Browser();
    await browser.get("/");
    const res = await browser.post("/dev/journey-pairing", { agreement_due_in: "0" });
    expect(res.status).toBe(422);
  });
});
